#!/usr/bin/env python3
"""Component-model conformance runner (utils/spectest component ...).

With --validate-only it converts every .wast of the three component suites in
../shared/spec-tests/component/ (component-model/, wasmtime/, wasm-tools/)
with `wasm-tools json-from-wast`, and checks every module/component
definition (must be accepted) and every binary assert_invalid /
assert_malformed (must be rejected with exit status 1) with
`weld inspect --validate-only`. It prints one line per file and last
"component-validate: N passed, N failed, N skipped"; every skip is listed
with its reason.

Running components (assert_return, assert_trap, ...) needs the component
runtime, which does not exist yet: without --validate-only the runner says so
and exits with status 2.
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import subprocess
import sys

ROOT = os.environ.get("WELD_ROOT",
                      os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("WELD_BUILD_DIR", os.path.join(ROOT, "build"))
SUITE = os.path.join(os.path.dirname(ROOT), "shared", "spec-tests", "component")
FOLDERS = ["component-model", "wasmtime", "wasm-tools"]

# Commands whose expected outcome depends on something other than the
# component binary itself: a feature gate that a particular engine keeps
# disabled, or a restriction of wasmtime's implementation. weld validates
# the complete current specification with every feature enabled, like
# `wasm-tools validate --features all`. Keyed by (file, line).
SKIPS = {
    ("component-model/binary/binary.wast", 974):
        "uses the `cancellable` immediate removed by component-model#716",
    ("component-model/validation/kebab.wast", 4):
        "expects the pre-strong-uniqueness name rules",
    ("component-model/validation/extern-names.wast", 54):
        "expects the nested-namespace names gate (🪺) to be off",
    ("component-model/validation/extern-names.wast", 57):
        "expects the nested-namespace names gate (🪺) to be off",
    ("wasm-tools/async/futures.wast", 156): "expects the async gate off",
    ("wasm-tools/async/futures.wast", 190): "expects the async gate off",
    ("wasm-tools/async/streams.wast", 147): "expects the async gate off",
    ("wasm-tools/async/streams.wast", 182): "expects the async gate off",
    ("wasm-tools/import.wast", 173): "expects a feature gate off",
    ("wasm-tools/import.wast", 176): "expects a feature gate off",
    ("wasm-tools/import.wast", 186): "uses removed `unlocked-dep=` names",
    ("wasm-tools/import.wast", 228): "uses removed `locked-dep=` names",
    ("wasm-tools/import.wast", 269): "uses removed `url=` names",
    ("wasm-tools/import.wast", 303): "uses removed `integrity=` names",
    ("wasm-tools/memory64.wast", 46): "expects the memory64 gate off",
    ("wasm-tools/nested-names.wast", 13): "uses removed `unlocked-dep=` names",
    ("wasm-tools/nested-names.wast", 24): "uses removed `locked-dep=` names",
    ("wasm-tools/options.wast", 55): "expects a feature gate off",
    ("wasm-tools/resources.wast", 52): "expects a feature gate off",
    ("wasmtime/component-model/implements-disabled.wast", 4):
        "expects the `implements` gate off",
    ("wasmtime/component-model/import.wast", 2):
        "wasmtime restriction, not a validation rule",
    ("wasmtime/component-model/restrictions.wast", 2):
        "wasmtime restriction, not a validation rule",
    ("wasmtime/component-model/restrictions.wast", 6):
        "wasmtime restriction, not a validation rule",
    ("wasmtime/component-model/restrictions.wast", 10):
        "wasmtime restriction, not a validation rule",
    ("wasmtime/component-model/restrictions.wast", 17):
        "wasmtime restriction, not a validation rule",
    ("wasmtime/component-model/simple.wast", 25):
        "wasmtime restriction, not a validation rule",
    ("wasmtime/component-model/simple.wast", 31):
        "wasmtime restriction, not a validation rule",
}

VALID = ("module", "module_definition")
INVALID = ("assert_invalid", "assert_malformed")


def wast_files():
    out = []
    for folder in FOLDERS:
        base = os.path.join(SUITE, folder)
        for dirpath, _, names in os.walk(base):
            for n in names:
                if n.endswith(".wast"):
                    out.append(os.path.relpath(os.path.join(dirpath, n), SUITE))
    return sorted(out)


def convert(rel, cache):
    """Converts one .wast; returns (json dict, wasm dir) or (None, reason)."""
    path = os.path.join(SUITE, rel)
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:16]
    out_dir = os.path.join(cache, digest)
    out_json = os.path.join(out_dir, "out.json")
    if not os.path.exists(out_json):
        os.makedirs(out_dir, exist_ok=True)
        r = subprocess.run(["wasm-tools", "json-from-wast", path, "-o",
                            out_json + ".tmp", "--wasm-dir", out_dir],
                           capture_output=True, text=True)
        if r.returncode != 0:
            first = (r.stderr.strip().splitlines() or ["?"])[0]
            return None, "json-from-wast cannot convert it: " + first[:120]
        os.replace(out_json + ".tmp", out_json)
    with open(out_json) as f:
        return json.load(f), out_dir


def check(weld, wasm):
    r = subprocess.run([weld, "inspect", "--validate-only", wasm],
                       capture_output=True, text=True)
    return r.returncode, r.stderr.strip()


def run_file(rel, cache, weld, verbose):
    """Returns (passed, failed, skipped, lines of detail)."""
    data, where = convert(rel, cache)
    if data is None:
        return 0, 0, 1, [f"  skipped: {where}"]
    passed = failed = skipped = 0
    detail = []
    for cmd in data["commands"]:
        kind = cmd["type"]
        if kind not in VALID + INVALID:
            continue
        line = cmd.get("line")
        if cmd.get("module_type") != "binary":
            skipped += 1
            detail.append(f"  skipped line {line}: text-format malformation "
                          "(rejected by the WAT parser, no binary exists)")
            continue
        reason = SKIPS.get((rel, line))
        if reason:
            skipped += 1
            detail.append(f"  skipped line {line}: {reason}")
            continue
        status, err = check(weld, os.path.join(where, cmd["filename"]))
        want_ok = kind in VALID
        if want_ok and status == 0 or not want_ok and status == 1:
            passed += 1
            continue
        failed += 1
        if want_ok:
            detail.append(f"  FAIL line {line}: valid {kind} rejected: {err}")
        elif status == 0:
            detail.append(f"  FAIL line {line}: {kind} accepted (expected: "
                          f"{cmd.get('text', '?')})")
        else:
            detail.append(f"  FAIL line {line}: {kind} exit status {status}: "
                          f"{err[:200]}")
    return passed, failed, skipped, detail


def main():
    ap = argparse.ArgumentParser(prog="utils/spectest component")
    ap.add_argument("--validate-only", action="store_true",
                    help="only check validation (assert_invalid/malformed)")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="print skip reasons of passing files too")
    ap.add_argument("--filter", default="", help="substring of file paths")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    opts = ap.parse_args()
    if not opts.validate_only:
        print("utils/spectest component: running components is not "
              "implemented yet (needs the component runtime); use "
              "--validate-only", file=sys.stderr)
        return 2
    weld = os.path.join(BUILD, "bin", "weld")
    cache = os.path.join(BUILD, "spectest-component")
    files = [f for f in wast_files() if opts.filter in f]
    totals = [0, 0, 0]
    with concurrent.futures.ThreadPoolExecutor(max(1, opts.jobs)) as pool:
        results = pool.map(lambda f: run_file(f, cache, weld, opts.verbose),
                           files)
        for rel, (p, f, s, detail) in zip(files, results):
            state = "FAIL" if f else "ok"
            print(f"{state} {rel}: {p} passed, {f} failed, {s} skipped")
            for d in detail:
                if f or opts.verbose or "skipped" in d:
                    print(d)
            totals = [totals[0] + p, totals[1] + f, totals[2] + s]
    print(f"component-validate: {totals[0]} passed, {totals[1]} failed, "
          f"{totals[2]} skipped")
    return 1 if totals[1] else 0


if __name__ == "__main__":
    sys.exit(main())
