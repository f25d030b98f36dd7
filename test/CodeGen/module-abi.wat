;; The module-level ABI: every function takes the vmctx first, multi-value
;; results are returned as a struct, the descriptor lists imports and
;; exports, and each signature gets one array-call trampoline.
;; RUN: %wasm-tools parse %s -o %t.wasm
;; RUN: %weld compile --core %t.wasm --emit=llvm-ir -O0 -o - | FileCheck %s

;; CHECK-DAG: @"sig.ii:i" = private constant [5 x i8] c"ii:i\00"
;; CHECK-DAG: @weld_module = constant { i32, i32, i32, i32, ptr, ptr, ptr } { i32 {{[0-9]+}}, i32 {{[0-9]+}}, i32 2, i32 3,
(module
  (import "env" "add" (func $add (param i32 i32) (result i32)))
  (import "env" "g" (global $g (mut i64)))
  (func (export "swap") (param i32 i64) (result i64 i32)
    (local.get 1) (local.get 0))
  (func (export "call") (param i32) (result i32)
    (call $add (local.get 0) (i32.const 1)))
  (global (export "h") i32 (i32.const 7))
)
;; CHECK-LABEL: define internal tailcc { i64, i32 } @wasm.f1(ptr %0, i32 %1, i64 %2)
;; CHECK: insertvalue { i64, i32 }
;; CHECK-LABEL: define internal tailcc i32 @wasm.f2(ptr %0, i32 %1)
;; An import is called through its funcref record: code, then vmctx.
;; CHECK: load ptr, ptr %{{.*}}, align 8, !tbaa !{{[0-9]+}}, !invariant.load
;; CHECK: call i32 %{{.*}}(ptr %{{.*}}, i32 %{{.*}}, i32 1)
;; CHECK: define internal void @wasm.init(ptr %0, ptr %1)
;; CHECK: define internal void @"wasm.call.iI:Ii"(ptr %0, ptr %1)
