/* simd/x86_avx2.cpp - AVX2 kernels (4 x 64-bit lanes). Every function carries
 * __attribute__((target("avx2"))), so the file builds for any x86-64 and the table is only used
 * when the CPU reports AVX2 (dispatch.cpp). Semantics: simd.h. */
#if defined(__x86_64__)

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("align-loops=32", "align-jumps=32") /* as in scalar.cpp: placement-independent timings */
#endif

#include "simd/simd.h"

#include <immintrin.h>

#define AVX2 __attribute__((target("avx2,popcnt")))
#define INLINE static inline __attribute__((always_inline)) AVX2

typedef __m256i vi;
typedef __m256d vd;

INLINE vi ld(const int64_t *p) { return _mm256_loadu_si256((const __m256i *)p); }
INLINE vi ldu(const uint64_t *p) { return _mm256_loadu_si256((const __m256i *)p); }
INLINE void st(int64_t *p, vi v) { _mm256_storeu_si256((__m256i *)p, v); }
INLINE vd ldd(const double *p) { return _mm256_loadu_pd(p); }
INLINE int bits(vi c) { return _mm256_movemask_pd(_mm256_castsi256_pd(c)); }

INLINE uint64_t hsum(vi v) {
  __m128i s = _mm_add_epi64(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  return (uint64_t)_mm_cvtsi128_si64(s) + (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(s, s));
}

/* ---- sum ------------------------------------------------------------------------------------ */
#define PAIRS 32 /* a group is 2 * PAIRS chunks */

/* The wrapped totals of t = x + bias over chunks a and b (FLRT_SUM_CHUNK elements each, read
 * side by side: two memory streams keep more loads in flight than one), and whether every t
 * of each stayed below 2^53 (see simd.h). */
INLINE void sum_two_chunks(const int64_t *qa, const int64_t *qb, uint64_t *sum, bool *small) {
  const vi bias = _mm256_set1_epi64x(FLRT_SUM_BIAS);
  const vi high = _mm256_set1_epi64x((int64_t)FLRT_SUM_HIGH);
  vi s0 = _mm256_setzero_si256(), s1 = s0, s2 = s0, s3 = s0;
  vi m0 = s0, m1 = s0, m2 = s0, m3 = s0;
  for (size_t j = 0; j < FLRT_SUM_CHUNK; j += 8) {
    vi t0 = _mm256_add_epi64(ld(qa + j), bias), t1 = _mm256_add_epi64(ld(qa + j + 4), bias);
    vi t2 = _mm256_add_epi64(ld(qb + j), bias), t3 = _mm256_add_epi64(ld(qb + j + 4), bias);
    s0 = _mm256_add_epi64(s0, t0);
    s1 = _mm256_add_epi64(s1, t1);
    s2 = _mm256_add_epi64(s2, t2);
    s3 = _mm256_add_epi64(s3, t3);
    m0 = _mm256_or_si256(m0, t0);
    m1 = _mm256_or_si256(m1, t1);
    m2 = _mm256_or_si256(m2, t2);
    m3 = _mm256_or_si256(m3, t3);
  }
  sum[0] = hsum(_mm256_add_epi64(s0, s1));
  sum[1] = hsum(_mm256_add_epi64(s2, s3));
  small[0] = _mm256_testz_si256(_mm256_or_si256(m0, m1), high);
  small[1] = _mm256_testz_si256(_mm256_or_si256(m2, m3), high);
}

static AVX2 bool sum_i64(const int64_t *p, size_t n, int64_t *acc) {
  int64_t a = *acc;
  size_t i = 0;
  const vi bias = _mm256_set1_epi64x(FLRT_SUM_BIAS);
  const vi high = _mm256_set1_epi64x((int64_t)FLRT_SUM_HIGH);
  /* Groups of 2 * PAIRS whole chunks: chunk c is read together with chunk c + PAIRS, then the
   * chunk totals are added in order, each exactly as in the one-chunk loop below. */
  while (n - i >= 2 * PAIRS * FLRT_SUM_CHUNK) {
    const int64_t *q = p + i;
    uint64_t sums[2 * PAIRS];
    bool small[2 * PAIRS];
    for (size_t c = 0; c < PAIRS; c++) {
      uint64_t s2[2];
      bool ok2[2];
      sum_two_chunks(q + c * FLRT_SUM_CHUNK, q + (c + PAIRS) * FLRT_SUM_CHUNK, s2, ok2);
      sums[c] = s2[0];
      sums[c + PAIRS] = s2[1];
      small[c] = ok2[0];
      small[c + PAIRS] = ok2[1];
    }
    for (size_t c = 0; c < 2 * PAIRS; c++) {
      if (small[c] && flrt_simd_chunk_fits(a, FLRT_SUM_CHUNK))
        a = (int64_t)((uint64_t)a + sums[c] - (uint64_t)FLRT_SUM_CHUNK * FLRT_SUM_BIAS);
      else if (!flrt_simd_sum_checked(q + c * FLRT_SUM_CHUNK, FLRT_SUM_CHUNK, &a))
        return false;
    }
    i += 2 * PAIRS * FLRT_SUM_CHUNK;
  }
  while (n - i >= 16) {
    size_t len = n - i >= FLRT_SUM_CHUNK ? FLRT_SUM_CHUNK : (n - i) & ~(size_t)15;
    const int64_t *q = p + i;
    vi s0 = _mm256_setzero_si256(), s1 = s0, s2 = s0, s3 = s0;
    vi m0 = s0, m1 = s0, m2 = s0, m3 = s0;
    for (size_t j = 0; j < len; j += 16) {
      /* t = x + bias is both summed and OR-ed (each element is loaded once) */
      vi t0 = _mm256_add_epi64(ld(q + j), bias), t1 = _mm256_add_epi64(ld(q + j + 4), bias);
      vi t2 = _mm256_add_epi64(ld(q + j + 8), bias), t3 = _mm256_add_epi64(ld(q + j + 12), bias);
      s0 = _mm256_add_epi64(s0, t0);
      s1 = _mm256_add_epi64(s1, t1);
      s2 = _mm256_add_epi64(s2, t2);
      s3 = _mm256_add_epi64(s3, t3);
      m0 = _mm256_or_si256(m0, t0);
      m1 = _mm256_or_si256(m1, t1);
      m2 = _mm256_or_si256(m2, t2);
      m3 = _mm256_or_si256(m3, t3);
    }
    vi s = _mm256_add_epi64(_mm256_add_epi64(s0, s1), _mm256_add_epi64(s2, s3));
    vi m = _mm256_or_si256(_mm256_or_si256(m0, m1), _mm256_or_si256(m2, m3));
    if (_mm256_testz_si256(m, high) && flrt_simd_chunk_fits(a, len))
      a = (int64_t)((uint64_t)a + hsum(s) - (uint64_t)len * FLRT_SUM_BIAS);
    else if (!flrt_simd_sum_checked(q, len, &a))
      return false;
    i += len;
  }
  if (!flrt_simd_sum_checked(p + i, n - i, &a)) return false;
  *acc = a;
  return true;
}

template <bool MAX>
INLINE vi pick(vi best, vi x) {
  return _mm256_blendv_epi8(best, x, MAX ? _mm256_cmpgt_epi64(x, best) : _mm256_cmpgt_epi64(best, x));
}

template <bool MAX>
static AVX2 int64_t minmax_impl(const int64_t *p, size_t n, int64_t init) {
  size_t i = 0;
  int64_t m = init;
  if (n >= 8) {
    vi v0 = _mm256_set1_epi64x(init), v1 = v0;
    for (; i + 8 <= n; i += 8) {
      v0 = pick<MAX>(v0, ld(p + i));
      v1 = pick<MAX>(v1, ld(p + i + 4));
    }
    v0 = pick<MAX>(v0, v1);
    int64_t lanes[4];
    st(lanes, v0);
    for (int k = 0; k < 4; k++) m = MAX ? (lanes[k] > m ? lanes[k] : m) : (lanes[k] < m ? lanes[k] : m);
  }
  for (; i < n; i++) m = MAX ? (p[i] > m ? p[i] : m) : (p[i] < m ? p[i] : m);
  return m;
}

static AVX2 int64_t minmax_i64(const int64_t *p, size_t n, int64_t init, bool want_max) {
  return want_max ? minmax_impl<true>(p, n, init) : minmax_impl<false>(p, n, init);
}

/* ---- range ---------------------------------------------------------------------------------- */
static AVX2 void iota_i64(int64_t *out, size_t n, int64_t start, int64_t step) {
  const uint64_t s = (uint64_t)step;
  uint64_t x = (uint64_t)start;
  size_t i = 0;
  for (; i < n && ((uintptr_t)(out + i) & 31); i++, x += s) out[i] = (int64_t)x; /* align stores */
  if (n - i >= 16) {
    vi v0 = _mm256_set_epi64x((int64_t)(x + 3 * s), (int64_t)(x + 2 * s), (int64_t)(x + s), (int64_t)x);
    vi d4 = _mm256_set1_epi64x((int64_t)(4 * s));
    vi v1 = _mm256_add_epi64(v0, d4), v2 = _mm256_add_epi64(v1, d4), v3 = _mm256_add_epi64(v2, d4);
    vi d16 = _mm256_set1_epi64x((int64_t)(16 * s));
    for (; i + 16 <= n; i += 16) {
      _mm256_store_si256((__m256i *)(out + i), v0);
      _mm256_store_si256((__m256i *)(out + i + 4), v1);
      _mm256_store_si256((__m256i *)(out + i + 8), v2);
      _mm256_store_si256((__m256i *)(out + i + 12), v3);
      v0 = _mm256_add_epi64(v0, d16);
      v1 = _mm256_add_epi64(v1, d16);
      v2 = _mm256_add_epi64(v2, d16);
      v3 = _mm256_add_epi64(v3, d16);
    }
    x = (uint64_t)start + (uint64_t)i * s;
  }
  for (; i < n; i++, x += s) out[i] = (int64_t)x;
}

/* ---- search and equality --------------------------------------------------------------------- */
static AVX2 size_t find_i64(const int64_t *p, size_t n, int64_t x) {
  const vi nx = _mm256_set1_epi64x(x);
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    vi c0 = _mm256_cmpeq_epi64(ld(p + i), nx), c1 = _mm256_cmpeq_epi64(ld(p + i + 4), nx);
    vi c2 = _mm256_cmpeq_epi64(ld(p + i + 8), nx), c3 = _mm256_cmpeq_epi64(ld(p + i + 12), nx);
    vi any = _mm256_or_si256(_mm256_or_si256(c0, c1), _mm256_or_si256(c2, c3));
    if (!_mm256_testz_si256(any, any)) {
      unsigned m = (unsigned)bits(c0) | (unsigned)bits(c1) << 4 | (unsigned)bits(c2) << 8 |
                   (unsigned)bits(c3) << 12;
      return i + (size_t)__builtin_ctz(m);
    }
  }
  for (; i < n; i++)
    if (p[i] == x) return i;
  return n;
}

