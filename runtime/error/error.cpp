/* error/error.cpp - error values, raising, try frames and the uncaught-error report (§10). */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

const char *flrt_current_loc = NULL;
void (*flrt_uncaught_hook)(fl_value thrown) = NULL;

static flrt_try_frame *try_top = NULL;

const char *const flrt_error_kind_names[FL_ERR_COUNT_] = {
#define FLRT_KIND_NAME(id, str) str,
    FL_ERROR_KINDS(FLRT_KIND_NAME)
#undef FLRT_KIND_NAME
};

#define FLRT_KIND_STRING(id, str) static FLRT_STATIC_STRING(kind_str_##id, str);
FL_ERROR_KINDS(FLRT_KIND_STRING)
#undef FLRT_KIND_STRING

static fl_string *const kind_strings[FL_ERR_COUNT_] = {
#define FLRT_KIND_PTR(id, str) &kind_str_##id,
    FL_ERROR_KINDS(FLRT_KIND_PTR)
#undef FLRT_KIND_PTR
};

fl_value flrt_make_error(fl_value kind, fl_value message) {
  fl_error_obj *e = (fl_error_obj *)flrt_alloc_obj(sizeof(fl_error_obj), FL_K_ERROR, 0);
  e->kind = kind;
  e->message = message;
  return flrt_ptr_value(e);
}

flrt_try_frame *flrt_try_top_get(void) { return try_top; }
void flrt_try_top_set(flrt_try_frame *f) { try_top = f; }

void flrt_try_push(flrt_try_frame *f) {
  f->thrown = FL_NIL;
  f->saved_loc = flrt_current_loc;
  f->prev = try_top;
  try_top = f;
}

void flrt_try_pop(flrt_try_frame *f) {
  if (try_top == f) try_top = f->prev;
}

static void put_string(flrt_sb *sb, fl_value s) {
  fl_string *str = flrt_str(s);
  flrt_sb_put(sb, str->data, (size_t)str->len);
}

/* `error: KIND: MESSAGE` and `  at LOCATION` (§10.3) into sb. */
static void describe_uncaught(flrt_sb *sb, fl_value thrown) {
  flrt_sb_puts(sb, "error: ");
  if (fl_has_kind(thrown, FL_K_ERROR)) {
    fl_error_obj *e = (fl_error_obj *)fl_obj(thrown);
    put_string(sb, e->kind);
    flrt_sb_puts(sb, ": ");
    put_string(sb, e->message);
  } else {
    flrt_sb_puts(sb, "uncaught-throw: ");
    flrt_print_value(sb, thrown, false);
  }
  flrt_sb_putc(sb, '\n');
  if (flrt_current_loc) {
    flrt_sb_puts(sb, "  at ");
    flrt_sb_puts(sb, flrt_current_loc);
    flrt_sb_putc(sb, '\n');
  }
}

void flrt_report_error(fl_value thrown) {
  flrt_stdout_flush();
  flrt_sb sb;
  flrt_sb_init(&sb);
  describe_uncaught(&sb, thrown);
  flrt_write_all(2, sb.buf, sb.len);
  flrt_sb_free(&sb);
}

FL_NORETURN static void report_uncaught(fl_value thrown) {
  flrt_stdout_flush();
  flrt_sb sb;
  flrt_sb_init(&sb);
  describe_uncaught(&sb, thrown);
  /* The message first: walking a nearly exhausted stack may overflow it (the stack-overflow
   * handler then ends the program). */
  flrt_write_all(2, sb.buf, sb.len);
  sb.len = 0;
  if (flrt_backtrace_enabled()) {
    flrt_backtrace_active = 1;
    flrt_backtrace_print(&sb, 0, flrt_current_loc);
    flrt_backtrace_active = 0;
  }
  flrt_write_all(2, sb.buf, sb.len);
  flrt_sb_free(&sb);
  flrt_exit(1);
}

