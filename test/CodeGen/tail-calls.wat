;; return_call never grows the stack, also between functions of different
;; signatures with arguments on the stack and through tables: defined
;; functions call each other's tailcc bodies.
;; RUN: %wasm-tools parse %s -o %t.wasm
;; RUN: %weld compile --core %t.wasm --emit=shared -O0 -o %t.O0.so
;; RUN: weld-invoke %t.O0.so direct 10000000 | FileCheck %s --check-prefix=DIRECT
;; RUN: weld-invoke %t.O0.so indirect 10000000 | FileCheck %s --check-prefix=INDIRECT
;; RUN: %weld compile --core %t.wasm --emit=shared -O2 -o %t.O2.so
;; RUN: weld-invoke %t.O2.so direct 10000000 | FileCheck %s --check-prefix=DIRECT
;; RUN: weld-invoke %t.O2.so indirect 10000000 | FileCheck %s --check-prefix=INDIRECT
;; RUN: %weld compile --core %t.wasm --emit=llvm-ir -O0 -o - | FileCheck %s --check-prefix=IR

;; DIRECT: 7
;; INDIRECT: 9
;; IR: define internal tailcc i64 @wasm.f0(
;; IR: tail call tailcc i64 @wasm.f1(
;; IR: define internal tailcc i64 @wasm.f1(
;; IR: tail call tailcc i64 @wasm.f0(
(module
  (type $many (func (param i64 i64 i64 i64 i64 i64 i64) (result i64)))
  (type $one (func (param i64) (result i64)))
  (table 2 funcref)
  (elem (i32.const 0) $k2 $h2)
  (func $h (export "direct") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 7))
      (else (return_call $k (local.get 0) (i64.const 1) (i64.const 2)
                            (i64.const 3) (i64.const 4) (i64.const 5)
                            (i64.const 6)))))
  (func $k (param i64 i64 i64 i64 i64 i64 i64) (result i64)
    (return_call $h (i64.sub (local.get 0) (local.get 1))))
  (func $h2 (export "indirect") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 9))
      (else (return_call_indirect (type $many)
               (local.get 0) (i64.const 1) (i64.const 2) (i64.const 3)
               (i64.const 4) (i64.const 5) (i64.const 6) (i32.const 0)))))
  (func $k2 (param i64 i64 i64 i64 i64 i64 i64) (result i64)
    (return_call_indirect (type $one)
      (i64.sub (local.get 0) (local.get 1)) (i32.const 1)))
)
;; Through a table: the record's tailcc entry when it has one, else the
;; C entry with a plain call.
;; IR: define internal tailcc i64 @wasm.f2(
;; IR: tail call tailcc i64 %{{.*}}(ptr %{{.*}}, i64 %{{.*}}, i64 1,
;; IR: define internal tailcc i64 @wasm.f3(
;; IR: tail call tailcc i64 %{{.*}}(ptr %{{.*}}, i64 %{{.*}})
;; IR: tail call i64 %{{.*}}(ptr %{{.*}}, i64 %{{.*}})
