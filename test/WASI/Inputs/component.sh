#!/bin/sh
# Builds the C program $1 into the wasi:cli command component $2 with
# wasi-libc and the preview1 command adapter in $WELD_ADAPTER_DIR. With a
# WIT file $3 and world $4, the imports the program declares itself (those
# the adapter does not provide, e.g. wasi:sockets) are described by that
# world, embedded with `wasm-tools component embed` first. Builds
# are cached in $WELD_WASI_CACHE (when set) by a hash of the source and
# the adapter, since clang and `wasm-tools component new` take seconds.
set -e
key=$( (cat "$1" "$WELD_ADAPTER_DIR/wasi_snapshot_preview1.command.wasm"
        if [ -n "$3" ]; then cat "$3"; echo "$4"; fi) |
      sha256sum | cut -d' ' -f1)
if [ -n "$WELD_WASI_CACHE" ] && [ -f "$WELD_WASI_CACHE/$key.wasm" ]; then
  cp "$WELD_WASI_CACHE/$key.wasm" "$2"
  exit 0
fi
clang-22 --target=wasm32-wasi -Wno-deprecated -O2 "$1" -o "$2.core.wasm"
if [ -n "$3" ]; then
  wasm-tools component embed "$3" --world "$4" "$2.core.wasm" \
    -o "$2.core.wasm"
fi
wasm-tools component new "$2.core.wasm" \
  --adapt "wasi_snapshot_preview1=$WELD_ADAPTER_DIR/wasi_snapshot_preview1.command.wasm" \
  -o "$2"
if [ -n "$WELD_WASI_CACHE" ]; then
  mkdir -p "$WELD_WASI_CACHE"
  cp "$2" "$WELD_WASI_CACHE/$key.wasm.$$"
  mv "$WELD_WASI_CACHE/$key.wasm.$$" "$WELD_WASI_CACHE/$key.wasm"
fi
