/* simd/neon.cpp - AArch64 Advanced SIMD kernels (2 x 64-bit lanes). NEON has 64-bit compares,
 * abs and negate, so the kernels follow the scalar definitions closely. Semantics: simd.h. */
#if defined(__aarch64__)

#include "simd/simd.h"

#include <arm_neon.h>

#define INLINE static inline __attribute__((always_inline))

typedef int64x2_t vi;
typedef uint64x2_t vu;
typedef float64x2_t vd;

INLINE vi ld(const int64_t *p) { return vld1q_s64(p); }
INLINE void st(int64_t *p, vi v) { vst1q_s64(p, v); }
INLINE vd ldd(const double *p) { return vld1q_f64(p); }
INLINE bool any(vu m) { return (vgetq_lane_u64(m, 0) | vgetq_lane_u64(m, 1)) != 0; }
INLINE unsigned bits(vu m) { /* bit k = lane k's top bit */
  return (unsigned)(vgetq_lane_u64(m, 0) >> 63) | (unsigned)(vgetq_lane_u64(m, 1) >> 63) << 1;
}

/* ---- sum ------------------------------------------------------------------------------------ */
static bool sum_i64(const int64_t *p, size_t n, int64_t *acc) {
  int64_t a = *acc;
  size_t i = 0;
  const vi bias = vdupq_n_s64(FLRT_SUM_BIAS);
  const vu high = vdupq_n_u64(FLRT_SUM_HIGH);
  while (n - i >= 16) {
    size_t len = n - i >= FLRT_SUM_CHUNK ? FLRT_SUM_CHUNK : (n - i) & ~(size_t)15;
    const int64_t *q = p + i;
    vi s0 = vdupq_n_s64(0), s1 = s0, s2 = s0, s3 = s0;
    vi m0 = s0, m1 = s0, m2 = s0, m3 = s0;
    for (size_t j = 0; j < len; j += 8) {
      /* t = x + bias is both summed and OR-ed */
      vi t0 = vaddq_s64(ld(q + j), bias), t1 = vaddq_s64(ld(q + j + 2), bias);
      vi t2 = vaddq_s64(ld(q + j + 4), bias), t3 = vaddq_s64(ld(q + j + 6), bias);
      s0 = vaddq_s64(s0, t0);
      s1 = vaddq_s64(s1, t1);
      s2 = vaddq_s64(s2, t2);
      s3 = vaddq_s64(s3, t3);
      m0 = vorrq_s64(m0, t0);
      m1 = vorrq_s64(m1, t1);
      m2 = vorrq_s64(m2, t2);
      m3 = vorrq_s64(m3, t3);
    }
    vu s = vreinterpretq_u64_s64(vaddq_s64(vaddq_s64(s0, s1), vaddq_s64(s2, s3)));
    vu m = vreinterpretq_u64_s64(vorrq_s64(vorrq_s64(m0, m1), vorrq_s64(m2, m3)));
    if (!any(vandq_u64(m, high)) && flrt_simd_chunk_fits(a, len))
      a = (int64_t)((uint64_t)a + vaddvq_u64(s) - (uint64_t)len * FLRT_SUM_BIAS);
    else if (!flrt_simd_sum_checked(q, len, &a))
      return false;
    i += len;
  }
  if (!flrt_simd_sum_checked(p + i, n - i, &a)) return false;
  *acc = a;
  return true;
}

static int64_t minmax_i64(const int64_t *p, size_t n, int64_t init, bool want_max) {
  size_t i = 0;
  int64_t m = init;
  if (n >= 4) {
    vi v0 = vdupq_n_s64(init), v1 = v0;
    if (want_max) {
      for (; i + 4 <= n; i += 4) {
        vi x0 = ld(p + i), x1 = ld(p + i + 2);
        v0 = vbslq_s64(vcgtq_s64(x0, v0), x0, v0);
        v1 = vbslq_s64(vcgtq_s64(x1, v1), x1, v1);
      }
      v0 = vbslq_s64(vcgtq_s64(v1, v0), v1, v0);
    } else {
      for (; i + 4 <= n; i += 4) {
        vi x0 = ld(p + i), x1 = ld(p + i + 2);
        v0 = vbslq_s64(vcltq_s64(x0, v0), x0, v0);
        v1 = vbslq_s64(vcltq_s64(x1, v1), x1, v1);
      }
      v0 = vbslq_s64(vcltq_s64(v1, v0), v1, v0);
    }
    int64_t l0 = vgetq_lane_s64(v0, 0), l1 = vgetq_lane_s64(v0, 1);
    m = want_max ? (l0 > l1 ? l0 : l1) : (l0 < l1 ? l0 : l1);
  }
  for (; i < n; i++) m = want_max ? (p[i] > m ? p[i] : m) : (p[i] < m ? p[i] : m);
  return m;
}

