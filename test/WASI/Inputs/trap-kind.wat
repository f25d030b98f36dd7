;; A command whose run traps; trap-kinds.test puts the trapping
;; expression in place of TRAP (sed).
(component
  (core module $m
    (type $t (func (result i32)))
    (type $u (func (param i32) (result i32)))
    (table 2 funcref)
    (elem (i32.const 0) $f)
    (memory 1)
    (func $f (result i32) i32.const 1)
    (func $rec (param i32) (result i32)
      (call $rec (i32.add (local.get 0) (i32.const 1))))
    (func (export "run") (result i32)
      TRAP))
  (core instance $i (instantiate $m))
  (func $run (result (result)) (canon lift (core func $i "run")))
  (instance $r (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $r))
)
