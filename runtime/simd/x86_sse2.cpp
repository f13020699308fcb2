/* simd/x86_sse2.cpp - SSE2 kernels (2 x 64-bit lanes), the x86-64 baseline. SSE2 has 64-bit
 * add/sub/logic but no 64-bit compares: equality is two 32-bit compares ANDed with their
 * neighbour, the sign comes from the high half; min/max stays a scalar loop. Semantics:
 * simd.h. */
#if defined(__x86_64__)

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("align-loops=32", "align-jumps=32") /* as in scalar.cpp: placement-independent timings */
#endif

#include "simd/simd.h"

#include <emmintrin.h>

#define INLINE static inline __attribute__((always_inline))

typedef __m128i vi;
typedef __m128d vd;

INLINE vi ld(const int64_t *p) { return _mm_loadu_si128((const __m128i *)p); }
INLINE vi ldu(const uint64_t *p) { return _mm_loadu_si128((const __m128i *)p); }
INLINE void st(int64_t *p, vi v) { _mm_storeu_si128((__m128i *)p, v); }
INLINE vd ldd(const double *p) { return _mm_loadu_pd(p); }
INLINE int bits(vi c) { return _mm_movemask_pd(_mm_castsi128_pd(c)); } /* the lanes' sign bits */
INLINE bool all_zero(vi v) { return _mm_movemask_epi8(_mm_cmpeq_epi32(v, _mm_setzero_si128())) == 0xFFFF; }
INLINE uint64_t lane0(vi v) { return (uint64_t)_mm_cvtsi128_si64(v); }
INLINE uint64_t lane1(vi v) { return (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(v, v)); }

/* all-ones lanes where a == b */
INLINE vi cmpeq64(vi a, vi b) {
  vi c = _mm_cmpeq_epi32(a, b);
  return _mm_and_si128(c, _mm_shuffle_epi32(c, _MM_SHUFFLE(2, 3, 0, 1)));
}
/* all-ones lanes where x < 0 */
INLINE vi sign64(vi x) { return _mm_shuffle_epi32(_mm_srai_epi32(x, 31), _MM_SHUFFLE(3, 3, 1, 1)); }

/* ---- sum ------------------------------------------------------------------------------------ */
static bool sum_i64(const int64_t *p, size_t n, int64_t *acc) {
  int64_t a = *acc;
  size_t i = 0;
  const vi bias = _mm_set1_epi64x(FLRT_SUM_BIAS);
  const vi high = _mm_set1_epi64x((int64_t)FLRT_SUM_HIGH);
  while (n - i >= 16) {
    size_t len = n - i >= FLRT_SUM_CHUNK ? FLRT_SUM_CHUNK : (n - i) & ~(size_t)15;
    const int64_t *q = p + i;
    vi s0 = _mm_setzero_si128(), s1 = s0, s2 = s0, s3 = s0;
    vi m0 = s0, m1 = s0, m2 = s0, m3 = s0;
    for (size_t j = 0; j < len; j += 8) {
      /* t = x + bias is both summed and OR-ed (each element is loaded once) */
      vi t0 = _mm_add_epi64(ld(q + j), bias), t1 = _mm_add_epi64(ld(q + j + 2), bias);
      vi t2 = _mm_add_epi64(ld(q + j + 4), bias), t3 = _mm_add_epi64(ld(q + j + 6), bias);
      s0 = _mm_add_epi64(s0, t0);
      s1 = _mm_add_epi64(s1, t1);
      s2 = _mm_add_epi64(s2, t2);
      s3 = _mm_add_epi64(s3, t3);
      m0 = _mm_or_si128(m0, t0);
      m1 = _mm_or_si128(m1, t1);
      m2 = _mm_or_si128(m2, t2);
      m3 = _mm_or_si128(m3, t3);
    }
    vi s = _mm_add_epi64(_mm_add_epi64(s0, s1), _mm_add_epi64(s2, s3));
    vi m = _mm_or_si128(_mm_or_si128(m0, m1), _mm_or_si128(m2, m3));
    if (all_zero(_mm_and_si128(m, high)) && flrt_simd_chunk_fits(a, len))
      a = (int64_t)((uint64_t)a + lane0(s) + lane1(s) - (uint64_t)len * FLRT_SUM_BIAS);
    else if (!flrt_simd_sum_checked(q, len, &a))
      return false;
    i += len;
  }
  if (!flrt_simd_sum_checked(p + i, n - i, &a)) return false;
  *acc = a;
  return true;
}

