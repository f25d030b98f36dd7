"""utils/bench core: compute kernels run four ways in one run.

Each kernel in bench/core/ is freestanding C exporting run(n). It is built
  - natively with clang-22 -O2 (the baseline),
  - as a core wasm module with clang-22 --target=wasm32-wasi -O2 -msimd128
    (SIMD-128 is part of Wasm 2.0; without it clang cannot vectorize for
    wasm while the native build does), then
    * compiled by weld -O2 to a shared object, run by build/bin/weld-invoke,
    * run by wasmtime from a precompiled .cwasm (--invoke run N),
    * run by WAMR (wamrc + wamr) when the optional wamr-bin/wamrc-bin tools
      are present; they have no --invoke, so they run a wasm32-wasi command
      built from the same kernel plus bench/core/main.c.
Every way must print the same checksum. The script prints median wall times
over --runs runs, the ratios weld/native and weld/wasmtime per kernel and
their geometric means, compile throughput and peak compiler memory, then
the same for the largest module at hand, SpiderMonkey's core module from a
componentize-js component, at -O1 and -O2 with two threads (--no-large
skips it: minutes).
"""
import argparse
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.environ["WELD_ROOT"]
BUILD = os.environ["WELD_BUILD_DIR"]
SRC = os.path.join(ROOT, "bench", "core")
OUT = os.path.join(BUILD, "bench-core")


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def kernels():
    table = {}
    with open(os.path.join(SRC, "sizes.txt")) as f:
        for line in f:
            line = line.split("#")[0].split()
            if line:
                table[line[0]] = int(line[1])
    return table


def timed(cmd, runs):
    """(median seconds, stdout of the first run) of running cmd runs times."""
    times, out = [], None
    for _ in range(runs):
        start = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if p.returncode != 0:
            raise RuntimeError(f"{cmd[0]} failed ({p.returncode}): {p.stderr.strip()[:300]}")
        lines = p.stdout.strip().splitlines()
        out = lines[-1] if lines else ""
    return statistics.median(times), out


def peak_child_rss_kb(cmd):
    """Runs cmd and returns (seconds, peak RSS in KiB) via /usr/bin/time."""
    p = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + cmd,
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(p.stderr.strip()[:300])
    secs, kb = p.stderr.strip().splitlines()[-1].split()
    return float(secs), int(kb)


def build_all(names, wamr):
    os.makedirs(OUT, exist_ok=True)
    info = {}
    for k in names:
        c = os.path.join(SRC, k + ".c")
        main = os.path.join(SRC, "main.c")
        nat = os.path.join(OUT, k + ".native")
        wasm = os.path.join(OUT, k + ".wasm")
        so = os.path.join(OUT, k + ".so")
        cw = os.path.join(OUT, k + ".cwasm")
        sh(["clang-22", "-O2", "-fno-math-errno", main, c, "-o", nat])
        sh(["clang-22", "--target=wasm32-wasi", "-Wno-deprecated", "-O2",
            "-msimd128", "-nostdlib", "-Wl,--no-entry", "-Wl,--export=run", c, "-o", wasm])
        secs, kb = peak_child_rss_kb(["weld", "compile", "--core", "-O2",
                                      "--emit=shared", wasm, "-o", so])
        sh(["wasmtime", "compile", wasm, "-o", cw])
        info[k] = {"native": nat, "wasm": wasm, "so": so, "cwasm": cw,
                   "compile_s": secs, "compile_kb": kb,
                   "wasm_bytes": os.path.getsize(wasm)}
        if wamr:
            cmdwasm = os.path.join(OUT, k + ".cmd.wasm")
            aot = os.path.join(OUT, k + ".wamr.cwasm")
            # This WAMR build rejects SIMD-128; it then gets the scalar
            # build of the same source (marked with * in the table).
            for simd in (["-msimd128"], []):
                sh(["clang-22", "--target=wasm32-wasi", "-Wno-deprecated",
                    "-O2"] + simd + [main, c, "-o", cmdwasm])
                if subprocess.run(["wamrc", "compile", cmdwasm, "-o", aot],
                                  capture_output=True).returncode == 0:
                    info[k]["wamr"] = aot
                    info[k]["wamr_scalar"] = not simd
                    break
    return info


