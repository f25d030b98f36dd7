;; The strings and lists an adapter allocates in native memory for a host
;; import's arguments are freed once the host function returns: the string,
;; every string of the list, then the list itself.
;; RUN: %wasm-tools parse %s -o %t.wasm
;; RUN: %weld compile %t.wasm --emit=llvm-ir -O0 -o - | FileCheck %s
;; CHECK-LABEL: define internal void @adapter.0(
;; CHECK: call void %{{.*}}(ptr %{{.*}}, ptr %{{.*}}, ptr %{{.*}})
;; CHECK: call void @weld_component_free(
;; CHECK: each.body:
;; CHECK: call void @weld_component_free(
;; CHECK: each.exit:
;; CHECK: call void @weld_component_free(
;; CHECK: ret void
(component
  (import "log" (func $log (param "msg" string) (param "tags" (list string))))
  (core module $m
    (memory (export "memory") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 64)
  )
  (core instance $i (instantiate $m))
  (core func $log' (canon lower (func $log) (memory (core memory $i "memory"))
    (realloc (core func $i "realloc"))))
  (core module $n
    (import "host" "log" (func $log (param i32 i32 i32 i32)))
    (func (export "run") (call $log (i32.const 0) (i32.const 0)
                                    (i32.const 0) (i32.const 0)))
  )
  (core instance $j (instantiate $n (with "host" (instance (export "log" (func $log'))))))
  (func (export "run") (canon lift (core func $j "run")))
)