/* SSE2 has no 64-bit compare: the emulated one (cmpgt64) costs more than a scalar cmov loop. */
static int64_t minmax_i64(const int64_t *p, size_t n, int64_t init, bool want_max) {
  int64_t m = init;
  if (want_max)
    for (size_t i = 0; i < n; i++) m = p[i] > m ? p[i] : m;
  else
    for (size_t i = 0; i < n; i++) m = p[i] < m ? p[i] : m;
  return m;
}

/* ---- range ---------------------------------------------------------------------------------- */
static void iota_i64(int64_t *out, size_t n, int64_t start, int64_t step) {
  const uint64_t s = (uint64_t)step;
  uint64_t x = (uint64_t)start;
  size_t i = 0;
  for (; i < n && ((uintptr_t)(out + i) & 15); i++, x += s) out[i] = (int64_t)x;
  if (n - i >= 8) {
    vi v0 = _mm_set_epi64x((int64_t)(x + s), (int64_t)x);
    vi d2 = _mm_set1_epi64x((int64_t)(2 * s));
    vi v1 = _mm_add_epi64(v0, d2), v2 = _mm_add_epi64(v1, d2), v3 = _mm_add_epi64(v2, d2);
    vi d8 = _mm_set1_epi64x((int64_t)(8 * s));
    for (; i + 8 <= n; i += 8) {
      _mm_store_si128((__m128i *)(out + i), v0);
      _mm_store_si128((__m128i *)(out + i + 2), v1);
      _mm_store_si128((__m128i *)(out + i + 4), v2);
      _mm_store_si128((__m128i *)(out + i + 6), v3);
      v0 = _mm_add_epi64(v0, d8);
      v1 = _mm_add_epi64(v1, d8);
      v2 = _mm_add_epi64(v2, d8);
      v3 = _mm_add_epi64(v3, d8);
    }
    x = (uint64_t)start + (uint64_t)i * s;
  }
  for (; i < n; i++, x += s) out[i] = (int64_t)x;
}

/* ---- search and equality --------------------------------------------------------------------- */
static size_t find_i64(const int64_t *p, size_t n, int64_t x) {
  const vi nx = _mm_set1_epi64x(x);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    vi c0 = cmpeq64(ld(p + i), nx), c1 = cmpeq64(ld(p + i + 2), nx);
    vi c2 = cmpeq64(ld(p + i + 4), nx), c3 = cmpeq64(ld(p + i + 6), nx);
    unsigned m = (unsigned)bits(c0) | (unsigned)bits(c1) << 2 | (unsigned)bits(c2) << 4 |
                 (unsigned)bits(c3) << 6;
    if (m) return i + (size_t)__builtin_ctz(m);
  }
  for (; i < n; i++)
    if (p[i] == x) return i;
  return n;
}

static size_t find_f64(const double *p, size_t n, double x) {
  const vd nx = _mm_set1_pd(x);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    unsigned m = (unsigned)_mm_movemask_pd(_mm_cmpeq_pd(ldd(p + i), nx)) |
                 (unsigned)_mm_movemask_pd(_mm_cmpeq_pd(ldd(p + i + 2), nx)) << 2 |
                 (unsigned)_mm_movemask_pd(_mm_cmpeq_pd(ldd(p + i + 4), nx)) << 4 |
                 (unsigned)_mm_movemask_pd(_mm_cmpeq_pd(ldd(p + i + 6), nx)) << 6;
    if (m) return i + (size_t)__builtin_ctz(m);
  }
  for (; i < n; i++)
    if (p[i] == x) return i;
  return n;
}

static bool equal_i64(const int64_t *a, const int64_t *b, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    vi d0 = _mm_xor_si128(ld(a + i), ld(b + i)), d1 = _mm_xor_si128(ld(a + i + 2), ld(b + i + 2));
    vi d2 = _mm_xor_si128(ld(a + i + 4), ld(b + i + 4)), d3 = _mm_xor_si128(ld(a + i + 6), ld(b + i + 6));
    if (!all_zero(_mm_or_si128(_mm_or_si128(d0, d1), _mm_or_si128(d2, d3)))) return false;
  }
  for (; i < n; i++)
    if (a[i] != b[i]) return false;
  return true;
}

