;; A command whose run calls a method of wasi:io/error on a handle the
;; WASI host never gave out: the host refuses the call.
(component
  (import "wasi:io/error@0.2.0" (instance $err
    (export "error" (type $e (sub resource)))
    (export "[method]error.to-debug-string"
      (func (param "self" (borrow $e)) (result string)))))
  (core module $mem
    (memory (export "memory") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      i32.const 1024))
  (core instance $mi (instantiate $mem))
  (alias export $err "[method]error.to-debug-string" (func $f))
  (core func $dbg (canon lower (func $f)
    (memory (core memory $mi "memory"))
    (realloc (core func $mi "realloc"))))
  (core module $m
    (import "" "dbg" (func $dbg (param i32 i32)))
    (func (export "run") (result i32)
      (call $dbg (i32.const 12345) (i32.const 0))
      i32.const 0))
  (core instance $i (instantiate $m
    (with "" (instance (export "dbg" (func $dbg))))))
  (func $run (result (result)) (canon lift (core func $i "run")))
  (instance $r (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $r))
)
