"""A wasi:cli command in Python (componentize-py -w wasi:cli/command):
prints its arguments, the environment variables named by them and a
summary of stdin, writes to stderr, and exits with status 1 when the
first argument is "fail"."""
import os
import sys

from wit_world import exports


class Run(exports.Run):
    def run(self) -> None:
        args = sys.argv[1:]
        print(f"args {len(args)}: " + " ".join(f"[{a}]" for a in args))
        for a in args:
            if a.isupper():
                print(f"{a}={os.environ.get(a, '<unset>')}")
        data = sys.stdin.read()
        lines = [l for l in data.split("\n") if l]
        words = data.split()
        print(f"stdin: {len(lines)} lines, {len(words)} words, {len(data)} chars")
        for l in lines:
            print(l.upper()[::-1])
        counts = {}
        for w in words:
            counts[w] = counts.get(w, 0) + 1
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        print(f"top: {top}")
        print(f"sum: {sum(x * x for x in range(1, 6))}")
        sys.stdout.flush()
        print(f"py-command: {len(args)} arguments", file=sys.stderr)
        if args[:1] == ["fail"]:
            print("py-command: failing as asked", file=sys.stderr)
            sys.stderr.flush()
            raise SystemExit(1)
