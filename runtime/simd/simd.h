/* simd/simd.h - vector kernels over unboxed list slots, chosen once at run time.
 *
 * Int and Float list blocks (FL_ELEM_INT / FL_ELEM_FLOAT) hold raw int64 / double slots, so the
 * list builtins can hand whole runs of a block to a kernel. Every kernel exists once per
 * instruction set in a table of function pointers:
 *
 *   scalar.cpp   plain C loops, compiled without auto-vectorization (the reference semantics
 *                and the fallback on any other architecture)
 *   x86_sse2.cpp SSE2, the x86-64 baseline
 *   x86_avx2.cpp AVX2 (functions with __attribute__((target("avx2")))), used when the CPU
 *                supports it
 *   neon.cpp     AArch64 Advanced SIMD (always present on AArch64)
 *
 * flrt_simd() returns the active table. It is chosen on first use: FLRT_SIMD=scalar|sse2|avx2|
 * neon in the environment forces one (when it is available; otherwise it is ignored), else the
 * best one the CPU supports (__builtin_cpu_supports("avx2") on x86-64). Every table computes
 * exactly the same results as the scalar one, including when an Int operation overflows.
 *
 * Freestanding style: C headers only.
 */
#ifndef FLRT_SIMD_SIMD_H
#define FLRT_SIMD_SIMD_H

#include <stddef.h>
#include <stdint.h>

/* Predicates of filter_*: the builtins even? odd? positive? negative? zero?. */
enum flrt_simd_pred {
  FLRT_PRED_EVEN,
  FLRT_PRED_ODD,
  FLRT_PRED_POSITIVE,
  FLRT_PRED_NEGATIVE,
  FLRT_PRED_ZERO,
};

/* Operations of unary_* (abs, one-argument -) and arith_* (+ - * /). */
enum flrt_simd_op {
  FLRT_OP_ABS,
  FLRT_OP_NEG,
  FLRT_OP_ADD,
  FLRT_OP_SUB,
  FLRT_OP_MUL,
  FLRT_OP_DIV,
};

typedef struct flrt_simd_ops {
  const char *name; /* "scalar", "sse2", "avx2", "neon" */

  /* *acc + p[0] + ... + p[n-1], added left to right with checked int64 arithmetic: returns
   * false (and leaves *acc unchanged) exactly when one of the partial sums leaves the int64
   * range, as the pairwise fold of `sum` would raise `overflow` there. */
  bool (*sum_i64)(const int64_t *p, size_t n, int64_t *acc);
  /* max (want_max) or min of init and p[0..n). */
  int64_t (*minmax_i64)(const int64_t *p, size_t n, int64_t init, bool want_max);
  /* out[k] = start + k * step, in wrapping arithmetic (range never lets it wrap). */
  void (*iota_i64)(int64_t *out, size_t n, int64_t start, int64_t step);
  /* Index of the first element equal to x (IEEE == for doubles: NaN is never found), or n. */
  size_t (*find_i64)(const int64_t *p, size_t n, int64_t x);
  size_t (*find_f64)(const double *p, size_t n, double x);
  /* a[k] == b[k] for every k (IEEE == for doubles: NaN differs from itself, -0.0 == 0.0). */
  bool (*equal_i64)(const int64_t *a, const int64_t *b, size_t n);
  bool (*equal_f64)(const double *a, const double *b, size_t n);
  /* dst[k] = src[n-1-k]; dst and src do not overlap. */
  void (*reverse_u64)(uint64_t *dst, const uint64_t *src, size_t n);
  /* Copies the elements of src[0..n) that satisfy pred to dst, in order; returns how many.
   * dst has room for n elements (slots past the result may be overwritten). filter_f64
   * accepts only POSITIVE, NEGATIVE and ZERO (NaN satisfies none). */
  size_t (*filter_i64)(int64_t *dst, const int64_t *src, size_t n, int pred);
  size_t (*filter_f64)(double *dst, const double *src, size_t n, int pred);
  /* dst[k] = op(src[k]) for ABS / NEG. The Int version returns false if some src[k] is
   * INT64_MIN (the result overflows; dst is then unspecified). */
  bool (*unary_i64)(int64_t *dst, const int64_t *src, size_t n, int op);
  void (*unary_f64)(double *dst, const double *src, size_t n, int op);
  /* dst[k] = a[k] op b[k]. Int: ADD and SUB only, false if some element overflows (dst then
   * unspecified). Float: ADD, SUB, MUL, DIV (IEEE, as the scalar operators). */
  bool (*arith_i64)(int64_t *dst, const int64_t *a, const int64_t *b, size_t n, int op);
  void (*arith_f64)(double *dst, const double *a, const double *b, size_t n, int op);
} flrt_simd_ops;

