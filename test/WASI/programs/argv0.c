// Prints its argv[0].
#include <stdio.h>

int main(int argc, char **argv) {
  printf("argc=%d argv[0]=%s\n", argc, argc > 0 ? argv[0] : "(none)");
  return 0;
}
