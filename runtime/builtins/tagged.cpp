/* builtins/tagged.cpp - §12.9 tagged values and error values. */
#include "builtins/builtin.h"

FLB(MAKE_TAGGED) {
  fl_value tag = argv[0];
  if (fl_has_kind(tag, FL_K_SYMBOL)) tag = ((fl_symbol *)fl_obj(tag))->name;
  else if (!flrt_is_string(tag)) flrt_type_error("make-tagged", "a string or symbol tag", tag);
  int64_t n = argc - 1;
  if (n > FL_TAGGED_MAX_FIELDS) flrt_fail(FL_ERR_VALUE, "make-tagged: a tagged value has at most 1048575 fields");
  fl_tagged *t = (fl_tagged *)flrt_alloc_obj(sizeof(fl_tagged) + (size_t)n * 8, FL_K_TAGGED,
                                             (uint32_t)n);
  t->tag = tag;
  for (int64_t i = 0; i < n; i++) t->fields[i] = argv[i + 1];
  return flrt_ptr_value(t);
}

static fl_tagged *need_tagged(fl_value v, const char *who) {
  if (!fl_has_kind(v, FL_K_TAGGED)) flrt_type_error(who, "a tagged value", v);
  return (fl_tagged *)fl_obj(v);
}

FLB(TAGGED_TAG) { return need_tagged(argv[0], "tagged-tag")->tag; }

FLB(TAGGED_VALUES) {
  fl_tagged *t = need_tagged(argv[0], "tagged-values");
  uint32_t n = fl_tagged_count(t);
  if (!fl_tagged_raw(t)) return flrt_list_from_array(t->fields, n);
  fl_value l = FL_EMPTY;
  for (uint32_t i = n; i-- > 0;) l = flrt_cons(flrt_tagged_get(t, i), l);
  return l;
}

/* (make-error [kind] msg): kind String/Symbol/Keyword (stored as its name), msg in display
 * form when it is not a String. */
static fl_value error_of(int64_t argc, const fl_value *argv, const char *who) {
  fl_value kind, msg;
  if (argc == 1) {
    kind = flrt_cstring(flrt_error_kind_names[FL_ERR_USER]);
    msg = argv[0];
  } else {
    kind = argv[0];
    if (fl_has_kind(kind, FL_K_SYMBOL) || fl_has_kind(kind, FL_K_KEYWORD))
      kind = ((fl_symbol *)fl_obj(kind))->name;
    else if (!flrt_is_string(kind))
      flrt_type_error(who, "a string, symbol or keyword kind", kind);
    msg = argv[1];
  }
  return flrt_make_error(kind, flrt_display_string(msg));
}

FLB(ERROR) { flrt_raise(error_of(argc, argv, "error:raise")); }
FLB(MAKE_ERROR) { return error_of(argc, argv, "make-error"); }

static fl_error_obj *need_error(fl_value v, const char *who) {
  if (!fl_has_kind(v, FL_K_ERROR)) flrt_type_error(who, "an error value", v);
  return (fl_error_obj *)fl_obj(v);
}

FLB(ERROR_KIND) { return need_error(argv[0], "error-kind")->kind; }
FLB(ERROR_MESSAGE) { return need_error(argv[0], "error-message")->message; }
