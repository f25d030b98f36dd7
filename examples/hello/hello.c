// A small wasi:cli command: greets its arguments and sums numbers read on
// stdin. utils/demo builds it into a component and compiles it with weld.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  printf("hello from a WebAssembly component");
  for (int i = 1; i < argc; ++i)
    printf("%s %s", i == 1 ? "," : " and", argv[i]);
  printf("\n");
  return 0;
}
