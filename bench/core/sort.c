// Sorting 200,000 32-bit keys: introsort-like quicksort with insertion sort
// for small ranges, then a merge sort of 64-bit records, n times.
#include "kernel.h"
KERNEL_MEM_FUNCTIONS

#define LEN 200000
static uint32_t keys[LEN];
static uint64_t recs[LEN], tmp[LEN];

static void insertion(uint32_t *a, int lo, int hi) {
  for (int i = lo + 1; i <= hi; ++i) {
    uint32_t v = a[i];
    int j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      --j;
    }
    a[j + 1] = v;
  }
}

static void quick(uint32_t *a, int lo, int hi) {
  while (hi - lo > 16) {
    int mid = lo + (hi - lo) / 2;
    uint32_t x = a[lo], y = a[mid], z = a[hi];
    uint32_t p = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
    int i = lo, j = hi;
    while (i <= j) {
      while (a[i] < p)
        ++i;
      while (a[j] > p)
        --j;
      if (i <= j) {
        uint32_t t = a[i];
        a[i++] = a[j];
        a[j--] = t;
      }
    }
    if (j - lo < hi - i) {
      quick(a, lo, j);
      lo = i;
    } else {
      quick(a, i, hi);
      hi = j;
    }
  }
  insertion(a, lo, hi);
}

static void mergeSort(uint64_t *a, uint64_t *t, int n) {
  for (int width = 1; width < n; width *= 2) {
    for (int lo = 0; lo < n; lo += 2 * width) {
      int mid = lo + width < n ? lo + width : n;
      int hi = lo + 2 * width < n ? lo + 2 * width : n;
      int i = lo, j = mid, k = lo;
      while (i < mid && j < hi)
        t[k++] = a[i] <= a[j] ? a[i++] : a[j++];
      while (i < mid)
        t[k++] = a[i++];
      while (j < hi)
        t[k++] = a[j++];
    }
    for (int i = 0; i < n; ++i)
      a[i] = t[i];
  }
}

KERNEL_EXPORT uint64_t run(uint32_t n) {
  uint64_t sum = 0;
  uint32_t seed = 31337;
  for (uint32_t r = 0; r < n; ++r) {
    for (int i = 0; i < LEN; ++i) {
      keys[i] = kernel_rand(&seed);
      recs[i] = (uint64_t)kernel_rand(&seed) << 32 | (uint32_t)i;
    }
    quick(keys, 0, LEN - 1);
    mergeSort(recs, tmp, LEN);
    for (int i = 1; i < LEN; ++i)
      if (keys[i - 1] > keys[i] || recs[i - 1] > recs[i])
        return 0;
    sum += keys[LEN / 2] + (recs[LEN / 3] & 0xffffffff);
  }
  return sum;
}
