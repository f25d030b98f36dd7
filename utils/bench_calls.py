#!/usr/bin/env python3
"""Cross-component call benchmark (utils/bench calls).

One hand-written composition: a callee component and a caller component
that imports the callee's functions; the caller's exports run N calls in a
loop inside the guest. Cases: f(u32) -> u32, a 1 KiB string argument, a
64 KiB list<u8>, a record of 8 fields, and a resource method call.

It runs under weld (`weld compile --emit=shared --header`, a C driver timing
each export with clock_gettime) and under `wasmtime run --invoke` (default
settings, and `-C inlining=y` when `wasmtime run -C help` lists it; the
process is timed with N calls and with one, and the difference divided by
N - 1, so start-up and compilation cancel; N grows until the calls take a
second). It prints ns per call and the
ratios, then the hot loop's disassembly for the scalar case.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.environ.get("WELD_ROOT",
                      os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("WELD_BUILD_DIR", os.path.join(ROOT, "build"))

# (export, calls per timed run, description)
CASES = [
    ("run-scalar", 100_000_000, "f(u32) -> u32"),
    ("run-string", 1_000_000, "1 KiB string argument"),
    ("run-list", 20_000, "64 KiB list<u8> argument"),
    ("run-record", 100_000_000, "record of 8 u32 fields"),
    ("run-resource", 2_000_000, "resource method call"),
]

WAT = r"""
(component
  (component $callee
    (core module $m
      (memory (export "memory") 3)
      ;; Every argument lands at the same scratch address: the callee only
      ;; reads it during the call.
      (func (export "realloc") (param i32 i32 i32 i32) (result i32)
        i32.const 65536)
      (func (export "f") (param i32) (result i32)
        (i32.add (local.get 0) (i32.const 1)))
      (func (export "s") (param i32 i32) (result i32)
        (i32.add (local.get 1) (i32.load8_u (local.get 0))))
      (func (export "l") (param i32 i32) (result i32)
        (i32.add (local.get 1) (i32.load8_u (local.get 0))))
      (func (export "r") (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)
        (i32.add (i32.add (i32.add (local.get 0) (local.get 1))
                          (i32.add (local.get 2) (local.get 3)))
                 (i32.add (i32.add (local.get 4) (local.get 5))
                          (i32.add (local.get 6) (local.get 7)))))
      (func (export "get") (param i32) (result i32) (local.get 0))
    )
    (core instance $i (instantiate $m))
    (type $res (resource (rep i32)))
    (core func $new (canon resource.new $res))
    (core module $mk
      (import "" "new" (func $new (param i32) (result i32)))
      (func (export "make") (result i32) (call $new (i32.const 7))))
    (core instance $k (instantiate $mk
      (with "" (instance (export "new" (func $new))))))
    (type $rec (record (field "a" u32) (field "b" u32) (field "c" u32)
      (field "d" u32) (field "e" u32) (field "f" u32) (field "g" u32)
      (field "h" u32)))
    (export $res' "res" (type $res))
    (export $rec' "rec" (type $rec))
    (func (export "f") (param "x" u32) (result u32)
      (canon lift (core func $i "f")))
    (func (export "s") (param "x" string) (result u32)
      (canon lift (core func $i "s") (memory (core memory $i "memory"))
        (realloc (core func $i "realloc"))))
    (func (export "l") (param "x" (list u8)) (result u32)
      (canon lift (core func $i "l") (memory (core memory $i "memory"))
        (realloc (core func $i "realloc"))))
    (func (export "r") (param "x" $rec') (result u32)
      (canon lift (core func $i "r")))
    (func (export "make") (result (own $res'))
      (canon lift (core func $k "make")))
    (func (export "[method]res.get") (param "self" (borrow $res'))
      (result u32) (canon lift (core func $i "get")))
  )

  (component $caller
    (import "callee" (instance $c
      (export "res" (type $res (sub resource)))
      (type $rec (record (field "a" u32) (field "b" u32) (field "c" u32)
        (field "d" u32) (field "e" u32) (field "f" u32) (field "g" u32)
        (field "h" u32)))
      (export "rec" (type $rec' (eq $rec)))
      (export "f" (func (param "x" u32) (result u32)))
      (export "s" (func (param "x" string) (result u32)))
      (export "l" (func (param "x" (list u8)) (result u32)))
      (export "r" (func (param "x" $rec') (result u32)))
      (export "make" (func (result (own $res))))
      (export "[method]res.get" (func (param "self" (borrow $res))
        (result u32)))
    ))
    (core module $mem (memory (export "memory") 2))
    (core instance $mi (instantiate $mem))
    (core func $f (canon lower (func $c "f")))
    (core func $s (canon lower (func $c "s") (memory (core memory $mi "memory"))))
    (core func $l (canon lower (func $c "l") (memory (core memory $mi "memory"))))
    (core func $r (canon lower (func $c "r")))
    (core func $make (canon lower (func $c "make")))
    (core func $get (canon lower (func $c "[method]res.get")))
    (core module $loops
      (import "c" "memory" (memory 1))
      (import "c" "f" (func $f (param i32) (result i32)))
      (import "c" "s" (func $s (param i32 i32) (result i32)))
      (import "c" "l" (func $l (param i32 i32) (result i32)))
      (import "c" "r" (func $r (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
      (import "c" "make" (func $make (result i32)))
      (import "c" "get" (func $get (param i32) (result i32)))
      (func (export "run-scalar") (param $n i32) (result i32)
        (local $acc i32)
        (block $done (loop $l
          (br_if $done (i32.eqz (local.get $n)))
          (local.set $acc (call $f (local.get $acc)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $l)))
        (local.get $acc))
      (func (export "run-string") (param $n i32) (result i32)
        (local $acc i32)
        (memory.fill (i32.const 0) (i32.const 97) (i32.const 1024))
        (block $done (loop $l
          (br_if $done (i32.eqz (local.get $n)))
          (local.set $acc (i32.add (local.get $acc)
            (call $s (i32.const 0) (i32.const 1024))))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $l)))
        (local.get $acc))
      (func (export "run-list") (param $n i32) (result i32)
        (local $acc i32)
        (memory.fill (i32.const 0) (i32.const 1) (i32.const 65536))
        (block $done (loop $l
          (br_if $done (i32.eqz (local.get $n)))
          (local.set $acc (i32.add (local.get $acc)
            (call $l (i32.const 0) (i32.const 65536))))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $l)))
        (local.get $acc))
      (func (export "run-record") (param $n i32) (result i32)
        (local $acc i32)
        (block $done (loop $l
          (br_if $done (i32.eqz (local.get $n)))
          (local.set $acc (i32.add (local.get $acc)
            (call $r (local.get $n) (i32.const 1) (i32.const 2) (i32.const 3)
                     (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7))))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $l)))
        (local.get $acc))
      (func (export "run-resource") (param $n i32) (result i32)
        (local $acc i32) (local $h i32)
        (local.set $h (call $make))
        (block $done (loop $l
          (br_if $done (i32.eqz (local.get $n)))
          (local.set $acc (i32.add (local.get $acc) (call $get (local.get $h))))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $l)))
        (local.get $acc))
    )
    (core instance $li (instantiate $loops
      (with "c" (instance
        (export "memory" (memory $mi "memory"))
        (export "f" (func $f)) (export "s" (func $s)) (export "l" (func $l))
        (export "r" (func $r)) (export "make" (func $make))
        (export "get" (func $get))))))
    (func (export "run-scalar") (param "n" u32) (result u32)
      (canon lift (core func $li "run-scalar")))
    (func (export "run-string") (param "n" u32) (result u32)
      (canon lift (core func $li "run-string")))
    (func (export "run-list") (param "n" u32) (result u32)
      (canon lift (core func $li "run-list")))
    (func (export "run-record") (param "n" u32) (result u32)
      (canon lift (core func $li "run-record")))
    (func (export "run-resource") (param "n" u32) (result u32)
      (canon lift (core func $li "run-resource")))
  )

  (instance $callee (instantiate $callee))
  (instance $caller (instantiate $caller (with "callee" (instance $callee))))
  (export "run-scalar" (func $caller "run-scalar"))
  (export "run-string" (func $caller "run-string"))
  (export "run-list" (func $caller "run-list"))
  (export "run-record" (func $caller "run-record"))
  (export "run-resource" (func $caller "run-resource"))
)
"""

DRIVER = r"""
#include "calls.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef weld_trap_kind (*Run)(weld_component_instance *, uint32_t, uint32_t *);

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(int argc, char **argv) {
  static const Run runs[] = {app_run_scalar, app_run_string, app_run_list,
                             app_run_record, app_run_resource};
  int which = atoi(argv[1]);
  uint32_t n = (uint32_t)strtoul(argv[2], 0, 10), r = 0;
  double best = 1e300;
  for (int rep = 0; rep < 5; ++rep) {
    weld_component_instance *inst;
    if (app_instantiate(0, 0, &inst) != WELD_TRAP_NONE)
      return 1;
    double t0 = now();
    if (runs[which](inst, n, &r) != WELD_TRAP_NONE)
      return 2;
    double t = now() - t0;
    if (t < best)
      best = t;
    app_destroy(inst);
  }
  printf("%.3f %u\n", best / n, r);
  return 0;
}
"""


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def weld_times(work, wasm):
    weld = os.path.join(BUILD, "bin", "weld")
    so = os.path.join(work, "libcalls.so")
    run([weld, "compile", wasm, "--emit=shared", "-O2", "-o", so,
         "--header", os.path.join(work, "calls.h")])
    with open(os.path.join(work, "driver.c"), "w") as f:
        f.write(DRIVER)
    exe = os.path.join(work, "driver")
    run(["clang-22", "-O2", "-I", os.path.join(ROOT, "include"), "-I", work,
         os.path.join(work, "driver.c"), so, "-Wl,-rpath," + work, "-o", exe])
    out = []
    for i, (_, n, _) in enumerate(CASES):
        out.append(float(run([exe, str(i), str(n)]).stdout.split()[0]))
    return out, so


def wasmtime_time(wasm, export, n, flags, reps):
    def once(count):
        best = 1e300
        for _ in range(reps):
            t0 = time.perf_counter()
            run(["wasmtime", "run"] + flags +
                ["--invoke", f"{export}({count})", wasm])
            best = min(best, time.perf_counter() - t0)
        return best
    base = once(1)
    while True:
        # Grow the count until the calls take a second: the process's own
        # time varies by milliseconds from run to run.
        spent = once(n) - base
        if spent >= 1.0 or n >= 2_000_000_000:
            return spent * 1e9 / (n - 1)
        n = min(2_000_000_000, int(n * min(100.0, 1.2 / max(spent, 0.01))))


def hot_loop(so):
    """The disassembly of the scalar case's guest loop: the function the
    export entry of run-scalar calls (or the entry itself when the loop
    was inlined into it)."""
    tool = "llvm-objdump-22" if subprocess.call(
        ["which", "llvm-objdump-22"], stdout=subprocess.DEVNULL) == 0 \
        else "llvm-objdump"
    text = run([tool, "-d", "--no-show-raw-insn", so]).stdout
    funcs = {}
    for block in re.split(r"\n\n(?=[0-9a-f]+ <)", text):
        m = re.match(r"[0-9a-f]+ <([^>]+)>:", block)
        if m:
            funcs[m.group(1)] = block
    entry = funcs.get("export.0", "(export.0 not found)")
    for callee in re.findall(r"call\w*\s+0x[0-9a-f]+ <([^>+]+)>", entry):
        if callee in funcs and not callee.startswith("weld_"):
            return funcs[callee]
    return entry


def main():
    ap = argparse.ArgumentParser(prog="utils/bench calls")
    ap.add_argument("--reps", type=int, default=3,
                    help="wasmtime runs per measurement (best is kept)")
    ap.add_argument("--scale", type=float, default=1.0,
                    help="multiplies every case's call count")
    opts = ap.parse_args()
    global CASES
    CASES = [(e, max(2, int(n * opts.scale)), d) for e, n, d in CASES]
    work = tempfile.mkdtemp(prefix="weld-bench-calls-")
    wat = os.path.join(work, "calls.wat")
    wasm = os.path.join(work, "calls.wasm")
    with open(wat, "w") as f:
        f.write(WAT)
    run(["wasm-tools", "parse", wat, "-o", wasm])
    weld, so = weld_times(work, wasm)
    configs = [("wasmtime", [])]
    help_text = subprocess.run(["wasmtime", "run", "-C", "help"],
                               capture_output=True, text=True).stdout
    if "inlining" in help_text:
        configs.append(("wasmtime -C inlining=y", ["-C", "inlining=y"]))
    peers = {name: [wasmtime_time(wasm, e, n, flags, opts.reps)
                    for e, n, _ in CASES] for name, flags in configs}
    names = ["weld"] + [n for n, _ in configs]
    print("ns per call (lower is better); ratio = peer / weld")
    head = f"{'case':28}" + "".join(f"{n:>24}" for n in names)
    print(head)
    for i, (_, _, desc) in enumerate(CASES):
        row = f"{desc:28}{weld[i]:>24.2f}"
        for n, _ in configs:
            v = peers[n][i]
            row += f"{v:>14.2f} ({v / weld[i]:5.1f}x)"
        print(row)
    print("\nhot loop of the scalar case (weld, export run-scalar):")
    print(hot_loop(so))
    return 0


if __name__ == "__main__":
    sys.exit(main())
