#!/usr/bin/env python3
"""Runs a command under wasmtime and as weld's native build and compares
stdout, stderr and exit status; prints weld's stdout (for FileCheck) and,
on a difference, both sides. Usage:

  compare.py [--stdin FILE] [--stderr-lines N] [--trap] [--cwd-a DIR]
             [--cwd-b DIR] -- WASMTIME-COMMAND... -- WELD-COMMAND...

--stderr-lines compares only the first N lines of stderr. --trap compares
the whole of stderr except what only wasmtime prints in a trap report: its
wasm backtrace (the cause "error while executing at wasm backtrace:", the
frames and the WASMTIME_BACKTRACE_DETAILS note; the causes after it are
renumbered) and Rust's "Stack backtrace:" when RUST_BACKTRACE is set.
"""
import re
import subprocess
import sys

# "    0:     0x32 - m!start" or "    0: m!rec": a frame names MODULE!FUNC.
FRAME = re.compile(rb"^ +\d+: +(0x[0-9a-f]+ - )?[^ ]+!")
CAUSE = re.compile(rb"^    (\d+): ")


def without_backtrace(err):
    out, cause = [], 0
    for line in err.split(b"\n"):
        if line == b"Stack backtrace:":
            out.append(b"")
            break
        if FRAME.match(line) or line.startswith(b"note: using the `WASMTIME_"):
            continue
        m = CAUSE.match(line)
        if m and line.endswith(b"error while executing at wasm backtrace:"):
            continue
        if m:
            line = b"    %d: " % cause + line[m.end():]
            cause += 1
        out.append(line)
    return b"\n".join(out)


def main(argv):
    opts = {"--stdin": None, "--stderr-lines": None, "--cwd-a": None,
            "--cwd-b": None, "--trap": False}
    i = 0
    while argv[i] != "--":
        if argv[i] == "--trap":
            opts["--trap"] = True
            i += 1
            continue
        opts[argv[i]] = argv[i + 1]
        i += 2
    rest = argv[i + 1:]
    split = rest.index("--")
    cmds = [rest[:split], rest[split + 1:]]
    data = b""
    if opts["--stdin"]:
        with open(opts["--stdin"], "rb") as f:
            data = f.read()
    results = []
    for cmd, cwd in zip(cmds, [opts["--cwd-a"], opts["--cwd-b"]]):
        p = subprocess.run(cmd, input=data, capture_output=True, cwd=cwd,
                           timeout=60)
        err = p.stderr
        if opts["--stderr-lines"]:
            n = int(opts["--stderr-lines"])
            err = b"\n".join(err.split(b"\n")[:n])
        if opts["--trap"]:
            err = without_backtrace(err)
        results.append((p.stdout, err, p.returncode))
    sys.stdout.buffer.write(results[1][0])
    sys.stdout.write("status %d\n" % results[1][2])
    if results[0] != results[1]:
        for name, (out, err, rc) in zip(["wasmtime", "weld"], results):
            sys.stderr.write("== %s: status %d\n-- stdout:\n%s\n-- stderr:\n%s\n"
                             % (name, rc, out.decode(errors="replace"),
                                err.decode(errors="replace")))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