/* ---- range ---------------------------------------------------------------------------------- */
static void iota_i64(int64_t *out, size_t n, int64_t start, int64_t step) {
  const uint64_t s = (uint64_t)step;
  uint64_t x = (uint64_t)start;
  size_t i = 0;
  if (n >= 8) {
    const uint64_t init[2] = {x, x + s};
    vu v0 = vld1q_u64(init);
    vu d2 = vdupq_n_u64(2 * s);
    vu v1 = vaddq_u64(v0, d2), v2 = vaddq_u64(v1, d2), v3 = vaddq_u64(v2, d2);
    vu d8 = vdupq_n_u64(8 * s);
    uint64_t *o = (uint64_t *)(void *)out;
    for (; i + 8 <= n; i += 8) {
      vst1q_u64(o + i, v0);
      vst1q_u64(o + i + 2, v1);
      vst1q_u64(o + i + 4, v2);
      vst1q_u64(o + i + 6, v3);
      v0 = vaddq_u64(v0, d8);
      v1 = vaddq_u64(v1, d8);
      v2 = vaddq_u64(v2, d8);
      v3 = vaddq_u64(v3, d8);
    }
    x = (uint64_t)start + (uint64_t)i * s;
  }
  for (; i < n; i++, x += s) out[i] = (int64_t)x;
}

/* ---- search and equality --------------------------------------------------------------------- */
static size_t find_i64(const int64_t *p, size_t n, int64_t x) {
  const vi nx = vdupq_n_s64(x);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    vu c0 = vceqq_s64(ld(p + i), nx), c1 = vceqq_s64(ld(p + i + 2), nx);
    vu c2 = vceqq_s64(ld(p + i + 4), nx), c3 = vceqq_s64(ld(p + i + 6), nx);
    if (any(vorrq_u64(vorrq_u64(c0, c1), vorrq_u64(c2, c3)))) {
      unsigned m = bits(c0) | bits(c1) << 2 | bits(c2) << 4 | bits(c3) << 6;
      return i + (size_t)__builtin_ctz(m);
    }
  }
  for (; i < n; i++)
    if (p[i] == x) return i;
  return n;
}

static size_t find_f64(const double *p, size_t n, double x) {
  const vd nx = vdupq_n_f64(x);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    vu c0 = vceqq_f64(ldd(p + i), nx), c1 = vceqq_f64(ldd(p + i + 2), nx);
    vu c2 = vceqq_f64(ldd(p + i + 4), nx), c3 = vceqq_f64(ldd(p + i + 6), nx);
    if (any(vorrq_u64(vorrq_u64(c0, c1), vorrq_u64(c2, c3)))) {
      unsigned m = bits(c0) | bits(c1) << 2 | bits(c2) << 4 | bits(c3) << 6;
      return i + (size_t)__builtin_ctz(m);
    }
  }
  for (; i < n; i++)
    if (p[i] == x) return i;
  return n;
}

static bool equal_i64(const int64_t *a, const int64_t *b, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    vi d0 = veorq_s64(ld(a + i), ld(b + i)), d1 = veorq_s64(ld(a + i + 2), ld(b + i + 2));
    vi d2 = veorq_s64(ld(a + i + 4), ld(b + i + 4)), d3 = veorq_s64(ld(a + i + 6), ld(b + i + 6));
    if (any(vreinterpretq_u64_s64(vorrq_s64(vorrq_s64(d0, d1), vorrq_s64(d2, d3))))) return false;
  }
  for (; i < n; i++)
    if (a[i] != b[i]) return false;
  return true;
}

