#!/usr/bin/env python3
"""Start-up benchmark (utils/bench startup).

examples/hello/hello.c, a hello world, run four ways:
  - as a weld executable: the wasi:cli command component built from it
    (clang-22 --target=wasm32-wasi -O2 and the preview1 command adapter, as
    utils/demo does) compiled with `weld compile hello.wasm -o hello`;
  - under wasmtime from a precompiled module: `wasmtime compile`, then
    `wasmtime run --allow-precompiled hello.cwasm`;
  - as native C: `clang-22 -O2 hello.c` (dynamic glibc, as a user builds
    it) and, when the static glibc is installed, `clang-22 -O2 -static`.

A small C launcher (built here, static) runs the programs interleaved
(round i starts at a different program, so drift in machine load hits all
alike) with posix_spawn, stdin and stdout on /dev/null, and times each run
from spawn to wait4 with CLOCK_MONOTONIC; wait4's rusage gives the child's
peak RSS. The launcher is the parent rather than Python because Linux
counts the RSS of the process image an exec replaces into the child's
ru_maxrss: spawned from Python, every program would report Python's RSS.

Prints median wall time, median CPU time (user + system, from wait4; less
sensitive to other load on a shared machine), peak RSS (median over runs)
and artifact size per program, and the ratios weld/native (target <= 1.2) and wasmtime/weld
(target >= 5); the weld executable's size target is 300 KB.
"""
import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys

