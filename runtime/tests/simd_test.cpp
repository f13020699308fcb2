// The vector kernels (runtime/simd): every table this build and CPU can run (scalar, sse2, avx2
// on x86-64; scalar, neon on AArch64) against straightforward reference loops, on random data
// with the edge cases (overflow at every position, NaN, -0.0, unaligned starts, all lengths
// around the vector widths and the sum chunk); then the list builtins that use them, with each
// table forced in turn, against the scalar results.
#include <math.h>

#include <limits>
#include <random>
#include <string>
#include <vector>

#include "simd/simd.h"
#include "test_util.h"

using namespace flt;

namespace {

const char *const kTables[] = {"scalar", "sse2", "avx2", "neon"};

std::vector<const flrt_simd_ops *> available() {
  std::vector<const flrt_simd_ops *> v;
  for (const char *name : kTables)
    if (const flrt_simd_ops *o = flrt_simd_table(name)) v.push_back(o);
  return v;
}

// Restores the default table when a test ends.
struct DefaultTable {
  ~DefaultTable() { flrt_simd_force_scalar(false); }
};

const int64_t kMax = std::numeric_limits<int64_t>::max();
const int64_t kMin = std::numeric_limits<int64_t>::min();

bool ref_sum(const std::vector<int64_t> &v, size_t off, size_t n, int64_t *acc) {
  __int128 a = *acc;
  for (size_t i = off; i < off + n; i++) {
    a += v[i];
    if (a > kMax || a < kMin) return false;
  }
  *acc = (int64_t)a;
  return true;
}

// Lengths around the vector widths, the unrolled loops and FLRT_SUM_CHUNK.
std::vector<size_t> lengths() {
  std::vector<size_t> v;
  for (size_t n = 0; n <= 40; n++) v.push_back(n);
  for (size_t n : {63, 64, 65, 127, 128, 129, 1000, 1023, 1024, 1025, 1040, 2047, 2048, 2049, 3001, 5000})
    v.push_back(n);
  return v;
}

}  // namespace

TEST(Simd, TablesForThisMachine) {
  EXPECT_NE(flrt_simd_table("scalar"), nullptr);
  EXPECT_EQ(flrt_simd_table("no-such-isa"), nullptr);
#if defined(__x86_64__)
  EXPECT_NE(flrt_simd_table("sse2"), nullptr);
  EXPECT_EQ(flrt_simd_table("neon"), nullptr);
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && !getenv("FLRT_SIMD")) EXPECT_STREQ(flrt_simd_name(), "avx2");
#elif defined(__aarch64__)
  EXPECT_NE(flrt_simd_table("neon"), nullptr);
  EXPECT_EQ(flrt_simd_table("avx2"), nullptr);
  if (!getenv("FLRT_SIMD")) EXPECT_STREQ(flrt_simd_name(), "neon");
#endif
  DefaultTable restore;
  flrt_simd_force_scalar(true);
  EXPECT_STREQ(flrt_simd_name(), "scalar");
  flrt_simd_force_scalar(false);
  EXPECT_FALSE(flrt_simd_select("no-such-isa"));
  EXPECT_TRUE(flrt_simd_select("scalar"));
  EXPECT_STREQ(flrt_simd_name(), "scalar");
}

TEST(Simd, SumIsExactlyTheCheckedLeftFold) {
  std::mt19937_64 rng(42);
  for (const flrt_simd_ops *ops : available()) {
    SCOPED_TRACE(ops->name);
    for (size_t n : lengths()) {
      for (int kind = 0; kind < 6; kind++) {
        std::vector<int64_t> v(n + 3);
        for (auto &x : v) {
          switch (kind) {
            case 0: x = (int64_t)(rng() % 2001) - 1000; break;                      // small
            case 1: x = (int64_t)(rng() >> 11) - (INT64_C(1) << 52); break;         // near 2^52
            case 2: x = (int64_t)(rng() >> 2) - (INT64_C(1) << 61); break;          // large
            case 3: x = (int64_t)rng(); break;                                      // anything
            case 4: x = rng() % 2 ? kMax / 3 : -(kMax / 3); break;                  // big, cancelling
            default: x = (int64_t)(rng() % 7) - 3; break;
          }
        }
        for (size_t off = 0; off < 3; off++) {  // unaligned starts
          for (int64_t acc0 : {INT64_C(0), INT64_C(5), kMax - 100, kMin + 100, kMax, kMin, kMax / 2}) {
            int64_t want = acc0, got = acc0;
            bool want_ok = ref_sum(v, off, n, &want);
            bool got_ok = ops->sum_i64(v.data() + off, n, &got);
            ASSERT_EQ(got_ok, want_ok) << "n=" << n << " kind=" << kind << " acc=" << acc0;
            ASSERT_EQ(got, want_ok ? want : acc0) << "n=" << n << " kind=" << kind;
          }
        }
      }
    }
  }
}

