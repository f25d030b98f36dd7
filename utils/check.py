"""Runs weld's test suites and sums their results.

Each suite reports passed/failed/skipped counts; the last line printed is
"N passed, N failed, N skipped" and the exit status is 1 when any failed.
"""
import argparse
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

ROOT = os.environ["WELD_ROOT"]
BUILD = os.environ["WELD_BUILD_DIR"]


def junit_counts(path):
    """(passed, failed, skipped) from a JUnit XML report."""
    passed = failed = skipped = 0
    for case in ET.parse(path).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is not None:
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def run_ctest():
    report = os.path.join(BUILD, "ctest-report.xml")
    subprocess.run(["ctest", "--test-dir", BUILD, "--output-on-failure",
                    "--output-junit", report, "-j", str(os.cpu_count())],
                   stdout=sys.stdout, stderr=sys.stderr)
    if not os.path.exists(report):
        return 0, 1, 0
    return junit_counts(report)


def run_lit(args):
    report = os.path.join(BUILD, "lit-report.xml")
    cmd = ["lit", "-sv", "--xunit-xml-output", report,
           os.path.join(ROOT, "test")] + args
    subprocess.run(cmd, stdout=sys.stdout, stderr=sys.stderr)
    if not os.path.exists(report):
        return 0, 1, 0
    return junit_counts(report)


def run_component_spectest():
    """Component validation conformance (utils/spectest_component.py)."""
    r = subprocess.run([sys.executable,
                        os.path.join(ROOT, "utils", "spectest_component.py"),
                        "--validate-only"], capture_output=True, text=True)
    lines = r.stdout.strip().splitlines()
    for line in lines:
        if line.startswith("FAIL") or line.lstrip().startswith("FAIL"):
            print(line)
    last = lines[-1] if lines else ""
    if not last.startswith("component-validate:"):
        sys.stderr.write(r.stderr)
        return 0, 1, 0
    nums = [int(w) for w in last.replace(",", " ").split() if w.isdigit()]
    return nums[0], nums[1], nums[2]


def run_component_run():
    """Compiled components run against the component scripts
    (utils/spectest_component.py without --validate-only)."""
    r = subprocess.run([sys.executable,
                        os.path.join(ROOT, "utils", "spectest_component.py"),
                        "-j2"], capture_output=True, text=True)
    lines = r.stdout.strip().splitlines()
    for line in lines:
        if line.startswith("FAIL") or line.lstrip().startswith("FAIL"):
            print(line)
    last = lines[-1] if lines else ""
    if not last.startswith("component:"):
        sys.stderr.write(r.stderr)
        return 0, 1, 0
    nums = [int(w) for w in last.replace(",", " ").split() if w.isdigit()]
    return nums[0], nums[1], nums[2]


def run_fuzz(seconds):
    """Every libFuzzer target for a short budget (utils/fuzz): one test each."""
    r = subprocess.run([os.path.join(ROOT, "utils", "fuzz"), str(seconds)],
                       capture_output=True, text=True)
    ran = [l for l in r.stdout.splitlines() if l.startswith("fuzz: ")]
    if r.returncode != 0:
        print(r.stdout[-3000:] + r.stderr[-3000:])
        return max(len(ran) - 1, 0), 1, 0
    return len(ran), 0, 0


def run_spectest_core(extra):
    """utils/spectest core -O1 with extra options; its summary line."""
    cmd = [os.path.join(ROOT, "utils", "spectest"), "core", "-O1"] + extra
    r = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
    lines = r.stdout.strip().splitlines()
    for line in lines:
        if line.startswith("  FAIL") or "weld crashed" in line:
            print(line)
    last = lines[-1] if lines else ""
    if not last.startswith("core:"):
        sys.stderr.write(r.stderr[-3000:])
        return 0, 1, 0
    nums = [int(w) for w in last.replace(",", " ").split() if w.isdigit()]
    return nums[0], nums[1], nums[2]


def memory_spec_files():
    """The core spec scripts that exercise linear memory: the ones worth
    repeating with --bounds-checks=explicit (the whole suite takes long)."""
    import glob
    suite = os.path.join(ROOT, "..", "shared", "spec-tests", "core", "wasm-2.0")
    words = ("address", "memory", "load", "store", "endianness", "bulk",
             "align", "traps", "data")
    names = set()
    for f in glob.glob(os.path.join(suite, "*.wast")):
        base = os.path.basename(f)[:-5]
        if any(w in base for w in words):
            names.add(base)
    return sorted(names)


def main():
    ap = argparse.ArgumentParser(prog="utils/check")
    ap.add_argument("--full", action="store_true",
                    help="also run the heavy suites")
    ap.add_argument("--fuzz-seconds", type=int, default=20,
                    help="budget of each fuzz target (0 skips fuzzing)")
    ap.add_argument("--lit-arg", action="append", default=[],
                    help="extra argument for lit")
    opts = ap.parse_args()
    if opts.full:
        # The JavaScript and Python command tests (minutes of compiling).
        opts.lit_arg.append("--param=large-components=1")
    totals = [0, 0, 0]
    suites = [("unit", run_ctest), ("lit", lambda: run_lit(opts.lit_arg)),
              ("component-validate", run_component_spectest),
              ("component", run_component_run),
              ("spectest core", lambda: run_spectest_core([]))]
    # Explicit bounds checks: the memory scripts by default, all with --full.
    explicit = ["--bounds-checks=explicit"]
    if not opts.full:
        explicit += memory_spec_files()
    suites.append(("spectest core explicit",
                   lambda: run_spectest_core(explicit)))
    if opts.fuzz_seconds > 0:
        suites.append(("fuzz", lambda: run_fuzz(opts.fuzz_seconds)))
    for name, fn in suites:
        p, f, s = fn()
        print(f"{name}: {p} passed, {f} failed, {s} skipped", flush=True)
        totals = [totals[0] + p, totals[1] + f, totals[2] + s]
    print(f"{totals[0]} passed, {totals[1]} failed, {totals[2]} skipped")
    return 1 if totals[1] else 0


if __name__ == "__main__":
    sys.exit(main())