static bool equal_f64(const double *a, const double *b, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    vd c = _mm_and_pd(_mm_and_pd(_mm_cmpeq_pd(ldd(a + i), ldd(b + i)), _mm_cmpeq_pd(ldd(a + i + 2), ldd(b + i + 2))),
                      _mm_and_pd(_mm_cmpeq_pd(ldd(a + i + 4), ldd(b + i + 4)), _mm_cmpeq_pd(ldd(a + i + 6), ldd(b + i + 6))));
    if (_mm_movemask_pd(c) != 3) return false;
  }
  for (; i < n; i++)
    if (!(a[i] == b[i])) return false;
  return true;
}

/* ---- reverse -------------------------------------------------------------------------------- */
static void reverse_u64(uint64_t *dst, const uint64_t *src, size_t n) {
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    vi v0 = ldu(src + n - i - 2), v1 = ldu(src + n - i - 4);
    _mm_storeu_si128((__m128i *)(dst + i), _mm_shuffle_epi32(v0, _MM_SHUFFLE(1, 0, 3, 2)));
    _mm_storeu_si128((__m128i *)(dst + i + 2), _mm_shuffle_epi32(v1, _MM_SHUFFLE(1, 0, 3, 2)));
  }
  for (; i < n; i++) dst[i] = src[n - 1 - i];
}

/* ---- filter: the predicate is computed for two lanes at once, each lane is then stored at the
 * output position and the position advanced by its bit (no branches) ------------------------ */
template <int P>
INLINE int pred_bits(vi x) {
  const vi zero = _mm_setzero_si128(), one = _mm_set1_epi64x(1);
  switch (P) {
    case FLRT_PRED_EVEN: return bits(cmpeq64(_mm_and_si128(x, one), zero));
    case FLRT_PRED_ODD: return bits(cmpeq64(_mm_and_si128(x, one), one));
    case FLRT_PRED_POSITIVE: return ~(bits(x) | bits(cmpeq64(x, zero))) & 3; /* not negative, not 0 */
    case FLRT_PRED_NEGATIVE: return bits(x);
    default: return bits(cmpeq64(x, zero));
  }
}

INLINE size_t put2(int64_t *dst, size_t k, vi x, int m) {
  _mm_storel_epi64((__m128i *)(dst + k), x);
  k += (size_t)(m & 1);
  _mm_storel_epi64((__m128i *)(dst + k), _mm_unpackhi_epi64(x, x));
  return k + (size_t)(m >> 1);
}

