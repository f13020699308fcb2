/* builtins/chars.cpp - §12.6 characters: 1-char strings, ASCII classification and case. */
#include "builtins/builtin.h"

uint32_t flrt_need_char(fl_value v, const char *who) {
  fl_string *s = flrt_need_string(v, who);
  if (s->len == 0 || s->len > 4 || flrt_string_cplen(s) != 1) {
    fl_string *q = flrt_str(flrt_quote_value(v));
    flrt_fail(FL_ERR_VALUE, "%s: expected a 1-char string, got %.*s", who, (int)q->len, q->data);
  }
  int n;
  return flrt_utf8_decode(s->data, &n);
}

static bool is_upper(uint32_t c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(uint32_t c) { return c >= 'a' && c <= 'z'; }
static bool is_digit(uint32_t c) { return c >= '0' && c <= '9'; }

FLB(CHAR_ALPHABETIC_P) {
  uint32_t c = flrt_need_char(argv[0], "char-alphabetic?");
  return fl_bool(is_upper(c) || is_lower(c));
}
FLB(CHAR_NUMERIC_P) { return fl_bool(is_digit(flrt_need_char(argv[0], "char-numeric?"))); }
FLB(CHAR_ALPHANUMERIC_P) {
  uint32_t c = flrt_need_char(argv[0], "char-alphanumeric?");
  return fl_bool(is_upper(c) || is_lower(c) || is_digit(c));
}
FLB(CHAR_WHITESPACE_P) {
  uint32_t c = flrt_need_char(argv[0], "char-whitespace?");
  return fl_bool(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v');
}
FLB(CHAR_UPPER_CASE_P) { return fl_bool(is_upper(flrt_need_char(argv[0], "char-upper-case?"))); }
FLB(CHAR_LOWER_CASE_P) { return fl_bool(is_lower(flrt_need_char(argv[0], "char-lower-case?"))); }

FLB(CHAR_UPCASE) {
  uint32_t c = flrt_need_char(argv[0], "char-upcase");
  return is_lower(c) ? flrt_char_string(c - 32) : argv[0];
}
FLB(CHAR_DOWNCASE) {
  uint32_t c = flrt_need_char(argv[0], "char-downcase");
  return is_upper(c) ? flrt_char_string(c + 32) : argv[0];
}

FLB(CHAR_TO_INT) { return flrt_int(flrt_need_char(argv[0], "char->int")); }

FLB(INT_TO_CHAR) {
  int64_t n = flrt_need_int(argv[0], "int->char");
  if (n < 0 || n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF))
    flrt_fail(FL_ERR_VALUE, "int->char: not a Unicode scalar value: %lld", (long long)n);
  return flrt_char_string((uint32_t)n);
}

static fl_value char_chain(int64_t argc, const fl_value *argv, const char *who, int op) {
  for (int64_t i = 0; i < argc; i++) flrt_need_char(argv[i], who);
  for (int64_t i = 0; i + 1 < argc; i++) {
    uint32_t a = flrt_need_char(argv[i], who), b = flrt_need_char(argv[i + 1], who);
    bool ok = op == 0 ? a == b : op == 1 ? a < b : op == 2 ? a > b : op == 3 ? a <= b : a >= b;
    if (!ok) return FL_FALSE;
  }
  return FL_TRUE;
}

FLB(CHAR_EQ_P) { return char_chain(argc, argv, "char=?", 0); }
FLB(CHAR_LT_P) { return char_chain(argc, argv, "char<?", 1); }
FLB(CHAR_GT_P) { return char_chain(argc, argv, "char>?", 2); }
FLB(CHAR_LE_P) { return char_chain(argc, argv, "char<=?", 3); }
FLB(CHAR_GE_P) { return char_chain(argc, argv, "char>=?", 4); }
