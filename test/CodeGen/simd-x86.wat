;; The generic vector IR of the wasm-specific SIMD instructions selects to
;; single SSE2 instructions on baseline x86-64 (no host CPU features).
;; RUN: %wasm-tools parse %s -o %t.wasm
;; RUN: %weld compile --core %t.wasm --emit=asm -O2 --target x86_64-unknown-linux-gnu -o - | FileCheck %s

(module
  ;; CHECK-LABEL: wasm.f0:
  ;; CHECK: pmaddwd
  (func (export "dot") (param v128 v128) (result v128)
    (i32x4.dot_i16x8_s (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: wasm.f1:
  ;; CHECK: pavgb
  (func (export "avgr") (param v128 v128) (result v128)
    (i8x16.avgr_u (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: wasm.f2:
  ;; CHECK: packsswb
  (func (export "narrow") (param v128 v128) (result v128)
    (i8x16.narrow_i16x8_s (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: wasm.f3:
  ;; CHECK: pmovmskb
  (func (export "bitmask") (param v128) (result i32)
    (i8x16.bitmask (local.get 0)))
  ;; CHECK-LABEL: wasm.f4:
  ;; CHECK: cvttps2dq
  ;; CHECK-NOT: cvttss2si
  ;; CHECK: ret
  (func (export "trunc_sat") (param v128) (result v128)
    (i32x4.trunc_sat_f32x4_s (local.get 0)))
  ;; CHECK-LABEL: wasm.f5:
  ;; CHECK: paddusb
  (func (export "add_sat") (param v128 v128) (result v128)
    (i8x16.add_sat_u (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: wasm.f6:
  ;; CHECK: minps
  (func (export "pmin") (param v128 v128) (result v128)
    (f32x4.pmin (local.get 0) (local.get 1)))
)
