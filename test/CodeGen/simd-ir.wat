;; SIMD-128 instructions whose wasm semantics need more than one LLVM
;; vector operation: shift counts modulo the lane width, swizzle's zero
;; lanes, NaN-quieting min (spelled out except on AArch64), select-based
;; pmax, saturating narrow, the saturating truncation (x86: convert, then
;; fix the out-of-range lanes; elsewhere llvm.fptosi.sat), bitmask, the
;; exact-width memory accesses, and arithmetic with a constant operand
;; (canonicalized, or LLVM would fold x * 1.0 to an unquieted x).
;; RUN: %wasm-tools parse %s -o %t.wasm
;; RUN: %weld compile --core %t.wasm --emit=llvm-ir -O0 --target x86_64-unknown-linux-gnu -o - | FileCheck %s
;; RUN: %weld compile --core %t.wasm --emit=llvm-ir -O0 --target aarch64-unknown-linux-gnu -o - | FileCheck %s --check-prefix=A64

(module
  (memory 1)
  ;; CHECK-LABEL: define internal tailcc <2 x i64> @wasm.f0(
  ;; CHECK: and i32 %{{.*}}, 7
  ;; CHECK: shl <16 x i8>
  (func (export "shl") (param v128 i32) (result v128)
    (i8x16.shl (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: @wasm.f1(
  ;; CHECK-COUNT-16: extractelement <16 x i8>
  ;; CHECK: icmp ult <16 x i8> %{{.*}}, splat (i8 16)
  ;; CHECK: select <16 x i1> %{{.*}}, <16 x i8> %{{.*}}, <16 x i8> zeroinitializer
  (func (export "swizzle") (param v128 v128) (result v128)
    (i8x16.swizzle (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: @wasm.f2(
  ;; CHECK: fcmp olt <4 x float> [[X:%.*]], [[Y:%.*]]
  ;; CHECK: or <4 x i32>
  ;; CHECK: fcmp oeq <4 x float> [[X]], [[Y]]
  ;; CHECK: [[UNO:%.*]] = fcmp uno <4 x float> [[X]], [[Y]]
  ;; CHECK: [[SUM:%.*]] = fadd <4 x float> [[X]], [[Y]]
  ;; CHECK: select <4 x i1> [[UNO]], <4 x float> [[SUM]]
  ;; A64-LABEL: @wasm.f2(
  ;; A64: call <4 x float> @llvm.minimum.v4f32
  ;; A64: call <4 x float> @llvm.canonicalize.v4f32
  (func (export "min") (param v128 v128) (result v128)
    (f32x4.min (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: @wasm.f3(
  ;; CHECK: [[LT:%.*]] = fcmp olt <2 x double> [[A:%.*]], [[B:%.*]]
  ;; CHECK: select <2 x i1> [[LT]], <2 x double> [[B]], <2 x double> [[A]]
  (func (export "pmax") (param v128 v128) (result v128)
    (f64x2.pmax (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: @wasm.f4(
  ;; CHECK: shufflevector <8 x i16> %{{.*}}, <8 x i16> %{{.*}}, <16 x i32>
  ;; CHECK: call <16 x i16> @llvm.smax.v16i16(<16 x i16> %{{.*}}, <16 x i16> zeroinitializer)
  ;; CHECK: call <16 x i16> @llvm.smin.v16i16(<16 x i16> %{{.*}}, <16 x i16> splat (i16 255))
  ;; CHECK: trunc <16 x i16> %{{.*}} to <16 x i8>
  (func (export "narrow") (param v128 v128) (result v128)
    (i8x16.narrow_i16x8_u (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: @wasm.f5(
  ;; CHECK: [[T:%.*]] = fptosi <4 x float> [[X:%.*]] to <4 x i32>
  ;; CHECK: freeze <4 x i32> [[T]]
  ;; CHECK: fcmp oge <4 x float> [[X]], splat (float 0xC1E0000000000000)
  ;; CHECK: fcmp oge <4 x float> [[X]], splat (float 0x41E0000000000000)
  ;; CHECK: fcmp uno <4 x float> [[X]], [[X]]
  ;; A64-LABEL: @wasm.f5(
  ;; A64: call <4 x i32> @llvm.fptosi.sat.v4i32.v4f32
  (func (export "trunc") (param v128) (result v128)
    (i32x4.trunc_sat_f32x4_s (local.get 0)))
  ;; CHECK-LABEL: @wasm.f6(
  ;; CHECK: icmp slt <4 x i32> %{{.*}}, zeroinitializer
  ;; CHECK: bitcast <4 x i1> %{{.*}} to i4
  ;; CHECK: zext i4 %{{.*}} to i32
  (func (export "bitmask") (param v128) (result i32)
    (i32x4.bitmask (local.get 0)))
  ;; CHECK-LABEL: @wasm.f7(
  ;; CHECK: add nuw i64 %{{.*}}, 8
  ;; CHECK: load i64, ptr %{{.*}}, align 1
  ;; CHECK: bitcast i64 %{{.*}} to <4 x i16>
  ;; CHECK: zext <4 x i16> %{{.*}} to <4 x i32>
  (func (export "load") (param i32) (result v128)
    (v128.load16x4_u offset=8 (local.get 0)))
  ;; CHECK-LABEL: @wasm.f8(
  ;; CHECK: extractelement <16 x i8> %{{.*}}, i64 15
  ;; CHECK: store i8 %{{.*}}, ptr %{{.*}}, align 1
  (func (export "store_lane") (param i32 v128)
    (v128.store8_lane 15 (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: @wasm.f9(
  ;; CHECK: shufflevector <16 x i8> %{{.*}}, <16 x i8> %{{.*}}, <16 x i32> <i32 31, i32 0, i32 30, i32 1,
  (func (export "shuffle") (param v128 v128) (result v128)
    (i8x16.shuffle 31 0 30 1 29 2 28 3 27 4 26 5 25 6 24 7
      (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: @wasm.f10(
  ;; CHECK: fmul <2 x double>
  ;; CHECK: call <2 x double> @llvm.canonicalize.v2f64
  (func (export "mul_const") (param v128) (result v128)
    (f64x2.mul (local.get 0) (v128.const f64x2 1 1)))
)
