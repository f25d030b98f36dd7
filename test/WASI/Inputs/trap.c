// Writes a line and traps (wasm unreachable).
#include <stdio.h>

int main(void) {
  printf("before\n");
  fflush(stdout);
  __builtin_trap();
}
