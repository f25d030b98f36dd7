;; In guard mode a load traps by faulting, so loads whose values the wasm
;; code discards (drop, operands left behind by br or unreachable) must not
;; be deleted by the optimizer.
;; RUN: %wasm-tools parse %s -o %t.wasm
;; RUN: %weld compile --core %t.wasm --emit=shared -O2 -o %t.so
;; RUN: not weld-invoke %t.so dropped 2>&1 | FileCheck %s
;; RUN: not weld-invoke %t.so left-by-br 2>&1 | FileCheck %s
;; RUN: not weld-invoke %t.so before-unreachable 2>&1 | FileCheck %s
;; CHECK: trap: out of bounds memory access
(module
  (memory 1)
  (func (export "dropped")
    (drop (i64.load8_u (i32.const 70000))))
  (func (export "left-by-br")
    (block
      (i32.load (i32.const 70000))
      (i32.const 1)
      (br 0)
      (drop)
      (drop)))
  (func (export "before-unreachable")
    (f64.load (i32.const 70000))
    (unreachable))
)