static bool equal_f64(const double *a, const double *b, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    vu c = vandq_u64(vandq_u64(vceqq_f64(ldd(a + i), ldd(b + i)), vceqq_f64(ldd(a + i + 2), ldd(b + i + 2))),
                     vandq_u64(vceqq_f64(ldd(a + i + 4), ldd(b + i + 4)), vceqq_f64(ldd(a + i + 6), ldd(b + i + 6))));
    if (bits(c) != 3) return false;
  }
  for (; i < n; i++)
    if (!(a[i] == b[i])) return false;
  return true;
}

/* ---- reverse -------------------------------------------------------------------------------- */
static void reverse_u64(uint64_t *dst, const uint64_t *src, size_t n) {
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    vu v0 = vld1q_u64(src + n - i - 2), v1 = vld1q_u64(src + n - i - 4);
    vst1q_u64(dst + i, vextq_u64(v0, v0, 1));
    vst1q_u64(dst + i + 2, vextq_u64(v1, v1, 1));
  }
  for (; i < n; i++) dst[i] = src[n - 1 - i];
}

/* ---- filter: lane masks, then each lane stored at the output position, which advances by
 * the lane's bit ---------------------------------------------------------------------------- */
template <int P>
INLINE vu pred_mask(vi x) {
  const vi zero = vdupq_n_s64(0), one = vdupq_n_s64(1);
  switch (P) {
    case FLRT_PRED_EVEN: return vceqq_s64(vandq_s64(x, one), zero);
    case FLRT_PRED_ODD: return vceqq_s64(vandq_s64(x, one), one);
    case FLRT_PRED_POSITIVE: return vcgtq_s64(x, zero);
    case FLRT_PRED_NEGATIVE: return vcltq_s64(x, zero);
    default: return vceqq_s64(x, zero);
  }
}

INLINE size_t put2(int64_t *dst, size_t k, vi x, vu m) {
  dst[k] = vgetq_lane_s64(x, 0);
  k += (size_t)(vgetq_lane_u64(m, 0) & 1);
  dst[k] = vgetq_lane_s64(x, 1);
  return k + (size_t)(vgetq_lane_u64(m, 1) & 1);
}

template <int P>
static size_t filter_i64_impl(int64_t *dst, const int64_t *src, size_t n) {
  size_t i = 0, k = 0;
  for (; i + 4 <= n; i += 4) {
    vi x0 = ld(src + i), x1 = ld(src + i + 2);
    vu m0 = pred_mask<P>(x0), m1 = pred_mask<P>(x1);
    k = put2(dst, k, x0, m0);
    k = put2(dst, k, x1, m1);
  }
  for (; i < n; i++)
    if (flrt_simd_pred_i64(src[i], P)) dst[k++] = src[i];
  return k;
}

static size_t filter_i64(int64_t *dst, const int64_t *src, size_t n, int pred) {
  switch (pred) {
    case FLRT_PRED_EVEN: return filter_i64_impl<FLRT_PRED_EVEN>(dst, src, n);
    case FLRT_PRED_ODD: return filter_i64_impl<FLRT_PRED_ODD>(dst, src, n);
    case FLRT_PRED_POSITIVE: return filter_i64_impl<FLRT_PRED_POSITIVE>(dst, src, n);
    case FLRT_PRED_NEGATIVE: return filter_i64_impl<FLRT_PRED_NEGATIVE>(dst, src, n);
    default: return filter_i64_impl<FLRT_PRED_ZERO>(dst, src, n);
  }
}

template <int P>
static size_t filter_f64_impl(double *dst, const double *src, size_t n) {
  const vd zero = vdupq_n_f64(0.0);
  int64_t *d = (int64_t *)(void *)dst;
  size_t i = 0, k = 0;
  for (; i + 2 <= n; i += 2) {
    vd x = ldd(src + i);
    vu c = P == FLRT_PRED_POSITIVE ? vcgtq_f64(x, zero)
           : P == FLRT_PRED_NEGATIVE ? vcltq_f64(x, zero)
                                     : vceqq_f64(x, zero);
    k = put2(d, k, vreinterpretq_s64_f64(x), c);
  }
  for (; i < n; i++)
    if (flrt_simd_pred_f64(src[i], P)) dst[k++] = src[i];
  return k;
}

