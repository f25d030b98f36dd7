// Fannkuch-redux: maximum pancake flips over permutations of 1..10, n times.
#include "kernel.h"
KERNEL_MEM_FUNCTIONS

static uint64_t fannkuch(int n) {
  int perm[16], perm1[16], count[16];
  int maxFlips = 0, checksum = 0, permCount = 0;
  for (int i = 0; i < n; ++i)
    perm1[i] = i;
  int r = n;
  for (;;) {
    while (r != 1) {
      count[r - 1] = r;
      --r;
    }
    for (int i = 0; i < n; ++i)
      perm[i] = perm1[i];
    int flips = 0;
    for (int k = perm[0]; k != 0; k = perm[0]) {
      for (int i = 0, j = k; i < j; ++i, --j) {
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      ++flips;
    }
    if (flips > maxFlips)
      maxFlips = flips;
    checksum += (permCount % 2 == 0) ? flips : -flips;
    for (;;) {
      if (r == n)
        return (uint64_t)(uint32_t)checksum << 32 | (uint32_t)maxFlips;
      int p0 = perm1[0];
      for (int i = 0; i < r; ++i)
        perm1[i] = perm1[i + 1];
      perm1[r] = p0;
      if (--count[r] > 0)
        break;
      ++r;
    }
    ++permCount;
  }
}

KERNEL_EXPORT uint64_t run(uint32_t n) {
  uint64_t sum = 0;
  for (uint32_t i = 0; i < n; ++i)
    sum += fannkuch(10);
  return sum;
}
