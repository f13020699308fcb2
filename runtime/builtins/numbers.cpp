/* builtins/numbers.cpp - §12.1 numbers, comparison and logic. */
#include "builtins/builtin.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

FLB(ADD) {
  if (argc == 0) return fl_make_fixnum(0);
  int64_t nstr = 0;
  for (int64_t i = 0; i < argc; i++) nstr += flrt_is_string(argv[i]);
  if (nstr) {
    if (nstr != argc) flrt_fail(FL_ERR_TYPE, "+: cannot mix strings and non-strings");
    return flrt_concat_display(argv, argc, 0);
  }
  fl_value acc = argv[0];
  flrt_need_number(acc, "+");
  for (int64_t i = 1; i < argc; i++) acc = flrt_num_add(acc, argv[i], "+");
  return acc;
}

FLB(SUB) {
  fl_value acc = argv[0];
  flrt_need_number(acc, "-");
  if (argc == 1) return flrt_neg(acc);
  for (int64_t i = 1; i < argc; i++) acc = flrt_num_sub(acc, argv[i], "-");
  return acc;
}

FLB(MUL) {
  if (argc == 0) return fl_make_fixnum(1);
  fl_value acc = argv[0];
  flrt_need_number(acc, "*");
  for (int64_t i = 1; i < argc; i++) acc = flrt_num_mul(acc, argv[i], "*");
  return acc;
}

FLB(DIV) {
  fl_value acc = argv[0];
  for (int64_t i = 1; i < argc; i++) acc = flrt_num_div(acc, argv[i], "/");
  return acc;
}

FLB(QUOTIENT) {
  int64_t a = flrt_need_int(argv[0], "quotient"), b = flrt_need_int(argv[1], "quotient");
  if (b == 0) flrt_fail(FL_ERR_DIV_ZERO, "quotient: division by zero");
  if (a == INT64_MIN && b == -1) flrt_overflow("quotient");
  return flrt_int(a / b);
}

/* Both Ints -> true; a Float involved -> false; anything else -> type-error. */
static bool int_pair(fl_value a, fl_value b, const char *who) {
  if (flrt_is_int(a) && flrt_is_int(b)) return true;
  flrt_need_number(a, who);
  flrt_need_number(b, who);
  return false;
}

FLB(MOD) {
  if (int_pair(argv[0], argv[1], "mod")) {
    int64_t a = flrt_int_of(argv[0]), b = flrt_int_of(argv[1]);
    if (b == 0) flrt_fail(FL_ERR_DIV_ZERO, "mod: division by zero");
    return flrt_int(b == -1 ? 0 : a % b); /* C %: sign of the dividend */
  }
  return flrt_box_float(fmod(flrt_num_to_double(argv[0]), flrt_num_to_double(argv[1])));
}

FLB(MODULO) {
  if (int_pair(argv[0], argv[1], "modulo")) {
    int64_t a = flrt_int_of(argv[0]), b = flrt_int_of(argv[1]);
    if (b == 0) flrt_fail(FL_ERR_DIV_ZERO, "modulo: division by zero");
    if (b == -1) return fl_make_fixnum(0);
    int64_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    return flrt_int(r);
  }
  double a = flrt_num_to_double(argv[0]), b = flrt_num_to_double(argv[1]);
  return flrt_box_float(a - b * floor(a / b));
}

FLB(ABS) {
  fl_value x = argv[0];
  if (flrt_is_int(x)) {
    int64_t i = flrt_int_of(x);
    if (i == INT64_MIN) flrt_overflow("abs");
    return i < 0 ? flrt_int(-i) : x;
  }
  if (flrt_is_float(x)) return flrt_box_float(fabs(flrt_float_of(x)));
  flrt_type_error("abs", "a number", x);
}

static bool num_less(fl_value a, fl_value b) {
  if (flrt_is_int(a) && flrt_is_int(b)) return flrt_int_of(a) < flrt_int_of(b);
  return flrt_num_to_double(a) < flrt_num_to_double(b);
}

/* The first of several equal arguments wins; Float if any argument is a Float. */
static fl_value min_max(int64_t argc, const fl_value *argv, const char *who, bool want_max) {
  bool any_float = false;
  for (int64_t i = 0; i < argc; i++) {
    flrt_need_number(argv[i], who);
    any_float |= flrt_is_float(argv[i]);
  }
  fl_value best = argv[0];
  for (int64_t i = 1; i < argc; i++)
    if (want_max ? num_less(best, argv[i]) : num_less(argv[i], best)) best = argv[i];
  if (any_float && !flrt_is_float(best)) return flrt_box_float(flrt_num_to_double(best));
  return best;
}

