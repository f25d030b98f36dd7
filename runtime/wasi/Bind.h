//===- Bind.h - helpers of the WASI import bindings ------------*- C++ -*-===//
//
// Private to runtime/wasi/Bind*.cpp: reading parameters from and writing
// results to the canonical ABI's native layout (weld/component.h), and the
// declarations of every binding listed in weld/wasi_bindings.def.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_RUNTIME_WASI_BIND_H
#define WELD_RUNTIME_WASI_BIND_H

#include "weld/wasi_host.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

namespace weld::wasibind {

template <class T> inline T get(const void *P, size_t Off) {
  T V;
  memcpy(&V, static_cast<const char *>(P) + Off, sizeof V);
  return V;
}

template <class T> inline void put(void *P, size_t Off, T V) {
  memcpy(static_cast<char *>(P) + Off, &V, sizeof V);
}

inline weld_wasi_host *host(void *Ctx) { return static_cast<weld_wasi_host *>(Ctx); }
inline weld_wasi_ctx *ctx(void *Ctx) { return host(Ctx)->ctx; }

/// A string or list argument at Off.
struct Span {
  const char *Ptr;
  size_t Len;
};
inline Span span(const void *A, size_t Off) {
  return {reinterpret_cast<const char *>(get<uint64_t>(A, Off)),
          size_t(get<uint64_t>(A, Off + 8))};
}
inline void putSpan(void *R, size_t Off, const void *Ptr, size_t Len) {
  put<uint64_t>(R, Off, reinterpret_cast<uint64_t>(Ptr));
  put<uint64_t>(R, Off + 8, Len);
}

/// Traps the guest: the host ran out of memory.
[[noreturn]] inline void outOfMemory(void *Ctx) {
  weld_wasi_host *H = host(Ctx);
  H->trap_message = "out of memory";
  // Before instantiation has returned there is no instance to unwind
  // (reported as weld_wasi_host_trap does).
  if (!H->instance) {
    fprintf(stderr, "Error: wasm trap: %s\n", H->trap_message);
    abort();
  }
  weld_trap(H->instance, WELD_TRAP_OUT_OF_MEMORY);
}

/// The host's scratch memory, grown to at least Size bytes, for results
/// the context does not hold (poll's ready list, datagram lists in the
/// native layout); valid until the next call.
inline void *scratch(void *Ctx, size_t Size) {
  weld_wasi_host *H = host(Ctx);
  if (Size > H->scratch_size) {
    void *P = realloc(H->scratch, Size);
    if (!P)
      outOfMemory(Ctx);
    H->scratch = P;
    H->scratch_size = Size;
  }
  return H->scratch;
}

/// Traps unless Status is a WASI result (not WELD_WASI_TRAP).
inline int32_t check(void *Ctx, int32_t Status) {
  if (Status < 0)
    weld_wasi_host_trap(host(Ctx));
  return Status;
}

/// result<T, stream-error> with T's payload at Off: writes the error case
/// and returns false, or returns true for success.
inline bool streamResult(void *Ctx, void *R, size_t Off, int32_t Status,
                  uint32_t Err) {
  check(Ctx, Status);
  put<uint8_t>(R, 0, Status != 0);
  if (Status == 0)
    return true;
  // stream-error: last-operation-failed(own<error>) | closed.
  put<uint8_t>(R, Off, Status == WELD_WASI_STREAM_LAST_OPERATION_FAILED ? 0 : 1);
  put<uint32_t>(R, Off + 4, Err);
  return false;
}

/// result<T, error-code> with the payload at Off: writes the error case
/// and returns false, or returns true for success.
inline bool fsResult(void *Ctx, void *R, size_t Off, int32_t Status) {
  check(Ctx, Status);
  put<uint8_t>(R, 0, Status != 0);
  if (Status == 0)
    return true;
  put<uint8_t>(R, Off, uint8_t(Status - 1));
  return false;
}

// Each binding also has the C symbol weld_wasi_SHIM: the compiler puts the
// ones a command imports in its table of imports (weld_wasi_imports), so
// the linker keeps only those.
#define WELD_WASI_BINDING(Interface, Function, Shim)                           \
  void Shim(void *C, const void *A, void *R) __asm__("weld_wasi_" #Shim);
#include "weld/wasi_bindings.def"

} // namespace weld::wasibind

#endif
