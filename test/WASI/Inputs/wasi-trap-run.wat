;; A command whose run drops an output-stream handle the WASI host never
;; gave out: the host refuses the call.
(component
  (import "wasi:io/streams@0.2.0" (instance $streams
    (export "output-stream" (type (sub resource)))))
  (alias export $streams "output-stream" (type $os))
  (core func $drop (canon resource.drop $os))
  (core module $m
    (import "" "drop" (func $drop (param i32)))
    (func (export "run") (result i32)
      (call $drop (i32.const 12345))
      i32.const 0))
  (core instance $i (instantiate $m
    (with "" (instance (export "drop" (func $drop))))))
  (func $run (result (result)) (canon lift (core func $i "run")))
  (instance $r (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $r))
)