TEST(Simd, SumOfLongRunsIsExact) {
  // runs long enough for the kernels' multi-chunk groups (two memory streams in AVX2)
  std::mt19937_64 rng(5);
  for (const flrt_simd_ops *ops : available()) {
    SCOPED_TRACE(ops->name);
    for (size_t n : {65536u, 65536u + 17u, 2u * 65536u + 1029u}) {
      for (int kind = 0; kind < 3; kind++) {
        std::vector<int64_t> v(n + 1);
        for (auto &x : v)
          x = kind == 0 ? (int64_t)(rng() % 2001) - 1000
              : kind == 1 ? (int64_t)(rng() >> 11) - (INT64_C(1) << 52)
                          : (rng() % 4096 == 0 ? (int64_t)rng() : (int64_t)(rng() % 100));
        for (int64_t acc0 : {INT64_C(0), kMax - 5000, kMin + (INT64_C(1) << 61)}) {
          int64_t want = acc0, got = acc0;
          bool want_ok = ref_sum(v, 1, n, &want);
          ASSERT_EQ(ops->sum_i64(v.data() + 1, n, &got), want_ok) << n << " " << kind << " " << acc0;
          ASSERT_EQ(got, want_ok ? want : acc0);
        }
      }
    }
  }
}

TEST(Simd, SumOverflowThatLaterCancelsStillRaises) {
  for (const flrt_simd_ops *ops : available()) {
    SCOPED_TRACE(ops->name);
    for (size_t n : {3u, 16u, 100u, 1024u, 3000u, 70000u, 140000u}) {
      for (size_t pos = 0; pos + 2 < n; pos += n / 7 + 1) {
        // a partial sum leaves the range at pos + 1, the total is back in range
        std::vector<int64_t> v(n, 0);
        v[pos] = kMax;
        v[pos + 1] = 1;
        v[pos + 2] = -1;
        int64_t acc = 0;
        EXPECT_FALSE(ops->sum_i64(v.data(), n, &acc)) << n << " " << pos;
        EXPECT_EQ(acc, 0);
        v[pos + 1] = -1;  // the same numbers, no partial sum outside the range
        v[pos + 2] = 1;
        acc = 0;
        EXPECT_TRUE(ops->sum_i64(v.data(), n, &acc));
        EXPECT_EQ(acc, kMax);
        // downwards
        v[pos] = kMin;
        v[pos + 1] = -1;
        v[pos + 2] = 1;
        acc = 0;
        EXPECT_FALSE(ops->sum_i64(v.data(), n, &acc));
      }
    }
    // a sum that reaches exactly the limits is fine
    std::vector<int64_t> v(2048, INT64_C(1) << 40);
    int64_t acc = kMax - (INT64_C(2048) << 40);
    EXPECT_TRUE(ops->sum_i64(v.data(), v.size(), &acc));
    EXPECT_EQ(acc, kMax);
    acc = kMax - (INT64_C(2048) << 40) + 1;
    EXPECT_FALSE(ops->sum_i64(v.data(), v.size(), &acc));
  }
}

