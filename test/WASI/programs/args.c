// Prints its arguments, one per line, with their index.
#include <stdio.h>

int main(int argc, char **argv) {
  printf("argc=%d\n", argc);
  for (int i = 1; i < argc; ++i)
    printf("argv[%d]=%s\n", i, argv[i]);
  return 0;
}
