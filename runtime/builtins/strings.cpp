/* builtins/strings.cpp - §12.5 strings (string-format is in format.cpp, conversions in
 * convert.cpp). Indices and lengths count code points; ASCII strings take O(1) paths. */
#include "builtins/builtin.h"

#include <stdlib.h>

fl_value flrt_concat_display(const fl_value *argv, int64_t argc, fl_value sep) {
  if (argc == 0) return flrt_ptr_value(&flrt_empty_string);
  if (argc == 1 && flrt_is_string(argv[0])) return argv[0];
  /* Two strings go through flrt_string_concat, which extends buffers in place: a loop that
   * appends to an accumulator stays linear. */
  if (argc == 2 && !sep && flrt_is_string(argv[0]) && flrt_is_string(argv[1]))
    return flrt_string_concat(argv[0], argv[1]);
  flrt_sb sb;
  flrt_sb_init(&sb);
  if (!sep && flrt_is_string(argv[0])) {
    /* (string-append acc x y ...): the rest is appended to acc, in place when acc ends its
     * buffer, so accumulating loops with several pieces per step stay linear too */
    for (int64_t i = 1; i < argc; i++) flrt_print_value(&sb, argv[i], true);
    fl_value r = flrt_string_append_bytes(argv[0], sb.buf, (int64_t)sb.len, -1);
    flrt_sb_free(&sb);
    return r;
  }
  for (int64_t i = 0; i < argc; i++) {
    if (i && sep) flrt_sb_put(&sb, flrt_str(sep)->data, (size_t)flrt_str(sep)->len);
    flrt_print_value(&sb, argv[i], true);
  }
  fl_value r = flrt_sb_to_string(&sb);
  flrt_sb_free(&sb);
  return r;
}

FLB(STRING_LENGTH) { return flrt_int(flrt_string_cplen(flrt_need_string(argv[0], "string-length"))); }

FLB(STRING_APPEND) {
  int64_t extra = 0, cplen = 0;
  for (int64_t i = 0; i < argc; i++) {
    fl_string *s = flrt_need_string(argv[i], "string-append");
    if (i == 0) continue;
    extra += s->len;
    cplen = cplen >= 0 && s->cplen >= 0 ? cplen + s->cplen : -1;
  }
  /* (string-append acc piece ...) with short pieces: copied once, next to acc's bytes when acc
   * ends its buffer (so accumulating loops stay linear) */
  char tmp[1024];
  if (argc > 2 && extra <= (int64_t)sizeof tmp) {
    int64_t at = 0;
    for (int64_t i = 1; i < argc; i++) {
      fl_string *s = flrt_str(argv[i]);
      memcpy(tmp + at, s->data, (size_t)s->len);
      at += s->len;
    }
    return flrt_string_append_bytes(argv[0], tmp, extra, cplen);
  }
  return flrt_concat_display(argv, argc, 0);
}

static fl_value slice_cp(fl_value s, int64_t start, int64_t end) {
  fl_string *str = flrt_str(s);
  int64_t b0 = flrt_string_byte_offset(str, start);
  int64_t b1 = end == start ? b0 : flrt_string_byte_offset(str, end);
  fl_value r = flrt_string_slice(s, b0, b1 - b0);
  if (!flrt_is_static(r)) flrt_str(r)->cplen = end - start;
  return r;
}

FLB(SUBSTRING) {
  fl_string *s = flrt_need_string(argv[0], "substring");
  int64_t start = flrt_need_int(argv[1], "substring");
  int64_t len = flrt_string_cplen(s);
  int64_t end = argc > 2 ? flrt_need_int(argv[2], "substring") : len;
  if (start < 0 || start > end || end > len)
    flrt_fail(FL_ERR_INDEX, "substring: range [%lld, %lld) out of bounds", (long long)start,
              (long long)end);
  return slice_cp(argv[0], start, end);
}

