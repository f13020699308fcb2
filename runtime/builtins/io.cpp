/* builtins/io.cpp - §12.10 input/output and system: the default behaviour of the io and time
 * operations (handler interception happens in generated code before these are reached). */
#include "builtins/builtin.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void print_args(int64_t argc, const fl_value *argv) {
  for (int64_t i = 0; i < argc; i++) {
    if (i) flrt_sb_putc(&flrt_stdout, ' ');
    flrt_print_value(&flrt_stdout, argv[i], true);
  }
}

FLB(PRINT) {
  print_args(argc, argv);
  return FL_NIL;
}

FLB(PRINT_LINE) {
  print_args(argc, argv);
  flrt_sb_putc(&flrt_stdout, '\n');
  return FL_NIL;
}

FLB(NEWLINE) {
  flrt_sb_putc(&flrt_stdout, '\n');
  return FL_NIL;
}

/* stdin is read through our own buffer; lines may be longer than it. */
static char in_buf[1 << 16];
static size_t in_pos, in_len;
static bool in_eof;

/* flc repl: standard input is the session's too, so a read takes no byte beyond the line it
 * needs, and an end of input ends only the read that met it. */
bool flrt_stdin_shared = false;
void flrt_stdin_forget_eof(void) { in_eof = false; }

static bool fill_input(void) {
  if (in_eof) return false;
  for (;;) {
    ssize_t n = read(0, in_buf, flrt_stdin_shared ? 1 : sizeof in_buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      in_eof = true;
      return false;
    }
    in_pos = 0;
    in_len = (size_t)n;
    return true;
  }
}

FLB(READ_LINE) {
  flrt_stdout_flush();
  flrt_sb line;
  flrt_sb_init(&line);
  bool any = false;
  for (;;) {
    if (in_pos == in_len && !fill_input()) break;
    any = true;
    char *nl = (char *)memchr(in_buf + in_pos, '\n', in_len - in_pos);
    size_t take = nl ? (size_t)(nl - (in_buf + in_pos)) : in_len - in_pos;
    flrt_sb_put(&line, in_buf + in_pos, take);
    in_pos += take;
    if (nl) {
      in_pos++;
      if (line.len > 0 && line.buf[line.len - 1] == '\r') line.len--;
      break;
    }
  }
  if (!any) {
    flrt_sb_free(&line);
    return FL_NIL;
  }
  fl_value s = flrt_string_from_external(line.buf, line.len);
  flrt_sb_free(&line);
  return s;
}

FLB(COMMAND_LINE) {
  int n = flrt_argc > 1 ? flrt_argc - 1 : 0;
  flrt_vec v;
  flrt_vec_init(&v, n);
  for (int i = 0; i < n; i++) {
    const char *a = flrt_argv[i + 1];
    flrt_vec_push(&v, flrt_string_from_external(a, strlen(a)));
  }
  return flrt_vec_to_list(&v, FL_EMPTY);
}

FLB(EXIT) {
  int64_t status = 0;
  if (argc > 0) {
    fl_value v = argv[0];
    if (!flrt_is_int(v) || flrt_int_of(v) < 0 || flrt_int_of(v) > 255) {
      fl_string *q = flrt_str(flrt_quote_value(v));
      flrt_fail(FL_ERR_VALUE, "exit: status must be an int in 0..255, got %.*s", (int)q->len, q->data);
    }
    status = flrt_int_of(v);
  }
  flrt_exit((int)status);
}

/* ---- files (Level 2) ---------------------------------------------------------------------- */

char *flrt_path_cstring(fl_value v, const char *who) {
  fl_string *s = flrt_need_string(v, who);
  if (memchr(s->data, 0, (size_t)s->len)) return NULL;
  char *p = (char *)malloc((size_t)s->len + 1);
  if (!p) flrt_out_of_memory();
  memcpy(p, s->data, (size_t)s->len);
  p[s->len] = 0;
  return p;
}