TEST(Simd, MinMaxIotaFindEqualReverse) {
  std::mt19937_64 rng(7);
  for (const flrt_simd_ops *ops : available()) {
    SCOPED_TRACE(ops->name);
    for (size_t n : lengths()) {
      std::vector<int64_t> v(n + 1);
      for (auto &x : v) x = (int64_t)rng() >> (rng() % 64);
      const int64_t *p = v.data() + 1;  // unaligned
      for (bool want_max : {false, true}) {
        for (int64_t init : {INT64_C(0), kMin, kMax}) {
          int64_t m = init;
          for (size_t i = 0; i < n; i++) m = want_max ? std::max(m, p[i]) : std::min(m, p[i]);
          ASSERT_EQ(ops->minmax_i64(p, n, init, want_max), m) << n;
        }
      }
      // iota: any start and step, wrapping arithmetic, unaligned output
      std::vector<int64_t> out(n + 2, 77);
      for (int64_t step : {INT64_C(1), INT64_C(-3), INT64_C(1000000007), kMax}) {
        int64_t start = (int64_t)rng();
        ops->iota_i64(out.data() + 1, n, start, step);
        for (size_t i = 0; i < n; i++)
          ASSERT_EQ((uint64_t)out[i + 1], (uint64_t)start + (uint64_t)i * (uint64_t)step) << n;
        ASSERT_EQ(out[0], 77);
        ASSERT_EQ(out[n + 1], 77);
      }
      // find: every position, absent needles
      for (size_t k = 0; k < n; k += 1 + n / 9) {
        size_t first = 0;
        while (p[first] != p[k]) first++;
        ASSERT_EQ(ops->find_i64(p, n, p[k]), first);
      }
      int64_t absent = 12345;
      bool present = false;
      for (size_t i = 0; i < n; i++) present |= p[i] == absent;
      if (!present) ASSERT_EQ(ops->find_i64(p, n, absent), n);
      // equality: equal, and one difference at every position
      std::vector<int64_t> w(p, p + n);
      ASSERT_TRUE(ops->equal_i64(p, w.data(), n));
      for (size_t k = 0; k < n; k += 1 + n / 11) {
        w[k] ^= 1;
        ASSERT_FALSE(ops->equal_i64(p, w.data(), n)) << n << " " << k;
        w[k] ^= 1;
      }
      // reverse
      std::vector<uint64_t> src(v.begin(), v.end()), dst(n + 1, 5);
      ops->reverse_u64(dst.data(), src.data() + 1, n);
      for (size_t i = 0; i < n; i++) ASSERT_EQ(dst[i], src[n - i]);
      ASSERT_EQ(dst[n], 5u);
    }
  }
}

TEST(Simd, FloatSearchAndEqualityUseIeeeComparison) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const flrt_simd_ops *ops : available()) {
    SCOPED_TRACE(ops->name);
    for (size_t n : lengths()) {
      std::vector<double> v(n + 1);
      for (size_t i = 0; i < v.size(); i++) v[i] = (double)i * 0.5 - 3;
      if (n >= 5) v[5] = nan;
      const double *p = v.data() + 1;
      if (n > 0) {
        ASSERT_EQ(ops->find_f64(p, n, p[n - 1]), isnan(p[n - 1]) ? n : n - 1);
        ASSERT_EQ(ops->find_f64(p, n, p[0]), 0u);
      }
      ASSERT_EQ(ops->find_f64(p, n, nan), n);  // NaN is never found
      ASSERT_EQ(ops->find_f64(p, n, 1e300), n);
      std::vector<double> w(p, p + n);
      ASSERT_EQ(ops->equal_f64(p, w.data(), n), n <= 4);  // NaN at index 4 differs from itself
      for (auto &x : w)
        if (x == 0) x = -0.0;  // -0.0 == 0.0
      if (n > 4) w[4] = v[5] = 1.0;
      ASSERT_TRUE(ops->equal_f64(p, w.data(), n));
      if (n > 0) {
        w[n - 1] += 1;
        ASSERT_FALSE(ops->equal_f64(p, w.data(), n));
      }
    }
    double z[] = {1.0, -0.0, 2.0};
    EXPECT_EQ(ops->find_f64(z, 3, 0.0), 1u);
  }
}

