/* error/backtrace.cpp - the FluentAI frames of an uncaught error, innermost first (§10.3).
 *
 * The stack is walked with the unwinder (generated functions have unwind tables), each return
 * address is named by the executable's symbol table (generated functions are "fl.NAME" or
 * "fl.NAME#N") and placed by its DWARF line table (flc emits line tables even without -g). Both
 * are read from /proc/self/exe with plain system calls and no allocation from the heap, so a
 * report also works from the stack-overflow signal handler. Runtime and libc frames are left
 * out; frames replaced by tail calls are gone (as in Scheme), and calls the optimizer inlined
 * are part of their caller's frame. FLRT_BACKTRACE=0 (or flc build --no-backtrace) turns the
 * report off.
 */
#include "internal.h"

#include "error/dwarf.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unwind.h>

/* Generated code defines this (0 with --no-backtrace); the weak default serves the unit tests. */
extern "C" __attribute__((weak)) const int flrt_backtrace_default = 1;

/* Cold code: smallest, not fastest. */
#ifdef __clang__
#pragma clang attribute push(__attribute__((minsize)), apply_to = function)
#endif

namespace {

constexpr int kHead = 48;          /* innermost frames kept */
constexpr int kTail = 16;          /* outermost frames kept (a ring) */
constexpr long kMaxWalk = 1000000; /* frames walked at most (deep recursion) */

struct Walk {
  uintptr_t head[kHead];
  uintptr_t tail[kTail];
  long total;
  long limit;
};

_Unwind_Reason_Code on_frame(struct _Unwind_Context *ctx, void *arg) {
  Walk *w = (Walk *)arg;
  int before = 0;
  uintptr_t pc = _Unwind_GetIPInfo(ctx, &before);
  if (pc == 0) return _URC_END_OF_STACK;
  if (!before) pc -= 1; /* a return address: the call is the instruction before it */
  if (w->total < kHead) w->head[w->total] = pc;
  else w->tail[(w->total - kHead) % kTail] = pc;
  if (++w->total >= w->limit) return _URC_END_OF_STACK;
  return _URC_NO_REASON;
}

struct Frame {
  const char *name; /* NULL: a "more frames" marker (repeat < 0: inlined calls left out) */
  size_t name_len;
  flrt_place place;
  const char *loc; /* the innermost frame: the failing operation's "file:line:col" */
  long repeat;
};

void put_long(flrt_sb *sb, long v) { /* no stdio: async-signal-safe */
  char buf[24];
  int n = sizeof buf;
  unsigned long u = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
  do buf[--n] = (char)('0' + u % 10), u /= 10;
  while (u);
  if (v < 0) buf[--n] = '-';
  flrt_sb_put(sb, buf + n, sizeof buf - (size_t)n);
}

void put_frame(flrt_sb *sb, const Frame &f) {
  flrt_sb_puts(sb, "  in ");
  flrt_sb_put(sb, f.name, f.name_len);
  if (f.loc) {
    flrt_sb_puts(sb, " at ");
    flrt_sb_puts(sb, f.loc);
  } else if (f.place.file && f.place.line > 0) {
    flrt_sb_puts(sb, " at ");
    if (f.place.dir && strcmp(f.place.dir, ".") != 0) {
      flrt_sb_puts(sb, f.place.dir);
      flrt_sb_putc(sb, '/');
    }
    flrt_sb_puts(sb, f.place.file);
    flrt_sb_putc(sb, ':');
    put_long(sb, f.place.line);
    if (f.place.col) {
      flrt_sb_putc(sb, ':');
      put_long(sb, f.place.col);
    }
  }
  if (f.repeat > 1) {
    flrt_sb_puts(sb, " (");
    put_long(sb, f.repeat);
    flrt_sb_puts(sb, " times)");
  }
  flrt_sb_putc(sb, '\n');
}

bool same_name(const Frame &a, const char *name, size_t len) {
  return a.name && a.name_len == len && memcmp(a.name, name, len) == 0;
}

bool same_frame(const Frame &a, const Frame &b) {
  if (!same_name(a, b.name, b.name_len) || a.loc || b.loc) return false;
  if (!a.place.file || !b.place.file) return a.place.file == b.place.file;
  return a.place.dir == b.place.dir && a.place.line == b.place.line && a.place.col == b.place.col && strcmp(a.place.file, b.place.file) == 0;
}

constexpr int kMaxInline = 32;
constexpr int kMaxFrames = (kHead + kTail) * (kMaxInline + 1) + 1;

struct Frames {
  Frame f[kMaxFrames];
  int n;
  void add(const Frame &x) {
    Frame *prev = n > 0 && f[n - 1].name ? &f[n - 1] : NULL;
    /* fl_program_main calling (or inlining) the top level adds nothing */
    if (prev && same_name(*prev, "<module>", 8) && same_name(x, "<module>", 8)) return;
    if (prev && same_frame(*prev, x)) {
      prev->repeat += x.repeat;
      return;
    }
    if (n < kMaxFrames) f[n++] = x;
  }
};

}  // namespace

