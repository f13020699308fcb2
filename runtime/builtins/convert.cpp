/* builtins/convert.cpp - §12.5 conversions between strings, numbers, symbols and keywords. */
#include "builtins/builtin.h"

#include <math.h>
#include <stdlib.h>

static bool digits(const char *s, int64_t n, int64_t *i) {
  int64_t start = *i;
  while (*i < n && s[*i] >= '0' && s[*i] <= '9') (*i)++;
  return *i > start;
}

/* The Integer and Float token syntax of §1.1, optionally preceded by '+'. Returns false when
 * the text is not a number (or an Int out of range, or a Float that overflows). */
static bool parse_number(const char *s, int64_t n, fl_value *out) {
  int64_t i = 0;
  if (n > 0 && s[0] == '+') {
    i = 1;
    if (n > 1 && s[1] == '-') return false;
  }
  int64_t begin = i;
  bool neg = i < n && s[i] == '-';
  if (neg) i++;
  int64_t int_start = i;
  if (!digits(s, n, &i)) return false;
  if (i == n) {
    uint64_t mag = 0;
    for (int64_t j = int_start; j < n; j++) {
      if (mag > (UINT64_C(1) << 63) / 10) return false;
      mag = mag * 10 + (uint64_t)(s[j] - '0');
      if (mag > (UINT64_C(1) << 63)) return false;
    }
    if (!neg && mag > (uint64_t)INT64_MAX) return false;
    *out = flrt_box_int(neg ? (int64_t)(0 - mag) : (int64_t)mag);
    return true;
  }
  bool frac = false;
  if (s[i] == '.') {
    i++;
    if (!digits(s, n, &i)) return false;
    frac = true;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-')) i++;
    if (!digits(s, n, &i)) return false;
  } else if (!frac) {
    return false;
  }
  if (i != n) return false;
  char small[128];
  char *buf = n - begin < (int64_t)sizeof small ? small : (char *)malloc((size_t)(n - begin) + 1);
  if (!buf) flrt_out_of_memory();
  memcpy(buf, s + begin, (size_t)(n - begin));
  buf[n - begin] = 0;
  double d = strtod(buf, NULL);
  if (buf != small) free(buf);
  if (isinf(d)) return false;
  *out = flrt_box_float(d);
  return true;
}

FLB(STRING_TO_NUMBER) {
  fl_string *s = flrt_need_string(argv[0], "string->number");
  fl_value v;
  if (!parse_number(s->data, s->len, &v)) {
    fl_string *q = flrt_str(flrt_quote_value(argv[0]));
    flrt_fail(FL_ERR_VALUE, "string->number: not a number: %.*s", (int)q->len, q->data);
  }
  return v;
}

FLB(NUMBER_TO_STRING) {
  flrt_need_number(argv[0], "number->string");
  return flrt_display_string(argv[0]);
}

FLB(TO_STRING) { return flrt_display_string(argv[0]); }

FLB(STR) { return flrt_concat_display(argv, argc, 0); }

FLB(SYMBOL_TO_STRING) {
  if (!fl_has_kind(argv[0], FL_K_SYMBOL)) flrt_type_error("symbol->string", "a symbol", argv[0]);
  return ((fl_symbol *)fl_obj(argv[0]))->name;
}

FLB(STRING_TO_SYMBOL) {
  flrt_need_string(argv[0], "string->symbol");
  return flrt_intern_symbol(argv[0]);
}

FLB(KEYWORD_TO_STRING) {
  if (!fl_has_kind(argv[0], FL_K_KEYWORD)) flrt_type_error("keyword->string", "a keyword", argv[0]);
  return ((fl_symbol *)fl_obj(argv[0]))->name;
}