TEST(Simd, FilterKeepsOrderForEveryPredicate) {
  std::mt19937_64 rng(3);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const flrt_simd_ops *ops : available()) {
    SCOPED_TRACE(ops->name);
    for (size_t n : lengths()) {
      std::vector<int64_t> v(n + 1);
      for (auto &x : v) x = rng() % 3 == 0 ? 0 : (int64_t)rng() >> (rng() % 64);
      if (n > 3) v[3] = kMin;
      std::vector<double> d(n + 1);
      for (auto &x : d) {
        int r = (int)(rng() % 6);
        x = r == 0 ? 0.0 : r == 1 ? -0.0 : r == 2 ? nan : r == 3 ? -1.5 : (double)(rng() % 100);
      }
      for (int pred = FLRT_PRED_EVEN; pred <= FLRT_PRED_ZERO; pred++) {
        std::vector<int64_t> want, got(n + 1, 99);
        for (size_t i = 1; i <= n; i++)
          if (flrt_simd_pred_i64(v[i], pred)) want.push_back(v[i]);
        size_t k = ops->filter_i64(got.data(), v.data() + 1, n, pred);
        ASSERT_EQ(k, want.size()) << n << " pred " << pred;
        ASSERT_TRUE(std::equal(want.begin(), want.end(), got.begin()));
        if (pred < FLRT_PRED_POSITIVE) continue;
        std::vector<double> dwant, dgot(n + 1, 99);
        for (size_t i = 1; i <= n; i++)
          if (flrt_simd_pred_f64(d[i], pred)) dwant.push_back(d[i]);
        k = ops->filter_f64(dgot.data(), d.data() + 1, n, pred);
        ASSERT_EQ(k, dwant.size()) << n << " pred " << pred;
        for (size_t i = 0; i < k; i++) ASSERT_EQ(memcmp(&dgot[i], &dwant[i], 8), 0);
      }
    }
  }
}

TEST(Simd, ElementwiseArithmetic) {
  std::mt19937_64 rng(11);
  for (const flrt_simd_ops *ops : available()) {
    SCOPED_TRACE(ops->name);
    for (size_t n : lengths()) {
      std::vector<int64_t> a(n + 1), b(n + 1), out(n + 1);
      for (size_t i = 0; i <= n; i++) {
        a[i] = (int64_t)(rng() >> 2) - (INT64_C(1) << 61);
        b[i] = (int64_t)(rng() >> 2) - (INT64_C(1) << 61);
      }
      // no overflow possible in these ranges
      ASSERT_TRUE(ops->arith_i64(out.data(), a.data() + 1, b.data() + 1, n, FLRT_OP_ADD));
      for (size_t i = 0; i < n; i++) ASSERT_EQ(out[i], a[i + 1] + b[i + 1]);
      ASSERT_TRUE(ops->arith_i64(out.data(), a.data() + 1, b.data() + 1, n, FLRT_OP_SUB));
      for (size_t i = 0; i < n; i++) ASSERT_EQ(out[i], a[i + 1] - b[i + 1]);
      ASSERT_TRUE(ops->unary_i64(out.data(), a.data() + 1, n, FLRT_OP_ABS));
      for (size_t i = 0; i < n; i++) ASSERT_EQ(out[i], a[i + 1] < 0 ? -a[i + 1] : a[i + 1]);
      ASSERT_TRUE(ops->unary_i64(out.data(), a.data() + 1, n, FLRT_OP_NEG));
      for (size_t i = 0; i < n; i++) ASSERT_EQ(out[i], -a[i + 1]);
      // an overflow at any position is reported
      for (size_t k = 0; k < n; k += 1 + n / 5) {
        std::vector<int64_t> x(a.begin() + 1, a.end()), y(b.begin() + 1, b.end());
        x[k] = kMax;
        y[k] = 1;
        EXPECT_FALSE(ops->arith_i64(out.data(), x.data(), y.data(), n, FLRT_OP_ADD)) << n << " " << k;
        x[k] = kMin;
        EXPECT_FALSE(ops->arith_i64(out.data(), x.data(), y.data(), n, FLRT_OP_SUB)) << n << " " << k;
        EXPECT_FALSE(ops->unary_i64(out.data(), x.data(), n, FLRT_OP_ABS));
        EXPECT_FALSE(ops->unary_i64(out.data(), x.data(), n, FLRT_OP_NEG));
        x[k] = kMin + 1;
        y[k] = -1;
        EXPECT_TRUE(ops->arith_i64(out.data(), x.data(), y.data(), n, FLRT_OP_ADD));
        EXPECT_TRUE(ops->unary_i64(out.data(), x.data(), n, FLRT_OP_ABS));
        EXPECT_EQ(out[k], kMax);
      }
      // doubles: exactly the scalar operators (compared bit for bit)
      std::vector<double> fa(n + 1), fb(n + 1), fo(n + 1);
      for (size_t i = 0; i <= n; i++) {
        fa[i] = (double)(int64_t)(rng() % 2000 - 1000) / 7.0;
        fb[i] = i % 9 == 0 ? 0.0 : i % 13 == 0 ? -0.0 : (double)(rng() % 300) / 3.0 - 50;
      }
      for (int op = FLRT_OP_ADD; op <= FLRT_OP_DIV; op++) {
        ops->arith_f64(fo.data(), fa.data() + 1, fb.data() + 1, n, op);
        for (size_t i = 0; i < n; i++) {
          double x = fa[i + 1], y = fb[i + 1];
          double want = op == FLRT_OP_ADD ? x + y : op == FLRT_OP_SUB ? x - y : op == FLRT_OP_MUL ? x * y : x / y;
          ASSERT_TRUE(memcmp(&fo[i], &want, 8) == 0 || (isnan(fo[i]) && isnan(want))) << op << " " << i;
        }
      }
      ops->unary_f64(fo.data(), fb.data() + 1, n, FLRT_OP_ABS);
      for (size_t i = 0; i < n; i++) ASSERT_EQ(signbit(fo[i]), 0);
      ops->unary_f64(fo.data(), fb.data() + 1, n, FLRT_OP_NEG);
      for (size_t i = 0; i < n; i++) ASSERT_NE(signbit(fo[i]), signbit(fb[i + 1]));
    }
  }
}

