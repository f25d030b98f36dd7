;; Cross-compiling: 32-bit targets select f64 min/max (LLVM cannot expand
;; llvm.minimum.f64 without a legal i64, so weld spells it out), and a
;; backend's fatal error is one error line with exit status 1, not an abort.
;; RUN: %wasm-tools parse %s -o %t.wasm
;; RUN: %weld compile --core %t.wasm --emit=obj --target i686-linux-gnu -o %t.i686.o
;; RUN: %weld compile --core %t.wasm --emit=obj --target armv7-linux-gnueabihf -o %t.armv7.o
;; RUN: %weld compile --core %t.wasm --emit=obj --target thumbv7em-none-eabi -o %t.thumb.o
;; RUN: %weld compile --core %t.wasm --emit=obj --target aarch64-linux-gnu -o %t.aarch64.o
;; RUN: %weld compile --core %t.wasm --emit=llvm-ir --target i686-linux-gnu -o - | FileCheck %s --check-prefix=IR32
;; RUN: not %weld compile --core %t.wasm --emit=obj --target riscv64-linux-gnu -o %t.rv.o 2>&1 | FileCheck %s --check-prefix=RV

;; IR32-LABEL: define {{.*}} double @wasm.f0(
;; IR32-NOT: llvm.minimum.f64
;; IR32: or i64
;; IR32-LABEL: define {{.*}} double @wasm.f1(
;; IR32-NOT: llvm.maximum.f64
;; IR32: and i64
;; RV: weld: error: {{.*}}
;; RV-NOT: Stack dump

(module
  (func (export "min") (param f64 f64) (result f64)
    (f64.min (local.get 0) (local.get 1)))
  (func (export "max") (param f64 f64) (result f64)
    (f64.max (local.get 0) (local.get 1)))
  (func (export "minf") (param f32 f32) (result f32)
    (f32.min (local.get 0) (local.get 1))))