FLB(STRING_REF) {
  fl_string *s = flrt_need_string(argv[0], "string-ref");
  int64_t i = flrt_need_int(argv[1], "string-ref");
  if (i < 0 || i >= flrt_string_cplen(s))
    flrt_fail(FL_ERR_INDEX, "string-ref: index %lld out of range", (long long)i);
  int n;
  return flrt_char_string(flrt_utf8_decode(s->data + flrt_string_byte_offset(s, i), &n));
}

static fl_value chars_of(fl_value sv) {
  fl_string *s = flrt_str(sv);
  int64_t n = flrt_string_cplen(s);
  flrt_list_writer w;
  flrt_lw_init(&w, n, FL_ELEM_VALUE, FL_EMPTY);
  for (int64_t i = 0; i < s->len;) {
    int k;
    uint32_t cp = flrt_utf8_decode(s->data + i, &k);
    flrt_lw_put(&w, flrt_char_string(cp));
    i += k;
  }
  return flrt_lw_finish(&w);
}

static const char *find_bytes(const char *h, int64_t hn, const char *n, int64_t nn) {
  return (const char *)memmem(h, (size_t)hn, n, (size_t)nn);
}

FLB(STRING_SPLIT) {
  fl_string *s = flrt_need_string(argv[0], "string-split");
  fl_string *d = flrt_need_string(argv[1], "string-split");
  if (d->len == 0) return chars_of(argv[0]);
  flrt_vec out;
  flrt_vec_init(&out, 8);
  int64_t pos = 0;
  for (;;) {
    const char *hit = find_bytes(s->data + pos, s->len - pos, d->data, d->len);
    int64_t end = hit ? hit - s->data : s->len;
    flrt_vec_push(&out, flrt_string_from(s->data + pos, end - pos));
    if (!hit) break;
    pos = end + d->len;
  }
  return flrt_vec_to_list(&out, FL_EMPTY);
}

FLB(STRING_JOIN) {
  fl_value delim, l;
  if (argc == 1) {
    delim = flrt_ptr_value(&flrt_empty_string);
    l = argv[0];
  } else if (flrt_is_string(argv[0]) && (argv[1] == FL_NIL || flrt_is_list(argv[1]))) {
    delim = argv[0];
    l = argv[1];
  } else if (flrt_is_string(argv[1]) && (argv[0] == FL_NIL || flrt_is_list(argv[0]))) {
    delim = argv[1];
    l = argv[0];
  } else {
    flrt_fail(FL_ERR_TYPE, "string-join: expected a delimiter string and a list");
  }
  l = flrt_need_list(l, "string-join");
  fl_string *d = flrt_str(delim);
  flrt_sb sb;
  flrt_sb_init(&sb);
  flrt_list_iter it;
  flrt_iter_init(&it, l);
  fl_value x;
  for (bool first = true; flrt_iter_next(&it, &x); first = false) {
    if (!first) flrt_sb_put(&sb, d->data, (size_t)d->len);
    flrt_print_value(&sb, x, true);
  }
  fl_value r = flrt_sb_to_string(&sb);
  flrt_sb_free(&sb);
  return r;
}

static bool ascii_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static fl_value trim(fl_value sv, const char *who, bool left, bool right) {
  fl_string *s = flrt_need_string(sv, who);
  const unsigned char *p = (const unsigned char *)s->data;
  int64_t b = 0, e = s->len;
  if (left)
    while (b < e && ascii_space(p[b])) b++;
  if (right)
    while (e > b && ascii_space(p[e - 1])) e--;
  return flrt_string_slice(sv, b, e - b);
}

FLB(STRING_TRIM) { return trim(argv[0], "string-trim", true, true); }
FLB(STRING_TRIM_LEFT) { return trim(argv[0], "string-trim-left", true, false); }
FLB(STRING_TRIM_RIGHT) { return trim(argv[0], "string-trim-right", false, true); }

