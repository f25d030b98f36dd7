;; A call from one component into another goes through a fused adapter
;; that LLVM inlines: after optimization the caller's export computes the
;; callee's result directly (no call to the adapter or the callee remains).
;; RUN: %wasm-tools parse %s -o %t.wasm
;; RUN: %weld compile %t.wasm --emit=llvm-ir -O2 -o - | FileCheck %s
;; RUN: %weld compile %t.wasm --emit=llvm-ir -O0 -o - | FileCheck %s --check-prefix=O0

;; O0: define internal i32 @adapter.0(ptr %0, i32 %1)
;; O0: call i32 @i0.wasm.f0{{(\.entry)?}}(

;; CHECK-LABEL: define internal void @export.0(
;; CHECK-NOT: call {{.*}}@adapter.
;; CHECK-NOT: call {{.*}}@i0.wasm.f
;; CHECK: mul i32 {{.*}}, 3
;; CHECK: ret void
(component
  (component $callee
    (core module $M
      (func (export "triple") (param i32) (result i32)
        (i32.mul (local.get 0) (i32.const 3))))
    (core instance $m (instantiate $M))
    (func (export "triple") (param "x" u32) (result u32)
      (canon lift (core func $m "triple"))))
  (component $caller
    (import "triple" (func $triple (param "x" u32) (result u32)))
    (core func $t (canon lower (func $triple)))
    (core module $N
      (import "" "triple" (func $triple (param i32) (result i32)))
      (func (export "run") (param i32) (result i32)
        (i32.add (call $triple (local.get 0)) (i32.const 1))))
    (core instance $n (instantiate $N (with "" (instance (export "triple" (func $t))))))
    (func (export "run") (param "x" u32) (result u32)
      (canon lift (core func $n "run"))))
  (instance $a (instantiate $callee))
  (instance $b (instantiate $caller (with "triple" (func $a "triple"))))
  (export "run" (func $b "run")))