// ---- the list builtins with every table -------------------------------------------------------

namespace {

// A list of n Ints built by consing (blocks of doubling size, like a program building a list),
// or by the list writer (exact blocks) when `exact`.
fl_value ints(int64_t n, int64_t (*f)(int64_t), bool exact) {
  if (exact) {
    std::vector<fl_value> v;
    for (int64_t i = 0; i < n; i++) v.push_back(I(f(i)));
    return flrt_list_from_array(v.data(), n);
  }
  fl_value l = FL_EMPTY;
  for (int64_t i = n - 1; i >= 0; i--) l = flrt_cons(I(f(i)), l);
  return l;
}
fl_value floats(int64_t n, double (*f)(int64_t)) {
  fl_value l = FL_EMPTY;
  for (int64_t i = n - 1; i >= 0; i--) l = flrt_cons(F(f(i)), l);
  return l;
}

// A digest of a value that tells Ints from Floats and compares Floats bit for bit (cheaper
// than the write form of long lists, which matters under qemu).
void digest(fl_value v, uint64_t *h) {
  auto mix = [h](uint64_t x) { *h = (*h ^ x) * UINT64_C(0x100000001b3); };
  if (flrt_is_list(v)) {
    mix(0x4c);
    flrt_list_iter it;
    flrt_iter_init(&it, v);
    fl_value x;
    while (flrt_iter_next(&it, &x)) digest(x, h);
    mix(0x3b);
  } else if (flrt_is_int(v)) {
    mix(1);
    mix((uint64_t)flrt_int_of(v));
  } else if (flrt_is_float(v)) {
    double d = flrt_float_of(v);
    uint64_t bits;
    memcpy(&bits, &d, 8);
    mix(2);
    mix(bits);
  } else {
    for (char c : W(v)) mix((uint8_t)c);
  }
}

std::string summary(fl_value v) {
  uint64_t h = UINT64_C(0xcbf29ce484222325);
  digest(v, &h);
  return std::to_string(h) + " " + str_of(flrt_quote_value(v));  // write form, cut off
}

// Runs fn with each available table and returns a digest of its result (or the error kind
// and message), which must be the same for all tables.
template <class Fn>
void same_with_every_table(const char *what, Fn fn) {
  DefaultTable restore;
  std::string first;
  for (const flrt_simd_ops *ops : available()) {
    flrt_simd_select(ops->name);
    std::string out, msg;
    std::string k = raised([&] { out = summary(fn()); });
    if (!k.empty()) {
      msg = raised_message([&] { fn(); });
      out = "error: " + k + ": " + msg;
    }
    if (ops == &flrt_simd_scalar_ops) first = out;
    else EXPECT_EQ(out, first) << what << " with " << ops->name;
  }
}

}  // namespace