ROOT = os.environ.get("WELD_ROOT",
                      os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("WELD_BUILD_DIR", os.path.join(ROOT, "build"))
SOURCE = os.path.join(ROOT, "examples", "hello", "hello.c")
ARG = "world"

# Targets from the issue that asked for this benchmark.
MAX_NATIVE_RATIO = 1.2
MIN_WASMTIME_RATIO = 5.0
MAX_EXE_BYTES = 300 * 1000

LAUNCHER = r"""
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* launcher RUNS CMD... [-- CMD...]...: runs every command RUNS times,
   interleaved; prints "INDEX WALL_NS CPU_US MAXRSS_KIB STATUS" per run
   (CPU: the child's user + system time). */
int main(int argc, char **argv) {
  int runs = atoi(argv[1]), n = 0;
  char **cmds[64];
  cmds[n++] = argv + 2;
  for (int i = 2; i < argc; ++i)
    if (strcmp(argv[i], "--") == 0) {
      argv[i] = NULL;
      cmds[n++] = argv + i + 1;
    }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  for (int r = 0; r < runs; ++r)
    for (int k = 0; k < n; ++k) {
      int c = (r + k) % n;
      struct timespec t0, t1;
      struct rusage ru;
      pid_t pid;
      int status;
      clock_gettime(CLOCK_MONOTONIC, &t0);
      if (posix_spawn(&pid, cmds[c][0], &fa, NULL, cmds[c], environ) != 0) {
        perror(cmds[c][0]);
        return 1;
      }
      if (wait4(pid, &status, 0, &ru) != pid) {
        perror("wait4");
        return 1;
      }
      clock_gettime(CLOCK_MONOTONIC, &t1);
      long long ns = (t1.tv_sec - t0.tv_sec) * 1000000000LL +
                     (t1.tv_nsec - t0.tv_nsec);
      long long cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000LL +
                      ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
      printf("%d %lld %lld %ld %d\n", c, ns, cpu, ru.ru_maxrss, status);
    }
  return 0;
}
"""


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def wasmtime_binary():
    """The wasmtime executable itself: the PyPI package puts a Python
    script on PATH that execs it, which would add Python's start-up."""
    found = shutil.which("wasmtime")
    with open(found, "rb") as f:
        if f.read(4) == b"\x7fELF":
            return found
    spec = importlib.util.find_spec("wasmtime_cli")
    if spec and spec.origin:
        binary = os.path.join(os.path.dirname(spec.origin), "wasmtime")
        if os.access(binary, os.X_OK):
            return binary
    raise RuntimeError(f"{found} is not the wasmtime executable and the "
                       "wasmtime_cli package that holds it was not found")


def build(work, static):
    """The programs: [(name, argv, artifact path, note)]."""
    adapter = os.path.join(os.environ["WELD_ADAPTER_DIR"],
                           "wasi_snapshot_preview1.command.wasm")
    core = os.path.join(work, "hello.core.wasm")
    wasm = os.path.join(work, "hello.wasm")
    sh(["clang-22", "--target=wasm32-wasi", "-Wno-deprecated", "-O2", SOURCE,
        "-o", core])
    sh(["wasm-tools", "component", "new", core, "--adapt",
        "wasi_snapshot_preview1=" + adapter, "-o", wasm])
    weld_exe = os.path.join(work, "hello")
    sh([os.path.join(BUILD, "bin", "weld"), "compile", wasm, "-o", weld_exe])
    cwasm = os.path.join(work, "hello.cwasm")
    sh(["wasmtime", "compile", wasm, "-o", cwasm])
    native = os.path.join(work, "hello-native")
    sh(["clang-22", "-O2", SOURCE, "-o", native])
    wasmtime = wasmtime_binary()
    progs = [
        ("weld", [weld_exe, ARG], weld_exe, ""),
        ("wasmtime", [wasmtime, "run", "--allow-precompiled", cwasm, ARG], cwasm,
         f"+ wasmtime executable {os.path.getsize(wasmtime):,} bytes"),
        ("native", [native, ARG], native, "clang-22 -O2, dynamic glibc"),
    ]
    if static:
        native_static = os.path.join(work, "hello-native-static")
        if subprocess.run(["clang-22", "-O2", "-static", SOURCE, "-o",
                           native_static], capture_output=True).returncode == 0:
            progs.append(("native static", [native_static, ARG], native_static,
                          "clang-22 -O2 -static"))
    return wasm, progs


def check_outputs(progs):
    """Every program must print the same thing (and exit 0)."""
    outs = {name: sh(argv).stdout for name, argv, _, _ in progs}
    if len(set(outs.values())) != 1:
        for name, out in outs.items():
            print(f"{name}: {out!r}", file=sys.stderr)
        raise RuntimeError("outputs differ")
    return next(iter(outs.values()))


def measure(work, progs, runs):
    """Per program: (wall times, CPU times in seconds, peak RSS in KiB)
    over runs."""
    src = os.path.join(work, "launcher.c")
    launcher = os.path.join(work, "launcher")
    with open(src, "w") as f:
        f.write(LAUNCHER)
    # Static and small, so its own RSS (which the kernel folds into the
    # child's ru_maxrss at exec) stays below every program's.
    if subprocess.run(["clang-22", "-O2", "-static", src, "-o", launcher],
                      capture_output=True).returncode != 0:
        sh(["clang-22", "-O2", src, "-o", launcher])
    cmd = [launcher, str(runs)]
    for i, (_, argv, _, _) in enumerate(progs):
        cmd += (["--"] if i else []) + argv
    # One untimed round first: page cache, wasmtime's own start-up files.
    sh([launcher, "1"] + cmd[2:])
    out = sh(cmd).stdout
    times = [[] for _ in progs]
    cpu = [[] for _ in progs]
    rss = [[] for _ in progs]
    for line in out.splitlines():
        idx, ns, us, kib, status = map(int, line.split())
        if status != 0:
            raise RuntimeError(f"{progs[idx][0]} exited with wait status {status}")
        times[idx].append(ns / 1e9)
        cpu[idx].append(us / 1e6)
        rss[idx].append(kib)
    return times, cpu, rss


def main():
    ap = argparse.ArgumentParser(prog="utils/bench startup")
    ap.add_argument("--runs", type=int, default=100,
                    help="runs of each program, interleaved (default 100)")
    ap.add_argument("--no-static", action="store_true",
                    help="skip the statically linked native build")
    opts = ap.parse_args()
    if opts.runs < 1:
        ap.error("--runs must be at least 1")
    work = os.path.join(BUILD, "bench-startup")
    os.makedirs(work, exist_ok=True)
    wasm, progs = build(work, not opts.no_static)
    text = check_outputs(progs)
    times, cpu, rss = measure(work, progs, opts.runs)
    med = {p[0]: statistics.median(t) for p, t in zip(progs, times)}
    med_cpu = {p[0]: statistics.median(t) for p, t in zip(progs, cpu)}
    print(f"hello world start-up ({SOURCE[len(ROOT) + 1:]}, prints "
          f"{text.strip()!r}); {opts.runs} interleaved runs each, "
          f"component {os.path.getsize(wasm):,} bytes")
    print(f"{'program':15}{'median ms':>11}{'min ms':>9}{'cpu ms':>9}"
          f"{'peak RSS KiB':>14}{'size bytes':>13}  artifact")
    for (name, _, art, note), t, r in zip(progs, times, rss):
        print(f"{name:15}{med[name] * 1e3:11.3f}{min(t) * 1e3:9.3f}"
              f"{med_cpu[name] * 1e3:9.3f}"
              f"{int(statistics.median(r)):14,}{os.path.getsize(art):13,}  "
              f"{os.path.basename(art)} {note}".rstrip())
    print("median ms: wall time, spawn to wait4; cpu ms: the child's user + "
          "system time (less\nsensitive to other load on the machine); "
          "medians over the runs")
    native = med["weld"] / med["native"]
    wasmtime = med["wasmtime"] / med["weld"]
    size = os.path.getsize(progs[0][2])
    ok = lambda b: "met" if b else "MISSED"
    print(f"weld/native      {native:6.2f}x   target <= {MAX_NATIVE_RATIO}x: "
          f"{ok(native <= MAX_NATIVE_RATIO)}   (cpu time "
          f"{med_cpu['weld'] / med_cpu['native']:.2f}x)")
    if "native static" in med:
        print(f"weld/static      {med['weld'] / med['native static']:6.2f}x")
    print(f"wasmtime/weld    {wasmtime:6.2f}x   target >= {MIN_WASMTIME_RATIO}x: "
          f"{ok(wasmtime >= MIN_WASMTIME_RATIO)}   (cpu time "
          f"{med_cpu['wasmtime'] / med_cpu['weld']:.2f}x)")
    print(f"weld executable  {size:,} bytes   target <= {MAX_EXE_BYTES:,}: "
          f"{ok(size <= MAX_EXE_BYTES)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