FL_NORETURN void flrt_raise(fl_value thrown) {
  flrt_try_frame *f = try_top;
  if (f) {
    try_top = f->prev;
    f->thrown = thrown;
    flrt_current_loc = f->saved_loc;
    longjmp(f->jb, 1);
  }
  if (flrt_uncaught_hook) flrt_uncaught_hook(thrown);
  report_uncaught(thrown);
}

FL_NORETURN static void fail_msg(int kind, fl_value msg) {
  if (kind < 0 || kind >= FL_ERR_COUNT_) kind = FL_ERR_USER;
  flrt_raise(flrt_make_error(flrt_ptr_value(kind_strings[kind]), msg));
}

FL_NORETURN void flrt_fail(int kind, const char *fmt, ...) {
  char small[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) fail_msg(kind, flrt_cstring(fmt));
  if ((size_t)n < sizeof small) fail_msg(kind, flrt_string_from(small, n));
  char *big = (char *)malloc((size_t)n + 1);
  if (!big) flrt_out_of_memory();
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  fl_value msg = flrt_string_from(big, n);
  free(big);
  fail_msg(kind, msg);
}

FL_NORETURN void flrt_fail_at(int kind, const char *loc, const char *msg) {
  if (loc) flrt_current_loc = loc;
  fail_msg(kind, flrt_cstring(msg));
}

FL_NORETURN void flrt_fail_unbound(const char *name, const char *loc) {
  if (loc) flrt_current_loc = loc;
  flrt_fail(FL_ERR_UNBOUND, "variable %s used before its definition ran", name);
}

FL_NORETURN void flrt_fail_arity(fl_value fn, int64_t got) {
  const char *name = NULL;
  if (flrt_is_function(fn)) name = ((fl_function *)fl_obj(fn))->name;
  flrt_fail(FL_ERR_ARITY, "%s: wrong number of arguments (%lld)", name ? name : "function",
            (long long)got);
}

/* Values quoted in messages are cut off so that a huge list cannot flood stderr. */
fl_value flrt_quote_value(fl_value v) {
  flrt_sb sb;
  flrt_sb_init(&sb);
  sb.limit = 200;
  flrt_print_value(&sb, v, false);
  if (sb.truncated) {
    sb.limit = 0;
    sb.truncated = false;
    flrt_sb_puts(&sb, "...");
  }
  fl_value s = flrt_sb_to_string(&sb);
  flrt_sb_free(&sb);
  return s;
}

FL_NORETURN void flrt_type_error(const char *who, const char *what, fl_value got) {
  fl_string *s = flrt_str(flrt_quote_value(got));
  if (!who) flrt_fail(FL_ERR_TYPE, "expected %s, got %.*s", what, (int)s->len, s->data);
  flrt_fail(FL_ERR_TYPE, "%s: expected %s, got %.*s", who, what, (int)s->len, s->data);
}

int64_t flrt_need_int(fl_value v, const char *who) {
  if (FLRT_LIKELY(fl_is_fixnum(v))) return fl_fixnum_value(v);
  if (fl_has_kind(v, FL_K_INT)) return ((fl_int_obj *)fl_obj(v))->value;
  flrt_type_error(who, "an int", v);
}

void flrt_need_number(fl_value v, const char *who) {
  if (!flrt_is_number(v)) flrt_type_error(who, "a number", v);
}

fl_string *flrt_need_string(fl_value v, const char *who) {
  if (!flrt_is_string(v)) flrt_type_error(who, "a string", v);
  return flrt_str(v);
}

fl_value flrt_need_list(fl_value v, const char *who) {
  if (flrt_is_list(v)) return v;
  if (v == FL_NIL) return FL_EMPTY;
  flrt_type_error(who, "a list", v);
}

fl_function *flrt_need_function(fl_value v, const char *who) {
  if (!flrt_is_function(v)) flrt_type_error(who, "a function", v);
  return (fl_function *)fl_obj(v);
}