/* The tables compiled into this build (NULL where the ISA does not exist for the target). */
extern const flrt_simd_ops flrt_simd_scalar_ops;
#if defined(__x86_64__)
extern const flrt_simd_ops flrt_simd_sse2_ops;
extern const flrt_simd_ops flrt_simd_avx2_ops;
#endif
#if defined(__aarch64__)
extern const flrt_simd_ops flrt_simd_neon_ops;
#endif

extern const flrt_simd_ops *flrt_simd_active;
const flrt_simd_ops *flrt_simd_init(void); /* chooses the table (see above) and returns it */

/* The active kernel table. */
static inline const flrt_simd_ops *flrt_simd(void) {
  const flrt_simd_ops *o = flrt_simd_active;
  return __builtin_expect(o != 0, 1) ? o : flrt_simd_init();
}

/* The table for `name` if this build has it and the CPU can run it, else NULL. */
const flrt_simd_ops *flrt_simd_table(const char *name);
/* Makes `name`'s table the active one; false (nothing changes) if it is not available. */
bool flrt_simd_select(const char *name);
/* true: use the scalar kernels from now on (benchmarks, tests); false: back to the choice of
 * flrt_simd_init (FLRT_SIMD or the best available). */
void flrt_simd_force_scalar(bool on);
/* Name of the active table. */
const char *flrt_simd_name(void);

/* ---- helpers shared by the kernels ----------------------------------------------------------- */

/* Checked scalar sum (the reference loop of sum_i64). */
static inline bool flrt_simd_sum_checked(const int64_t *p, size_t n, int64_t *acc) {
  int64_t a = *acc;
  for (size_t i = 0; i < n; i++)
    if (__builtin_add_overflow(a, p[i], &a)) return false;
  *acc = a;
  return true;
}

/* The vector sums take a chunk of at most FLRT_SUM_CHUNK elements, add t = x + 2^52 of every
 * element in wrapping lanes and OR the t together: when no t has a bit at or above 2^53 set,
 * every element lies in [-2^52, 2^52), so every partial sum of the chunk lies within
 * acc -+ len * 2^52 (at most 2^62). If that interval fits in int64 no partial sum can overflow
 * and the wrapped lane total minus len * 2^52 is the exact sum; otherwise the chunk is added
 * again by the checked scalar loop, which finds the exact overflowing element (or none). */
#define FLRT_SUM_CHUNK 1024
#define FLRT_SUM_BIAS (INT64_C(1) << 52)
#define FLRT_SUM_HIGH (~((UINT64_C(1) << 53) - 1)) /* bits that must stay clear in the OR */

static inline bool flrt_simd_chunk_fits(int64_t acc, size_t len) {
  int64_t bound = (int64_t)len << 52; /* len <= FLRT_SUM_CHUNK: at most 2^62 */
  return acc <= INT64_MAX - bound && acc >= INT64_MIN + bound;
}

/* Scalar predicate of filter_*. */
static inline bool flrt_simd_pred_i64(int64_t x, int pred) {
  switch (pred) {
    case FLRT_PRED_EVEN: return (x & 1) == 0;
    case FLRT_PRED_ODD: return (x & 1) != 0;
    case FLRT_PRED_POSITIVE: return x > 0;
    case FLRT_PRED_NEGATIVE: return x < 0;
    default: return x == 0;
  }
}
static inline bool flrt_simd_pred_f64(double x, int pred) {
  switch (pred) {
    case FLRT_PRED_POSITIVE: return x > 0;
    case FLRT_PRED_NEGATIVE: return x < 0;
    default: return x == 0;
  }
}

#endif /* FLRT_SIMD_SIMD_H */
