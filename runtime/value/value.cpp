/* value/value.cpp - boxing, truthiness, type names, closures and calls. */
#include "internal.h"

fl_value flrt_box_int(int64_t i) {
  if (FLRT_LIKELY(i >= FL_FIXNUM_MIN && i <= FL_FIXNUM_MAX)) return fl_make_fixnum(i);
  fl_int_obj *o = (fl_int_obj *)flrt_alloc_obj(sizeof(fl_int_obj), FL_K_INT, 0);
  o->value = i;
  return flrt_ptr_value(o);
}

fl_value flrt_box_float(double d) {
  fl_float_obj *o = (fl_float_obj *)flrt_alloc_obj(sizeof(fl_float_obj), FL_K_FLOAT, 0);
  o->value = d;
  return flrt_ptr_value(o);
}

fl_value flrt_make_box(fl_value v) {
  fl_box *b = (fl_box *)flrt_alloc_obj(sizeof(fl_box), FL_K_BOX, 0);
  b->value = v;
  return flrt_ptr_value(b);
}

fl_value flrt_make_closure(void *fixed_entry, fl_array_entry array_entry, int32_t arity,
                           const char *name, int64_t nfree) {
  fl_function *f = (fl_function *)flrt_alloc_obj(sizeof(fl_function) + (size_t)nfree * 8,
                                                 FL_K_FUNCTION, (uint32_t)nfree);
  f->min_arity = arity;
  f->max_arity = arity;
  f->fixed_entry = fixed_entry;
  f->array_entry = array_entry;
  f->name = name;
  return flrt_ptr_value(f);
}

int flrt_truthy(fl_value v) {
  if (v == FL_FALSE || v == FL_NIL || v == FL_EMPTY || v == fl_make_fixnum(0)) return 0;
  if (fl_is_ptr(v)) {
    switch (fl_obj(v)->kind) {
      case FL_K_FLOAT: return flrt_float_of(v) != 0.0; /* NaN is truthy */
      case FL_K_STRING: return flrt_str(v)->len != 0;
      case FL_K_MAP: return flrt_map_count(v) != 0;
      case FL_K_VECTOR: return ((fl_vector *)fl_obj(v))->len != 0;
      default: return 1;
    }
  }
  return 1;
}

int64_t flrt_unbox_int(fl_value v) {
  if (FLRT_LIKELY(fl_is_fixnum(v))) return fl_fixnum_value(v);
  if (fl_has_kind(v, FL_K_INT)) return ((fl_int_obj *)fl_obj(v))->value;
  flrt_type_error(NULL, "an int", v);
}

double flrt_unbox_float(fl_value v) {
  if (fl_has_kind(v, FL_K_FLOAT)) return flrt_float_of(v);
  if (flrt_is_int(v)) return (double)flrt_int_of(v);
  flrt_type_error(NULL, "a number", v);
}

#define FLRT_TYPE_NAMES(X)                                                                     \
  X(int) X(float) X(bool) X(nil) X(string) X(symbol) X(keyword) X(list) X(map) X(tagged)       \
  X(function) X(error) X(channel) X(promise) X(vector) X(pointer) X(unknown)
#define FLRT_TYPE_STR(n) static FLRT_STATIC_STRING(type_##n, #n);
FLRT_TYPE_NAMES(FLRT_TYPE_STR)
#undef FLRT_TYPE_STR

static fl_string *type_of(fl_value v) {
  if (flrt_is_int(v)) return &type_int;
  if (flrt_is_list(v)) return &type_list;
  if (v == FL_TRUE || v == FL_FALSE) return &type_bool;
  if (v == FL_NIL) return &type_nil;
  if (!fl_is_ptr(v)) return &type_unknown;
  switch (fl_obj(v)->kind) {
    case FL_K_FLOAT: return &type_float;
    case FL_K_STRING: return &type_string;
    case FL_K_SYMBOL: return &type_symbol;
    case FL_K_KEYWORD: return &type_keyword;
    case FL_K_MAP: return &type_map;
    case FL_K_TAGGED: return &type_tagged;
    case FL_K_FUNCTION: return &type_function;
    case FL_K_ERROR: return &type_error;
    case FL_K_CHANNEL: return &type_channel;
    case FL_K_PROMISE: return &type_promise;
    case FL_K_VECTOR: return &type_vector;
    case FL_K_POINTER: return &type_pointer;
    default: return &type_unknown;
  }
}

const char *flrt_type_name(fl_value v) { return type_of(v)->data; }
fl_value flrt_type_name_value(fl_value v) { return flrt_ptr_value(type_of(v)); }

fl_value flrt_call(fl_value fn, int64_t argc, const fl_value *argv) {
  if (FLRT_UNLIKELY(!flrt_is_function(fn))) {
    fl_value w = flrt_quote_value(fn);
    flrt_fail(FL_ERR_TYPE, "not a function: %.*s", (int)flrt_str(w)->len, flrt_str(w)->data);
  }
  fl_function *f = (fl_function *)fl_obj(fn);
  if (FLRT_UNLIKELY(argc < f->min_arity || (f->max_arity >= 0 && argc > f->max_arity)))
    flrt_fail_arity(fn, argc);
  return f->array_entry(f, argc, argv);
}