static AVX2 size_t find_f64(const double *p, size_t n, double x) {
  const vd nx = _mm256_set1_pd(x);
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    vd c0 = _mm256_cmp_pd(ldd(p + i), nx, _CMP_EQ_OQ), c1 = _mm256_cmp_pd(ldd(p + i + 4), nx, _CMP_EQ_OQ);
    vd c2 = _mm256_cmp_pd(ldd(p + i + 8), nx, _CMP_EQ_OQ), c3 = _mm256_cmp_pd(ldd(p + i + 12), nx, _CMP_EQ_OQ);
    vd any = _mm256_or_pd(_mm256_or_pd(c0, c1), _mm256_or_pd(c2, c3));
    if (_mm256_movemask_pd(any)) {
      unsigned m = (unsigned)_mm256_movemask_pd(c0) | (unsigned)_mm256_movemask_pd(c1) << 4 |
                   (unsigned)_mm256_movemask_pd(c2) << 8 | (unsigned)_mm256_movemask_pd(c3) << 12;
      return i + (size_t)__builtin_ctz(m);
    }
  }
  for (; i < n; i++)
    if (p[i] == x) return i;
  return n;
}

static AVX2 bool equal_i64(const int64_t *a, const int64_t *b, size_t n) {
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    vi d0 = _mm256_xor_si256(ld(a + i), ld(b + i)), d1 = _mm256_xor_si256(ld(a + i + 4), ld(b + i + 4));
    vi d2 = _mm256_xor_si256(ld(a + i + 8), ld(b + i + 8)), d3 = _mm256_xor_si256(ld(a + i + 12), ld(b + i + 12));
    vi d = _mm256_or_si256(_mm256_or_si256(d0, d1), _mm256_or_si256(d2, d3));
    if (!_mm256_testz_si256(d, d)) return false;
  }
  for (; i < n; i++)
    if (a[i] != b[i]) return false;
  return true;
}