/* ASCII case mapping; mode 0 up, 1 down, 2 capitalize (first up, rest down). */
static fl_value map_case(fl_value sv, const char *who, int mode) {
  fl_string *s = flrt_need_string(sv, who);
  char *d;
  fl_string *r = flrt_alloc_string(s->len, &d);
  for (int64_t i = 0; i < s->len; i++) {
    char c = s->data[i];
    bool up = mode == 0 || (mode == 2 && i == 0);
    if (up && c >= 'a' && c <= 'z') c = (char)(c - 32);
    else if (!up && c >= 'A' && c <= 'Z') c = (char)(c + 32);
    d[i] = c;
  }
  r->cplen = s->cplen;
  return flrt_ptr_value(r);
}

FLB(STRING_UPCASE) { return map_case(argv[0], "string-upcase", 0); }
FLB(STRING_DOWNCASE) { return map_case(argv[0], "string-downcase", 1); }
FLB(STRING_CAPITALIZE) { return map_case(argv[0], "string-capitalize", 2); }

FLB(STRING_REVERSE) {
  fl_string *s = flrt_need_string(argv[0], "string-reverse");
  char *d;
  fl_string *r = flrt_alloc_string(s->len, &d);
  int64_t n = s->len;
  for (int64_t i = 0; i < n;) {
    int k;
    flrt_utf8_decode(s->data + i, &k);
    memcpy(d + n - i - k, s->data + i, (size_t)k);
    i += k;
  }
  r->cplen = s->cplen;
  return flrt_ptr_value(r);
}

FLB(STRING_CONTAINS_P) {
  fl_string *part = flrt_need_string(argv[1], "string-contains?");
  fl_string *s = flrt_need_string(argv[0], "string-contains?");
  return fl_bool(part->len == 0 || find_bytes(s->data, s->len, part->data, part->len) != NULL);
}

FLB(STRING_STARTS_WITH_P) {
  fl_string *s = flrt_need_string(argv[0], "string-starts-with?");
  fl_string *p = flrt_need_string(argv[1], "string-starts-with?");
  return fl_bool(p->len <= s->len && memcmp(s->data, p->data, (size_t)p->len) == 0);
}

FLB(STRING_ENDS_WITH_P) {
  fl_string *s = flrt_need_string(argv[0], "string-ends-with?");
  fl_string *p = flrt_need_string(argv[1], "string-ends-with?");
  return fl_bool(p->len <= s->len &&
                 memcmp(s->data + s->len - p->len, p->data, (size_t)p->len) == 0);
}

FLB(STRING_INDEX_OF) {
  fl_string *s = flrt_need_string(argv[0], "string-index-of");
  fl_string *p = flrt_need_string(argv[1], "string-index-of");
  int64_t start = argc > 2 ? flrt_need_int(argv[2], "string-index-of") : 0;
  if (start < 0) start = 0;
  if (start > flrt_string_cplen(s)) return fl_make_fixnum(-1);
  int64_t b = flrt_string_byte_offset(s, start);
  const char *hit = p->len == 0 ? s->data + b : find_bytes(s->data + b, s->len - b, p->data, p->len);
  if (!hit) return fl_make_fixnum(-1);
  return flrt_int(start + flrt_utf8_count(s->data + b, hit - (s->data + b)));
}

FLB(STRING_REPLACE) {
  fl_string *s = flrt_need_string(argv[0], "string-replace");
  fl_string *old = flrt_need_string(argv[1], "string-replace");
  fl_string *rep = flrt_need_string(argv[2], "string-replace");
  if (old->len == 0) flrt_fail(FL_ERR_VALUE, "string-replace: empty search string");
  const char *hit = find_bytes(s->data, s->len, old->data, old->len);
  if (!hit) return argv[0];
  flrt_sb sb;
  flrt_sb_init(&sb);
  int64_t pos = 0;
  while (hit) {
    int64_t at = hit - s->data;
    flrt_sb_put(&sb, s->data + pos, (size_t)(at - pos));
    flrt_sb_put(&sb, rep->data, (size_t)rep->len);
    pos = at + old->len;
    hit = find_bytes(s->data + pos, s->len - pos, old->data, old->len);
  }
  flrt_sb_put(&sb, s->data + pos, (size_t)(s->len - pos));
  fl_value r = flrt_sb_to_string(&sb);
  flrt_sb_free(&sb);
  return r;
}

