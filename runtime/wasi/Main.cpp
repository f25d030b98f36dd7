//===- Main.cpp - main() of an executable built from a command ------------===//
//
// `weld compile APP.wasm -o app` links this main() with the compiled
// component (its `weld_component` descriptor, the grants baked in at
// compile time, `weld_wasi_grants`, and the host function of each import,
// `weld_wasi_imports`), the runtime and the WASI host. It does
// what `wasmtime run APP.wasm ARGS` does: builds the WASI context from the
// grants and argv, binds every import, instantiates, calls
// `wasi:cli/run#run`, and maps the outcome to the exit status the same way
// (ok 0, err 1, `exit` as asked, a wasm trap reported on stderr with status
// 134, wasmtime's 128 + SIGABRT, an error of the WASI host with status 1).
// The guest's argv[0] is the executable's file name without its directory,
// as wasmtime gives the component's file name (`wasmtime run dir/app.wasm`
// passes `app.wasm`); error reports name the program as it was invoked.
//
// Grants cannot be widened at run time unless weld's runtime was built
// with WELD_WASI_RUNTIME_GRANTS (off by default): then WELD_WASI_GRANTS,
// "OPTION=VALUE;OPTION", adds grants in the command-line vocabulary.
//
//===----------------------------------------------------------------------===//

#include "weld/wasi_host.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// The compiled component's descriptor (its symbol shares the type's name).
extern "C" const weld_component Descriptor __asm__("weld_component");
/// Pairs (option, value), NULL-terminated; written by the compiler.
extern "C" const char *const weld_wasi_grants[];
/// The host function of each import, in the descriptor's order (NULL for
/// instance imports); bound by the compiler, so nothing is looked up by
/// name here and only the host functions the command imports are linked.
extern "C" const weld_host_func weld_wasi_imports[];

/// wasmtime's status for a trap: 128 + SIGABRT.
static constexpr int TrapExitStatus = 134;

static int fail(const char *Program, const char *Message) {
  fprintf(stderr,
          "Error: failed to run main module `%s`\n\nCaused by:\n    %s\n\n",
          Program, Message);
  return 1;
}

/// A trap's message in wasmtime's words where they differ from the spec's.
static const char *wasmtimeMessage(weld_trap_kind K) {
  switch (K) {
  case WELD_TRAP_UNREACHABLE:
    return "wasm `unreachable` instruction executed";
  case WELD_TRAP_UNDEFINED_ELEMENT:
  case WELD_TRAP_OUT_OF_BOUNDS_TABLE:
    return "undefined element: out of bounds table access";
  default:
    return weld_trap_message(K);
  }
}

/// Reports a failed instantiation or `run` as `wasmtime run` does (a
/// chain of causes and an empty line; wasmtime's wasm backtrace, which
/// would come before the last cause, is not reproduced) and returns its
/// exit status: 134 for a wasm trap, 1 when the WASI host refused a call
/// (an unknown handle, a write past check-write, ...), which wasmtime
/// reports as a host error rather than a trap.
static int reportTrap(const char *Program, const weld_wasi_host &H,
                      weld_trap_kind K, bool InRun) {
  fprintf(stderr, "Error: failed to run main module `%s`\n\nCaused by:\n",
          Program);
  int Cause = 0;
  if (InRun)
    fprintf(stderr, "    %d: failed to invoke `run` function\n", Cause++);
  if (H.trap_message) {
    fprintf(stderr, "    %d: %s\n\n", Cause, H.trap_message);
    return 1;
  }
  // A fault in a memory's guard region: wasmtime names the address.
  const weld_store *S =
      H.instance
          ? reinterpret_cast<const weld_component_header *>(H.instance)->store
          : nullptr;
  if (K == WELD_TRAP_OUT_OF_BOUNDS_MEMORY && S && S->fault_memory)
    fprintf(stderr,
            "    %d: memory fault at wasm address 0x%llx in linear memory of "
            "size 0x%llx\n",
            Cause++, (unsigned long long)S->fault_address,
            (unsigned long long)S->fault_memory_size);
  fprintf(stderr, "    %d: wasm trap: %s\n\n", Cause, wasmtimeMessage(K));
  return TrapExitStatus;
}

