"""utils/bench compile: compile time and peak compiler memory for large
real components, weld beside wasmtime.

The components are built from our sources by test/Component/real/build.py
(cached in BUILD/real-components): the componentize-js ones embed a ~12 MB
SpiderMonkey core module, the componentize-py ones CPython (~6 MB of code)
and an 11 MB pre-initialized heap. Each is compiled by `weld compile -O2`
with -j threads (commands to executables, the others with --emit=obj) and
by `wasmtime compile` (Cranelift, all cores); the script prints wall time,
CPU time (user + system), peak RSS of the compiler and throughput in MB of
wasm per wall second.

    utils/bench compile [--components a,b] [--jobs N] [--opt N] [--no-wasmtime]

Helpers here (measure, largest_core_module) are shared with bench core.
"""
import argparse
import os
import subprocess
import sys
import tempfile

from spectest_component import read_leb

ROOT = os.environ.get("WELD_ROOT", os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
BUILD = os.environ.get("WELD_BUILD_DIR", os.path.join(ROOT, "build"))
BUILD_PY = os.path.join(ROOT, "test", "Component", "real", "build.py")

# name -> whether it is a wasi:cli command (compiled to an executable).
COMPONENTS = {"js-greet": False, "js-command": True,
              "py-hello": False, "py-command": True}


def measure(cmd):
    """Runs cmd under /usr/bin/time; returns (wall s, cpu s, peak RSS KiB).
    Raises on failure."""
    p = subprocess.run(["/usr/bin/time", "-f", "TIME %e %U %S %M"] + cmd,
                       capture_output=True, text=True)
    lines = [l for l in p.stderr.splitlines() if l.startswith("TIME ")]
    if p.returncode != 0 or not lines:
        raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}): "
                           f"{p.stderr.strip()[-500:]}")
    wall, user, system, kb = lines[-1].split()[1:]
    return float(wall), float(user) + float(system), int(kb)


def real_component(name):
    """The path of real component NAME, built by build.py when missing."""
    env = dict(os.environ, WELD_BUILD_DIR=BUILD)
    p = subprocess.run([sys.executable, BUILD_PY, name], capture_output=True,
                       text=True, env=env)
    if p.returncode != 0:
        raise RuntimeError(f"build.py {name} failed: {p.stderr.strip()[-500:]}")
    return p.stdout.strip().splitlines()[-1]


def _core_modules(b, out):
    """Appends the core modules of component bytes b (nested ones too)."""
    i = 8
    while i < len(b):
        sid = b[i]
        n, i = read_leb(b, i + 1)
        if sid == 1:      # core module section
            out.append(b[i:i + n])
        elif sid == 4:    # nested component
            _core_modules(b[i:i + n], out)
        i += n


def largest_core_module(component, out):
    """Writes the largest core module of component to out; returns its size."""
    with open(component, "rb") as f:
        data = f.read()
    mods = []
    _core_modules(data, mods)
    big = max(mods, key=len)
    with open(out, "wb") as f:
        f.write(big)
    return len(big)


def main():
    ap = argparse.ArgumentParser(prog="utils/bench compile")
    ap.add_argument("--components", default=",".join(COMPONENTS))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--opt", type=int, default=2)
    ap.add_argument("--no-wasmtime", action="store_true")
    opts = ap.parse_args()
    names = [n for n in opts.components.split(",") if n]
    for n in names:
        if n not in COMPONENTS:
            print(f"unknown component {n}; known: {', '.join(COMPONENTS)}",
                  file=sys.stderr)
            return 1
    print(f"{'component':12}{'MB':>7}{'compiler':>16}{'wall s':>9}"
          f"{'cpu s':>9}{'peak MiB':>10}{'MB/s':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in names:
            wasm = real_component(n)
            mb = os.path.getsize(wasm) / 1e6
            out = os.path.join(tmp, n)
            cmd = ["weld", "compile", f"-O{opts.opt}", f"-j{opts.jobs}", wasm,
                   "-o", out]
            if not COMPONENTS[n]:
                cmd.insert(2, "--emit=obj")
            runs = [(f"weld -O{opts.opt} -j{opts.jobs}", cmd)]
            if not opts.no_wasmtime:
                runs.append(("wasmtime", ["wasmtime", "compile", wasm, "-o",
                                          out + ".cwasm"]))
            for label, c in runs:
                wall, cpu, kb = measure(c)
                print(f"{n:12}{mb:7.1f}{label:>16}{wall:9.1f}{cpu:9.1f}"
                      f"{kb / 1024:10.0f}{mb / max(wall, 1e-9):8.3f}",
                      flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
