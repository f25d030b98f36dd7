// Command-line wrapper around a kernel: `prog N` runs run(N) and prints the
// checksum. Built natively (the clang baseline) and for wasm32-wasi (a
// command for runtimes that have no way to invoke an export).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

uint64_t run(uint32_t n);

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s N\n", argv[0]);
    return 1;
  }
  printf("%llu\n", (unsigned long long)run((uint32_t)strtoul(argv[1], 0, 10)));
  return 0;
}
