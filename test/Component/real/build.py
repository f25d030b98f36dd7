#!/usr/bin/env python3
"""Builds the real components of weld's tests from the sources beside it.

    build.py NAME      builds (or reuses) component NAME, prints its path
    build.py NAME OUT  also links OUT to it (for lit tests)
    build.py --list    prints the names

Components come from C (clang-22 for wasm32-wasi, `wasm-tools component
embed/new` with the preview1 adapter), JavaScript (componentize-js),
Python (componentize-py) and a composition (`wasm-tools compose`). Builds
are cached under BUILD/real-components keyed by a hash of the sources and
the build recipe, because componentize-js needs ~16 s and ~780 MB per
component.
"""
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
TOOLS = os.path.join(ROOT, ".tools")
ADAPTERS = os.path.join(TOOLS, "npm", "node_modules", "@bytecodealliance",
                        "jco", "lib")
WASI_WIT = os.path.join(TOOLS, "npm", "node_modules", "@bytecodealliance",
                        "jco", "lib", "wit", "builtin", "0.2.12")
PATH_EXTRA = [os.path.join(TOOLS, "venv", "bin"),
              os.path.join(TOOLS, "npm", "node_modules", ".bin"),
              "/usr/lib/llvm-22/bin"]


def build_dir():
    if os.environ.get("WELD_BUILD_DIR"):
        return os.environ["WELD_BUILD_DIR"]
    weld = shutil.which("weld")
    if weld:
        return os.path.dirname(os.path.dirname(weld))
    return os.path.join(ROOT, "build")


def run(cmd, cwd=None):
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join(PATH_EXTRA + [env.get("PATH", "")])
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write(f"build.py: command failed: {' '.join(cmd)}\n"
                         f"{r.stdout[-2000:]}{r.stderr[-4000:]}")
        sys.exit(1)


def adapter(kind):
    return f"wasi_snapshot_preview1={ADAPTERS}/wasi_snapshot_preview1.{kind}.wasm"


def c_command(src, out, tmp):
    core = os.path.join(tmp, "core.wasm")
    run(["clang-22", "--target=wasm32-wasi", "-O2", "-Wno-deprecated",
         os.path.join(src, "main.c"), "-o", core])
    run(["wasm-tools", "component", "new", core, "--adapt", adapter("command"),
         "-o", out])


def c_reactor(source, wit, world):
    def build(src, out, tmp):
        core = os.path.join(tmp, "core.wasm")
        embedded = os.path.join(tmp, "embedded.wasm")
        run(["clang-22", "--target=wasm32-wasi", "-mexec-model=reactor", "-O2",
             "-Wno-deprecated", os.path.join(src, source), "-o", core])
        run(["wasm-tools", "component", "embed", os.path.join(src, wit),
             "--world", world, core, "-o", embedded])
        run(["wasm-tools", "component", "new", embedded, "--adapt",
             adapter("reactor"), "-o", out])
    return build


def js(source, wit, world):
    def build(src, out, tmp):
        # Its WASI sandbox only sees the working directory: relative paths.
        run(["componentize-js", source, "--wit", wit, "--world-name", world,
             "-o", out], cwd=src)
    return build


def js_command(source, wit, world):
    """A JavaScript wasi:cli command: the world (beside the source) imports
    and exports WASI interfaces, whose WIT packages come from jco's copy of
    the WASI 0.2 WIT files; no wasi:http (fetch) imports."""
    def build(src, out, tmp):
        wasi_wit(src, wit, tmp)
        shutil.copy(os.path.join(src, source), tmp)
        run(["componentize-js", source, "--wit", "wit", "--world-name", world,
             "--disable", "http", "fetch-event", "-o", out], cwd=tmp)
    return build


