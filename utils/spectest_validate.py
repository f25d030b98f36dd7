#!/usr/bin/env python3
"""Checks weld's core decoder and validator against the official suite.

Converts each .wast with `wasm-tools json-from-wast` and runs
`weld compile --core --validate-only` on every module it contains:

  module, assert_uninstantiable, assert_unlinkable   must validate (exit 0)
  assert_invalid, binary assert_malformed            must be rejected (exit 1)
  text assert_malformed                              skipped (text format)

Any other exit status (a crash, a signal) is a failure. Prints one line per
file and last `core-validate: N passed, N failed, N skipped` (counting
modules). Exits 1 when anything failed.

Usage: utils/spectest_validate.py [-v] [--weld PATH] [-j N] [WAST|DIR ...]
Without arguments it checks core/wasm-2.0/*.wast and the tail-call,
extended-const and multi-memory proposals from ../shared/spec-tests.
"""

import argparse
import concurrent.futures
import glob
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEC = os.path.join(os.path.dirname(ROOT), "shared", "spec-tests", "core",
                    "wasm-2.0")
PROPOSALS = ("tail-call", "extended-const", "multi-memory")

# Assertions that expect a Wasm 2.0 restriction that weld lifts on purpose
# because the proposal is in scope; the reason is printed with the skip.
LIFTED = {
    "multiple memories": "multi-memory is enabled",
    # With multi-memory the reserved byte of memory.size/grow/init/copy/fill
    # is a LEB128 memory index, so a long encoding of 0 is well-formed.
    "zero byte expected": "multi-memory is enabled (memory index is LEB128)",
}


def default_files():
    files = sorted(glob.glob(os.path.join(SPEC, "*.wast")))
    for p in PROPOSALS:
        files += sorted(glob.glob(os.path.join(SPEC, "proposals", p, "*.wast")))
    return files


def expand(args):
    files = []
    for a in args:
        if os.path.isdir(a):
            files += sorted(glob.glob(os.path.join(a, "*.wast")))
        else:
            files.append(a)
    return files


def run_weld(weld, path):
    try:
        p = subprocess.run([weld, "compile", "--core", "--validate-only", path],
                           capture_output=True, text=True, errors="replace",
                           timeout=60)
        return p.returncode, p.stderr.strip()
    except subprocess.TimeoutExpired:
        return "timeout", ""


def check_file(weld, wast, verbose):
    """Returns (passed, failed, skipped, lines) for one .wast file."""
    name = os.path.relpath(wast, SPEC) if wast.startswith(SPEC) else wast
    lines = []
    with tempfile.TemporaryDirectory(prefix="weld-spec-") as tmp:
        out = os.path.join(tmp, "out.json")
        conv = subprocess.run(["wasm-tools", "json-from-wast", wast, "-o", out,
                               "--wasm-dir", tmp],
                              capture_output=True, text=True, errors="replace")
        if conv.returncode != 0:
            msg = conv.stderr.strip().splitlines()[:1]
            return 0, 0, 1, [f"SKIP {name}: json-from-wast failed: {msg}"]
        commands = json.load(open(out))["commands"]
        passed = failed = skipped = 0
        for c in commands:
            kind = c["type"]
            if kind in ("module", "assert_uninstantiable", "assert_unlinkable"):
                want = 0
            elif kind in ("assert_invalid", "assert_malformed"):
                want = 1
            else:
                continue
            if c.get("module_type", "binary") != "binary":
                skipped += 1
                if verbose:
                    lines.append(f"  skip line {c['line']}: {kind} in the "
                                 "text format")
                continue
            text = c.get("text", "")
            if want == 1 and text in LIFTED:
                skipped += 1
                if verbose:
                    lines.append(f"  skip line {c['line']}: \"{text}\": "
                                 f"{LIFTED[text]}")
                continue
            rc, err = run_weld(weld, os.path.join(tmp, c["filename"]))
            if rc == want:
                passed += 1
                if verbose and want == 1:
                    lines.append(f"  ok line {c['line']}: want \"{text}\", "
                                 f"got {err}")
                continue
            failed += 1
            what = f"exit {rc}" + (f": {err}" if err else "")
            expect = "valid" if want == 0 else f"rejected (\"{text}\")"
            lines.append(f"  FAIL line {c['line']}: {kind} should be "
                         f"{expect}, got {what}")
    status = "FAIL" if failed else "PASS"
    head = f"{status} {name}: {passed} passed, {failed} failed, " \
           f"{skipped} skipped"
    return passed, failed, skipped, [head] + lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--weld", default=None)
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    build = os.environ.get("WELD_BUILD_DIR", os.path.join(ROOT, "build"))
    weld = a.weld or os.path.join(build, "bin", "weld")
    files = expand(a.files) if a.files else default_files()
    totals = [0, 0, 0]
    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as pool:
        for p, f, s, lines in pool.map(
                lambda w: check_file(weld, w, a.verbose), files):
            totals[0] += p
            totals[1] += f
            totals[2] += s
            print("\n".join(lines), flush=True)
    print(f"core-validate: {totals[0]} passed, {totals[1]} failed, "
          f"{totals[2]} skipped")
    return 1 if totals[1] else 0


if __name__ == "__main__":
    sys.exit(main())
