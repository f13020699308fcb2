/* builtins/builtin.h - helpers shared by the flb_ implementations (§12). */
#ifndef FLRT_BUILTINS_BUILTIN_H
#define FLRT_BUILTINS_BUILTIN_H

#include "internal.h"

/* Defines the array entry of builtin ID (C linkage comes from the declaration in rt.h). */
#define FLB(id) fl_value flb_##id(struct fl_function *self, int64_t argc, const fl_value *argv)

static inline fl_value flrt_int(int64_t i) { return flrt_box_int(i); }

/* Concatenation of the display forms of argv[0..argc) into one new String. */
fl_value flrt_concat_display(const fl_value *argv, int64_t argc, fl_value sep);
/* Checks that v is a 1-char string and returns its code point (value-error otherwise). */
uint32_t flrt_need_char(fl_value v, const char *who);

/* The builtin a function value runs (its array entry, e.g. flb_ADD), or NULL: fast paths of
 * the higher-order builtins recognise pure numeric builtins passed as values. */
static inline fl_array_entry flrt_entry_of(fl_value f) {
  return flrt_is_function(f) ? ((fl_function *)fl_obj(f))->array_entry : (fl_array_entry)0;
}

/* Left folds of + / * and of max / min over a list (lists.cpp): unboxed and vector loops over
 * Int and Float blocks, other elements through fn (0: flrt_num_add / flrt_num_mul). */
fl_value flrt_fold_arith(fl_value l, fl_value acc, bool product, const char *who, fl_value fn);
fl_value flrt_fold_minmax(fl_value l, fl_value acc, bool want_max, fl_value fn);

/* Paths of the file operations (io.cpp): a NUL-terminated malloc'd copy of a String (type-error
 * naming `who` otherwise), or NULL if it contains a NUL byte, which no file name can. */
char *flrt_path_cstring(fl_value v, const char *who);
/* io-error "cannot WHAT PATH: strerror(err)". */
FL_NORETURN void flrt_io_fail(const char *what, fl_value path, int err);

#endif
