// Sleeps 20 ms through poll (subscribe-duration) and checks the monotonic
// clock saw it; asks whether stdin and stdout are terminals.
#include <stdio.h>
#include <time.h>
#include <unistd.h>
int main(void) {
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  usleep(20000);
  clock_gettime(CLOCK_MONOTONIC, &b);
  long long d = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
  printf("slept: %s\n", d >= 20000000 ? "ok" : "short");
  printf("isatty: %d %d\n", isatty(0), isatty(1));
  return 0;
}
