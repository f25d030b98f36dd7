;; A module large enough to be compiled in partitions (-j > 1): calls,
;; call_indirect, ref.func, return_call, globals, memory and the start
;; function all cross partition boundaries, and the results match the
;; whole-module build. The partitioned object is the same for every run.
;; RUN: %wasm-tools parse %s -o %t.wasm
;; RUN: %weld compile --core %t.wasm --emit=shared -j1 -o %t.1.so
;; RUN: %weld compile --core %t.wasm --emit=shared -j4 -o %t.4.so
;; RUN: weld-invoke %t.1.so chain 100 | FileCheck %s --check-prefix=CHAIN
;; RUN: weld-invoke %t.4.so chain 100 | FileCheck %s --check-prefix=CHAIN
;; RUN: weld-invoke %t.4.so indirect 3 100 | FileCheck %s --check-prefix=INDIRECT
;; RUN: weld-invoke %t.4.so tail 100 | FileCheck %s --check-prefix=TAIL
;; RUN: weld-invoke %t.4.so mem | FileCheck %s --check-prefix=MEM
;; RUN: weld-invoke %t.4.so viaref 100 | FileCheck %s --check-prefix=REF
;; RUN: %weld compile --core %t.wasm --emit=shared -j2 --bounds-checks=explicit -O0 -o %t.2.so
;; RUN: weld-invoke %t.2.so chain 100 | FileCheck %s --check-prefix=CHAIN
;; RUN: %weld compile --core %t.wasm --emit=obj -j4 -o %t.a.o
;; RUN: %weld compile --core %t.wasm --emit=obj -j4 -o %t.b.o
;; RUN: cmp %t.a.o %t.b.o

