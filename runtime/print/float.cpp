/* print/float.cpp - Float printing (§5.1): shortest round-trip digits, never an exponent.
 *
 * For a precision p, printf's correctly rounded p-digit value is the p-digit decimal nearest to
 * x; if it does not read back as x, the only other p-digit candidate that can (the neighbour on
 * the other side of x) is tried too. The first precision with a candidate that reads back gives
 * the shortest digits, the nearest one preferred, as Ryu / to_chars do. Normal doubles start at
 * 15 digits (see shortest()), so most take one or two printf/strtod rounds.
 */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct digits {
  char d[24]; /* significant digits, no trailing zeros */
  int n;
  int k; /* value = 0.d1...dn * 10^k */
} digits;

static void from_integer(uint64_t m, int unit_exp, digits *out) {
  char tmp[24];
  int len = 0;
  while (m) {
    tmp[len++] = (char)('0' + m % 10);
    m /= 10;
  }
  for (int i = 0; i < len; i++) out->d[i] = tmp[len - 1 - i];
  out->n = len;
  out->k = len + unit_exp;
  while (out->n > 1 && out->d[out->n - 1] == '0') out->n--;
}

static bool reads_back(uint64_t m, int unit_exp, double x) {
  char buf[48];
  snprintf(buf, sizeof buf, "%llue%d", (unsigned long long)m, unit_exp);
  return strtod(buf, NULL) == x;
}

static const uint64_t pow10[18] = {
    1ull,           10ull,           100ull,           1000ull,           10000ull,
    100000ull,      1000000ull,      10000000ull,      100000000ull,      1000000000ull,
    10000000000ull, 100000000000ull, 1000000000000ull, 10000000000000ull, 100000000000000ull,
    1000000000000000ull, 10000000000000000ull, 100000000000000000ull};

/* printf's nearest p-digit decimal of x as m * 10^unit_exp; returns whether it reads back. */
static bool nearest(double x, int p, uint64_t *m, int *unit_exp, double *r) {
  char buf[48];
  snprintf(buf, sizeof buf, "%.*e", p - 1, x); /* d.ddde[+-]XX */
  uint64_t v = 0;
  const char *s = buf;
  for (; *s != 'e'; s++)
    if (*s != '.') v = v * 10 + (uint64_t)(*s - '0');
  *m = v;
  *unit_exp = atoi(s + 1) - (p - 1);
  *r = strtod(buf, NULL);
  return *r == x;
}

/* The p-digit candidates of x are printf's nearest one and its neighbour on the other side of
 * x; true (and *out set) if one of them reads back as x. */
static bool try_precision(double x, int p, digits *out) {
  uint64_t m;
  int unit_exp;
  double r;
  if (nearest(x, p, &m, &unit_exp, &r) || p == 17) {
    from_integer(m, unit_exp, out);
    return true;
  }
  uint64_t m2 = m + 1;
  int u2 = unit_exp;
  if (r > x) {
    if (m == pow10[p - 1]) {
      m2 = pow10[p] - 1;
      u2 = unit_exp - 1;
    } else {
      m2 = m - 1;
    }
  }
  if (m2 != 0 && reads_back(m2, u2, x)) {
    from_integer(m2, u2, out);
    return true;
  }
  return false;
}

static void shortest(double x, digits *out) {
  /* For a normal double, a representation of at most 15 digits is the unique 15-digit decimal
   * within half an ulp (2^-53 relative) of x, while 15-digit decimals are at least 10^-15
   * (relative) apart: so if printf's 15-digit value reads back, it is the shortest one padded
   * with zeros, and if it does not, nothing shorter does. Subnormals search from 1 digit. */
  int p = 1;
  if (x >= 2.2250738585072014e-308) {
    uint64_t m;
    int unit_exp;
    double r;
    if (nearest(x, 15, &m, &unit_exp, &r)) {
      from_integer(m, unit_exp, out);
      return;
    }
    p = 16;
  }
  for (; p <= 17; p++)
    if (try_precision(x, p, out)) return;
}

size_t flrt_format_float(double x, char *out) {
  char *o = out;
  if (isnan(x)) {
    memcpy(o, "NaN", 3);
    return 3;
  }
  if (signbit(x)) *o++ = '-';
  if (isinf(x)) {
    memcpy(o, "inf", 3);
    return (size_t)(o - out) + 3;
  }
  if (x == 0) {
    *o++ = '0';
    return (size_t)(o - out);
  }
  digits dg;
  shortest(fabs(x), &dg);
  int n = dg.n, k = dg.k;
  if (k >= n) {
    memcpy(o, dg.d, (size_t)n);
    o += n;
    memset(o, '0', (size_t)(k - n));
    o += k - n;
  } else if (k > 0) {
    memcpy(o, dg.d, (size_t)k);
    o += k;
    *o++ = '.';
    memcpy(o, dg.d + k, (size_t)(n - k));
    o += n - k;
  } else {
    *o++ = '0';
    *o++ = '.';
    memset(o, '0', (size_t)(-k));
    o += -k;
    memcpy(o, dg.d, (size_t)n);
    o += n;
  }
  return (size_t)(o - out);
}