TEST(SimdBuiltins, SameResultsWithEveryTable) {
  for (int64_t n : {0, 1, 5, 17, 1000, 70000}) {
    SCOPED_TRACE(n);
    for (bool exact : {false, true}) {
      fl_value a = ints(n, [](int64_t i) { return i * 7 % 1001 - 500; }, exact);
      fl_value b = ints(n, [](int64_t i) { return i * 3 - 1000; }, !exact);
      fl_value f = floats(n, [](int64_t i) { return (double)(i % 17) * 0.25 - 2; });
      fl_value g = floats(n, [](int64_t i) { return i % 5 == 0 ? -0.0 : (double)i; });
      fl_value big = ints(n, [](int64_t i) { return i == 600 ? FL_FIXNUM_MAX : i; }, exact);
      fl_value bigneg = ints(n, [](int64_t i) { return i == 800 ? INT64_MIN : -i; }, exact);
      fl_value add = flrt_builtin_value(FL_B_ADD, nullptr), sub = flrt_builtin_value(FL_B_SUB, nullptr);
      fl_value mul = flrt_builtin_value(FL_B_MUL, nullptr), div = flrt_builtin_value(FL_B_DIV, nullptr);
      fl_value max = flrt_builtin_value(FL_B_MAX, nullptr), min = flrt_builtin_value(FL_B_MIN, nullptr);
      fl_value abs = flrt_builtin_value(FL_B_ABS, nullptr);
      same_with_every_table("sum", [&] { return L({CALL(SUM, a), CALL(SUM, f), CALL(SUM, big), CALL(SUM, bigneg)}); });
      same_with_every_table("sum overflow", [&] { return CALL(SUM, CALL(APPEND, big, big, big)); });
      same_with_every_table("range", [&] {
        return L({CALL(RANGE, I(n)), CALL(RANGE, I(n), I(-n), I(-3)), CALL(RANGE, I(INT64_MAX - 5 * n), I(INT64_MAX), I(5))});
      });
      same_with_every_table("equal", [&] {
        fl_value a2 = CALL(REVERSE, CALL(REVERSE, a));
        return L({CALL(EQUAL, a, a2), CALL(EQUAL, a, b), CALL(EQUAL, f, CALL(APPEND, f, FL_EMPTY)),
                  CALL(EQUAL, g, CALL(REVERSE, CALL(REVERSE, g))), CALL(EQUAL, a, CALL(DROP, a, I(0)))});
      });
      same_with_every_table("search", [&] {
        return L({CALL(INDEX_OF, I(499), a), CALL(INDEX_OF, I(-1000 + 3 * (n - 1)), b), CALL(MEMBER_P, I(12345), a),
                  CALL(INDEX_OF, F(1.5), f), CALL(INDEX_OF, I(-2), f), CALL(INDEX_OF, F(0.0), g),
                  CALL(INDEX_OF, F(NAN), f), CALL(INDEX_OF, F(3.0), a)});
      });
      same_with_every_table("reverse", [&] { return L({CALL(REVERSE, a), CALL(REVERSE, f), CALL(REVERSE, CALL(APPEND, a, f))}); });
      same_with_every_table("append", [&] { return L({CALL(APPEND, a, b, a), CALL(APPEND, f, a), CALL(TAKE, I(n / 2), b)}); });
      for (int id : {FL_B_EVEN_P, FL_B_ODD_P, FL_B_POSITIVE_P, FL_B_NEGATIVE_P, FL_B_ZERO_P}) {
        fl_value p = flrt_builtin_value(id, nullptr);
        same_with_every_table("filter", [&] {
          return L({CALL(FILTER, p, a), CALL(FILTER, p, b), CALL(FILTER, p, bigneg)});
        });
        if (id != FL_B_EVEN_P && id != FL_B_ODD_P)
          same_with_every_table("filter floats", [&] { return L({CALL(FILTER, p, f), CALL(FILTER, p, g)}); });
        else if (n > 0)
          same_with_every_table("filter floats", [&] { return CALL(FILTER, p, f); });  // type-error
      }
      same_with_every_table("map", [&] {
        return L({CALL(MAP, abs, a), CALL(MAP, sub, a), CALL(MAP, abs, g), CALL(MAP, sub, g),
                  CALL(MAP, add, a, b), CALL(MAP, sub, b, a), CALL(MAP, mul, f, g), CALL(MAP, div, f, g),
                  CALL(MAP, add, f, CALL(TAKE, I(n / 3), g)), CALL(MAP, mul, a, b)});
      });
      same_with_every_table("map abs overflow", [&] { return CALL(MAP, abs, bigneg); });
      same_with_every_table("map + overflow", [&] { return CALL(MAP, add, big, big); });
      same_with_every_table("fold", [&] {
        return L({CALL(FOLD, add, I(0), a), CALL(FOLD, add, F(0.5), a), CALL(FOLD, mul, I(1), CALL(TAKE, I(20), b)),
                  CALL(FOLD, max, I(INT64_MIN), a), CALL(FOLD, min, I(0), b), CALL(FOLD, add, I(1), f),
                  CALL(FOLD, max, F(0.0), f)});
      });
      if (n > 0)
        same_with_every_table("reduce apply", [&] {
          return L({CALL(REDUCE, add, a), CALL(REDUCE, max, b), CALL(REDUCE, min, a), CALL(APPLY, add, a),
                    CALL(APPLY, max, a), CALL(APPLY, min, b), CALL(APPLY, add, f)});
        });
      same_with_every_table("fold overflow", [&] { return CALL(FOLD, add, I(INT64_MAX - 1000), big); });
    }
  }
}

