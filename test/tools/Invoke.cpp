//===- Invoke.cpp - call one export of a compiled core module -------------===//
//
// usage: weld-invoke MODULE.so EXPORT [ARG...]
//
// Instantiates a module that has no imports and calls EXPORT with integer
// arguments (decimal, one per parameter; i32 and i64 parameters only),
// printing each result on its own line (integers as unsigned decimal).
// utils/bench uses it to time compiled kernels. A trap prints its message
// and exits 1.
//
//===----------------------------------------------------------------------===//

#include "Host.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace weld::host;

int main(int Argc, char **Argv) {
  if (Argc < 3) {
    std::fprintf(stderr, "usage: weld-invoke MODULE.so EXPORT [ARG...]\n");
    return 1;
  }
  Host H;
  std::string Err;
  const weld_module *M = H.load(Argv[1], Err);
  std::vector<void *> Imports;
  if (!M || !H.link(M, Imports, Err)) {
    std::fprintf(stderr, "weld-invoke: %s\n", Err.c_str());
    return 1;
  }
  Instance I;
  if (weld_trap_kind T = H.instantiate(M, Imports, I)) {
    std::fprintf(stderr, "weld-invoke: trap: %s\n", weld_trap_message(T));
    return 1;
  }
  auto *F = static_cast<const weld_funcref *>(
      Host::findExport(I, Argv[2], WELD_EXTERN_FUNC));
  if (!F) {
    std::fprintf(stderr, "weld-invoke: no function export %s\n", Argv[2]);
    return 1;
  }
  size_t NP, NR;
  signatureArity(F->signature, NP, NR);
  if (size_t(Argc - 3) != NP) {
    std::fprintf(stderr, "weld-invoke: %s takes %zu arguments\n", Argv[2], NP);
    return 1;
  }
  std::vector<weld_value> Values(std::max(NP, NR) + 1);
  for (size_t K = 0; K < NP; ++K) {
    std::memset(&Values[K], 0, sizeof(weld_value));
    char P = F->signature[K];
    if (P != 'i' && P != 'I') {
      std::fprintf(stderr, "weld-invoke: only integer parameters\n");
      return 1;
    }
    Values[K].i64 = (int64_t)std::strtoull(Argv[3 + K], nullptr, 10);
  }
  if (weld_trap_kind T = weld_call(H.store(), F, Values.data())) {
    std::fprintf(stderr, "weld-invoke: trap: %s\n", weld_trap_message(T));
    return 1;
  }
  const char *R = std::strchr(F->signature, ':') + 1;
  for (size_t K = 0; K < NR; ++K) {
    if (R[K] == 'i')
      std::printf("%u\n", (unsigned)Values[K].i32);
    else if (R[K] == 'I')
      std::printf("%llu\n", (unsigned long long)Values[K].i64);
    else if (R[K] == 'f')
      std::printf("%g\n", (double)Values[K].f32);
    else if (R[K] == 'F')
      std::printf("%g\n", Values[K].f64);
    else
      std::printf("%p\n", Values[K].ref);
  }
  return 0;
}