static AVX2 bool equal_f64(const double *a, const double *b, size_t n) {
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    vd c0 = _mm256_cmp_pd(ldd(a + i), ldd(b + i), _CMP_EQ_OQ);
    vd c1 = _mm256_cmp_pd(ldd(a + i + 4), ldd(b + i + 4), _CMP_EQ_OQ);
    vd c2 = _mm256_cmp_pd(ldd(a + i + 8), ldd(b + i + 8), _CMP_EQ_OQ);
    vd c3 = _mm256_cmp_pd(ldd(a + i + 12), ldd(b + i + 12), _CMP_EQ_OQ);
    vd c = _mm256_and_pd(_mm256_and_pd(c0, c1), _mm256_and_pd(c2, c3));
    if (_mm256_movemask_pd(c) != 0xF) return false;
  }
  for (; i < n; i++)
    if (!(a[i] == b[i])) return false;
  return true;
}

/* ---- reverse -------------------------------------------------------------------------------- */
static AVX2 void reverse_u64(uint64_t *dst, const uint64_t *src, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    vi v0 = ldu(src + n - i - 4), v1 = ldu(src + n - i - 8);
    _mm256_storeu_si256((__m256i *)(dst + i), _mm256_permute4x64_epi64(v0, 0x1B));
    _mm256_storeu_si256((__m256i *)(dst + i + 4), _mm256_permute4x64_epi64(v1, 0x1B));
  }
  for (; i < n; i++) dst[i] = src[n - 1 - i];
}