TEST(SimdBuiltins, ResultsMatchTheDefinitions) {
  DefaultTable restore;
  for (const flrt_simd_ops *ops : available()) {
    SCOPED_TRACE(ops->name);
    flrt_simd_select(ops->name);
    const int64_t n = 200000;
    fl_value r = CALL(RANGE, I(n));
    EXPECT_EQ(W(CALL(SUM, r)), std::to_string(n * (n - 1) / 2));
    EXPECT_EQ(W(CALL(LENGTH, r)), std::to_string(n));
    EXPECT_EQ(W(CALL(NTH, r, I(123456))), "123456");
    EXPECT_EQ(W(CALL(INDEX_OF, I(199999), r)), "199999");
    EXPECT_EQ(W(CALL(HEAD, CALL(REVERSE, r))), "199999");
    EXPECT_EQ(W(CALL(NTH, CALL(REVERSE, r), I(70000))), std::to_string(n - 1 - 70000));
    EXPECT_EQ(W(CALL(LENGTH, CALL(FILTER, flrt_builtin_value(FL_B_EVEN_P, nullptr), r))), std::to_string(n / 2));
    EXPECT_EQ(W(CALL(SUM, CALL(MAP, flrt_builtin_value(FL_B_SUB, nullptr), r))), std::to_string(-n * (n - 1) / 2));
    EXPECT_EQ(W(CALL(EQUAL, r, CALL(REVERSE, CALL(REVERSE, r)))), "#t");
    EXPECT_EQ(W(CALL(SUM, L({I(INT64_MAX), I(-1), I(1)}))), "9223372036854775807");
    EXPECT_EQ(RES(SUM, L({I(INT64_MAX), I(1), I(-1)})), "error: overflow");
    EXPECT_EQ(raised_message([] { CALL(SUM, L({I(INT64_MAX), I(1), I(-1)})); }), "sum: integer overflow");
    EXPECT_EQ(raised_message([] {
                CALL(FOLD, flrt_builtin_value(FL_B_ADD, nullptr), I(INT64_MAX), CALL(RANGE, I(3)));
              }),
              "+: integer overflow");
    EXPECT_EQ(raised_message([] { CALL(MAP, flrt_builtin_value(FL_B_ABS, nullptr), L({I(1), I(INT64_MIN)})); }),
              "abs: integer overflow");
    EXPECT_EQ(RES(FILTER, flrt_builtin_value(FL_B_EVEN_P, nullptr), L({F(1.5)})), "error: type-error");
    EXPECT_EQ(W(CALL(FILTER, flrt_builtin_value(FL_B_POSITIVE_P, nullptr), L({F(NAN), F(-0.0), F(2.5)}))), "(2.5)");
    EXPECT_EQ(W(CALL(FOLD, flrt_builtin_value(FL_B_ADD, nullptr), S(""), L({S("a"), S("b")}))), "\"ab\"");
    EXPECT_EQ(RES(FOLD, flrt_builtin_value(FL_B_ADD, nullptr), S(""), L({I(1)})), "error: type-error");
    EXPECT_EQ(RES(APPLY, flrt_builtin_value(FL_B_MAX, nullptr), FL_EMPTY), "error: arity-error");
    EXPECT_EQ(W(CALL(APPLY, flrt_builtin_value(FL_B_ADD, nullptr), FL_EMPTY)), "0");
  }
}