static size_t filter_f64(double *dst, const double *src, size_t n, int pred) {
  switch (pred) {
    case FLRT_PRED_POSITIVE: return filter_f64_impl<FLRT_PRED_POSITIVE>(dst, src, n);
    case FLRT_PRED_NEGATIVE: return filter_f64_impl<FLRT_PRED_NEGATIVE>(dst, src, n);
    default: return filter_f64_impl<FLRT_PRED_ZERO>(dst, src, n);
  }
}

/* ---- map ------------------------------------------------------------------------------------ */
static bool unary_i64(int64_t *dst, const int64_t *src, size_t n, int op) {
  const vi minv = vdupq_n_s64(INT64_MIN);
  vu bad = vdupq_n_u64(0);
  size_t i = 0;
  for (; i + 2 <= n; i += 2) {
    vi x = ld(src + i);
    st(dst + i, op == FLRT_OP_NEG ? vnegq_s64(x) : vabsq_s64(x));
    bad = vorrq_u64(bad, vceqq_s64(x, minv));
  }
  if (any(bad)) return false;
  for (; i < n; i++) {
    int64_t x = src[i];
    if (x == INT64_MIN) return false;
    dst[i] = op == FLRT_OP_NEG || x < 0 ? -x : x;
  }
  return true;
}

static void unary_f64(double *dst, const double *src, size_t n, int op) {
  size_t i = 0;
  if (op == FLRT_OP_ABS) {
    for (; i + 2 <= n; i += 2) vst1q_f64(dst + i, vabsq_f64(ldd(src + i)));
    for (; i < n; i++) dst[i] = __builtin_fabs(src[i]);
  } else {
    for (; i + 2 <= n; i += 2) vst1q_f64(dst + i, vnegq_f64(ldd(src + i)));
    for (; i < n; i++) dst[i] = -src[i];
  }
}

static bool arith_i64(int64_t *dst, const int64_t *a, const int64_t *b, size_t n, int op) {
  vi bad = vdupq_n_s64(0);
  size_t i = 0;
  for (; i + 2 <= n; i += 2) {
    vi x = ld(a + i), y = ld(b + i);
    vi r = op == FLRT_OP_ADD ? vaddq_s64(x, y) : vsubq_s64(x, y);
    vi ov = op == FLRT_OP_ADD ? vandq_s64(veorq_s64(x, r), veorq_s64(y, r))
                              : vandq_s64(veorq_s64(x, y), veorq_s64(x, r));
    bad = vorrq_s64(bad, ov);
    st(dst + i, r);
  }
  if (bits(vreinterpretq_u64_s64(bad))) return false;
  for (; i < n; i++) {
    bool o = op == FLRT_OP_ADD ? __builtin_add_overflow(a[i], b[i], &dst[i])
                               : __builtin_sub_overflow(a[i], b[i], &dst[i]);
    if (o) return false;
  }
  return true;
}

static void arith_f64(double *dst, const double *a, const double *b, size_t n, int op) {
  size_t i = 0;
  switch (op) {
    case FLRT_OP_ADD:
      for (; i + 2 <= n; i += 2) vst1q_f64(dst + i, vaddq_f64(ldd(a + i), ldd(b + i)));
      for (; i < n; i++) dst[i] = a[i] + b[i];
      break;
    case FLRT_OP_SUB:
      for (; i + 2 <= n; i += 2) vst1q_f64(dst + i, vsubq_f64(ldd(a + i), ldd(b + i)));
      for (; i < n; i++) dst[i] = a[i] - b[i];
      break;
    case FLRT_OP_MUL:
      for (; i + 2 <= n; i += 2) vst1q_f64(dst + i, vmulq_f64(ldd(a + i), ldd(b + i)));
      for (; i < n; i++) dst[i] = a[i] * b[i];
      break;
    default:
      for (; i + 2 <= n; i += 2) vst1q_f64(dst + i, vdivq_f64(ldd(a + i), ldd(b + i)));
      for (; i < n; i++) dst[i] = a[i] / b[i];
      break;
  }
}

const flrt_simd_ops flrt_simd_neon_ops = {
    "neon",      sum_i64,    minmax_i64, iota_i64,  find_i64,  find_f64,  equal_i64, equal_f64,
    reverse_u64, filter_i64, filter_f64, unary_i64, unary_f64, arith_i64, arith_f64,
};

#endif /* __aarch64__ */