/* ---- filter: a 4-bit lane mask selects a permutation that packs the chosen lanes first -------- */
struct compress_lut {
  int32_t idx[16][8];
  uint8_t count[16];
};
static constexpr compress_lut make_lut() {
  compress_lut t = {};
  for (int m = 0; m < 16; m++) {
    int k = 0;
    for (int lane = 0; lane < 4; lane++)
      if (m & (1 << lane)) {
        t.idx[m][2 * k] = 2 * lane;
        t.idx[m][2 * k + 1] = 2 * lane + 1;
        k++;
      }
    t.count[m] = (uint8_t)k;
  }
  return t;
}
alignas(32) static constexpr compress_lut lut = make_lut();

INLINE size_t compress(int64_t *dst, size_t k, vi x, int m) {
  vi packed = _mm256_permutevar8x32_epi32(x, _mm256_load_si256((const __m256i *)lut.idx[m]));
  st(dst + k, packed);
  return k + lut.count[m];
}

template <int P>
INLINE int pred_bits(vi x) {
  const vi zero = _mm256_setzero_si256(), one = _mm256_set1_epi64x(1);
  switch (P) {
    case FLRT_PRED_EVEN: return bits(_mm256_cmpeq_epi64(_mm256_and_si256(x, one), zero));
    case FLRT_PRED_ODD: return bits(_mm256_cmpeq_epi64(_mm256_and_si256(x, one), one));
    case FLRT_PRED_POSITIVE: return bits(_mm256_cmpgt_epi64(x, zero));
    case FLRT_PRED_NEGATIVE: return bits(x); /* the sign bits */
    default: return bits(_mm256_cmpeq_epi64(x, zero));
  }
}

