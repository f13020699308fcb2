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

#endif
