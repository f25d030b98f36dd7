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

Without --validate-only it runs the synchronous scripts of component-model/
and wasmtime/component-model/: every component is compiled with
`weld compile --emit=shared`, and build/bin/weld-component-host instantiates
them and checks assert_return, assert_trap, assert_uninstantiable and
assert_unlinkable (validation commands are left to --validate-only). Files
that use the async ABI (async, stream, future, task, waitable, thread or
context built-ins) are skipped with that reason. It prints one line per file
and last "component: N passed, N failed, N skipped".
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import subprocess
import sys

ROOT = os.environ.get("WELD_ROOT",
                      os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("WELD_BUILD_DIR", os.path.join(ROOT, "build"))
SUITE = os.path.join(os.path.dirname(ROOT), "shared", "spec-tests", "component")
FOLDERS = ["component-model", "wasmtime", "wasm-tools"]

# Commands whose expectation weld does not share, keyed by (file, line).
# Feature gates are not listed here: each file runs with the features its
# header enables (features_for). What is left: tests that predate rules
# wasm-tools (and weld, which matches it) now enforce, and restrictions of
# wasmtime's implementation that are not validation rules.
SKIPS = {
    ("component-model/binary/binary.wast", 974):
        "uses the `cancellable` immediate removed by component-model#716 "
        "(wasm-tools rejects it with every feature)",
    ("component-model/validation/kebab.wast", 4):
        "expects `a-1` and `a1` to be distinct names; wasm-tools (and weld) "
        "compare names ignoring hyphens",
    ("wasm-tools/import.wast", 186): "uses removed `unlocked-dep=` names",
    ("wasm-tools/import.wast", 228): "uses removed `locked-dep=` names",
    ("wasm-tools/import.wast", 269): "uses removed `url=` names",
    ("wasm-tools/import.wast", 303): "uses removed `integrity=` names",
    ("wasm-tools/nested-names.wast", 13): "uses removed `unlocked-dep=` names",
    ("wasm-tools/nested-names.wast", 24): "uses removed `locked-dep=` names",
    ("wasmtime/component-model/import.wast", 2):
        "wasmtime restriction, not a validation rule",
    ("wasmtime/component-model/import.wast", 8):
        "depends on wasmtime's test host defining `host-return-two` as a "
        "function",
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


# Component-model feature gates weld implements, as wasm-tools names them.
# weld's defaults are wasm-tools' defaults; a test file opts into others the
# way wasm-tools' and wasmtime's own runners do (see features_for).
WELD_FEATURES = {
    "cm-async", "cm-async-stackful", "cm-more-async-builtins", "cm-threading",
    "cm-error-context", "cm-fixed-length-lists", "cm-map", "cm64",
    "cm-values", "cm-nested-names", "cm-implements", "cm-canon-names",
    "shared-everything-threads",
}
# Gated proposals weld does not implement: it rejects them, exactly as
# `wasm-tools validate` does with its default features, so the files that
# enable them test behaviour outside what weld supports.
UNSUPPORTED = {
    "cm-gc": "needs the `cm-gc` GC lowering, off by default in wasm-tools "
             "and not implemented by weld (which rejects it as wasm-tools' "
             "defaults do)",
}
# Core-wasm proposals a header may enable; compiler/Core decides on those.
CORE_FEATURES = {
    "gc", "memory64", "multi-memory", "custom-page-sizes", "exceptions",
    "function-references", "reference-types", "bulk-memory", "simd",
    "threads", "tail-call", "gc-types", "extended-const",
    # wasmtime's harness flag for tests that reserve much memory.
    "hogs-memory",
}


def features_for(rel):
    """The feature list for one file, or (None, reason) to skip it.

    wasm-tools' files name theirs on a `;; RUN: ... -f LIST` line and
    wasmtime's in `;;! component_model_NAME = BOOL` headers; the
    component-model suite covers the whole specification except the
    nested-namespace names (🪺), which it checks are rejected."""
    with open(os.path.join(SUITE, rel), encoding="utf-8") as f:
        head = [l for l in f.read().splitlines()[:40] if l.startswith(";;")]
    if rel.startswith("component-model/"):
        return "all,-cm-nested-names", None
    feats = []
    for l in head:
        if l.startswith(";; RUN:") and " -f " in l:
            feats += l.split(" -f ", 1)[1].split()[0].split(",")
        elif l.startswith(";;!") and "=" in l:
            key, val = (x.strip() for x in l[3:].split("=", 1))
            if key.startswith("component_model_"):
                name = key[len("component_model_"):].replace("_", "-")
                name = "cm64" if name == "memory64" else "cm-" + name
                feats.append(name if val == "true" else "-" + name)
            elif val == "true":
                feats.append(key.replace("_", "-"))
    out = []
    for name in feats:
        bare = name.lstrip("-")
        if bare in UNSUPPORTED and not name.startswith("-"):
            return None, UNSUPPORTED[bare]
        if bare in WELD_FEATURES:
            out.append(name)
        elif bare not in CORE_FEATURES and bare not in UNSUPPORTED:
            return None, f"unknown feature `{bare}` in the test header"
    return ",".join(out), None


def check(weld, wasm, features):
    cmd = [weld, "inspect", "--validate-only", wasm]
    if features:
        cmd.append("--features=" + features)
    r = subprocess.run(cmd, capture_output=True, text=True)
    return r.returncode, r.stderr.strip()


def run_file(rel, cache, weld, verbose):
    """Returns (passed, failed, skipped, lines of detail)."""
    data, where = convert(rel, cache)
    if data is None:
        return 0, 0, 1, [f"  skipped: {where}"]
    passed = failed = skipped = 0
    detail = []
    features, why_not = features_for(rel)
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
        reason = SKIPS.get((rel, line)) or why_not
        if reason:
            skipped += 1
            detail.append(f"  skipped line {line}: {reason}")
            continue
        status, err = check(weld, os.path.join(where, cmd["filename"]),
                            features)
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


RUN_FOLDERS = ["component-model", "wasmtime/component-model"]
ASYNC_RE = re.compile(r"\b(async|stream|future|task\.[a-z-]+|waitable[a-z.-]*|"
                      r"thread\.[a-z-]+|context\.(get|set)|backpressure[a-z.-]*|"
                      r"subtask\.[a-z-]+|error-context)\b")
COMPILED = ("module", "module_definition", "assert_uninstantiable",
            "assert_unlinkable")


def run_files():
    out = []
    for folder in RUN_FOLDERS:
        base = os.path.join(SUITE, folder)
        for dirpath, _, names in os.walk(base):
            for n in names:
                if n.endswith(".wast"):
                    out.append(os.path.relpath(os.path.join(dirpath, n), SUITE))
    return sorted(out)


def async_reason(rel):
    with open(os.path.join(SUITE, rel), encoding="utf-8", errors="replace") as f:
        text = "\n".join(l.split(";;")[0] for l in f)
    m = ASYNC_RE.search(text)
    return m and f"uses the async ABI (`{m.group(0)}`)"


# Core proposals weld's core frontend does not compile yet; a component
# whose core module uses one is skipped with the proposal's name.
CORE_UNSUPPORTED_RE = re.compile(
    r"not supported yet: (exception-handling|gc|function-references|threads|"
    r"memory64|custom-page-sizes|multi-memory|tail-call|simd)$")


def compile_component(weld, wasm, features, source=None):
    cmd = [weld, "compile", "--emit=shared", "-O1", "-o", wasm + ".so",
           source or wasm]
    if features:
        cmd.append("--features=" + features)
    r = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
    err = (r.stderr.strip().splitlines() or [""])[-1]
    status = str(r.returncode)
    m = CORE_UNSUPPORTED_RE.search(err)
    if r.returncode and m:
        status, err = "skip", "feature not supported yet: " + m.group(1)
    elif r.returncode:
        # As the host does for functions: wasmtime's test host supplies the
        # items named host* (here core modules weld would have to
        # instantiate); this runner supplies none of them.
        info = component_interface(wasm)
        hosted = [n for n in (info[0] if info else []) if n.startswith("host")]
        if hosted:
            status = "skip"
            err = f"needs wasmtime's test-host import `{hosted[0]}`"
    with open(wasm + ".status", "w") as f:
        f.write(status)
    with open(wasm + ".err", "w") as f:
        f.write(err)


def read_leb(data, pos):
    """Reads an unsigned LEB128 at pos; returns (value, next position)."""
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, pos


def _u32(n):
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _name(text):
    raw = text.encode()
    return _u32(len(raw)) + raw


def _skip_externdesc(data, q):
    kind = data[q]
    q += 1
    if kind == 0x00:                # core module: 0x11 typeidx
        _, q = read_leb(data, q + 1)
    elif kind in (0x01, 0x04, 0x05):
        _, q = read_leb(data, q)
    elif kind in (0x02, 0x03):      # value or type bound
        sub = data[q]
        q += 1
        if kind == 0x02 or sub == 0x00:
            _, q = read_leb(data, q)
    else:
        raise IndexError
    return q


def component_interface(path):
    """(import names, exports as (name, sort bytes)) of a component binary,
    or None when a form this reader does not know appears (then nothing is
    linked)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\0asm\x0d\x00\x01\x00":
        return None
    names, exports, pos = [], [], 8
    try:
        while pos < len(data):
            sid = data[pos]
            size, pos = read_leb(data, pos + 1)
            end = pos + size
            if sid in (10, 11):
                count, q = read_leb(data, pos)
                for _ in range(count):
                    if data[q] != 0x00:
                        return None
                    n, q = read_leb(data, q + 1)
                    name = data[q:q + n].decode()
                    q += n
                    if sid == 10:
                        names.append(name)
                        q = _skip_externdesc(data, q)
                        continue
                    sort = data[q:q + 2] if data[q] == 0x00 else data[q:q + 1]
                    _, q = read_leb(data, q + len(sort))
                    q += 1
                    if data[q - 1] == 0x01:
                        q = _skip_externdesc(data, q)
                    exports.append((name, bytes(sort)))
            pos = end
    except (IndexError, UnicodeDecodeError):
        return None
    return names, exports


def link_to_registered(wasm, registered):
    """wasmtime's script runner lets a component import the instances of
    earlier named components. weld links statically, so a component whose
    every import names such a component is compiled inside a wrapper that
    instantiates those components (or their own wrappers) and passes them
    as the arguments, and re-exports the component's exports: weld's
    validator then checks the link (a mismatch is a compile error, i.e.
    unlinkable). The registered components get fresh instances, so state
    is not shared with the script's earlier instance. Returns the wrapper's
    path, or None to compile the component alone."""
    info = component_interface(wasm)
    if not info or not info[0]:
        return None
    names, exports = info
    if any(n not in registered for n in names):
        return None
    parts = []
    for n in dict.fromkeys(names):
        dep = component_interface(registered[n])
        if dep is None or dep[0]:
            return None
        with open(registered[n], "rb") as f:
            parts.append(f.read())
    deps = list(dict.fromkeys(names))
    with open(wasm, "rb") as f:
        parts.append(f.read())

    def section(sid, body):
        return bytes([sid]) + _u32(len(body)) + body

    out = b"\0asm\x0d\x00\x01\x00"
    for body in parts:
        out += section(4, body)
    insts = b"".join(b"\x00" + _u32(k) + _u32(0) for k in range(len(deps)))
    args = b"".join(_name(n) + b"\x05" + _u32(deps.index(n))
                    for n in names)
    insts += b"\x00" + _u32(len(deps)) + _u32(len(names)) + args
    out += section(5, _u32(len(deps) + 1) + insts)
    if exports:
        # Alias each export out of the component's instance, then export it.
        counts = {b"\x05": len(deps) + 1, b"\x04": len(deps) + 1}
        aliases, outs = b"", b""
        for name, sort in exports:
            aliases += sort + b"\x00" + _u32(len(deps)) + _name(name)
            index = counts.get(sort, 0)
            counts[sort] = index + 1
            outs += b"\x00" + _name(name) + sort + _u32(index) + b"\x00"
        out += section(6, _u32(len(exports)) + aliases)
        out += section(11, _u32(len(exports)) + outs)
    linked = wasm + ".linked.wasm"
    with open(linked, "wb") as f:
        f.write(out)
    return linked


def run_component_file(rel, cache, weld, host):
    """Returns (passed, failed, skipped, lines of detail)."""
    reason = async_reason(rel)
    if reason:
        return 0, 0, 1, [f"  skipped: {reason}"]
    data, where = convert(rel, cache)
    if data is None:
        return 0, 0, 1, [f"  skipped: {where}"]
    features, why_not = features_for(rel)
    if why_not:
        return 0, 0, 1, [f"  skipped: {why_not}"]
    registered = {}
    for cmd in data["commands"]:
        if cmd["type"] in COMPILED and cmd.get("module_type") == "binary":
            wasm = os.path.join(where, cmd["filename"])
            reason = SKIPS.get((rel, cmd.get("line")))
            if reason:
                # Rejected by a feature gate of one engine: not run.
                with open(wasm + ".status", "w") as f:
                    f.write("skip")
                with open(wasm + ".err", "w") as f:
                    f.write(reason)
                continue
            linked = link_to_registered(wasm, registered)
            compile_component(weld, wasm, features, linked)
            if cmd["type"] == "module" and cmd.get("name"):
                registered[cmd["name"]] = linked or wasm
    script = os.path.join(where, "out.json")
    try:
        h = subprocess.run([host, script, where], capture_output=True,
                           text=True, errors="replace", timeout=120)
    except subprocess.TimeoutExpired:
        return 0, 1, 0, ["  FAIL host timed out"]
    detail = []
    passed = failed = skipped = 0
    got_result = False
    for line in h.stdout.splitlines():
        if line.startswith("RESULT "):
            p, f, s = map(int, line.split()[1:4])
            passed, failed, skipped = p, f, s
            got_result = True
        else:
            detail.append("  " + line)
    if not got_result:
        tail = (h.stderr.strip().splitlines() or [f"status {h.returncode}"])[-1]
        return passed, failed + 1, skipped, detail + [
            f"  FAIL host crashed: {tail[:200]}"]
    return passed, failed, skipped, detail


def run_components(opts):
    weld = os.path.join(BUILD, "bin", "weld")
    host = os.path.join(BUILD, "bin", "weld-component-host")
    cache = os.path.join(BUILD, "spectest-component-run")
    files = [f for f in run_files() if opts.filter in f]
    totals = [0, 0, 0]
    with concurrent.futures.ThreadPoolExecutor(max(1, opts.jobs)) as pool:
        results = pool.map(lambda f: run_component_file(f, cache, weld, host),
                           files)
        for rel, (p, f, s, detail) in zip(files, results):
            state = "FAIL" if f else "ok"
            print(f"{state} {rel}: {p} passed, {f} failed, {s} skipped",
                  flush=True)
            for d in detail:
                if f or opts.verbose or "skip" in d.lower():
                    print(d)
            totals = [totals[0] + p, totals[1] + f, totals[2] + s]
    print(f"component: {totals[0]} passed, {totals[1]} failed, "
          f"{totals[2]} skipped")
    return 1 if totals[1] else 0


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
        return run_components(opts)
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