FL_NORETURN void flrt_io_fail(const char *what, fl_value path, int err) {
  fl_string *s = flrt_str(path);
  flrt_fail(FL_ERR_IO, "cannot %s %.*s: %s", what, (int)s->len, s->data, strerror(err));
}

FLB(FILE_READ) {
  char *path = flrt_path_cstring(argv[0], "io:read-file");
  if (!path) flrt_io_fail("read", argv[0], EINVAL);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  free(path);
  if (fd < 0) flrt_io_fail("read", argv[0], errno);
  flrt_sb sb;
  flrt_sb_init(&sb);
  /* read straight into the builder: no large buffer on the stack (a task's guard is the only
   * thing below a deep recursion, see start/program.cpp) */
  for (;;) {
    flrt_sb_reserve(&sb, 1 << 16);
    ssize_t n = read(fd, sb.buf + sb.len, sb.cap - sb.len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int e = errno;
      close(fd);
      flrt_sb_free(&sb);
      flrt_io_fail("read", argv[0], e);
    }
    if (n == 0) break;
    sb.len += (size_t)n;
  }
  close(fd);
  flrt_sb check;
  flrt_sb_init(&check);
  flrt_utf8_sanitize(sb.buf, sb.len, &check);
  bool valid = check.len == sb.len && (sb.len == 0 || memcmp(check.buf, sb.buf, sb.len) == 0);
  flrt_sb_free(&check);
  if (!valid) {
    flrt_sb_free(&sb);
    fl_string *s = flrt_str(argv[0]);
    flrt_fail(FL_ERR_IO, "cannot read %.*s: invalid UTF-8", (int)s->len, s->data);
  }
  fl_value r = flrt_sb_to_string(&sb);
  flrt_sb_free(&sb);
  return r;
}

static fl_value write_file(const fl_value *argv, int flags, const char *who) {
  char *path = flrt_path_cstring(argv[0], who);
  if (!path) flrt_io_fail("write", argv[0], EINVAL);
  flrt_sb sb;
  flrt_sb_init(&sb);
  flrt_print_value(&sb, argv[1], true);
  int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | flags, 0666);
  free(path);
  int err = fd < 0 ? errno : 0;
  if (fd >= 0) {
    size_t off = 0;
    while (off < sb.len) {
      ssize_t n = write(fd, sb.buf + off, sb.len - off);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        err = errno;
        break;
      }
      off += (size_t)n;
    }
    if (close(fd) != 0 && !err) err = errno;
  }
  flrt_sb_free(&sb);
  if (err) flrt_io_fail("write", argv[0], err);
  return FL_NIL;
}

FLB(FILE_WRITE) { return write_file(argv, O_TRUNC, "io:write-file"); }
FLB(FILE_APPEND) { return write_file(argv, O_APPEND, "io:append-file"); }

FLB(FILE_EXISTS_P) {
  char *path = flrt_path_cstring(argv[0], "io:file-exists?");
  if (!path) return FL_FALSE;
  struct stat st;
  bool ok = stat(path, &st) == 0;
  free(path);
  return fl_bool(ok);
}

/* ---- time (Level 2) ----------------------------------------------------------------------- */
static int64_t now_millis(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

FLB(CURRENT_MILLIS) { return flrt_int(now_millis()); }
FLB(CURRENT_TIME) { return flrt_int(now_millis() / 1000); }

FLB(SLEEP) {
  fl_value v = argv[0];
  if (!flrt_is_int(v) || flrt_int_of(v) < 0) {
    fl_string *q = flrt_str(flrt_quote_value(v));
    flrt_fail(FL_ERR_VALUE, "time:sleep: duration must be an int >= 0, got %.*s", (int)q->len,
              q->data);
  }
  int64_t ms = flrt_int_of(v);
  if (flrt_sched_sleep(ms)) return FL_NIL; /* other tasks run meanwhile (§14) */
  flrt_stdout_flush();
  struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
  return FL_NIL;
}
