;; A loop that sums floating-point terms must add them in program order:
;; weld lets LLVM vectorize the terms (here, the divisions) while the sum
;; stays a chain of scalar additions (an in-loop llvm.vector.reduce.fadd
;; with a scalar start), never a vector accumulator, so the bits match
;; wasmtime's. The inputs mix magnitudes so that any reassociation would
;; change the result.
;; RUN: %wasm-tools parse %s -o %t.wasm
;; RUN: %weld compile --core %t.wasm --emit=llvm-ir -O2 --target x86_64-unknown-linux-gnu -o - | FileCheck %s
;; RUN: %weld compile --core %t.wasm --emit=shared -O2 -o %t.so
;; RUN: weld-invoke %t.so sum 4000 > %t.weld
;; RUN: %wasmtime run --invoke sum %t.wasm 4000 > %t.wasmtime
;; RUN: diff %t.weld %t.wasmtime

;; CHECK-LABEL: define internal tailcc i64 @wasm.f0(
;; CHECK-NOT: phi <{{[0-9]+}} x double>
;; CHECK: fdiv <{{[0-9]+}} x double>
;; CHECK-NOT: phi <{{[0-9]+}} x double>
;; CHECK: call double @llvm.vector.reduce.fadd.v{{[0-9]+}}f64(double %
;; CHECK-NOT: phi <{{[0-9]+}} x double>
;; CHECK: ret i64
(module
  (memory 1)
  (func (export "sum") (param $n i32) (result i64)
    (local $k i32) (local $s f64)
    ;; x[k] = k * (k odd ? 1e12 : 1e-3)
    (block $done
      (loop $fill
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (f64.store
          (i32.shl (local.get $k) (i32.const 3))
          (f64.mul (f64.convert_i32_u (local.get $k))
                   (select (f64.const 1e12) (f64.const 1e-3)
                           (i32.and (local.get $k) (i32.const 1)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $fill)))
    ;; s += x[k] / (k * k + k + 1)
    (local.set $k (i32.const 0))
    (block $end
      (loop $sum
        (br_if $end (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $s
          (f64.add (local.get $s)
            (f64.mul
              (f64.div (f64.const 1)
                (f64.convert_i32_u
                  (i32.add (i32.mul (local.get $k) (i32.add (local.get $k) (i32.const 1)))
                           (i32.const 1))))
              (f64.load (i32.shl (local.get $k) (i32.const 3))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $sum)))
    (i64.reinterpret_f64 (local.get $s))))
