"""utils/spectest core: the official core testsuite through weld.

For every .wast file of the Wasm 2.0 suite and the tail-call,
extended-const and multi-memory proposals in ../shared/spec-tests/core, it
converts the script with `wasm-tools json-from-wast`, compiles every binary
module with `weld compile --core --emit=shared` (in parallel), and runs the
commands with build/bin/weld-spectest-host, which checks each assertion.
Prints one line per file, the reason of every failure (-v) and skip, and
last "core: N passed, N failed, N skipped"; exits 1 when any failed.
"""
import argparse
import concurrent.futures as cf
import glob
import json
import os
import shutil
import subprocess
import sys

ROOT = os.environ["WELD_ROOT"]
BUILD = os.environ["WELD_BUILD_DIR"]
SUITE = os.path.normpath(os.path.join(ROOT, "..", "shared", "spec-tests", "core",
                                      "wasm-2.0"))
PROPOSALS = ["tail-call", "extended-const", "multi-memory"]
MULTI_MEMORY_LIFTS = {"multiple memories", "zero byte expected"}


def suite_files():
    files = sorted(glob.glob(os.path.join(SUITE, "*.wast")))
    for p in PROPOSALS:
        files += sorted(glob.glob(os.path.join(SUITE, "proposals", p, "*.wast")))
    return files


def label(path):
    rel = os.path.relpath(path, SUITE)
    return rel[:-5] if rel.endswith(".wast") else rel


def compile_module(wasm, opts):
    so = wasm + ".so"
    cmd = ["weld", "compile", "--core", f"-O{opts.opt}", "-j1",
           f"--bounds-checks={opts.bounds_checks}", "--emit=shared", wasm,
           "-o", so]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, errors="replace",
                           timeout=opts.timeout)
        status, err = p.returncode, p.stderr
    except subprocess.TimeoutExpired:
        status, err = 124, "weld timed out"
    with open(wasm + ".status", "w") as f:
        f.write(f"{status}\n")
    return status, err


def run_file(path, workdir, pool, opts):
    """Returns (passed, failed, skipped, lines of detail)."""
    name = label(path)
    out = os.path.join(workdir, name.replace("/", "_"))
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    script = os.path.join(out, "script.json")
    p = subprocess.run(["wasm-tools", "json-from-wast", path, "-o", script,
                        "--wasm-dir", out], capture_output=True, text=True, errors="replace")
    if p.returncode != 0:
        return 0, 1, 0, [f"json-from-wast failed: {p.stderr.strip()[:200]}"]
    with open(script) as f:
        doc = json.load(f)
    commands = doc["commands"]
    # weld enables multi-memory, which lifts two Wasm 2.0 rules that the
    # top-level 2.0 scripts assert; those checks are skipped with the reason
    # (the multi-memory proposal's own scripts test the new rules).
    if "/" not in name:
        changed = False
        for i, c in enumerate(commands):
            if (c["type"] in ("assert_invalid", "assert_malformed") and
                    c.get("text") in MULTI_MEMORY_LIFTS):
                commands[i] = {"type": "skip", "line": c["line"],
                               "reason": f"multi-memory lifts the Wasm 2.0 "
                                         f"rule '{c['text']}'"}
                changed = True
        if changed:
            with open(script, "w") as f:
                json.dump(doc, f)
    modules = sorted({c["filename"] for c in commands
                      if c.get("filename") and c.get("module_type", "binary") == "binary"})
    detail = []
    crashes = []
    for m, (status, err) in zip(modules, pool.map(
            lambda m: compile_module(os.path.join(out, m), opts), modules)):
        if status not in (0, 1):
            crashes.append(f"weld crashed or timed out on {m} (status {status}): "
                           f"{err.strip()[:300]}")
    detail += crashes
    try:
        h = subprocess.run(["weld-spectest-host", script, out],
                           capture_output=True, text=True, errors="replace", timeout=opts.timeout * 4)
        lines = h.stdout.splitlines()
        result = [l for l in lines if l.startswith("RESULT ")]
        if h.returncode != 0 or not result:
            detail += [l for l in lines if l.startswith("FAIL")][:20]
            detail.append(f"host exited with status {h.returncode}: "
                          f"{h.stderr.strip()[:300]}")
            return 0, len(commands), 0, detail
    except subprocess.TimeoutExpired:
        return 0, len(commands), 0, detail + ["host timed out"]
    passed, failed, skipped = map(int, result[-1].split()[1:])
    detail += [l for l in lines if l.startswith(("FAIL", "SKIP"))]
    if crashes:
        failed += len(crashes)
    if not opts.keep:
        shutil.rmtree(out, ignore_errors=True)
    return passed, failed, skipped, detail


def main():
    ap = argparse.ArgumentParser(prog="utils/spectest core")
    ap.add_argument("files", nargs="*", help="only these .wast files (names or paths)")
    ap.add_argument("-O", dest="opt", default="1", help="weld optimization level")
    ap.add_argument("--bounds-checks", default="guard", choices=["guard", "explicit"])
    ap.add_argument("-j", dest="jobs", type=int, default=os.cpu_count())
    ap.add_argument("-v", "--verbose", action="store_true", help="print every failure")
    ap.add_argument("--keep", action="store_true", help="keep the compiled modules")
    ap.add_argument("--timeout", type=int, default=120)
    opts = ap.parse_args()
    files = suite_files()
    if opts.files:
        want = {os.path.basename(f).removesuffix(".wast") for f in opts.files}
        files = [f for f in files if label(f) in want or
                 os.path.basename(f)[:-5] in want]
    workdir = os.path.join(BUILD, "spectest-core", opts.bounds_checks)
    os.makedirs(workdir, exist_ok=True)
    totals = [0, 0, 0]
    skip_reasons = {}
    with cf.ThreadPoolExecutor(max_workers=opts.jobs) as pool:
        for path in files:
            p, f, s, detail = run_file(path, workdir, pool, opts)
            totals = [totals[0] + p, totals[1] + f, totals[2] + s]
            print(f"{label(path)}: {p} passed, {f} failed, {s} skipped", flush=True)
            for d in detail:
                if d.startswith("SKIP"):
                    why = d.split(": ", 1)[-1]
                    skip_reasons[why] = skip_reasons.get(why, 0) + 1
                elif opts.verbose or detail.index(d) < 5:
                    print(f"  {d}")
    for why, n in sorted(skip_reasons.items()):
        print(f"skipped {n}: {why}")
    print(f"core: {totals[0]} passed, {totals[1]} failed, {totals[2]} skipped")
    return 1 if totals[1] else 0


if __name__ == "__main__":
    sys.exit(main())
