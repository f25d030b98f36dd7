;; End to end: SIMD code in a shared object, in both bounds-check modes.
;; Narrow accesses (lane loads) trap only when the bytes they read leave
;; the memory.
;; RUN: %wasm-tools parse %s -o %t.wasm
;; RUN: %weld compile --core %t.wasm --emit=shared -o %t.so
;; RUN: %weld compile --core %t.wasm --emit=shared --bounds-checks=explicit -O0 -o %t.explicit.so
;; RUN: weld-invoke %t.so sum16 0 | FileCheck %s --check-prefix=SUM
;; RUN: weld-invoke %t.explicit.so sum16 0 | FileCheck %s --check-prefix=SUM
;; RUN: weld-invoke %t.so swizzle 3 | FileCheck %s --check-prefix=FOUR
;; RUN: weld-invoke %t.so swizzle 16 | FileCheck %s --check-prefix=ZERO
;; RUN: weld-invoke %t.explicit.so swizzle 255 | FileCheck %s --check-prefix=ZERO
;; RUN: weld-invoke %t.so lane32 65532 | FileCheck %s --check-prefix=ZERO
;; RUN: weld-invoke %t.explicit.so lane32 65532 | FileCheck %s --check-prefix=ZERO
;; RUN: not weld-invoke %t.so lane32 65533 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: not weld-invoke %t.explicit.so lane32 65533 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: not weld-invoke %t.so sum16 65521 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: not weld-invoke %t.explicit.so sum16 65521 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: weld-invoke %t.so dot 1000 | FileCheck %s --check-prefix=DOT
;; RUN: weld-invoke %t.explicit.so dot 1000 | FileCheck %s --check-prefix=DOT

;; SUM: 136
;; FOUR: 4
;; ZERO: 0
;; OOB: trap: out of bounds memory access
;; DOT: 332833500
(module
  (memory 1)
  (data (i32.const 0) "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10")
  ;; The sum of the 16 bytes at address p.
  (func (export "sum16") (param $p i32) (result i32) (local $s v128)
    (local.set $s (i32x4.extadd_pairwise_i16x8_u
      (i16x8.extadd_pairwise_i8x16_u (v128.load (local.get $p)))))
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $s))
               (i32x4.extract_lane 1 (local.get $s)))
      (i32.add (i32x4.extract_lane 2 (local.get $s))
               (i32x4.extract_lane 3 (local.get $s)))))
  ;; Byte k of the data, or 0 when k >= 16.
  (func (export "swizzle") (param $k i32) (result i32)
    (i8x16.extract_lane_u 0
      (i8x16.swizzle (v128.load (i32.const 0)) (i8x16.splat (local.get $k)))))
  (func (export "lane32") (param $p i32) (result i32)
    (i32x4.extract_lane 2
      (v128.load32_lane 2 (local.get $p) (v128.const i32x4 0 0 0 0))))
  ;; Sum of i*i for i < n (n a multiple of 8, at most 32768), with i16
  ;; lanes and i32x4.dot, accumulated in i64x2.
  (func (export "dot") (param $n i64) (result i64)
    (local $i v128) (local $d v128) (local $acc v128) (local $k i64)
    (local.set $i (v128.const i16x8 0 1 2 3 4 5 6 7))
    (block $done
      (loop $loop
        (br_if $done (i64.ge_u (local.get $k) (local.get $n)))
        (local.set $d (i32x4.dot_i16x8_s (local.get $i) (local.get $i)))
        (local.set $acc (i64x2.add (local.get $acc)
          (i64x2.add (i64x2.extend_low_i32x4_u (local.get $d))
                     (i64x2.extend_high_i32x4_u (local.get $d)))))
        (local.set $i (i16x8.add (local.get $i) (i16x8.splat (i32.const 8))))
        (local.set $k (i64.add (local.get $k) (i64.const 8)))
        (br $loop)))
    (i64.add (i64x2.extract_lane 0 (local.get $acc))
             (i64x2.extract_lane 1 (local.get $acc))))
)
