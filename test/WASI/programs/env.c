// Prints the environment variables named on the command line (or <unset>),
// then how many variables the program can see in all.
#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int main(int argc, char **argv) {
  for (int i = 1; i < argc; ++i) {
    const char *v = getenv(argv[i]);
    printf("%s=%s\n", argv[i], v ? v : "<unset>");
  }
  int n = 0;
  for (char **e = environ; *e; ++e)
    ++n;
  printf("count=%d\n", n);
  return 0;
}
