;; The scalar instructions whose wasm semantics need more than one LLVM
;; instruction: masked shifts, rotates as funnel shifts, checked division,
;; saturating and trapping conversions, fmin/fmax and nearest.
;; RUN: %wasm-tools parse %s -o %t.wasm
;; RUN: %weld compile --core %t.wasm --emit=llvm-ir -O0 -o - | FileCheck %s

(module
  ;; CHECK-LABEL: define internal tailcc i32 @wasm.f0(ptr %0, i32 %1, i32 %2)
  ;; CHECK: and i32 %{{.*}}, 31
  ;; CHECK: shl i32
  (func (export "shl") (param i32 i32) (result i32)
    (i32.shl (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: @wasm.f1(
  ;; CHECK: call i64 @llvm.fshl.i64
  (func (export "rotl") (param i64 i64) (result i64)
    (i64.rotl (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: @wasm.f2(
  ;; CHECK: icmp eq i32 %{{.*}}, 0
  ;; CHECK: call void @weld_trap(ptr %0, i32 2)
  ;; CHECK: icmp eq i32 %{{.*}}, -2147483648
  ;; CHECK: call void @weld_trap(ptr %0, i32 3)
  ;; CHECK: sdiv i32
  (func (export "div_s") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: @wasm.f3(
  ;; CHECK: call i32 @llvm.fptosi.sat.i32.f32
  (func (export "sat") (param f32) (result i32)
    (i32.trunc_sat_f32_s (local.get 0)))
  ;; CHECK-LABEL: @wasm.f4(
  ;; CHECK: fcmp uno double
  ;; CHECK: call void @weld_trap(ptr %0, i32 4)
  ;; CHECK: fcmp ogt double %{{.*}}, -1.000000e+00
  ;; CHECK: fcmp olt double %{{.*}}, 0x41F0000000000000
  ;; CHECK: fptoui double
  (func (export "trunc_u") (param f64) (result i32)
    (i32.trunc_f64_u (local.get 0)))
  ;; CHECK-LABEL: @wasm.f5(
  ;; CHECK: call float @llvm.minimum.f32
  (func (export "min") (param f32 f32) (result f32)
    (f32.min (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: @wasm.f6(
  ;; CHECK: call double @llvm.roundeven.f64
  (func (export "nearest") (param f64) (result f64)
    (f64.nearest (local.get 0)))
)