volatile int flrt_backtrace_active = 0;

bool flrt_backtrace_enabled(void) {
  const char *env = getenv("FLRT_BACKTRACE");
  if (env && *env) return strcmp(env, "0") != 0;
  return flrt_backtrace_default != 0;
}

extern "C" void flrt_backtrace_print(flrt_sb *sb, long max_walk, const char *innermost) {
  static Walk w;
  w.total = 0;
  w.limit = max_walk > 0 && max_walk < kMaxWalk ? max_walk : kMaxWalk;
  _Unwind_Backtrace(on_frame, &w);
  static flrt_image im;
  if (w.total == 0 || !flrt_image_load(&im)) return;
  /* The raw frames kept, innermost first, as link-time pcs. */
  static uint64_t pcs[kHead + kTail];
  static flrt_place places[kHead + kTail];
  int kept = 0;
  for (long i = 0; i < w.total && i < kHead; i++) pcs[kept++] = w.head[i];
  long tail_n = w.total > kHead ? (w.total - kHead < kTail ? w.total - kHead : kTail) : 0;
  for (long i = w.total - tail_n; i < w.total; i++) pcs[kept++] = w.tail[(i - kHead) % kTail];
  int omitted_at = w.total > kHead + kTail ? kHead : -1;
  long omitted = w.total - kept;
  for (int i = 0; i < kept; i++) pcs[i] -= (uint64_t)im.bias;
  flrt_image_place(&im, pcs, places, kept);
  static Frames out;
  out.n = 0;
  static flrt_inlined chain[kMaxInline];
  bool first = true;
  for (int i = 0; i < kept; i++) {
    if (i == omitted_at) out.f[out.n++] = Frame{NULL, 0, flrt_place{NULL, NULL, 0, 0}, NULL, omitted};
    size_t len = 0;
    const char *name = flrt_image_fl_function(&im, pcs[i], &len);
    if (!name) continue;
    /* Innermost first: the innermost inlined call at the line-table place, each inlined call
     * at its call site in the next one out, and the function itself. */
    int omitted_inline = 0;
    int n = flrt_image_inlined(&im, pcs[i], chain, kMaxInline, &omitted_inline);
    flrt_place at = places[i];
    for (int k = n; k >= 0; k--) {
      if (k == 0 && omitted_inline > 0 && out.n < kMaxFrames)
        out.f[out.n++] = Frame{NULL, 0, flrt_place{NULL, NULL, 0, 0}, NULL, -(long)omitted_inline};
      Frame f = k > 0 ? Frame{chain[k - 1].name, chain[k - 1].name_len, at, NULL, 1} : Frame{name, len, at, NULL, 1};
      if (first && innermost) f.loc = innermost;
      first = false;
      out.add(f);
      if (k > 0) at = chain[k - 1].call;
    }
  }
  bool any = false;
  for (int i = 0; i < out.n; i++) any |= out.f[i].name != NULL;
  if (any) {
    flrt_sb_puts(sb, "backtrace (innermost first; FLRT_BACKTRACE=0 hides it):\n");
    for (int i = 0; i < out.n; i++) {
      if (out.f[i].name) {
        put_frame(sb, out.f[i]);
      } else if (out.f[i].repeat < 0) {
        flrt_sb_puts(sb, "  ... ");
        put_long(sb, -out.f[i].repeat);
        flrt_sb_puts(sb, " more inlined calls ...\n");
      } else {
        flrt_sb_puts(sb, "  ... ");
        put_long(sb, out.f[i].repeat);
        flrt_sb_puts(sb, " more frames ...\n");
      }
    }
    if (w.total >= w.limit) flrt_sb_puts(sb, "  ... (outer frames not shown)\n");
  }
  flrt_image_unload(&im);
}

#ifdef __clang__
#pragma clang attribute pop
#endif
