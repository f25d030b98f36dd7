;; A command whose core module's start function traps while the component
;; is instantiated.
(component
  (core module $m
    (func $start unreachable)
    (start $start)
    (func (export "run") (result i32) i32.const 0))
  (core instance $i (instantiate $m))
  (func $run (result (result)) (canon lift (core func $i "run")))
  (instance $r (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $r))
)
