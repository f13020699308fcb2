/* builtins/format.cpp - §12.7 string-format. */
#include "builtins/builtin.h"

static fl_value next_arg(int64_t argc, const fl_value *argv, int64_t *ai, flrt_sb *sb) {
  if (*ai >= argc) {
    flrt_sb_free(sb);
    flrt_fail(FL_ERR_VALUE, "string-format: too few arguments");
  }
  return argv[(*ai)++];
}

FLB(STRING_FORMAT) {
  fl_string *fmt = flrt_need_string(argv[0], "string-format");
  const char *f = fmt->data;
  int64_t n = fmt->len, ai = 1, run = 0;
  flrt_sb sb;
  flrt_sb_init(&sb);
  for (int64_t i = 0; i < n;) {
    char c = f[i];
    bool brace = (c == '{' || c == '}') && i + 1 < n;
    if (c != '~' && !(brace && (f[i + 1] == c || (c == '{' && f[i + 1] == '}')))) {
      i++;
      continue;
    }
    flrt_sb_put(&sb, f + run, (size_t)(i - run));
    char d = i + 1 < n ? f[i + 1] : 0;
    if (c == '{') {
      if (d == '}') flrt_print_value(&sb, next_arg(argc, argv, &ai, &sb), true);
      else flrt_sb_putc(&sb, '{');
    } else if (c == '}') {
      flrt_sb_putc(&sb, '}');
    } else if (d == 'a') {
      flrt_print_value(&sb, next_arg(argc, argv, &ai, &sb), true);
    } else if (d == 's') {
      flrt_print_value(&sb, next_arg(argc, argv, &ai, &sb), false);
    } else if (d == 'd') {
      fl_value v = next_arg(argc, argv, &ai, &sb);
      if (!flrt_is_int(v)) {
        flrt_sb_free(&sb);
        flrt_type_error("string-format ~d", "an int", v);
      }
      flrt_print_value(&sb, v, true);
    } else if (d == 'f') {
      fl_value v = next_arg(argc, argv, &ai, &sb);
      if (!flrt_is_number(v)) {
        flrt_sb_free(&sb);
        flrt_type_error("string-format ~f", "a number", v);
      }
      char buf[FLRT_FLOAT_BUF];
      flrt_sb_put(&sb, buf, flrt_format_float(flrt_num_to_double(v), buf));
    } else if (d == '%') {
      flrt_sb_putc(&sb, '\n');
    } else if (d == '~') {
      flrt_sb_putc(&sb, '~');
    } else {
      flrt_sb_free(&sb);
      if (d == 0) flrt_fail(FL_ERR_VALUE, "string-format: unknown directive ~");
      int k;
      uint32_t cp = flrt_utf8_decode(f + i + 1, &k);
      (void)cp;
      flrt_fail(FL_ERR_VALUE, "string-format: unknown directive ~%.*s", k, f + i + 1);
    }
    i += 2;
    run = i;
  }
  flrt_sb_put(&sb, f + run, (size_t)(n - run));
  if (ai != argc) {
    flrt_sb_free(&sb);
    flrt_fail(FL_ERR_VALUE, "string-format: too many arguments");
  }
  fl_value r = flrt_sb_to_string(&sb);
  flrt_sb_free(&sb);
  return r;
}