template <int P>
static AVX2 size_t filter_i64_impl(int64_t *dst, const int64_t *src, size_t n) {
  size_t i = 0, k = 0;
  for (; i + 8 <= n; i += 8) {
    vi x0 = ld(src + i), x1 = ld(src + i + 4);
    int m0 = pred_bits<P>(x0), m1 = pred_bits<P>(x1);
    k = compress(dst, k, x0, m0);
    k = compress(dst, k, x1, m1);
  }
  for (; i < n; i++)
    if (flrt_simd_pred_i64(src[i], P)) dst[k++] = src[i];
  return k;
}

static AVX2 size_t filter_i64(int64_t *dst, const int64_t *src, size_t n, int pred) {
  switch (pred) {
    case FLRT_PRED_EVEN: return filter_i64_impl<FLRT_PRED_EVEN>(dst, src, n);
    case FLRT_PRED_ODD: return filter_i64_impl<FLRT_PRED_ODD>(dst, src, n);
    case FLRT_PRED_POSITIVE: return filter_i64_impl<FLRT_PRED_POSITIVE>(dst, src, n);
    case FLRT_PRED_NEGATIVE: return filter_i64_impl<FLRT_PRED_NEGATIVE>(dst, src, n);
    default: return filter_i64_impl<FLRT_PRED_ZERO>(dst, src, n);
  }
}

template <int P>
INLINE int pred_bits_f(vd x) {
  const vd zero = _mm256_setzero_pd();
  switch (P) {
    case FLRT_PRED_POSITIVE: return _mm256_movemask_pd(_mm256_cmp_pd(x, zero, _CMP_GT_OQ));
    case FLRT_PRED_NEGATIVE: return _mm256_movemask_pd(_mm256_cmp_pd(x, zero, _CMP_LT_OQ));
    default: return _mm256_movemask_pd(_mm256_cmp_pd(x, zero, _CMP_EQ_OQ));
  }
}

template <int P>
static AVX2 size_t filter_f64_impl(double *dst, const double *src, size_t n) {
  size_t i = 0, k = 0;
  int64_t *d = (int64_t *)(void *)dst;
  for (; i + 4 <= n; i += 4) {
    vd x = ldd(src + i);
    k = compress(d, k, _mm256_castpd_si256(x), pred_bits_f<P>(x));
  }
  for (; i < n; i++)
    if (flrt_simd_pred_f64(src[i], P)) dst[k++] = src[i];
  return k;
}

static AVX2 size_t filter_f64(double *dst, const double *src, size_t n, int pred) {
  switch (pred) {
    case FLRT_PRED_POSITIVE: return filter_f64_impl<FLRT_PRED_POSITIVE>(dst, src, n);
    case FLRT_PRED_NEGATIVE: return filter_f64_impl<FLRT_PRED_NEGATIVE>(dst, src, n);
    default: return filter_f64_impl<FLRT_PRED_ZERO>(dst, src, n);
  }
}

/* ---- map ------------------------------------------------------------------------------------ */
template <int OP>
static AVX2 bool unary_i64_impl(int64_t *dst, const int64_t *src, size_t n) {
  const vi zero = _mm256_setzero_si256(), minv = _mm256_set1_epi64x(INT64_MIN);
  vi bad = zero;
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    vi x = ld(src + i);
    vi neg = _mm256_sub_epi64(zero, x);
    vi r = OP == FLRT_OP_NEG ? neg : _mm256_blendv_epi8(x, neg, _mm256_cmpgt_epi64(zero, x));
    bad = _mm256_or_si256(bad, _mm256_cmpeq_epi64(x, minv));
    st(dst + i, r);
  }
  if (!_mm256_testz_si256(bad, bad)) return false;
  for (; i < n; i++) {
    int64_t x = src[i];
    if (x == INT64_MIN) return false;
    dst[i] = OP == FLRT_OP_NEG || x < 0 ? -x : x;
  }
  return true;
}

