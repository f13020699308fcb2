/* builtins/format.cpp - §12.7 string-format, with the flags, widths and precisions of §20.5. */
#include <math.h>

#include "builtins/builtin.h"

namespace {

/* ~[FLAG][WIDTH][.PREC]CONV (§20.5); CONV is also % or ~ when nothing else is given. */
struct Directive {
  char flag = 0;     /* '-', '0' or 0 */
  int64_t width = 0; /* 0: none */
  int64_t prec = -1; /* -1: none */
  char conv = 0;
  int64_t end = 0; /* index after the directive */
};

/* Widths and precisions above this cannot be met (like string-pad-left's limit); parsing
 * saturates just above it so that long digit strings do not overflow. */
constexpr int64_t kMaxPad = INT64_C(1) << 40;

/* Every finite double is a multiple of 2^-1074, so its decimal expansion ends within 1074
 * digits after the point: any further digits of %.Nf are zeros. */
constexpr int kExactDecimals = 1074;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_spec_char(char c) { return c == '-' || c == '.' || is_digit(c); }

int64_t parse_count(const char *f, int64_t n, int64_t *j) {
  int64_t v = 0;
  for (; *j < n && is_digit(f[*j]); ++*j)
    if (v <= kMaxPad) v = v * 10 + (f[*j] - '0');
  return v;
}

/* Parses the directive starting at f[i] == '~'; false if it is malformed or breaks a rule. */
bool parse_directive(const char *f, int64_t n, int64_t i, Directive *d) {
  int64_t j = i + 1;
  if (j < n && (f[j] == '-' || f[j] == '0')) d->flag = f[j++];
  if (j < n && f[j] >= '1' && f[j] <= '9') d->width = parse_count(f, n, &j);
  if (j < n && f[j] == '.') {
    if (++j >= n || !is_digit(f[j])) return false;
    d->prec = parse_count(f, n, &j);
  }
  if (j >= n) return false;
  d->conv = f[j];
  d->end = j + 1;
  if (d->conv == '%' || d->conv == '~') return !d->flag && !d->width && d->prec < 0;
  if (!memchr("asdfxb", d->conv, 6)) return false;
  if (d->flag && !d->width) return false;           /* a FLAG needs a WIDTH */
  if (d->prec >= 0 && d->conv != 'f') return false; /* PREC only with f */
  return !(d->flag == '0' && (d->conv == 'a' || d->conv == 's'));
}

FL_NORETURN void bad_directive(flrt_sb *sb, const char *f, int64_t n, int64_t i) {
  flrt_sb_free(sb);
  if (i + 1 >= n) flrt_fail(FL_ERR_VALUE, "string-format: unknown directive ~");
  /* Quote '~', the flag/width/precision characters and the code point after them. */
  int64_t j = i + 1;
  while (j < n && is_spec_char(f[j])) j++;
  int k = 0;
  if (j < n) flrt_utf8_decode(f + j, &k);
  const char *what = j == i + 1 ? "unknown" : "bad";
  flrt_fail(FL_ERR_VALUE, "string-format: %s directive %.*s", what, (int)(j + k - i), f + i);
}

fl_value next_arg(int64_t argc, const fl_value *argv, int64_t *ai, flrt_sb *sb) {
  if (*ai >= argc) {
    flrt_sb_free(sb);
    flrt_fail(FL_ERR_VALUE, "string-format: too few arguments");
  }
  return argv[(*ai)++];
}

int64_t need_int(flrt_sb *sb, fl_value v, const char *who) {
  if (!flrt_is_int(v)) {
    flrt_sb_free(sb);
    flrt_type_error(who, "an int", v);
  }
  return flrt_int_of(v);
}

/* Lowercase hexadecimal (bits 4) or binary (bits 1): '-' and the magnitude for a negative v. */
void put_radix(flrt_sb *sb, int64_t v, unsigned bits) {
  char buf[65]; /* '-' and 64 binary digits */
  uint64_t m = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
  char *end = buf + sizeof buf, *p = end;
  do {
    *--p = "0123456789abcdef"[m & ((1u << bits) - 1)];
    m >>= bits;
  } while (m);
  if (v < 0) *--p = '-';
  flrt_sb_put(sb, p, (size_t)(end - p));
}

void put_repeated(flrt_sb *sb, char c, int64_t count) {
  flrt_sb_reserve(sb, (size_t)count);
  memset(sb->buf + sb->len, c, (size_t)count);
  sb->len += (size_t)count;
}

/* x (finite) with exactly prec digits after the point, correctly rounded: glibc's %.Nf. */
void put_fixed(flrt_sb *sb, double x, int64_t prec) {
  if (prec > kMaxPad) {
    flrt_sb_free(sb);
    flrt_out_of_memory();
  }
  int exact = prec > kExactDecimals ? kExactDecimals : (int)prec;
  flrt_sb_printf(sb, "%.*f", exact, x);
  if (prec > exact) put_repeated(sb, '0', prec - exact);
}

/* Pads the text written since `start` (cplen code points) to d.width code points. */
void pad(flrt_sb *sb, size_t start, int64_t cplen, const Directive &d, bool zeros) {
  int64_t fill = d.width - cplen;
  if (fill <= 0) return;
  if (fill > kMaxPad) {
    flrt_sb_free(sb);
    flrt_out_of_memory();
  }
  if (d.flag == '-') {
    put_repeated(sb, ' ', fill);
    return;
  }
  zeros = zeros && d.flag == '0';
  size_t at = zeros && sb->buf[start] == '-' ? start + 1 : start;
  size_t tail = sb->len - at;
  put_repeated(sb, ' ', fill); /* room at the end, then shift the text right */
  memmove(sb->buf + at + fill, sb->buf + at, tail);
  memset(sb->buf + at, zeros ? '0' : ' ', (size_t)fill);
}

void convert(flrt_sb *sb, const Directive &d, fl_value v) {
  size_t start = sb->len;
  bool zeros_allowed = true; /* false for text that must not get 0 padding */
  switch (d.conv) {
    case 'a':
    case 's': flrt_print_value(sb, v, d.conv == 'a'); break;
    case 'd':
      need_int(sb, v, "string-format ~d");
      flrt_print_value(sb, v, true);
      break;
    case 'x': put_radix(sb, need_int(sb, v, "string-format ~x"), 4); break;
    case 'b': put_radix(sb, need_int(sb, v, "string-format ~b"), 1); break;
    case 'f': {
      if (!flrt_is_number(v)) {
        flrt_sb_free(sb);
        flrt_type_error("string-format ~f", "a number", v);
      }
      double x = flrt_num_to_double(v);
      if (isfinite(x) && d.prec >= 0) {
        put_fixed(sb, x, d.prec);
      } else {
        char buf[FLRT_FLOAT_BUF];
        flrt_sb_put(sb, buf, flrt_format_float(x, buf));
        zeros_allowed = isfinite(x); /* NaN, inf and -inf are padded with spaces */
      }
      break;
    }
  }
  if (d.width == 0) return;
  /* Only ~a and ~s can produce non-ASCII text. */
  int64_t bytes = (int64_t)(sb->len - start);
  int64_t cplen = d.conv == 'a' || d.conv == 's' ? flrt_utf8_count(sb->buf + start, bytes) : bytes;
  pad(sb, start, cplen, d, zeros_allowed);
}

}  // namespace

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
    if (c == '~') {
      Directive d;
      if (!parse_directive(f, n, i, &d)) bad_directive(&sb, f, n, i);
      if (d.conv == '%') flrt_sb_putc(&sb, '\n');
      else if (d.conv == '~') flrt_sb_putc(&sb, '~');
      else convert(&sb, d, next_arg(argc, argv, &ai, &sb));
      i = d.end;
    } else {
      if (c == '{' && f[i + 1] == '}') flrt_print_value(&sb, next_arg(argc, argv, &ai, &sb), true);
      else flrt_sb_putc(&sb, c);
      i += 2;
    }
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
