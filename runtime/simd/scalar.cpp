/* simd/scalar.cpp - the scalar kernels: reference semantics of every table and the fallback.
 *
 * These loops are kept scalar on purpose (no auto-vectorization; see FLRT_SCALAR_LOOP), so
 * that forcing this table (FLRT_SIMD=scalar, flrt_simd_force_scalar) measures the same code
 * built scalar.
 */
#if defined(__GNUC__) && !defined(__clang__)
/* Loops start on a 32-byte boundary: a tight loop straddling one runs at half speed on some
 * CPUs, which would make the scalar numbers depend on where the linker put the function. */
#pragma GCC optimize("no-tree-vectorize", "no-tree-slp-vectorize", "align-loops=32", "align-jumps=32")
#endif

#include "simd/simd.h"

#if defined(__clang__)
#define FLRT_SCALAR_LOOP _Pragma("clang loop vectorize(disable) interleave(disable)")
#else
#define FLRT_SCALAR_LOOP
#endif

static bool sum_i64(const int64_t *p, size_t n, int64_t *acc) {
  int64_t a = *acc;
  FLRT_SCALAR_LOOP
  for (size_t i = 0; i < n; i++)
    if (__builtin_add_overflow(a, p[i], &a)) return false;
  *acc = a;
  return true;
}

static int64_t minmax_i64(const int64_t *p, size_t n, int64_t init, bool want_max) {
  int64_t m = init;
  if (want_max) {
    FLRT_SCALAR_LOOP
    for (size_t i = 0; i < n; i++) m = p[i] > m ? p[i] : m;
  } else {
    FLRT_SCALAR_LOOP
    for (size_t i = 0; i < n; i++) m = p[i] < m ? p[i] : m;
  }
  return m;
}

static void iota_i64(int64_t *out, size_t n, int64_t start, int64_t step) {
  uint64_t x = (uint64_t)start;
  FLRT_SCALAR_LOOP
  for (size_t i = 0; i < n; i++) {
    out[i] = (int64_t)x;
    x += (uint64_t)step;
  }
}

static size_t find_i64(const int64_t *p, size_t n, int64_t x) {
  FLRT_SCALAR_LOOP
  for (size_t i = 0; i < n; i++)
    if (p[i] == x) return i;
  return n;
}

static size_t find_f64(const double *p, size_t n, double x) {
  FLRT_SCALAR_LOOP
  for (size_t i = 0; i < n; i++)
    if (p[i] == x) return i;
  return n;
}

static bool equal_i64(const int64_t *a, const int64_t *b, size_t n) {
  FLRT_SCALAR_LOOP
  for (size_t i = 0; i < n; i++)
    if (a[i] != b[i]) return false;
  return true;
}

static bool equal_f64(const double *a, const double *b, size_t n) {
  FLRT_SCALAR_LOOP
  for (size_t i = 0; i < n; i++)
    if (!(a[i] == b[i])) return false;
  return true;
}

static void reverse_u64(uint64_t *dst, const uint64_t *src, size_t n) {
  FLRT_SCALAR_LOOP
  for (size_t i = 0; i < n; i++) dst[i] = src[n - 1 - i];
}

static size_t filter_i64(int64_t *dst, const int64_t *src, size_t n, int pred) {
  size_t k = 0;
  FLRT_SCALAR_LOOP
  for (size_t i = 0; i < n; i++)
    if (flrt_simd_pred_i64(src[i], pred)) dst[k++] = src[i];
  return k;
}

static size_t filter_f64(double *dst, const double *src, size_t n, int pred) {
  size_t k = 0;
  FLRT_SCALAR_LOOP
  for (size_t i = 0; i < n; i++)
    if (flrt_simd_pred_f64(src[i], pred)) dst[k++] = src[i];
  return k;
}

static bool unary_i64(int64_t *dst, const int64_t *src, size_t n, int op) {
  FLRT_SCALAR_LOOP
  for (size_t i = 0; i < n; i++) {
    int64_t x = src[i];
    if (x == INT64_MIN) return false;
    dst[i] = op == FLRT_OP_NEG || x < 0 ? -x : x;
  }
  return true;
}

static void unary_f64(double *dst, const double *src, size_t n, int op) {
  /* fabs and unary minus only touch the sign bit (NaN payloads and -0.0 included). */
  if (op == FLRT_OP_ABS) {
    FLRT_SCALAR_LOOP
    for (size_t i = 0; i < n; i++) dst[i] = __builtin_fabs(src[i]);
  } else {
    FLRT_SCALAR_LOOP
    for (size_t i = 0; i < n; i++) dst[i] = -src[i];
  }
}

static bool arith_i64(int64_t *dst, const int64_t *a, const int64_t *b, size_t n, int op) {
  if (op == FLRT_OP_ADD) {
    FLRT_SCALAR_LOOP
    for (size_t i = 0; i < n; i++)
      if (__builtin_add_overflow(a[i], b[i], &dst[i])) return false;
  } else {
    FLRT_SCALAR_LOOP
    for (size_t i = 0; i < n; i++)
      if (__builtin_sub_overflow(a[i], b[i], &dst[i])) return false;
  }
  return true;
}

static void arith_f64(double *dst, const double *a, const double *b, size_t n, int op) {
  switch (op) {
    case FLRT_OP_ADD:
      FLRT_SCALAR_LOOP
      for (size_t i = 0; i < n; i++) dst[i] = a[i] + b[i];
      break;
    case FLRT_OP_SUB:
      FLRT_SCALAR_LOOP
      for (size_t i = 0; i < n; i++) dst[i] = a[i] - b[i];
      break;
    case FLRT_OP_MUL:
      FLRT_SCALAR_LOOP
      for (size_t i = 0; i < n; i++) dst[i] = a[i] * b[i];
      break;
    default:
      FLRT_SCALAR_LOOP
      for (size_t i = 0; i < n; i++) dst[i] = a[i] / b[i];
      break;
  }
}

const flrt_simd_ops flrt_simd_scalar_ops = {
    "scalar",   sum_i64,     minmax_i64, iota_i64,  find_i64,  find_f64,  equal_i64, equal_f64,
    reverse_u64, filter_i64, filter_f64, unary_i64, unary_f64, arith_i64, arith_f64,
};
