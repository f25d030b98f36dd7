// Checks the clocks: the monotonic clock never goes back across a short
// busy loop, and the wall clock is after 2020-01-01. Prints only verdicts,
// so the output is the same under any runtime.
#include <stdio.h>
#include <time.h>

int main(void) {
  struct timespec a, b, w, res;
  clock_gettime(CLOCK_MONOTONIC, &a);
  volatile unsigned long x = 0;
  for (int i = 0; i < 1000000; ++i)
    x += i;
  clock_gettime(CLOCK_MONOTONIC, &b);
  long long da = (long long)a.tv_sec * 1000000000 + a.tv_nsec;
  long long db = (long long)b.tv_sec * 1000000000 + b.tv_nsec;
  printf("monotonic: %s\n", db >= da ? "ok" : "went back");
  clock_gettime(CLOCK_REALTIME, &w);
  printf("realtime: %s\n", w.tv_sec > 1577836800 ? "ok" : "too early");
  clock_getres(CLOCK_MONOTONIC, &res);
  printf("resolution: %s\n",
         res.tv_sec == 0 && res.tv_nsec > 0 ? "ok" : "unexpected");
  return 0;
}
