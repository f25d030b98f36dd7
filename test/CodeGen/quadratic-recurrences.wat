;; clang's wasm output strength-reduces a quadratic index such as
;; (i + j) * (i + j + 1) / 2 into a variable that grows by a variable that
;; grows by a constant; weld rewrites it as a closed form of the iteration
;; count so that the loop vectorizes (Recurrences.cpp). The values must be
;; the same bits modulo 2^32, also when the recurrence wraps: both exports
;; are compared with wasmtime, with starting values that overflow.
;; RUN: %wasm-tools parse %s -o %t.wasm
;; RUN: %weld compile --core %t.wasm --emit=llvm-ir -O2 --target x86_64-unknown-linux-gnu -o - | FileCheck %s
;; RUN: %weld compile --core %t.wasm --emit=shared -O2 -o %t.so
;; RUN: weld-invoke %t.so fill 1000 -256 2147483632 > %t.weld
;; RUN: weld-invoke %t.so fill 37 5 3 >> %t.weld
;; RUN: weld-invoke %t.so weights 400 7 >> %t.weld
;; RUN: %wasmtime run --invoke fill %t.wasm 1000 -256 2147483632 > %t.wasmtime
;; RUN: %wasmtime run --invoke fill %t.wasm 37 5 3 >> %t.wasmtime
;; RUN: %wasmtime run --invoke weights %t.wasm 400 7 >> %t.wasmtime
;; RUN: diff %t.weld %t.wasmtime

;; The stores of the recurrence and the divisions by it are vector code.
;; CHECK-LABEL: define internal tailcc i64 @wasm.f0(
;; CHECK: store <{{[0-9]+}} x i32>
;; CHECK-LABEL: define internal tailcc i64 @wasm.f1(
;; CHECK: fdiv <{{[0-9]+}} x double>
(module
  (memory 1)
  ;; mem[k] = q_k for k < n, where q_0 = a, q_{k+1} = q_k + d_k,
  ;; d_0 = b, d_{k+1} = d_k + 2; returns the sum of mem[0..n) as i64.
  (func (export "fill") (param $n i32) (param $a i32) (param $b i32) (result i64)
    (local $k i32) (local $sum i64)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (i32.store (i32.shl (local.get $k) (i32.const 2)) (local.get $a))
        (local.set $a (i32.add (local.get $a) (local.get $b)))
        (local.set $b (i32.add (local.get $b) (i32.const 2)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $l)))
    (local.set $k (i32.const 0))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $sum
          (i64.add (local.get $sum)
                   (i64.mul (i64.extend_i32_u (i32.load (i32.shl (local.get $k) (i32.const 2))))
                            (i64.extend_i32_u (i32.add (local.get $k) (i32.const 1))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $l)))
    (local.get $sum))
  ;; spectral-norm's column sum: s += 1 / (t + i + 1) with t the triangular
  ;; number (i + j)(i + j + 1)/2 kept as a recurrence, for j < n.
  (func (export "weights") (param $n i32) (param $i i32) (result i64)
    (local $j i32) (local $t i32) (local $d i32) (local $s f64)
    (local.set $t (i32.shr_u (i32.mul (local.get $i) (i32.add (local.get $i) (i32.const 1)))
                             (i32.const 1)))
    (local.set $d (i32.add (local.get $i) (i32.const 1)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $s
          (f64.add (local.get $s)
            (f64.div (f64.const 1)
              (f64.convert_i32_u
                (i32.add (local.get $t) (i32.add (local.get $j) (i32.const 1)))))))
        (local.set $t (i32.add (local.get $t) (local.get $d)))
        (local.set $d (i32.add (local.get $d) (i32.const 1)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $l)))
    (i64.reinterpret_f64 (local.get $s))))
