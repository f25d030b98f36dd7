//===- Bind.cpp - WASI imports of a compiled command ----------------------===//
//
// The host functions behind a compiled command's WASI imports (the list is
// weld/wasi_bindings.def). Each one reads its parameters from the canonical
// ABI's native layout (64-bit pointers, weld/component.h), calls one
// weld_wasi_ function and writes the result in the same layout. The offsets
// below are that layout's, computed by hand from the WIT types: a method's
// `self` handle is at 0, a string or list is {u64 ptr, u64 len}, and a
// result<T, E> keeps its discriminant at 0 and its payload at the larger
// alignment of T and E. The WASI host's own structs (weld_wasi_stat,
// weld_wasi_env_var, weld_wasi_preopen, ...) were laid out to match, so
// lists of them are handed over as they are.
//
//===----------------------------------------------------------------------===//

#include "Bind.h"

#include <stdio.h>
#include <stdlib.h>

#include <string.h>

namespace weld::wasibind {

//===-- wasi:cli ----------------------------------------------------------===//

void bind_get_environment(void *C, const void *, void *R) {
  const weld_wasi_env_var *Vars;
  size_t N;
  weld_wasi_get_environment(ctx(C), &Vars, &N);
  putSpan(R, 0, Vars, N);
}

void bind_get_arguments(void *C, const void *, void *R) {
  const weld_wasi_string *Args;
  size_t N;
  weld_wasi_get_arguments(ctx(C), &Args, &N);
  putSpan(R, 0, Args, N);
}

void bind_initial_cwd(void *C, const void *, void *R) {
  weld_wasi_string S{};
  int32_t Some = weld_wasi_initial_cwd(ctx(C), &S);
  put<uint8_t>(R, 0, Some == 1);
  if (Some == 1)
    putSpan(R, 8, S.ptr, S.len);
}

void bind_exit(void *C, const void *A, void *) {
  check(C, weld_wasi_exit(ctx(C), get<uint8_t>(A, 0) != 0));
}

void bind_exit_with_code(void *C, const void *A, void *) {
  check(C, weld_wasi_exit_with_code(ctx(C), get<uint8_t>(A, 0)));
}

void bind_get_stdin(void *C, const void *, void *R) {
  put<uint32_t>(R, 0, weld_wasi_get_stdin(ctx(C)));
}
void bind_get_stdout(void *C, const void *, void *R) {
  put<uint32_t>(R, 0, weld_wasi_get_stdout(ctx(C)));
}
void bind_get_stderr(void *C, const void *, void *R) {
  put<uint32_t>(R, 0, weld_wasi_get_stderr(ctx(C)));
}

/// option<own<terminal-*>>.
static void putTerminal(void *R, int32_t Some, uint32_t H) {
  put<uint8_t>(R, 0, Some == 1);
  put<uint32_t>(R, 4, Some == 1 ? H : 0);
}
void bind_get_terminal_stdin(void *C, const void *, void *R) {
  uint32_t H = 0;
  putTerminal(R, weld_wasi_get_terminal_stdin(ctx(C), &H), H);
}
void bind_get_terminal_stdout(void *C, const void *, void *R) {
  uint32_t H = 0;
  putTerminal(R, weld_wasi_get_terminal_stdout(ctx(C), &H), H);
}
void bind_get_terminal_stderr(void *C, const void *, void *R) {
  uint32_t H = 0;
  putTerminal(R, weld_wasi_get_terminal_stderr(ctx(C), &H), H);
}

//===-- wasi:io -----------------------------------------------------------===//

void bind_error_to_debug_string(void *C, const void *A, void *R) {
  weld_wasi_string S{};
  check(C, weld_wasi_error_to_debug_string(ctx(C), get<uint32_t>(A, 0), &S));
  putSpan(R, 0, S.ptr, S.len);
}

void bind_pollable_ready(void *C, const void *A, void *R) {
  uint8_t Ready = 0;
  check(C, weld_wasi_pollable_ready(ctx(C), get<uint32_t>(A, 0), &Ready));
  put<uint8_t>(R, 0, Ready);
}

void bind_pollable_block(void *C, const void *A, void *) {
  check(C, weld_wasi_pollable_block(ctx(C), get<uint32_t>(A, 0)));
}

void bind_poll(void *C, const void *A, void *R) {
  Span In = span(A, 0);
  auto *Ready = static_cast<uint32_t *>(scratch(C, In.Len * sizeof(uint32_t)));
  size_t N = 0;
  check(C, weld_wasi_poll(ctx(C), reinterpret_cast<const uint32_t *>(In.Ptr),
                          In.Len, Ready, &N));
  putSpan(R, 0, Ready, N);
}

using ReadFn = int32_t (*)(weld_wasi_ctx *, uint32_t, uint64_t,
                           weld_wasi_bytes *, uint32_t *);
static void streamRead(void *C, const void *A, void *R, ReadFn F) {
  weld_wasi_bytes B{};
  uint32_t Err = 0;
  int32_t S = F(ctx(C), get<uint32_t>(A, 0), get<uint64_t>(A, 8), &B, &Err);
  if (streamResult(C, R, 8, S, Err))
    putSpan(R, 8, B.ptr, B.len);
}
void bind_input_read(void *C, const void *A, void *R) {
  streamRead(C, A, R, weld_wasi_input_stream_read);
}
void bind_input_blocking_read(void *C, const void *A, void *R) {
  streamRead(C, A, R, weld_wasi_input_stream_blocking_read);
}

/// (self, u64) -> result<u64, stream-error>.
using CountFn = int32_t (*)(weld_wasi_ctx *, uint32_t, uint64_t, uint64_t *,
                            uint32_t *);
static void streamCount(void *C, const void *A, void *R, CountFn F) {
  uint64_t N = 0;
  uint32_t Err = 0;
  int32_t S = F(ctx(C), get<uint32_t>(A, 0), get<uint64_t>(A, 8), &N, &Err);
  if (streamResult(C, R, 8, S, Err))
    put<uint64_t>(R, 8, N);
}
void bind_input_skip(void *C, const void *A, void *R) {
  streamCount(C, A, R, weld_wasi_input_stream_skip);
}
void bind_input_blocking_skip(void *C, const void *A, void *R) {
  streamCount(C, A, R, weld_wasi_input_stream_blocking_skip);
}

/// (self) -> own<pollable>.
using SubscribeFn = int32_t (*)(weld_wasi_ctx *, uint32_t, uint32_t *);
static void subscribe(void *C, const void *A, void *R, SubscribeFn F) {
  uint32_t P = 0;
  check(C, F(ctx(C), get<uint32_t>(A, 0), &P));
  put<uint32_t>(R, 0, P);
}
void bind_input_subscribe(void *C, const void *A, void *R) {
  subscribe(C, A, R, weld_wasi_input_stream_subscribe);
}
void bind_output_subscribe(void *C, const void *A, void *R) {
  subscribe(C, A, R, weld_wasi_output_stream_subscribe);
}

void bind_output_check_write(void *C, const void *A, void *R) {
  uint64_t N = 0;
  uint32_t Err = 0;
  int32_t S = weld_wasi_output_stream_check_write(ctx(C), get<uint32_t>(A, 0),
                                                  &N, &Err);
  if (streamResult(C, R, 8, S, Err))
    put<uint64_t>(R, 8, N);
}

using WriteFn = int32_t (*)(weld_wasi_ctx *, uint32_t, const uint8_t *, size_t,
                            uint32_t *);
static void streamWrite(void *C, const void *A, void *R, WriteFn F) {
  Span D = span(A, 8);
  uint32_t Err = 0;
  int32_t S = F(ctx(C), get<uint32_t>(A, 0),
                reinterpret_cast<const uint8_t *>(D.Ptr), D.Len, &Err);
  streamResult(C, R, 4, S, Err);
}
void bind_output_write(void *C, const void *A, void *R) {
  streamWrite(C, A, R, weld_wasi_output_stream_write);
}
void bind_output_blocking_write_and_flush(void *C, const void *A, void *R) {
  streamWrite(C, A, R, weld_wasi_output_stream_blocking_write_and_flush);
}

using FlushFn = int32_t (*)(weld_wasi_ctx *, uint32_t, uint32_t *);
static void streamFlush(void *C, const void *A, void *R, FlushFn F) {
  uint32_t Err = 0;
  streamResult(C, R, 4, F(ctx(C), get<uint32_t>(A, 0), &Err), Err);
}
void bind_output_flush(void *C, const void *A, void *R) {
  streamFlush(C, A, R, weld_wasi_output_stream_flush);
}
void bind_output_blocking_flush(void *C, const void *A, void *R) {
  streamFlush(C, A, R, weld_wasi_output_stream_blocking_flush);
}

using ZeroesFn = int32_t (*)(weld_wasi_ctx *, uint32_t, uint64_t, uint32_t *);
static void streamZeroes(void *C, const void *A, void *R, ZeroesFn F) {
  uint32_t Err = 0;
  streamResult(C, R, 4,
               F(ctx(C), get<uint32_t>(A, 0), get<uint64_t>(A, 8), &Err), Err);
}
void bind_output_write_zeroes(void *C, const void *A, void *R) {
  streamZeroes(C, A, R, weld_wasi_output_stream_write_zeroes);
}
void bind_output_blocking_write_zeroes_and_flush(void *C, const void *A,
                                                 void *R) {
  streamZeroes(C, A, R,
               weld_wasi_output_stream_blocking_write_zeroes_and_flush);
}

using SpliceFn = int32_t (*)(weld_wasi_ctx *, uint32_t, uint32_t, uint64_t,
                             uint64_t *, uint32_t *);
static void streamSplice(void *C, const void *A, void *R, SpliceFn F) {
  uint64_t N = 0;
  uint32_t Err = 0;
  int32_t S = F(ctx(C), get<uint32_t>(A, 0), get<uint32_t>(A, 4),
                get<uint64_t>(A, 8), &N, &Err);
  if (streamResult(C, R, 8, S, Err))
    put<uint64_t>(R, 8, N);
}
void bind_output_splice(void *C, const void *A, void *R) {
  streamSplice(C, A, R, weld_wasi_output_stream_splice);
}
void bind_output_blocking_splice(void *C, const void *A, void *R) {
  streamSplice(C, A, R, weld_wasi_output_stream_blocking_splice);
}

//===-- wasi:clocks, wasi:random ------------------------------------------===//

void bind_monotonic_now(void *C, const void *, void *R) {
  put<uint64_t>(R, 0, weld_wasi_monotonic_now(ctx(C)));
}
void bind_monotonic_resolution(void *C, const void *, void *R) {
  put<uint64_t>(R, 0, weld_wasi_monotonic_resolution(ctx(C)));
}
void bind_monotonic_subscribe_instant(void *C, const void *A, void *R) {
  put<uint32_t>(R, 0, weld_wasi_monotonic_subscribe_instant(
                          ctx(C), get<uint64_t>(A, 0)));
}
void bind_monotonic_subscribe_duration(void *C, const void *A, void *R) {
  put<uint32_t>(R, 0, weld_wasi_monotonic_subscribe_duration(
                          ctx(C), get<uint64_t>(A, 0)));
}
/// datetime: {u64 seconds, u32 nanoseconds}.
static void putDatetime(void *R, weld_wasi_datetime D) {
  put<uint64_t>(R, 0, D.seconds);
  put<uint32_t>(R, 8, D.nanoseconds);
}
void bind_wall_now(void *C, const void *, void *R) {
  putDatetime(R, weld_wasi_wall_now(ctx(C)));
}
void bind_wall_resolution(void *C, const void *, void *R) {
  putDatetime(R, weld_wasi_wall_resolution(ctx(C)));
}

void bind_get_random_bytes(void *C, const void *A, void *R) {
  weld_wasi_bytes B{};
  check(C, weld_wasi_get_random_bytes(ctx(C), get<uint64_t>(A, 0), &B));
  putSpan(R, 0, B.ptr, B.len);
}
void bind_get_random_u64(void *C, const void *, void *R) {
  put<uint64_t>(R, 0, weld_wasi_get_random_u64(ctx(C)));
}
void bind_get_insecure_random_bytes(void *C, const void *A, void *R) {
  weld_wasi_bytes B{};
  check(C,
        weld_wasi_get_insecure_random_bytes(ctx(C), get<uint64_t>(A, 0), &B));
  putSpan(R, 0, B.ptr, B.len);
}
void bind_get_insecure_random_u64(void *C, const void *, void *R) {
  put<uint64_t>(R, 0, weld_wasi_get_insecure_random_u64(ctx(C)));
}
void bind_insecure_seed(void *C, const void *, void *R) {
  uint64_t Lo = 0, Hi = 0;
  weld_wasi_insecure_seed(ctx(C), &Lo, &Hi);
  put<uint64_t>(R, 0, Lo);
  put<uint64_t>(R, 8, Hi);
}

} // namespace weld::wasibind

