// Spectral norm of the infinite matrix A(i,j) = 1/((i+j)(i+j+1)/2+i+1),
// truncated to 400x400, n power-iteration steps.
#include "kernel.h"
KERNEL_MEM_FUNCTIONS

#define N 400
static double u[N], v[N], t[N];

static inline double A(int i, int j) {
  return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1);
}
static void mulAv(const double *x, double *y) {
  for (int i = 0; i < N; ++i) {
    double s = 0;
    for (int j = 0; j < N; ++j)
      s += A(i, j) * x[j];
    y[i] = s;
  }
}
static void mulAtv(const double *x, double *y) {
  for (int i = 0; i < N; ++i) {
    double s = 0;
    for (int j = 0; j < N; ++j)
      s += A(j, i) * x[j];
    y[i] = s;
  }
}

KERNEL_EXPORT uint64_t run(uint32_t n) {
  for (int i = 0; i < N; ++i)
    u[i] = 1;
  for (uint32_t k = 0; k < n; ++k) {
    mulAv(u, t);
    mulAtv(t, v);
    mulAv(v, t);
    mulAtv(t, u);
    // Rescale so that long runs neither overflow nor lose the ratio below.
    double m = 0;
    for (int i = 0; i < N; ++i)
      m = u[i] > m ? u[i] : m;
    for (int i = 0; i < N; ++i) {
      u[i] /= m;
      v[i] /= m;
    }
  }
  double vBv = 0, vv = 0;
  for (int i = 0; i < N; ++i) {
    vBv += u[i] * v[i];
    vv += v[i] * v[i];
  }
  return (uint64_t)(__builtin_sqrt(vBv / vv) * 1e12);
}