;; CHAIN: 170
;; INDIRECT: 167
;; TAIL: 120
;; MEM: 5
;; REF: 107
(module
  (type $t (func (param i32) (result i32)))
  (memory 1)
  (data (i32.const 0) "\05")
  (global $g (mut i32) (i32.const 0))
  (start $init)
  (func $init (global.set $g (i32.const 7)))
  (table funcref (elem $f0 $f1 $f2 $f3 $f4 $f5 $f6 $f7 $f8 $f9 $f10 $f11 $f12 $f13 $f14 $f15 $f16 $f17 $f18 $f19 $f20 $f21 $f22 $f23 $f24 $f25 $f26 $f27 $f28 $f29 $f30 $f31 $f32 $f33 $f34 $f35 $f36 $f37 $f38 $f39 $f40 $f41 $f42 $f43 $f44 $f45 $f46 $f47 $f48 $f49 $f50 $f51 $f52 $f53 $f54 $f55 $f56 $f57 $f58 $f59 $f60 $f61 $f62 $f63))
  (func $f0 (type $t) (i32.add (call $f1 (local.get 0)) (i32.const 1)))
  (func $f1 (type $t) (i32.add (call $f2 (local.get 0)) (i32.const 1)))
  (func $f2 (type $t) (i32.add (call $f3 (local.get 0)) (i32.const 1)))
  (func $f3 (type $t) (i32.add (call $f4 (local.get 0)) (i32.const 1)))
  (func $f4 (type $t) (i32.add (call $f5 (local.get 0)) (i32.const 1)))
  (func $f5 (type $t) (i32.add (call $f6 (local.get 0)) (i32.const 1)))
  (func $f6 (type $t) (i32.add (call $f7 (local.get 0)) (i32.const 1)))
  (func $f7 (type $t) (i32.add (call $f8 (local.get 0)) (i32.const 1)))
  (func $f8 (type $t) (i32.add (call $f9 (local.get 0)) (i32.const 1)))
  (func $f9 (type $t) (i32.add (call $f10 (local.get 0)) (i32.const 1)))
  (func $f10 (type $t) (i32.add (call $f11 (local.get 0)) (i32.const 1)))
  (func $f11 (type $t) (i32.add (call $f12 (local.get 0)) (i32.const 1)))
  (func $f12 (type $t) (i32.add (call $f13 (local.get 0)) (i32.const 1)))
  (func $f13 (type $t) (i32.add (call $f14 (local.get 0)) (i32.const 1)))
  (func $f14 (type $t) (i32.add (call $f15 (local.get 0)) (i32.const 1)))
  (func $f15 (type $t) (i32.add (call $f16 (local.get 0)) (i32.const 1)))
  (func $f16 (type $t) (i32.add (call $f17 (local.get 0)) (i32.const 1)))
  (func $f17 (type $t) (i32.add (call $f18 (local.get 0)) (i32.const 1)))
  (func $f18 (type $t) (i32.add (call $f19 (local.get 0)) (i32.const 1)))
  (func $f19 (type $t) (i32.add (call $f20 (local.get 0)) (i32.const 1)))
  (func $f20 (type $t) (i32.add (call $f21 (local.get 0)) (i32.const 1)))
  (func $f21 (type $t) (i32.add (call $f22 (local.get 0)) (i32.const 1)))
  (func $f22 (type $t) (i32.add (call $f23 (local.get 0)) (i32.const 1)))
  (func $f23 (type $t) (i32.add (call $f24 (local.get 0)) (i32.const 1)))
  (func $f24 (type $t) (i32.add (call $f25 (local.get 0)) (i32.const 1)))
  (func $f25 (type $t) (i32.add (call $f26 (local.get 0)) (i32.const 1)))
  (func $f26 (type $t) (i32.add (call $f27 (local.get 0)) (i32.const 1)))
  (func $f27 (type $t) (i32.add (call $f28 (local.get 0)) (i32.const 1)))
  (func $f28 (type $t) (i32.add (call $f29 (local.get 0)) (i32.const 1)))
  (func $f29 (type $t) (i32.add (call $f30 (local.get 0)) (i32.const 1)))
  (func $f30 (type $t) (i32.add (call $f31 (local.get 0)) (i32.const 1)))
  (func $f31 (type $t) (i32.add (call $f32 (local.get 0)) (i32.const 1)))
  (func $f32 (type $t) (i32.add (call $f33 (local.get 0)) (i32.const 1)))
  (func $f33 (type $t) (i32.add (call $f34 (local.get 0)) (i32.const 1)))
  (func $f34 (type $t) (i32.add (call $f35 (local.get 0)) (i32.const 1)))
  (func $f35 (type $t) (i32.add (call $f36 (local.get 0)) (i32.const 1)))
  (func $f36 (type $t) (i32.add (call $f37 (local.get 0)) (i32.const 1)))
  (func $f37 (type $t) (i32.add (call $f38 (local.get 0)) (i32.const 1)))
  (func $f38 (type $t) (i32.add (call $f39 (local.get 0)) (i32.const 1)))
  (func $f39 (type $t) (i32.add (call $f40 (local.get 0)) (i32.const 1)))
  (func $f40 (type $t) (i32.add (call $f41 (local.get 0)) (i32.const 1)))
  (func $f41 (type $t) (i32.add (call $f42 (local.get 0)) (i32.const 1)))
  (func $f42 (type $t) (i32.add (call $f43 (local.get 0)) (i32.const 1)))
  (func $f43 (type $t) (i32.add (call $f44 (local.get 0)) (i32.const 1)))
  (func $f44 (type $t) (i32.add (call $f45 (local.get 0)) (i32.const 1)))
  (func $f45 (type $t) (i32.add (call $f46 (local.get 0)) (i32.const 1)))
  (func $f46 (type $t) (i32.add (call $f47 (local.get 0)) (i32.const 1)))
  (func $f47 (type $t) (i32.add (call $f48 (local.get 0)) (i32.const 1)))
  (func $f48 (type $t) (i32.add (call $f49 (local.get 0)) (i32.const 1)))
  (func $f49 (type $t) (i32.add (call $f50 (local.get 0)) (i32.const 1)))
  (func $f50 (type $t) (i32.add (call $f51 (local.get 0)) (i32.const 1)))
  (func $f51 (type $t) (i32.add (call $f52 (local.get 0)) (i32.const 1)))
  (func $f52 (type $t) (i32.add (call $f53 (local.get 0)) (i32.const 1)))
  (func $f53 (type $t) (i32.add (call $f54 (local.get 0)) (i32.const 1)))
  (func $f54 (type $t) (i32.add (call $f55 (local.get 0)) (i32.const 1)))
  (func $f55 (type $t) (i32.add (call $f56 (local.get 0)) (i32.const 1)))
  (func $f56 (type $t) (i32.add (call $f57 (local.get 0)) (i32.const 1)))
  (func $f57 (type $t) (i32.add (call $f58 (local.get 0)) (i32.const 1)))
  (func $f58 (type $t) (i32.add (call $f59 (local.get 0)) (i32.const 1)))
  (func $f59 (type $t) (i32.add (call $f60 (local.get 0)) (i32.const 1)))
  (func $f60 (type $t) (i32.add (call $f61 (local.get 0)) (i32.const 1)))
  (func $f61 (type $t) (i32.add (call $f62 (local.get 0)) (i32.const 1)))
  (func $f62 (type $t) (i32.add (call $f63 (local.get 0)) (i32.const 1)))
  (func $f63 (type $t) (i32.add (local.get 0) (global.get $g)))
  (func (export "chain") (param i32) (result i32) (call $f0 (local.get 0)))
  (func (export "indirect") (param i32 i32) (result i32)
    (call_indirect (type $t) (local.get 1) (local.get 0)))
  (func (export "tail") (param i32) (result i32)
    (return_call $f50 (local.get 0)))
  (func (export "mem") (result i32) (i32.load8_u (i32.const 0)))
  (elem declare func $f63)
  (func (export "viaref") (param i32) (result i32)
    (table.set (i32.const 0) (ref.func $f63))
    (call_indirect (type $t) (local.get 0) (i32.const 0))))
