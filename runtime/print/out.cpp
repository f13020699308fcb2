/* print/out.cpp - byte buffers and the buffered standard output. */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define STDOUT_CAP ((size_t)1 << 16)

flrt_sb flrt_stdout = {NULL, 0, 0, 0, 1, false};

void flrt_write_all(int fd, const char *s, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, s, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return; /* a closed pipe or full disk: output is lost, the program goes on (§2.1) */
    }
    s += w;
    n -= (size_t)w;
  }
}

void flrt_sb_init(flrt_sb *sb) {
  sb->buf = NULL;
  sb->len = sb->cap = 0;
  sb->limit = 0;
  sb->fd = -1;
  sb->truncated = false;
}

void flrt_sb_free(flrt_sb *sb) {
  free(sb->buf);
  sb->buf = NULL;
  sb->len = sb->cap = 0;
}

void flrt_sb_flush(flrt_sb *sb) {
  if (sb->fd >= 0 && sb->len > 0) {
    flrt_write_all(sb->fd, sb->buf, sb->len);
    sb->len = 0;
  }
}

void flrt_sb_reserve(flrt_sb *sb, size_t extra) {
  size_t need = sb->len + extra;
  if (need <= sb->cap) return;
  size_t cap = sb->cap ? sb->cap : 64;
  while (cap < need) cap *= 2;
  char *nb = (char *)realloc(sb->buf, cap);
  if (!nb) flrt_out_of_memory();
  sb->buf = nb;
  sb->cap = cap;
}

void flrt_sb_put(flrt_sb *sb, const char *s, size_t n) {
  if (sb->truncated || n == 0) return;
  if (sb->limit && sb->len + n > sb->limit) {
    n = sb->limit - sb->len;
    sb->truncated = true;
  }
  if (sb->fd >= 0) {
    if (!sb->buf) {
      sb->buf = (char *)malloc(STDOUT_CAP);
      if (!sb->buf) flrt_out_of_memory();
      sb->cap = STDOUT_CAP;
    }
    if (sb->len + n > sb->cap) {
      flrt_sb_flush(sb);
      if (n > sb->cap) {
        flrt_write_all(sb->fd, s, n);
        return;
      }
    }
  } else {
    flrt_sb_reserve(sb, n);
  }
  memcpy(sb->buf + sb->len, s, n);
  sb->len += n;
}

void flrt_sb_putc(flrt_sb *sb, char c) {
  if (sb->fd < 0 && sb->len < sb->cap && !sb->limit) {
    sb->buf[sb->len++] = c;
    return;
  }
  flrt_sb_put(sb, &c, 1);
}

void flrt_sb_printf(flrt_sb *sb, const char *fmt, ...) {
  char small[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if ((size_t)n < sizeof small) {
    flrt_sb_put(sb, small, (size_t)n);
    return;
  }
  char *big = (char *)malloc((size_t)n + 1);
  if (!big) flrt_out_of_memory();
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  flrt_sb_put(sb, big, (size_t)n);
  free(big);
}

fl_value flrt_sb_to_string(flrt_sb *sb) { return flrt_string_from(sb->buf, (int64_t)sb->len); }

void flrt_stdout_flush(void) { flrt_sb_flush(&flrt_stdout); }

FL_NORETURN void flrt_exit(int status) {
  flrt_stdout_flush();
  flrt_gc_report_stats();
  _exit(status);
}
