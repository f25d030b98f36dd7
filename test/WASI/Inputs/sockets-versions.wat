;; Commands importing wasi:sockets: a 0.2.x version is accepted, 0.3.0 and
;; an unknown function are refused (split by split-file).
;--- v02.wat
(component
  (import "wasi:sockets/instance-network@0.2.3" (instance
    (export "network" (type (sub resource)))
    (export "instance-network" (func (result (own 0))))))
  (core module $m (func (export "run") (result i32) i32.const 0))
  (core instance $i (instantiate $m))
  (func $run (result (result)) (canon lift (core func $i "run")))
  (instance $r (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $r))
)
;--- v03.wat
(component
  (import "wasi:sockets/instance-network@0.3.0" (instance
    (export "network" (type (sub resource)))
    (export "instance-network" (func (result (own 0))))))
  (core module $m (func (export "run") (result i32) i32.const 0))
  (core instance $i (instantiate $m))
  (func $run (result (result)) (canon lift (core func $i "run")))
  (instance $r (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $r))
)
;--- unknown.wat
(component
  (import "wasi:sockets/tcp-create-socket@0.2.0" (instance
    (export "create-tcp-socket-v2" (func))))
  (core module $m (func (export "run") (result i32) i32.const 0))
  (core instance $i (instantiate $m))
  (func $run (result (result)) (canon lift (core func $i "run")))
  (instance $r (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $r))
)