/// The guest's argv[0]: ARG0 without its directory.
static char *fileName(char *Arg0) {
  char *Slash = strrchr(Arg0, '/');
  return Slash && Slash[1] ? Slash + 1 : Arg0;
}

#ifdef WELD_WASI_RUNTIME_GRANTS
/// Applies "OPTION=VALUE;OPTION;..." from WELD_WASI_GRANTS.
static const char *applyRuntimeGrants(weld_wasi_policy *P) {
  const char *Spec = getenv("WELD_WASI_GRANTS");
  if (!Spec)
    return nullptr;
  char *Copy = strdup(Spec);
  const char *Err = nullptr;
  for (char *Save = nullptr, *Item = strtok_r(Copy, ";", &Save);
       Item && !Err; Item = strtok_r(nullptr, ";", &Save)) {
    char *Eq = strchr(Item, '=');
    if (Eq)
      *Eq = '\0';
    Err = weld_wasi_policy_apply(P, Item, Eq ? Eq + 1 : "");
  }
  free(Copy);
  return Err;
}
#endif

static void notCallable(void *Ctx, const void *, void *) {
  auto *H = static_cast<weld_wasi_host *>(Ctx);
  H->trap_message = "called an import that is not a function";
  weld_trap(H->instance, WELD_TRAP_UNREACHABLE);
}

/// The export `wasi:cli/run@0.2.x#run`.
static int findRun(const weld_component &C) {
  for (uint32_t I = 0; I < C.num_exports; ++I) {
    const char *N = C.exports[I].name;
    size_t Len = strlen(N);
    if (strncmp(N, "wasi:cli/run@0.2.", 17) == 0 && Len > 4 &&
        strcmp(N + Len - 4, "#run") == 0)
      return int(I);
  }
  return -1;
}

int main(int Argc, char **Argv) {
  const char *Program = Argc > 0 ? Argv[0] : "app";
  weld_wasi_policy *P = weld_wasi_policy_new();
  for (size_t I = 0; weld_wasi_grants[I]; I += 2)
    if (const char *Err = weld_wasi_policy_apply(P, weld_wasi_grants[I],
                                                 weld_wasi_grants[I + 1]))
      return fail(Program, Err);
#ifdef WELD_WASI_RUNTIME_GRANTS
  if (const char *Err = applyRuntimeGrants(P))
    return fail(Program, Err);
#endif
  if (Argc > 0)
    Argv[0] = fileName(Argv[0]);
  const char *Err = nullptr;
  weld_wasi_ctx *Ctx =
      weld_wasi_ctx_new(P, size_t(Argc), const_cast<const char *const *>(Argv),
                        &Err);
  int Errno = errno;
  weld_wasi_policy_free(P);
  if (!Ctx) {
    // wasmtime reports a directory it cannot open by the OS error alone.
    if (Err && Errno && strcmp(Err, "cannot open a preopened directory") == 0) {
      fprintf(stderr, "Error: %s (os error %d)\n", strerror(Errno), Errno);
      return 1;
    }
    return fail(Program, Err ? Err : "cannot create the WASI context");
  }
  const weld_component &C = Descriptor;
  auto *Imports = static_cast<weld_host_func *>(
      calloc(C.num_imports + 1, sizeof(weld_host_func)));
  // Instance imports are listed but never called: their functions are
  // listed after them as "instance#function".
  for (uint32_t I = 0; I < C.num_imports; ++I)
    Imports[I] = weld_wasi_imports[I] ? weld_wasi_imports[I] : notCallable;
  int Run = findRun(C);
  if (Run < 0)
    return fail(Program, "no export `wasi:cli/run#run`");
  weld_wasi_host H{Ctx, nullptr, nullptr, nullptr, 0};
  // The instance is stored before start functions run, so a WASI call that
  // traps during instantiation unwinds through it.
  weld_trap_kind K = weld_component_instantiate(&C, Imports, &H, &H.instance);
  if (K != WELD_TRAP_NONE)
    return reportTrap(Program, H, K, /*InRun=*/false);
  // result<_, _>: one discriminant byte.
  alignas(16) uint8_t Result[16] = {};
  K = weld_component_call(H.instance, uint32_t(Run), nullptr, Result);
  if (K != WELD_TRAP_NONE)
    return reportTrap(Program, H, K, /*InRun=*/true);
  return Result[0] ? 1 : 0;
}