FLB(MIN) { return min_max(argc, argv, "min", false); }
FLB(MAX) { return min_max(argc, argv, "max", true); }

static fl_value rounding(fl_value x, const char *who, double (*f)(double)) {
  if (flrt_is_int(x)) return x;
  if (!flrt_is_float(x)) flrt_type_error(who, "a number", x);
  return flrt_box_float(f(flrt_float_of(x)));
}

FLB(FLOOR) { return rounding(argv[0], "floor", floor); }
FLB(CEIL) { return rounding(argv[0], "ceil", ceil); }
FLB(ROUND) { return rounding(argv[0], "round", round); } /* C round: half away from zero */
FLB(TRUNCATE) { return rounding(argv[0], "truncate", trunc); }

FLB(TO_INT) {
  fl_value x = argv[0];
  if (flrt_is_int(x)) return x;
  if (!flrt_is_float(x)) flrt_type_error("to-int", "a number", x);
  double d = flrt_float_of(x);
  if (isnan(d)) flrt_fail(FL_ERR_VALUE, "to-int: NaN");
  if (isinf(d)) flrt_fail(FL_ERR_OVERFLOW, "to-int: infinite");
  if (d >= 9223372036854775808.0 || d < -9223372036854775808.0) flrt_overflow("to-int");
  return flrt_int((int64_t)d);
}

FLB(TO_FLOAT) {
  flrt_need_number(argv[0], "to-float");
  return flrt_is_float(argv[0]) ? argv[0] : flrt_box_float(flrt_num_to_double(argv[0]));
}

/* Rounds the exact decimal value of x to n places, half away from zero, then reads the result
 * back as the nearest double. printf prints a double's exact expansion (at most 1074 fraction
 * digits), so the first dropped digit decides the rounding. */
FLB(ROUND_TO) {
  flrt_need_number(argv[0], "round-to");
  int64_t n = flrt_need_int(argv[1], "round-to");
  if (n < 0) flrt_fail(FL_ERR_VALUE, "round-to: negative number of places");
  double x = flrt_num_to_double(argv[0]);
  if (isnan(x) || isinf(x) || n > 400) return flrt_box_float(x);
  char buf[1600];
  snprintf(buf + 1, sizeof buf - 1, "%.1100f", fabs(x));
  buf[0] = '0'; /* room for a carry */
  char *dot = strchr(buf, '.');
  char *cut = dot + 1 + n;
  bool up = *cut >= '5';
  *cut = 0;
  if (up) {
    for (char *p = cut - 1; p >= buf; p--) {
      if (*p == '.') continue;
      if (*p == '9') {
        *p = '0';
        continue;
      }
      (*p)++;
      break;
    }
  }
  double r = strtod(buf, NULL);
  return flrt_box_float(copysign(r, x));
}

static fl_value float_fn(fl_value x, const char *who, double (*f)(double)) {
  flrt_need_number(x, who);
  return flrt_box_float(f(flrt_num_to_double(x)));
}

FLB(SQRT) { return float_fn(argv[0], "sqrt", sqrt); }
FLB(EXP) { return float_fn(argv[0], "exp", exp); }
FLB(SIN) { return float_fn(argv[0], "sin", sin); }
FLB(COS) { return float_fn(argv[0], "cos", cos); }
FLB(TAN) { return float_fn(argv[0], "tan", tan); }
FLB(ASIN) { return float_fn(argv[0], "asin", asin); }
FLB(ACOS) { return float_fn(argv[0], "acos", acos); }

FLB(ATAN) {
  flrt_need_number(argv[0], "atan");
  if (argc == 1) return flrt_box_float(atan(flrt_num_to_double(argv[0])));
  flrt_need_number(argv[1], "atan");
  return flrt_box_float(atan2(flrt_num_to_double(argv[0]), flrt_num_to_double(argv[1])));
}

FLB(LOG) {
  flrt_need_number(argv[0], "log");
  double lx = log(flrt_num_to_double(argv[0]));
  if (argc == 1) return flrt_box_float(lx);
  flrt_need_number(argv[1], "log");
  return flrt_box_float(lx / log(flrt_num_to_double(argv[1])));
}

