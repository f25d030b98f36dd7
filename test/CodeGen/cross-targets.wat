;; Cross-compiling: 32-bit targets select f64 min/max (LLVM cannot expand
;; llvm.minimum.f64 without a legal i64, so weld spells it out); RISC-V,
;; whose backend has no tailcc, compiles with fastcc bodies and refuses
;; return_call with an error instead of LLVM's fatal error.
;; RUN: rm -rf %t.d && split-file %s %t.d
;; RUN: %wasm-tools parse %t.d/minmax.wat -o %t.wasm
;; RUN: %weld compile --core %t.wasm --emit=obj --target i686-linux-gnu -o %t.i686.o
;; RUN: %weld compile --core %t.wasm --emit=obj --target armv7-linux-gnueabihf -o %t.armv7.o
;; RUN: %weld compile --core %t.wasm --emit=obj --target thumbv7em-none-eabi -o %t.thumb.o
;; RUN: %weld compile --core %t.wasm --emit=obj --target aarch64-linux-gnu -o %t.aarch64.o
;; RUN: %weld compile --core %t.wasm --emit=llvm-ir --target i686-linux-gnu -o - | FileCheck %s --check-prefix=IR32
;; RUN: %weld compile --core %t.wasm --emit=obj --target riscv64-linux-gnu -o %t.rv.o
;; RUN: %weld compile --core %t.wasm --emit=llvm-ir --target riscv64-linux-gnu -o - | FileCheck %s --check-prefix=RVIR
;; RUN: %wasm-tools parse %t.d/tail.wat -o %t.tail.wasm
;; RUN: %weld compile --core %t.tail.wasm --emit=obj --target x86_64-linux-gnu -o %t.tail.o
;; RUN: not %weld compile --core %t.tail.wasm --emit=obj --target riscv64-linux-gnu -o %t.tail-rv.o 2>&1 | FileCheck %s --check-prefix=RV

;; IR32-LABEL: define {{.*}} double @wasm.f0(
;; IR32-NOT: llvm.minimum.f64
;; IR32: or i64
;; IR32-LABEL: define {{.*}} double @wasm.f1(
;; IR32-NOT: llvm.maximum.f64
;; IR32: and i64
;; RVIR: define internal fastcc double @wasm.f0(
;; RV: weld: error: {{.*}}tail.wasm: function 0: return_call is not supported for target riscv64-linux-gnu
;; RV-NOT: Stack dump

;--- minmax.wat
(module
  (func (export "min") (param f64 f64) (result f64)
    (f64.min (local.get 0) (local.get 1)))
  (func (export "max") (param f64 f64) (result f64)
    (f64.max (local.get 0) (local.get 1)))
  (func (export "minf") (param f32 f32) (result f32)
    (f32.min (local.get 0) (local.get 1))))
;--- tail.wat
(module
  (func $count (param i32) (result i32)
    (if (result i32) (local.get 0)
      (then (return_call $count (i32.sub (local.get 0) (i32.const 1))))
      (else (i32.const 0)))))
