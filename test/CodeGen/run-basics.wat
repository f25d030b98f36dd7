;; End to end: compile to a shared object and call exports, including
;; traps, which come back to the host as errors.
;; RUN: %wasm-tools parse %s -o %t.wasm
;; RUN: %weld compile --core %t.wasm --emit=shared -o %t.so
;; RUN: weld-invoke %t.so fac 20 | FileCheck %s --check-prefix=FAC
;; RUN: weld-invoke %t.so sum 100000 | FileCheck %s --check-prefix=SUM
;; RUN: not weld-invoke %t.so div 1 0 2>&1 | FileCheck %s --check-prefix=DIV
;; RUN: not weld-invoke %t.so load 65535 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: weld-invoke %t.so load 0 | FileCheck %s --check-prefix=DATA
;; RUN: not weld-invoke %t.so runaway 2>&1 | FileCheck %s --check-prefix=STACK
;; RUN: %weld compile --core %t.wasm --emit=shared --bounds-checks=explicit -O0 -o %t.explicit.so
;; RUN: not weld-invoke %t.explicit.so load 65535 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: weld-invoke %t.explicit.so fac 20 | FileCheck %s --check-prefix=FAC

;; FAC: 2432902008176640000
;; SUM: 5000050000
;; DIV: trap: integer divide by zero
;; OOB: trap: out of bounds memory access
;; DATA: 42
;; STACK: trap: call stack exhausted
(module
  (memory 1)
  (data (i32.const 0) "\2a")
  (func $fac (export "fac") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 1))
      (else (i64.mul (local.get 0)
                     (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
  (func (export "sum") (param i64) (result i64) (local i64)
    (block $done
      (loop $l
        (br_if $done (i64.eqz (local.get 0)))
        (local.set 1 (i64.add (local.get 1) (local.get 0)))
        (local.set 0 (i64.sub (local.get 0) (i64.const 1)))
        (br $l)))
    (local.get 1))
  (func (export "div") (param i32 i32) (result i32)
    (i32.div_u (local.get 0) (local.get 1)))
  (func (export "load") (param i32) (result i32)
    (i32.load (local.get 0)))
  (func $runaway (export "runaway") (call $runaway))
)
