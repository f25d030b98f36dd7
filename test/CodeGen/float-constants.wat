;; Float arithmetic with a constant operand gets llvm.canonicalize only when
;; LLVM could fold the operation to its other operand (x * 1.0, x / -1.0,
;; x - 0.0, -0.0 - x, NaN or infinite constants, in any lane), which would
;; hand back a signaling NaN unquieted. Other constants keep a real
;; operation that quiets NaNs, so they get nothing: 1.0 / x, x * 0.01,
;; x + -1.0. SIMD accesses carry the linear-memory TBAA tag as scalar ones.
;; RUN: %wasm-tools parse %s -o %t.wasm
;; RUN: %weld compile --core %t.wasm --emit=llvm-ir -O0 -o - | FileCheck %s
;; RUN: %weld compile --core %t.wasm --emit=shared -O2 -o %t.so
;; RUN: weld-invoke %t.so mul_one 9218868437227405313 | FileCheck %s --check-prefix=QUIET
;; RUN: weld-invoke %t.so mul_small 9218868437227405313 | FileCheck %s --check-prefix=QUIET
;; RUN: weld-invoke %t.so recip 9218868437227405313 | FileCheck %s --check-prefix=QUIET
;; RUN: weld-invoke %t.so sub_zero 9218868437227405313 | FileCheck %s --check-prefix=QUIET
;; RUN: weld-invoke %t.so vec_mul 9218868437227405313 | FileCheck %s --check-prefix=QUIET
;; RUN: weld-invoke %t.so vec_mul_one 9218868437227405313 | FileCheck %s --check-prefix=QUIET

;; a signaling NaN (bits 0x7ff0000000000001) comes back quiet (0x7ff8000000000001)
;; QUIET: 9221120237041090561
(module
  (memory 1)
  ;; CHECK-LABEL: define internal tailcc i64 @wasm.f0(
  ;; CHECK: fmul double
  ;; CHECK-NEXT: call double @llvm.canonicalize.f64
  (func (export "mul_one") (param i64) (result i64)
    (i64.reinterpret_f64 (f64.mul (f64.reinterpret_i64 (local.get 0)) (f64.const 1))))
  ;; CHECK-LABEL: define internal tailcc i64 @wasm.f1(
  ;; CHECK: fmul double
  ;; CHECK-NOT: canonicalize
  ;; CHECK: ret i64
  (func (export "mul_small") (param i64) (result i64)
    (i64.reinterpret_f64 (f64.mul (f64.reinterpret_i64 (local.get 0)) (f64.const 0.01))))
  ;; CHECK-LABEL: define internal tailcc i64 @wasm.f2(
  ;; CHECK: fdiv double 1.000000e+00
  ;; CHECK-NOT: canonicalize
  ;; CHECK: ret i64
  (func (export "recip") (param i64) (result i64)
    (i64.reinterpret_f64 (f64.div (f64.const 1) (f64.reinterpret_i64 (local.get 0)))))
  ;; CHECK-LABEL: define internal tailcc i64 @wasm.f3(
  ;; CHECK: fsub double
  ;; CHECK-NEXT: call double @llvm.canonicalize.f64
  (func (export "sub_zero") (param i64) (result i64)
    (i64.reinterpret_f64 (f64.sub (f64.reinterpret_i64 (local.get 0)) (f64.const 0))))
  ;; CHECK-LABEL: define internal tailcc float @wasm.f4(
  ;; CHECK: fsub float -0.000000e+00
  ;; CHECK-NEXT: call float @llvm.canonicalize.f32
  (func (export "neg_sub") (param f32) (result f32)
    (f32.sub (f32.const -0) (local.get 0)))
  ;; CHECK-LABEL: define internal tailcc float @wasm.f5(
  ;; CHECK: fadd float
  ;; CHECK-NOT: canonicalize
  ;; CHECK: ret float
  (func (export "add_minus_one") (param f32) (result f32)
    (f32.add (local.get 0) (f32.const -1)))
  ;; CHECK-LABEL: define internal tailcc i64 @wasm.f6(
  ;; CHECK: load <2 x i64>, ptr %{{.*}}, align 1, !tbaa [[MEM:![0-9]+]]
  ;; CHECK: fmul <2 x double>
  ;; CHECK-NOT: canonicalize
  ;; CHECK: store <2 x i64> %{{.*}}, ptr %{{.*}}, align 1, !tbaa [[MEM]]
  ;; CHECK: ret i64
  (func (export "vec_mul") (param i64) (result i64)
    (i64.store (i32.const 0) (local.get 0))
    (v128.store (i32.const 16)
      (f64x2.mul (v128.load (i32.const 0)) (v128.const f64x2 0.5 3)))
    (i64.load (i32.const 16)))
  ;; CHECK-LABEL: define internal tailcc i64 @wasm.f7(
  ;; CHECK: fmul <2 x double>
  ;; CHECK-NEXT: call <2 x double> @llvm.canonicalize.v2f64
  (func (export "vec_mul_one") (param i64) (result i64)
    (i64.store (i32.const 0) (local.get 0))
    (v128.store (i32.const 16)
      (f64x2.mul (v128.load (i32.const 0)) (v128.const f64x2 1 3)))
    (i64.load (i32.const 16)))
)