def main():
    ap = argparse.ArgumentParser(prog="utils/bench core")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--kernels", default="")
    ap.add_argument("--scale", type=float, default=1.0,
                    help="multiply every kernel's n (for quick runs)")
    ap.add_argument("--no-large", action="store_true",
                    help="skip compiling the SpiderMonkey core module "
                    "(minutes)")
    opts = ap.parse_args()
    table = kernels()
    names = [k for k in table if not opts.kernels or k in opts.kernels.split(",")]
    wamr = shutil.which("wamrc") and shutil.which("wamr")
    info = build_all(names, wamr)

    cols = ["native", "weld", "wasmtime"] + (["wamr"] if wamr else [])
    print(f"{'kernel':10}" + "".join(f"{c + ' s':>12}" for c in cols) +
          f"{'weld/native':>13}{'weld/wasmtime':>15}")
    r_nat, r_wt = [], []
    for k in names:
        n = str(max(1, int(table[k] * opts.scale)))
        i = info[k]
        res = {}
        res["native"] = timed([i["native"], n], opts.runs)
        res["weld"] = timed(["weld-invoke", i["so"], "run", n], opts.runs)
        res["wasmtime"] = timed(["wasmtime", "run", "--allow-precompiled",
                                 "--invoke", "run", i["cwasm"], n], opts.runs)
        if wamr and "wamr" in i:
            res["wamr"] = timed(["wamr", "run", i["wamr"], n], opts.runs)
        elif wamr:
            res["wamr"] = (float("nan"), res["native"][1])
        # wasmtime prints i64 results signed; compare as unsigned 64-bit.
        sums = {c: int(res[c][1]) % 2**64 for c in cols}
        if len(set(sums.values())) != 1:
            print(f"{k}: checksums differ: {sums}", file=sys.stderr)
            return 1
        rn = res["weld"][0] / res["native"][0]
        rw = res["weld"][0] / res["wasmtime"][0]
        r_nat.append(rn)
        r_wt.append(rw)
        mark = "*" if i.get("wamr_scalar") else ""
        print(f"{k + mark:10}" + "".join(f"{res[c][0]:12.3f}" for c in cols) +
              f"{rn:13.2f}{rw:15.2f}", flush=True)
    if wamr:
        print("* WAMR ran the scalar build (it rejects SIMD-128); nan: it failed")
    gm = lambda xs: math.exp(sum(map(math.log, xs)) / len(xs))
    print(f"{'geomean':10}" + " " * 12 * len(cols) +
          f"{gm(r_nat):13.2f}{gm(r_wt):15.2f}")
    total_bytes = sum(info[k]["wasm_bytes"] for k in names)
    total_s = sum(info[k]["compile_s"] for k in names)
    largest = max(names, key=lambda k: info[k]["wasm_bytes"])
    print(f"compile: {total_bytes / 1e6 / max(total_s, 1e-9):.3f} MB/s of wasm "
          f"({total_bytes} bytes in {total_s:.2f} s, weld -O2); "
          f"largest module {largest} ({info[largest]['wasm_bytes']} bytes): "
          f"peak compiler memory {info[largest]['compile_kb'] / 1024:.1f} MiB")
    if not opts.no_large:
        large_module_compile()
    return 0


def large_module_compile():
    """Compile throughput and peak memory for the largest module we have:
    SpiderMonkey's core module, taken out of the componentize-js component
    js-greet (built by test/Component/real/build.py when missing)."""
    from bench_compile import largest_core_module, measure, real_component
    os.makedirs(OUT, exist_ok=True)
    wasm = os.path.join(OUT, "spidermonkey.wasm")
    size = largest_core_module(real_component("js-greet"), wasm)
    for level in ("-O1", "-O2"):
        wall, cpu, kb = measure(["weld", "compile", "--core", level, "-j2",
                                 "--emit=shared", wasm, "-o",
                                 os.path.join(OUT, "spidermonkey.so")])
        print(f"compile SpiderMonkey core module ({size / 1e6:.1f} MB, weld "
              f"{level} -j2): {size / 1e6 / max(wall, 1e-9):.3f} MB/s "
              f"({wall:.1f} s wall, {cpu:.1f} s CPU), peak compiler memory "
              f"{kb / 1024:.0f} MiB", flush=True)


if __name__ == "__main__":
    sys.exit(main())
