# lit configuration for weld's test suite. Run through utils/check, which
# builds weld first and puts the project's tools on PATH.
import os
import shutil
import sys

import lit.formats

config.name = "weld"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".test", ".wat", ".c"]
config.excludes = ["Inputs", "fuzz", "unit", "tools", "programs", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)

root = os.path.dirname(config.test_source_root)
build = os.environ.get("WELD_BUILD_DIR", os.path.join(root, "build"))
config.test_exec_root = os.path.join(build, "test-output")

llvm_bin = "/usr/lib/llvm-22/bin"
path = [os.path.join(build, "bin"), llvm_bin, os.environ.get("PATH", "")]
config.environment["PATH"] = os.pathsep.join(path)
for var in ("HOME", "TMPDIR"):
    if var in os.environ:
        config.environment[var] = os.environ[var]


def tool(name):
    found = shutil.which(name, path=config.environment["PATH"])
    if not found:
        lit_config.fatal("required tool not found on PATH: " + name +
                         " (run utils/bootstrap)")
    return found


config.substitutions.append(("%weld-include", os.path.join(root, "include")))
config.substitutions.append(("%weld", tool("weld")))
config.substitutions.append(("%wasm-tools", tool("wasm-tools")))
config.substitutions.append(("%wasmtime", tool("wasmtime")))
config.substitutions.append(("%clang", tool("clang-22")))
for t in ("FileCheck", "not", "split-file", "count"):
    tool(t)

# WASI programs: %wasi-component SRC.c OUT.wasm builds a command component;
# %wasi-compare runs wasmtime and weld's build and compares them.
adapters = os.environ.get(
    "WELD_ADAPTER_DIR",
    os.path.join(root, ".tools", "npm", "node_modules", "@bytecodealliance",
                 "jco", "lib"))
config.environment["WELD_ADAPTER_DIR"] = adapters
config.environment["WELD_WASI_CACHE"] = os.path.join(build, "wasi-programs")
wasi_inputs = os.path.join(config.test_source_root, "WASI", "Inputs")
config.substitutions.append(
    ("%wasi-component", "sh " + os.path.join(wasi_inputs, "component.sh")))
config.substitutions.append(
    ("%wasi-compare", sys.executable + " " +
     os.path.join(wasi_inputs, "compare.py")))

# Tests that compile the large JavaScript and Python components (minutes
# each) need the feature large-components: `utils/check --full`, or
# `lit --param large-components=1`, or WELD_LARGE_COMPONENTS=1.
if lit_config.params.get("large-components") or \
        os.environ.get("WELD_LARGE_COMPONENTS"):
    config.available_features.add("large-components")