def wasi_wit(src, wit, tmp):
    """A WIT folder: the world file from the sources plus jco's copy of
    the WASI 0.2 packages as deps."""
    wit_dir = os.path.join(tmp, "wit")
    deps = os.path.join(wit_dir, "deps")
    os.makedirs(deps)
    shutil.copy(os.path.join(src, wit), wit_dir)
    for pkg in ["cli", "clocks", "filesystem", "io", "random", "sockets"]:
        os.symlink(os.path.join(WASI_WIT, f"wasi-{pkg}"),
                   os.path.join(deps, f"wasi-{pkg}"))
    return wit_dir


def py_command(wit, world):
    """A Python wasi:cli command (componentize-py exporting wasi:cli/run)."""
    def build(src, out, tmp):
        run(["componentize-py", "-d", wasi_wit(src, wit, tmp), "-w", world,
             "componentize", "app", "-p", src, "-o", out])
    return build


def py(wit, world):
    def build(src, out, tmp):
        run(["componentize-py", "-d", os.path.join(src, wit), "-w", world,
             "componentize", "app", "-p", src, "-o", out])
    return build


def composed(src, out, tmp):
    user = component("c-geometry-user")
    geometry = component("c-geometry")
    run(["wasm-tools", "compose", user, "-d", geometry, "-o", out])


# name -> (source folder, builder, other components it depends on)
COMPONENTS = {
    "c-hello": ("c-hello", c_command, []),
    "c-env": ("c-env", c_command, []),
    "c-calc": ("c-calc", c_reactor("calc.c", "calc.wit", "calc"), []),
    "c-geometry": ("c-geometry",
                   c_reactor("geometry.c", "geometry.wit", "geometry"), []),
    "c-geometry-user": ("c-geometry-user",
                        c_reactor("user.c", "wit", "user"), []),
    "composed-geometry": ("c-geometry-user", composed,
                          ["c-geometry", "c-geometry-user"]),
    "js-greet": ("js-greet", js("greet.js", "greet.wit", "greeter"), []),
    "js-shapes": ("js-shapes", js("shapes.js", "shapes.wit", "shop"), []),
    "js-counter": ("js-counter", js("counter.js", "counter.wit", "counting"),
                   []),
    "js-command": ("js-command",
                   js_command("command.js", "command.wit", "command"), []),
    "py-command": ("py-command", py_command("command.wit", "command"), []),
    "py-hello": ("py-hello", py("hello.wit", "hello"), []),
    "py-inventory": ("py-inventory", py("inventory.wit", "shop"), []),
}


def source_hash(name):
    folder, _, deps = COMPONENTS[name]
    h = hashlib.sha256(name.encode())
    with open(__file__, "rb") as f:
        h.update(f.read())
    for dirpath, dirs, files in sorted(os.walk(os.path.join(HERE, folder))):
        dirs.sort()
        for fn in sorted(files):
            p = os.path.join(dirpath, fn)
            h.update(os.path.relpath(p, HERE).encode())
            with open(p, "rb") as f:
                h.update(f.read())
    for d in deps:
        h.update(source_hash(d).encode())
    return h.hexdigest()[:16]


def component(name):
    cache = os.path.join(build_dir(), "real-components")
    os.makedirs(cache, exist_ok=True)
    out = os.path.join(cache, f"{name}-{source_hash(name)}.wasm")
    if os.path.exists(out):
        return out
    folder, builder, _ = COMPONENTS[name]
    with tempfile.TemporaryDirectory() as tmp:
        part = os.path.join(tmp, "out.wasm")
        builder(os.path.join(HERE, folder), part, tmp)
        shutil.move(part, out)
    return out


def main():
    if len(sys.argv) not in (2, 3):
        sys.stderr.write("usage: build.py NAME [OUT] | --list\n")
        return 1
    if sys.argv[1] == "--list":
        print("\n".join(COMPONENTS))
        return 0
    if sys.argv[1] not in COMPONENTS:
        sys.stderr.write(f"build.py: unknown component {sys.argv[1]}\n")
        return 1
    path = component(sys.argv[1])
    if len(sys.argv) == 3:
        if os.path.lexists(sys.argv[2]):
            os.remove(sys.argv[2])
        os.symlink(path, sys.argv[2])
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
