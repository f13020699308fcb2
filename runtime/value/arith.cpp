/* value/arith.cpp - generic arithmetic and ordering on tagged values (§3.4, §4). */
#include "internal.h"

FL_NORETURN void flrt_overflow(const char *who) {
  flrt_fail(FL_ERR_OVERFLOW, "%s: integer overflow", who);
}

FL_NORETURN static void operands_error(const char *who, fl_value a, fl_value b) {
  fl_string *qa = flrt_str(flrt_quote_value(a));
  fl_string *qb = flrt_str(flrt_quote_value(b));
  flrt_fail(FL_ERR_TYPE, "%s: expected numbers, got %.*s and %.*s", who, (int)qa->len, qa->data,
            (int)qb->len, qb->data);
}

/* 1: both Ints, 0: numbers with a Float; raises type-error otherwise. */
static inline int classify(fl_value a, fl_value b, const char *who) {
  bool ai = flrt_is_int(a), bi = flrt_is_int(b);
  if (ai && bi) return 1;
  if ((ai || flrt_is_float(a)) && (bi || flrt_is_float(b))) return 0;
  operands_error(who, a, b);
}

fl_value flrt_num_add(fl_value a, fl_value b, const char *who) {
  if (FLRT_LIKELY(fl_is_fixnum(a) && fl_is_fixnum(b)))
    return flrt_box_int(fl_fixnum_value(a) + fl_fixnum_value(b));
  if (classify(a, b, who)) {
    int64_t r;
    if (__builtin_add_overflow(flrt_int_of(a), flrt_int_of(b), &r)) flrt_overflow(who);
    return flrt_box_int(r);
  }
  return flrt_box_float(flrt_num_to_double(a) + flrt_num_to_double(b));
}

fl_value flrt_num_sub(fl_value a, fl_value b, const char *who) {
  if (FLRT_LIKELY(fl_is_fixnum(a) && fl_is_fixnum(b)))
    return flrt_box_int(fl_fixnum_value(a) - fl_fixnum_value(b));
  if (classify(a, b, who)) {
    int64_t r;
    if (__builtin_sub_overflow(flrt_int_of(a), flrt_int_of(b), &r)) flrt_overflow(who);
    return flrt_box_int(r);
  }
  return flrt_box_float(flrt_num_to_double(a) - flrt_num_to_double(b));
}

fl_value flrt_num_mul(fl_value a, fl_value b, const char *who) {
  if (classify(a, b, who)) {
    int64_t r;
    if (__builtin_mul_overflow(flrt_int_of(a), flrt_int_of(b), &r)) flrt_overflow(who);
    return flrt_box_int(r);
  }
  return flrt_box_float(flrt_num_to_double(a) * flrt_num_to_double(b));
}

fl_value flrt_num_div(fl_value a, fl_value b, const char *who) {
  if (classify(a, b, who)) {
    int64_t x = flrt_int_of(a), y = flrt_int_of(b);
    if (y == 0) flrt_fail(FL_ERR_DIV_ZERO, "%s: division by zero", who);
    if (x == INT64_MIN && y == -1) flrt_overflow(who);
    return flrt_box_int(x / y); /* C division truncates toward zero */
  }
  return flrt_box_float(flrt_num_to_double(a) / flrt_num_to_double(b));
}

fl_value flrt_add(fl_value a, fl_value b) {
  if (FLRT_LIKELY(fl_is_fixnum(a) && fl_is_fixnum(b)))
    return flrt_box_int(fl_fixnum_value(a) + fl_fixnum_value(b));
  bool as = flrt_is_string(a), bs = flrt_is_string(b);
  if (as && bs) return flrt_string_concat(a, b);
  if (as || bs) flrt_fail(FL_ERR_TYPE, "+: cannot mix strings and non-strings");
  return flrt_num_add(a, b, "+");
}

fl_value flrt_sub(fl_value a, fl_value b) { return flrt_num_sub(a, b, "-"); }
fl_value flrt_mul(fl_value a, fl_value b) { return flrt_num_mul(a, b, "*"); }
fl_value flrt_div(fl_value a, fl_value b) { return flrt_num_div(a, b, "/"); }

fl_value flrt_neg(fl_value a) {
  if (flrt_is_int(a)) {
    int64_t x = flrt_int_of(a);
    if (x == INT64_MIN) flrt_overflow("-");
    return flrt_box_int(-x);
  }
  if (flrt_is_float(a)) return flrt_box_float(-flrt_float_of(a));
  flrt_type_error("-", "a number", a);
}

void flrt_check_comparable(fl_value a, fl_value b, const char *who) {
  if (flrt_is_number(a) && flrt_is_number(b)) return;
  if (flrt_is_string(a) && flrt_is_string(b)) return;
  fl_string *qa = flrt_str(flrt_quote_value(a));
  fl_string *qb = flrt_str(flrt_quote_value(b));
  flrt_fail(FL_ERR_TYPE, "%s: cannot compare %.*s and %.*s", who, (int)qa->len, qa->data,
            (int)qb->len, qb->data);
}

int flrt_compare(fl_value a, fl_value b, const char *who) {
  if (FLRT_LIKELY(fl_is_fixnum(a) && fl_is_fixnum(b))) {
    int64_t x = fl_fixnum_value(a), y = fl_fixnum_value(b);
    return x < y ? -1 : x > y;
  }
  flrt_check_comparable(a, b, who);
  if (flrt_is_string(a)) return flrt_string_cmp(flrt_str(a), flrt_str(b));
  if (flrt_is_int(a) && flrt_is_int(b)) {
    int64_t x = flrt_int_of(a), y = flrt_int_of(b);
    return x < y ? -1 : x > y;
  }
  double x = flrt_num_to_double(a), y = flrt_num_to_double(b);
  if (x < y) return -1;
  if (x > y) return 1;
  if (x == y) return 0;
  return 2; /* NaN: unordered, every comparison is false */
}

int flrt_less(fl_value a, fl_value b) { return flrt_compare(a, b, "<") == -1; }
int flrt_less_eq(fl_value a, fl_value b) {
  int c = flrt_compare(a, b, "<=");
  return c == -1 || c == 0;
}
