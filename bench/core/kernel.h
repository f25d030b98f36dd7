// Shared by the benchmark kernels: each kernel is freestanding C (no libc,
// so the same file builds as a core wasm module with no imports and as a
// native object) and exports `uint64_t run(uint32_t n)`, which does work
// proportional to n and returns a checksum that the harness compares across
// the ways a kernel is run.
#ifndef WELD_BENCH_KERNEL_H
#define WELD_BENCH_KERNEL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __wasm__
#define KERNEL_EXPORT __attribute__((export_name("run")))
#else
#define KERNEL_EXPORT
#endif

// clang may lower struct copies and loops to these calls; freestanding
// builds must define them once (bench_memory.c is not used: keeping each
// kernel one file keeps the harness simple).
#define KERNEL_MEM_FUNCTIONS                                                   \
  void *memcpy(void *d, const void *s, size_t n) {                             \
    unsigned char *dp = (unsigned char *)d;                                    \
    const unsigned char *sp = (const unsigned char *)s;                        \
    while (n--)                                                                \
      *dp++ = *sp++;                                                           \
    return d;                                                                  \
  }                                                                            \
  void *memmove(void *d, const void *s, size_t n) {                            \
    unsigned char *dp = (unsigned char *)d;                                    \
    const unsigned char *sp = (const unsigned char *)s;                        \
    if (dp < sp)                                                               \
      while (n--)                                                              \
        *dp++ = *sp++;                                                         \
    else                                                                       \
      while (n--)                                                              \
        dp[n] = sp[n];                                                         \
    return d;                                                                  \
  }                                                                            \
  void *memset(void *d, int c, size_t n) {                                     \
    unsigned char *dp = (unsigned char *)d;                                    \
    while (n--)                                                                \
      *dp++ = (unsigned char)c;                                                \
    return d;                                                                  \
  }

// A small deterministic generator so inputs are identical everywhere.
static inline uint32_t kernel_rand(uint32_t *state) {
  uint32_t x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  *state = x;
  return x;
}

#endif