FLB(STRING_REPEAT) {
  fl_string *s = flrt_need_string(argv[0], "string-repeat");
  int64_t n = flrt_need_int(argv[1], "string-repeat");
  if (n < 0) flrt_fail(FL_ERR_VALUE, "string-repeat: negative count");
  if (n == 0 || s->len == 0) return flrt_ptr_value(&flrt_empty_string);
  if (n > (INT64_C(1) << 46) / s->len) flrt_out_of_memory();
  char *d;
  fl_string *r = flrt_alloc_string(s->len * n, &d);
  for (int64_t i = 0; i < n; i++) memcpy(d + i * s->len, s->data, (size_t)s->len);
  if (s->cplen >= 0) r->cplen = s->cplen * n;
  return flrt_ptr_value(r);
}

static fl_value pad(int64_t argc, const fl_value *argv, const char *who, bool left) {
  fl_string *s = flrt_need_string(argv[0], who);
  int64_t width = flrt_need_int(argv[1], who);
  fl_value padv = argc > 2 ? argv[2] : flrt_char_string(' ');
  fl_string *p = flrt_need_string(padv, who);
  if (flrt_string_cplen(p) != 1) flrt_fail(FL_ERR_VALUE, "%s: pad must be a 1-char string", who);
  int64_t len = flrt_string_cplen(s);
  if (len >= width) return argv[0];
  int64_t fill = width - len;
  if (fill > (INT64_C(1) << 40)) flrt_out_of_memory();
  char *d;
  fl_string *r = flrt_alloc_string(s->len + fill * p->len, &d);
  char *f = left ? d : d + s->len;
  memcpy(left ? d + fill * p->len : d, s->data, (size_t)s->len);
  for (int64_t i = 0; i < fill; i++) memcpy(f + i * p->len, p->data, (size_t)p->len);
  r->cplen = width;
  return flrt_ptr_value(r);
}

FLB(STRING_PAD_LEFT) { return pad(argc, argv, "string-pad-left", true); }
FLB(STRING_PAD_RIGHT) { return pad(argc, argv, "string-pad-right", false); }

FLB(STRING_EMPTY_P) { return fl_bool(flrt_need_string(argv[0], "string-empty?")->len == 0); }

static fl_value string_chain(int64_t argc, const fl_value *argv, const char *who, int want) {
  for (int64_t i = 0; i < argc; i++) flrt_need_string(argv[i], who);
  for (int64_t i = 0; i + 1 < argc; i++) {
    int c = flrt_string_cmp(flrt_str(argv[i]), flrt_str(argv[i + 1]));
    if (c != want) return FL_FALSE;
  }
  return FL_TRUE;
}

FLB(STRING_EQ_P) { return string_chain(argc, argv, "string=?", 0); }
FLB(STRING_LT_P) { return string_chain(argc, argv, "string<?", -1); }
FLB(STRING_GT_P) { return string_chain(argc, argv, "string>?", 1); }

FLB(STRING_TO_LIST) {
  flrt_need_string(argv[0], "string->list");
  return chars_of(argv[0]);
}

FLB(LIST_TO_STRING) {
  fl_value l = flrt_need_list(argv[0], "list->string");
  flrt_sb sb;
  flrt_sb_init(&sb);
  flrt_list_iter it;
  flrt_iter_init(&it, l);
  fl_value x;
  while (flrt_iter_next(&it, &x)) flrt_print_value(&sb, x, true);
  fl_value r = flrt_sb_to_string(&sb);
  flrt_sb_free(&sb);
  return r;
}