template <int P>
static size_t filter_i64_impl(int64_t *dst, const int64_t *src, size_t n) {
  size_t i = 0, k = 0;
  for (; i + 4 <= n; i += 4) {
    vi x0 = ld(src + i), x1 = ld(src + i + 2);
    int m0 = pred_bits<P>(x0), m1 = pred_bits<P>(x1);
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
  const vd zero = _mm_setzero_pd();
  int64_t *d = (int64_t *)(void *)dst;
  size_t i = 0, k = 0;
  for (; i + 2 <= n; i += 2) {
    vd x = ldd(src + i);
    vd c = P == FLRT_PRED_POSITIVE ? _mm_cmpgt_pd(x, zero)
           : P == FLRT_PRED_NEGATIVE ? _mm_cmplt_pd(x, zero)
                                     : _mm_cmpeq_pd(x, zero);
    k = put2(d, k, _mm_castpd_si128(x), _mm_movemask_pd(c));
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
template <int OP>
static bool unary_i64_impl(int64_t *dst, const int64_t *src, size_t n) {
  const vi zero = _mm_setzero_si128(), minv = _mm_set1_epi64x(INT64_MIN);
  vi bad = zero;
  size_t i = 0;
  for (; i + 2 <= n; i += 2) {
    vi x = ld(src + i);
    vi r;
    if (OP == FLRT_OP_NEG) {
      r = _mm_sub_epi64(zero, x);
    } else {
      vi s = sign64(x); /* |x| = (x ^ s) - s */
      r = _mm_sub_epi64(_mm_xor_si128(x, s), s);
    }
    bad = _mm_or_si128(bad, cmpeq64(x, minv));
    st(dst + i, r);
  }
  if (bits(bad)) return false;
  for (; i < n; i++) {
    int64_t x = src[i];
    if (x == INT64_MIN) return false;
    dst[i] = OP == FLRT_OP_NEG || x < 0 ? -x : x;
  }
  return true;
}

static bool unary_i64(int64_t *dst, const int64_t *src, size_t n, int op) {
  return op == FLRT_OP_NEG ? unary_i64_impl<FLRT_OP_NEG>(dst, src, n)
                           : unary_i64_impl<FLRT_OP_ABS>(dst, src, n);
}

static void unary_f64(double *dst, const double *src, size_t n, int op) {
  const vd sign = _mm_set1_pd(-0.0);
  size_t i = 0;
  if (op == FLRT_OP_ABS) {
    for (; i + 2 <= n; i += 2) _mm_storeu_pd(dst + i, _mm_andnot_pd(sign, ldd(src + i)));
    for (; i < n; i++) dst[i] = __builtin_fabs(src[i]);
  } else {
    for (; i + 2 <= n; i += 2) _mm_storeu_pd(dst + i, _mm_xor_pd(sign, ldd(src + i)));
    for (; i < n; i++) dst[i] = -src[i];
  }
}

template <int OP>
static bool arith_i64_impl(int64_t *dst, const int64_t *a, const int64_t *b, size_t n) {
  vi bad = _mm_setzero_si128();
  size_t i = 0;
  for (; i + 2 <= n; i += 2) {
    vi x = ld(a + i), y = ld(b + i);
    vi r = OP == FLRT_OP_ADD ? _mm_add_epi64(x, y) : _mm_sub_epi64(x, y);
    vi ov = OP == FLRT_OP_ADD ? _mm_and_si128(_mm_xor_si128(x, r), _mm_xor_si128(y, r))
                              : _mm_and_si128(_mm_xor_si128(x, y), _mm_xor_si128(x, r));
    bad = _mm_or_si128(bad, ov);
    st(dst + i, r);
  }
  if (bits(bad)) return false;
  for (; i < n; i++) {
    bool o = OP == FLRT_OP_ADD ? __builtin_add_overflow(a[i], b[i], &dst[i])
                               : __builtin_sub_overflow(a[i], b[i], &dst[i]);
    if (o) return false;
  }
  return true;
}

static bool arith_i64(int64_t *dst, const int64_t *a, const int64_t *b, size_t n, int op) {
  return op == FLRT_OP_ADD ? arith_i64_impl<FLRT_OP_ADD>(dst, a, b, n)
                           : arith_i64_impl<FLRT_OP_SUB>(dst, a, b, n);
}

template <int OP>
static void arith_f64_impl(double *dst, const double *a, const double *b, size_t n) {
  size_t i = 0;
  for (; i + 2 <= n; i += 2) {
    vd x = ldd(a + i), y = ldd(b + i);
    vd r = OP == FLRT_OP_ADD   ? _mm_add_pd(x, y)
           : OP == FLRT_OP_SUB ? _mm_sub_pd(x, y)
           : OP == FLRT_OP_MUL ? _mm_mul_pd(x, y)
                               : _mm_div_pd(x, y);
    _mm_storeu_pd(dst + i, r);
  }
  for (; i < n; i++)
    dst[i] = OP == FLRT_OP_ADD   ? a[i] + b[i]
             : OP == FLRT_OP_SUB ? a[i] - b[i]
             : OP == FLRT_OP_MUL ? a[i] * b[i]
                                 : a[i] / b[i];
}

static void arith_f64(double *dst, const double *a, const double *b, size_t n, int op) {
  switch (op) {
    case FLRT_OP_ADD: arith_f64_impl<FLRT_OP_ADD>(dst, a, b, n); break;
    case FLRT_OP_SUB: arith_f64_impl<FLRT_OP_SUB>(dst, a, b, n); break;
    case FLRT_OP_MUL: arith_f64_impl<FLRT_OP_MUL>(dst, a, b, n); break;
    default: arith_f64_impl<FLRT_OP_DIV>(dst, a, b, n); break;
  }
}

const flrt_simd_ops flrt_simd_sse2_ops = {
    "sse2",      sum_i64,    minmax_i64, iota_i64,  find_i64,  find_f64,  equal_i64, equal_f64,
    reverse_u64, filter_i64, filter_f64, unary_i64, unary_f64, arith_i64, arith_f64,
};

#endif /* __x86_64__ */