namespace {
struct Binding {
  const char *Interface, *Function;
  weld_host_func Fn;
};
} // namespace

static const Binding Bindings[] = {
#define WELD_WASI_BINDING(Interface, Function, Shim)                           \
  {Interface, Function, weld::wasibind::Shim},
#include "weld/wasi_bindings.def"
};

/// Splits "INTERFACE[@VERSION]#FUNCTION" and accepts only WASI 0.2.x: a
/// later version may change what a function means.
extern "C" weld_host_func weld_wasi_host_lookup(const char *Name, size_t Len) {
  const char *Hash = static_cast<const char *>(memchr(Name, '#', Len));
  if (!Hash)
    return nullptr;
  size_t IfaceLen = Hash - Name;
  const char *At = static_cast<const char *>(memchr(Name, '@', IfaceLen));
  if (At) {
    size_t VersionLen = Hash - (At + 1);
    if (VersionLen < 4 || memcmp(At + 1, "0.2.", 4) != 0)
      return nullptr;
    IfaceLen = At - Name;
  }
  const char *Fn = Hash + 1;
  size_t FnLen = Len - (Fn - Name);
  for (const Binding &B : Bindings)
    if (strlen(B.Interface) == IfaceLen &&
        memcmp(B.Interface, Name, IfaceLen) == 0 &&
        strlen(B.Function) == FnLen && memcmp(B.Function, Fn, FnLen) == 0)
      return B.Fn;
  return nullptr;
}

extern "C" void weld_wasi_host_trap(weld_wasi_host *H) {
  H->trap_message = weld_wasi_trap_message(H->ctx);
  // Before instantiation has returned there is no instance to unwind.
  if (!H->instance) {
    fprintf(stderr, "Error: wasm trap: %s\n", H->trap_message);
    abort();
  }
  weld_trap(H->instance, WELD_TRAP_UNREACHABLE);
}

extern "C" void weld_wasi_host_drop(weld_wasi_host *H, uint32_t Kind,
                                    uint32_t Handle) {
  if (Kind >= WELD_WASI_KIND_COUNT ||
      weld_wasi_drop(H->ctx, weld_wasi_kind(Kind), Handle) < 0)
    weld_wasi_host_trap(H);
}
