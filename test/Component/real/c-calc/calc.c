// Exports of the weld:calc world, written against the canonical ABI by hand
// (scalars only, so no realloc or post-return is needed).
#include <stdint.h>

__attribute__((export_name("add"))) int32_t add(int32_t a, int32_t b) {
  return a + b;
}

__attribute__((export_name("scale"))) double scale(double x, double f) {
  return x * f;
}

__attribute__((export_name("is-even"))) int32_t is_even(int64_t n) {
  return (n & 1) == 0;
}