FLB(POW) {
  fl_value a = argv[0], b = argv[1];
  if (int_pair(a, b, "pow") && flrt_int_of(b) >= 0) {
    int64_t x = flrt_int_of(a), e = flrt_int_of(b);
    if (x == 0 || x == 1) return e > 0 ? a : fl_make_fixnum(1);
    if (x == -1) return fl_make_fixnum(e % 2 ? -1 : 1);
    if (e > 64) flrt_overflow("pow");
    /* |x| >= 2: partial products grow, so an overflowing one means the result overflows. */
    int64_t r = 1;
    for (int64_t i = 0; i < e; i++)
      if (__builtin_mul_overflow(r, x, &r)) flrt_overflow("pow");
    return flrt_int(r);
  }
  return flrt_box_float(pow(flrt_num_to_double(a), flrt_num_to_double(b)));
}

static uint64_t magnitude(int64_t x) { return x < 0 ? 0 - (uint64_t)x : (uint64_t)x; }

static uint64_t ugcd(uint64_t a, uint64_t b) {
  while (b) {
    uint64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

FLB(GCD) {
  int64_t a = flrt_need_int(argv[0], "gcd"), b = flrt_need_int(argv[1], "gcd");
  uint64_t g = ugcd(magnitude(a), magnitude(b));
  if (g > (uint64_t)INT64_MAX) flrt_overflow("gcd");
  return flrt_int((int64_t)g);
}

FLB(LCM) {
  int64_t a = flrt_need_int(argv[0], "lcm"), b = flrt_need_int(argv[1], "lcm");
  if (a == 0 || b == 0) return fl_make_fixnum(0);
  uint64_t ua = magnitude(a), ub = magnitude(b);
  unsigned __int128 l = (unsigned __int128)(ua / ugcd(ua, ub)) * ub;
  if (l > (unsigned __int128)INT64_MAX) flrt_overflow("lcm");
  return flrt_int((int64_t)l);
}

FLB(EVEN_P) { return fl_bool((flrt_need_int(argv[0], "even?") & 1) == 0); }
FLB(ODD_P) { return fl_bool((flrt_need_int(argv[0], "odd?") & 1) != 0); }

static int sign_of(fl_value x, const char *who) {
  flrt_need_number(x, who);
  if (flrt_is_int(x)) {
    int64_t i = flrt_int_of(x);
    return i < 0 ? -1 : i > 0;
  }
  double d = flrt_float_of(x);
  return d < 0 ? -1 : d > 0 ? 1 : d == 0 ? 0 : 2; /* 2: NaN */
}

FLB(ZERO_P) { return fl_bool(sign_of(argv[0], "zero?") == 0); }
FLB(POSITIVE_P) { return fl_bool(sign_of(argv[0], "positive?") == 1); }
FLB(NEGATIVE_P) { return fl_bool(sign_of(argv[0], "negative?") == -1); }

FLB(EQUAL) {
  for (int64_t i = 0; i + 1 < argc; i++)
    if (!flrt_equal(argv[i], argv[i + 1])) return FL_FALSE;
  return FL_TRUE;
}

FLB(NOT_EQUAL) { return fl_bool(!flrt_equal(argv[0], argv[1])); }

/* §19: every adjacent pair is type-checked before any comparison decides. */
static fl_value chain(int64_t argc, const fl_value *argv, const char *who, int want) {
  for (int64_t i = 0; i + 1 < argc; i++) flrt_check_comparable(argv[i], argv[i + 1], who);
  for (int64_t i = 0; i + 1 < argc; i++) {
    int c = flrt_compare(argv[i], argv[i + 1], who);
    bool ok = want == 0 ? c == -1 : want == 1 ? (c == -1 || c == 0)
            : want == 2 ? c == 1 : (c == 1 || c == 0);
    if (!ok) return FL_FALSE;
  }
  return FL_TRUE;
}

FLB(LT) { return chain(argc, argv, "<", 0); }
FLB(LE) { return chain(argc, argv, "<=", 1); }
FLB(GT) { return chain(argc, argv, ">", 2); }
FLB(GE) { return chain(argc, argv, ">=", 3); }

FLB(NOT) { return fl_bool(!flrt_truthy(argv[0])); }

FLB(AND_FN) {
  for (int64_t i = 0; i < argc; i++)
    if (!flrt_truthy(argv[i])) return FL_FALSE;
  return FL_TRUE;
}

FLB(OR_FN) {
  for (int64_t i = 0; i < argc; i++)
    if (flrt_truthy(argv[i])) return FL_TRUE;
  return FL_FALSE;
}
