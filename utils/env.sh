# Sourced by weld's scripts: puts the project-local tools on PATH.
# shellcheck shell=bash
WELD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export WELD_ROOT
export WELD_TOOLS="$WELD_ROOT/.tools"
export WELD_BUILD_DIR="${WELD_BUILD_DIR:-$WELD_ROOT/build}"
export PATH="$WELD_BUILD_DIR/bin:$WELD_TOOLS/venv/bin:$WELD_TOOLS/npm/node_modules/.bin:/usr/lib/llvm-22/bin:$PATH"
# The preview1 adapters that turn wasi-libc programs into components.
export WELD_ADAPTER_DIR="$WELD_TOOLS/npm/node_modules/@bytecodealliance/jco/lib"
