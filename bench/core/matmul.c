// Dense single-precision matrix multiply, 192x192, repeated n times.
#include "kernel.h"
KERNEL_MEM_FUNCTIONS

#define N 192
static float A[N][N], B[N][N], C[N][N];

KERNEL_EXPORT uint64_t run(uint32_t n) {
  uint32_t seed = 12345;
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) {
      A[i][j] = (float)(kernel_rand(&seed) % 1000) / 500.0f - 1.0f;
      B[i][j] = (float)(kernel_rand(&seed) % 1000) / 500.0f - 1.0f;
    }
  uint64_t sum = 0;
  for (uint32_t r = 0; r < n; ++r) {
    for (int i = 0; i < N; ++i) {
      for (int j = 0; j < N; ++j)
        C[i][j] = 0;
      for (int k = 0; k < N; ++k) {
        float a = A[i][k];
        for (int j = 0; j < N; ++j)
          C[i][j] += a * B[k][j];
      }
    }
    for (int i = 0; i < N; ++i)
      sum += (uint64_t)(int64_t)(C[i][(i + r) % N] * 1000.0f);
    A[r % N][0] += 0.5f;
  }
  return sum;
}
