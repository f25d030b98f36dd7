// A wasi:cli command that reads its arguments and environment, the clock,
// random bytes and a file, so it imports more WASI interfaces.
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <sys/random.h>

int main(int argc, char **argv) {
  const char *home = getenv("HOME");
  printf("%d args, HOME=%s\n", argc, home ? home : "(unset)");
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  unsigned char buf[4];
  getentropy(buf, sizeof buf);
  FILE *f = fopen("input.txt", "r");
  if (f) {
    char line[64];
    if (fgets(line, sizeof line, f))
      printf("read: %s", line);
    fclose(f);
  }
  return argc > 1 ? atoi(argv[1]) : 0;
}