static AVX2 bool unary_i64(int64_t *dst, const int64_t *src, size_t n, int op) {
  return op == FLRT_OP_NEG ? unary_i64_impl<FLRT_OP_NEG>(dst, src, n)
                           : unary_i64_impl<FLRT_OP_ABS>(dst, src, n);
}

static AVX2 void unary_f64(double *dst, const double *src, size_t n, int op) {
  const vd sign = _mm256_set1_pd(-0.0);
  size_t i = 0;
  if (op == FLRT_OP_ABS) {
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(dst + i, _mm256_andnot_pd(sign, ldd(src + i)));
    for (; i < n; i++) dst[i] = __builtin_fabs(src[i]);
  } else {
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(dst + i, _mm256_xor_pd(sign, ldd(src + i)));
    for (; i < n; i++) dst[i] = -src[i];
  }
}

template <int OP>
static AVX2 bool arith_i64_impl(int64_t *dst, const int64_t *a, const int64_t *b, size_t n) {
  vi bad = _mm256_setzero_si256();
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    vi x = ld(a + i), y = ld(b + i);
    vi r = OP == FLRT_OP_ADD ? _mm256_add_epi64(x, y) : _mm256_sub_epi64(x, y);
    /* signed overflow: the sign of the result differs from what both operands agree on */
    vi ov = OP == FLRT_OP_ADD ? _mm256_and_si256(_mm256_xor_si256(x, r), _mm256_xor_si256(y, r))
                              : _mm256_and_si256(_mm256_xor_si256(x, y), _mm256_xor_si256(x, r));
    bad = _mm256_or_si256(bad, ov);
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

static AVX2 bool arith_i64(int64_t *dst, const int64_t *a, const int64_t *b, size_t n, int op) {
  return op == FLRT_OP_ADD ? arith_i64_impl<FLRT_OP_ADD>(dst, a, b, n)
                           : arith_i64_impl<FLRT_OP_SUB>(dst, a, b, n);
}

template <int OP>
static AVX2 void arith_f64_impl(double *dst, const double *a, const double *b, size_t n) {
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    vd x = ldd(a + i), y = ldd(b + i);
    vd r = OP == FLRT_OP_ADD   ? _mm256_add_pd(x, y)
           : OP == FLRT_OP_SUB ? _mm256_sub_pd(x, y)
           : OP == FLRT_OP_MUL ? _mm256_mul_pd(x, y)
                               : _mm256_div_pd(x, y);
    _mm256_storeu_pd(dst + i, r);
  }
  for (; i < n; i++)
    dst[i] = OP == FLRT_OP_ADD   ? a[i] + b[i]
             : OP == FLRT_OP_SUB ? a[i] - b[i]
             : OP == FLRT_OP_MUL ? a[i] * b[i]
                                 : a[i] / b[i];
}

static AVX2 void arith_f64(double *dst, const double *a, const double *b, size_t n, int op) {
  switch (op) {
    case FLRT_OP_ADD: arith_f64_impl<FLRT_OP_ADD>(dst, a, b, n); break;
    case FLRT_OP_SUB: arith_f64_impl<FLRT_OP_SUB>(dst, a, b, n); break;
    case FLRT_OP_MUL: arith_f64_impl<FLRT_OP_MUL>(dst, a, b, n); break;
    default: arith_f64_impl<FLRT_OP_DIV>(dst, a, b, n); break;
  }
}

const flrt_simd_ops flrt_simd_avx2_ops = {
    "avx2",      sum_i64,    minmax_i64, iota_i64,  find_i64,  find_f64,  equal_i64, equal_f64,
    reverse_u64, filter_i64, filter_f64, unary_i64, unary_f64, arith_i64, arith_f64,
};

#endif /* __x86_64__ */
