/* Foreign calls (LANGUAGE.md §20.7): the argument checks and conversions around a direct call
 * of a C function that generated code makes (lower/foreign.cpp), and pointer values. */
#include "builtins/builtin.h"

FL_NORETURN static void arg_error(int kind, const char *name, int64_t index, const char *what, fl_value v) {
  fl_value w = flrt_quote_value(v);
  flrt_fail(kind, "%s: argument %lld must be %s, got %.*s", name, (long long)index + 1, what,
            (int)flrt_str(w)->len, flrt_str(w)->data);
}

uint64_t flrt_ffi_arg(fl_value v, uint32_t type, int64_t index, const char *name) {
  switch (type) {
    case 'i': {
      if (!flrt_is_int(v)) arg_error(FL_ERR_TYPE, name, index, "an Int", v);
      int64_t i = flrt_int_of(v);
      if (i < INT32_MIN || i > INT32_MAX) arg_error(FL_ERR_VALUE, name, index, "an Int in the C int range", v);
      return (uint64_t)i;
    }
    case 'l':
      if (!flrt_is_int(v)) arg_error(FL_ERR_TYPE, name, index, "an Int", v);
      return (uint64_t)flrt_int_of(v);
    case 'z': {
      if (!flrt_is_int(v)) arg_error(FL_ERR_TYPE, name, index, "an Int", v);
      int64_t i = flrt_int_of(v);
      if (i < 0) arg_error(FL_ERR_VALUE, name, index, "an Int >= 0", v);
      return (uint64_t)i;
    }
    case 'd': {
      double d;
      if (flrt_is_float(v)) d = flrt_float_of(v);
      else if (flrt_is_int(v)) d = (double)flrt_int_of(v);
      else arg_error(FL_ERR_TYPE, name, index, "a number", v);
      uint64_t raw;
      memcpy(&raw, &d, 8);
      return raw;
    }
    case 'b': return flrt_truthy(v) ? 1 : 0;
    case 's': {
      if (!flrt_is_string(v)) arg_error(FL_ERR_TYPE, name, index, "a String", v);
      fl_string *s = flrt_str(v);
      if (memchr(s->data, 0, (size_t)s->len)) arg_error(FL_ERR_VALUE, name, index, "a String without U+0000", v);
      if (s->data[s->len] == 0) return (uint64_t)(uintptr_t)s->data; /* NUL-terminated already */
      char *copy;
      fl_string *c = flrt_alloc_string(s->len, &copy); /* a private copy, NUL set */
      memcpy(copy, flrt_str(v)->data, (size_t)s->len);
      return (uint64_t)(uintptr_t)c->data;
    }
    case 'p':
      if (v == FL_NIL) return 0;
      if (!fl_has_kind(v, FL_K_POINTER)) arg_error(FL_ERR_TYPE, name, index, "a pointer or nil", v);
      return (uint64_t)(uintptr_t)((fl_pointer *)fl_obj(v))->addr;
    default: flrt_fail(FL_ERR_TYPE, "%s: bad foreign type", name);
  }
}

fl_value flrt_ffi_result(uint64_t raw, uint32_t type, const char *name) {
  switch (type) {
    case 'i': return flrt_box_int((int64_t)(int32_t)(uint32_t)raw);
    case 'l': return flrt_box_int((int64_t)raw);
    case 'z':
      if (raw > (uint64_t)INT64_MAX) flrt_fail(FL_ERR_OVERFLOW, "%s: size result %llu is not an Int", name, (unsigned long long)raw);
      return flrt_box_int((int64_t)raw);
    case 'd': {
      double d;
      memcpy(&d, &raw, 8);
      return flrt_box_float(d);
    }
    case 'b': return fl_bool((uint32_t)raw != 0);
    case 's': {
      const char *s = (const char *)(uintptr_t)raw;
      return s ? flrt_string_from_external(s, strlen(s)) : FL_NIL;
    }
    case 'p': {
      if (!raw) return FL_NIL;
      fl_pointer *p = (fl_pointer *)flrt_alloc_obj(sizeof(fl_pointer), FL_K_POINTER, 0);
      p->addr = (void *)(uintptr_t)raw;
      return flrt_ptr_value(p);
    }
    default: return FL_NIL;
  }
}

FLB(POINTER_P) { return fl_bool(fl_has_kind(argv[0], FL_K_POINTER)); }

/* The compiler makes every foreign call itself; these entries exist only to complete the table. */
FLB(FOREIGN) { flrt_fail(FL_ERR_TYPE, "foreign function called without its compiled call site"); }
FLB(FOREIGN_PURE) { flrt_fail(FL_ERR_TYPE, "foreign function called without its compiled call site"); }
