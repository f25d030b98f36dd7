// A wasi:cli command that prints a line.
#include <stdio.h>

int main(void) {
  puts("hello from C");
  return 0;
}
