/* builtins/compiler_support.cpp - runtime pieces that exist only for generated code: define-type
 * field accessors and declared constructors used as function values (§8). */
#include <stdio.h>

#include "builtins/builtin.h"

/* (%tagged-field v "C" n i "C-f"): v must be a C value with n fields. */
FLB(TAGGED_FIELD) {
  fl_value v = argv[0];
  fl_string *ctor = flrt_str(argv[1]);
  int64_t n = fl_fixnum_value(argv[2]);
  int64_t i = fl_fixnum_value(argv[3]);
  if (fl_has_kind(v, FL_K_TAGGED)) {
    fl_tagged *t = (fl_tagged *)fl_obj(v);
    /* A tagged value is identified by its tag alone (§8); the field must exist. */
    (void)n;
    if (i < (int64_t)fl_tagged_count(t) && flrt_string_eq(flrt_str(t->tag), ctor)) return flrt_tagged_get(t, (uint32_t)i);
  }
  char what[128];
  snprintf(what, sizeof what, "a %s value", ctor->data);
  flrt_type_error(flrt_str(argv[4])->data, what, v);
}

/* The array entry of a constructor function: self->free[0] is the tag; arity is checked by
 * flrt_call from the function object. */
fl_value flrt_ctor_entry(fl_function *self, int64_t argc, const fl_value *argv) {
  if (argc > FL_TAGGED_MAX_FIELDS) flrt_fail(FL_ERR_VALUE, "a tagged value has at most 1048575 fields");
  fl_tagged *t = (fl_tagged *)flrt_alloc_obj(sizeof(fl_tagged) + (size_t)argc * 8, FL_K_TAGGED, (uint32_t)argc);
  t->tag = self->free[0];
  for (int64_t k = 0; k < argc; k++) t->fields[k] = argv[k];
  return flrt_ptr_value(t);
}

/* ---- pattern matching (§9) ----------------------------------------------------------------- */

int flrt_is_tagged(fl_value v, fl_value tag, int64_t n) {
  if (!fl_has_kind(v, FL_K_TAGGED)) return 0;
  fl_tagged *t = (fl_tagged *)fl_obj(v);
  return (int64_t)fl_tagged_count(t) == n && flrt_string_eq(flrt_str(t->tag), flrt_str(tag));
}

fl_value flrt_alloc_tagged(fl_value tag, int64_t n) {
  if (n > FL_TAGGED_MAX_FIELDS) flrt_fail(FL_ERR_VALUE, "a tagged value has at most 1048575 fields");
  fl_tagged *t = (fl_tagged *)flrt_alloc_obj(sizeof(fl_tagged) + (size_t)n * 8, FL_K_TAGGED, (uint32_t)n);
  t->tag = tag;
  for (int64_t i = 0; i < n; i++) t->fields[i] = FL_NIL;
  return flrt_ptr_value(t);
}

fl_value flrt_list_first(fl_value l) { return flrt_list_head(l); }
fl_value flrt_list_rest(fl_value l) { return flrt_list_tail(l); }

int64_t flrt_list_count(fl_value v) { return flrt_is_list(v) ? flrt_list_length(v) : -1; }

int flrt_match_range(fl_value v, fl_value lo, fl_value hi, int inclusive) {
  if (!flrt_is_number(v)) return 0;
  /* Int bounds with an Int value compare exactly; otherwise as doubles (§4 promotion). */
  if (flrt_is_int(v) && flrt_is_int(lo) && flrt_is_int(hi)) {
    int64_t x = flrt_int_of(v);
    return x >= flrt_int_of(lo) && (inclusive ? x <= flrt_int_of(hi) : x < flrt_int_of(hi));
  }
  double x = flrt_num_to_double(v), a = flrt_num_to_double(lo), b = flrt_num_to_double(hi);
  return x >= a && (inclusive ? x <= b : x < b);
}

/* ---- contracts (§15) ------------------------------------------------------------------------ */

/* (%contract-violation "f" ":requires (> x 0)") */
FLB(CONTRACT_VIOLATION) {
  fl_string *fn = flrt_str(argv[0]), *what = flrt_str(argv[1]);
  flrt_fail(FL_ERR_CONTRACT, "contract of %.*s violated: %.*s", (int)fn->len, fn->data, (int)what->len, what->data);
}

/* ---- apply in tail position (§7) ------------------------------------------------------------- */

/* Spreads (apply f a... list)'s arguments into buf: the nfixed values of `fixed`, then the list's
 * elements; returns their number (only the first `cap` are written when there are more). */
int64_t flrt_apply_spread(fl_value *buf, int64_t cap, int64_t nfixed, const fl_value *fixed, fl_value list) {
  fl_value l = flrt_need_list(list, "apply");
  int64_t n = 0;
  for (; n < nfixed; n++)
    if (n < cap) buf[n] = fixed[n];
  for (fl_value x = l; x != FL_EMPTY; x = flrt_list_tail(x), n++)
    if (n < cap) buf[n] = flrt_list_head(x);
  return n;
}

/* current-time used as a value where a time handler exists (§12.10): time:now through the
 * handlers, converted to whole seconds. */
fl_value flrt_current_time_entry(fl_function *self, int64_t argc, const fl_value *argv) {
  fl_value args[2] = {flrt_perform(FL_EOP_TIME_NOW, 0, NULL), fl_make_fixnum(1000)};
  return flb_QUOTIENT(NULL, 2, args);
}

int flrt_int_key(fl_value v, int64_t *key) {
  if (flrt_is_int(v)) {
    *key = flrt_int_of(v);
    return 1;
  }
  if (!flrt_is_float(v)) return 0;
  double d = flrt_float_of(v);
  /* exactly an Int: in range and integral (NaN fails both) */
  if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0) || d != (double)(int64_t)d) return 0;
  *key = (int64_t)d;
  return 1;
}

int64_t flrt_match_name(fl_value v, uint32_t kind, const fl_value *names, const int64_t *clauses, int64_t n) {
  if (!fl_has_kind(v, (uint8_t)kind)) return -1;
  fl_string *s = kind == FL_K_STRING ? flrt_str(v) : flrt_str(((fl_symbol *)fl_obj(v))->name);
  int64_t lo = 0, hi = n;
  while (lo < hi) {
    int64_t mid = lo + (hi - lo) / 2;
    fl_string *m = flrt_str(names[mid]);
    int c = m->len != s->len ? (m->len < s->len ? -1 : 1) : memcmp(m->data, s->data, (size_t)s->len);
    if (c == 0) return clauses[mid];
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}
