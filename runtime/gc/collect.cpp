/* gc/collect.cpp - mark-sweep collection.
 *
 * Roots: the stack of the running program and the callee-saved registers (spilled by setjmp),
 * scanned conservatively: any word that points into an allocated object (interior pointers and
 * list values with an index in the high bits included) keeps it alive; the registered root
 * ranges (module variables) and the runtime's own tables. Heap objects are traced precisely by
 * kind; an object whose header is still zero (allocated, not yet initialized by its caller) or
 * of a kind without a known layout is scanned conservatively. Objects outside the heap (static
 * ones emitted by the compiler, C data) are never marked or freed. Marks live in the header's
 * gc byte; sweeping rebuilds the size-class free lists and releases empty pages.
 */
#include "gc/heap.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define MARK 1u
#define MiB ((size_t)1 << 20)

typedef struct root_range {
  fl_value *base;
  int64_t n;
} root_range;

static root_range *ranges;
static size_t nranges, ranges_cap;
static flrt_root_scanner scanners[16];
static int nscanners;

static uintptr_t program_stack_top;
static pthread_t program_thread;

static fl_header **mark_stack;
static size_t mark_len, mark_cap;

/* statistics for FLRT_GC_STATS */
static uint64_t collections;
static double total_pause_ms, max_pause_ms;
static int stats_mode = -1;
static int gc_disabled = -1;

void flrt_register_roots(fl_value *base, int64_t n) {
  if (nranges == ranges_cap) {
    ranges_cap = ranges_cap ? ranges_cap * 2 : 16;
    ranges = (root_range *)realloc(ranges, ranges_cap * sizeof(root_range));
    if (!ranges) flrt_out_of_memory();
  }
  ranges[nranges].base = base;
  ranges[nranges].n = n;
  nranges++;
}

void flrt_gc_add_root_scanner(flrt_root_scanner fn) {
  if (nscanners == (int)(sizeof scanners / sizeof scanners[0])) flrt_out_of_memory();
  scanners[nscanners++] = fn;
}

void flrt_gc_set_stack_top(uintptr_t hi) {
  program_stack_top = hi;
  program_thread = pthread_self();
}

/* ---- marking --------------------------------------------------------------------------------- */
static void push(fl_header *h) {
  if (mark_len == mark_cap) {
    mark_cap = mark_cap ? mark_cap * 2 : 4096;
    mark_stack = (fl_header **)realloc(mark_stack, mark_cap * sizeof(fl_header *));
    if (!mark_stack) flrt_out_of_memory();
  }
  mark_stack[mark_len++] = h;
}

/* Objects are pushed unmarked and marked when they come off the stack (drain): the header is
 * read only then, after a prefetch, instead of at once by a cache miss per pointer. A stack that
 * grows long (many references to few objects) switches to marking at push time, so that it
 * stays bounded by the number of objects; such entries carry bit 0 ("marked, trace it"). */
#define EAGER_MARK_LEN ((size_t)1 << 16)
static inline void push_object(fl_header *h) {
  if (FLRT_LIKELY(mark_len < EAGER_MARK_LEN)) {
    push(h);
    return;
  }
  if (h->gc & MARK) return;
  h->gc |= MARK;
  push((fl_header *)((uintptr_t)h | 1));
}

static inline void mark_addr(uintptr_t a) {
  if (!flrt_heap_contains(a)) return;
  fl_header *h = (fl_header *)flrt_heap_find(a);
  if (h) push_object(h);
}

/* A word that may be a value or a raw pointer: list values carry an index in bits 48..63. */
static inline void mark_word(uint64_t w) {
  if (flrt_heap_contains((uintptr_t)w)) mark_addr((uintptr_t)w);
  else if (w >> 48) mark_addr((uintptr_t)(w & FL_LIST_ADDR_MASK));
}

/* A value stored in a heap object (precise): a pointer value is the start of a live object
 * (or a static object outside the heap), a list value the start of its block, so no lookup of
 * the containing object is needed. */
static inline void mark_value(fl_value v) {
  uintptr_t a = fl_is_ptr(v) ? (uintptr_t)v : fl_is_list_ptr(v) ? (uintptr_t)(v & FL_LIST_ADDR_MASK) : 0;
  if (flrt_heap_contains(a)) push_object((fl_header *)a);
}

/* Reads whole stack ranges, including bytes AddressSanitizer considers out of bounds. */
__attribute__((no_sanitize("address"))) static void mark_words(const uint64_t *p, size_t n) {
  for (size_t i = 0; i < n; i++) mark_word(p[i]);
}

static void visit_range(fl_value *slot, int64_t n) { mark_words(slot, (size_t)n); }

static size_t live_bytes;
static size_t stack_bytes; /* scanned by the last collection */

static void trace(fl_header *h) {
  flrt_page *pg = &flrt_H.pages[flrt_page_index((uintptr_t)h)];
  size_t size;
  if (pg->state == FLRT_PG_SMALL) {
    size = flrt_H.cls[pg->cls].size;
    pg->size++; /* a page nothing marked is released without a sweep */
  } else {
    size = pg->size;
  }
  live_bytes += size;
  switch (h->kind) {
    case FL_K_INT:
    case FL_K_FLOAT:
    case FL_K_RAW:
    case FL_K_POINTER: /* a C address, not a heap reference */
      return;
    case FL_K_STRING:
      mark_addr((uintptr_t)((fl_string *)h)->data); /* inline bytes, a buffer or static data */
      return;
    case FL_K_LISTBLOCK: {
      fl_list_block *b = (fl_list_block *)h;
      mark_value(b->rest);
      if (b->elem == FL_ELEM_VALUE)
        for (uint32_t i = b->front; i < b->cap; i++) mark_value(b->slots[i]);
      return;
    }
    case FL_K_FUNCTION: {
      fl_function *f = (fl_function *)h;
      for (uint32_t i = 0; i < f->hdr.aux; i++) mark_value(f->free[i]);
      return;
    }
    case FL_K_SYMBOL:
    case FL_K_KEYWORD:
      mark_value(((fl_symbol *)h)->name);
      return;
    case FL_K_TAGGED: {
      fl_tagged *t = (fl_tagged *)h;
      mark_value(t->tag);
      uint32_t n = fl_tagged_count(t), raw = fl_tagged_raw(t);
      for (uint32_t i = 0; i < n; i++)
        if (i >= FL_TAGGED_RAW_FIELDS || !(raw >> i & 1u)) mark_value(t->fields[i]);
      return;
    }
    case FL_K_ERROR:
      mark_value(((fl_error_obj *)h)->kind);
      mark_value(((fl_error_obj *)h)->message);
      return;
    case FL_K_BOX:
      mark_value(((fl_box *)h)->value);
      return;
    case FL_K_VECTOR: {
      fl_vector *v = (fl_vector *)h;
      if (v->hdr.aux == FL_ELEM_VALUE)
        for (int64_t i = 0; i < v->len; i++) mark_value(v->slots[i]);
      return;
    }
    case FL_K_MAP:
      mark_value(((flrt_map *)h)->hroot);
      mark_value(((flrt_map *)h)->oroot);
      return;
    default:
      /* header not filled in yet, or a kind without a layout here: every word may matter */
      mark_words((const uint64_t *)h + 1, size / 8 - 1);
      return;
  }
}

/* Objects pass through a small FIFO between the mark stack and trace(): each is prefetched as
 * it enters, so its header and fields are in the cache by the time it is marked and traced. */
static void drain(void) {
  enum { N = 8 };
  fl_header *ring[N];
  unsigned head = 0, n = 0;
  for (;;) {
    while (n < N && mark_len > 0) {
      fl_header *h = mark_stack[--mark_len];
      __builtin_prefetch((void *)((uintptr_t)h & ~(uintptr_t)1), 1);
      ring[(head + n) % N] = h;
      n++;
    }
    if (n == 0) return;
    fl_header *h = ring[head];
    head = (head + 1) % N;
    n--;
    if ((uintptr_t)h & 1) { /* marked when pushed */
      trace((fl_header *)((uintptr_t)h & ~(uintptr_t)1));
      continue;
    }
    if (h->gc & MARK) continue;
    h->gc |= MARK;
    trace(h);
  }
}

static uintptr_t current_stack_top(void) {
  if (program_stack_top && pthread_equal(pthread_self(), program_thread)) return program_stack_top;
  static uintptr_t cached;
  static pthread_t cached_thread;
  if (cached && pthread_equal(pthread_self(), cached_thread)) return cached;
  pthread_attr_t attr;
  void *addr = NULL;
  size_t size = 0;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    pthread_attr_getstack(&attr, &addr, &size);
    pthread_attr_destroy(&attr);
  }
  cached = (uintptr_t)addr + size;
  cached_thread = pthread_self();
  return cached;
}

uintptr_t flrt_gc_current_stack_top(void) { return current_stack_top(); }

/* The scan starts at this deeper frame, below everything the callers saved (its frame address
 * rather than a local's: sanitizers may move locals to a heap "fake stack"). */
__attribute__((noinline)) static void scan_stack_from_here(void) {
  uintptr_t lo = (uintptr_t)__builtin_frame_address(0) & ~(uintptr_t)7;
  uintptr_t hi = current_stack_top() & ~(uintptr_t)7;
  stack_bytes = hi > lo ? hi - lo : 0;
  if (hi > lo) mark_words((const uint64_t *)lo, (hi - lo) / 8);
}

/* Spills every callee-saved register into this frame (setjmp alone is not enough: glibc
 * mangles some of the registers it saves), then scans the stack. */
__attribute__((noinline)) static void mark_stack_and_registers(void) {
  __builtin_unwind_init();
  jmp_buf regs;
  setjmp(regs);
  scan_stack_from_here();
  __asm__ volatile("" ::"r"(&regs) : "memory"); /* keeps regs and forbids a tail call */
}

static void mark_roots(void) {
  mark_stack_and_registers();
  for (size_t i = 0; i < nranges; i++) mark_words(ranges[i].base, (size_t)ranges[i].n);
  for (int i = 0; i < nscanners; i++) scanners[i](visit_range);
  drain();
}

/* ---- sweeping -------------------------------------------------------------------------------- */
/* Marking counts the live cells of each small page. A page with none is released whole, without
 * touching its cells; the others wait in their class's `sweep` list and are swept one at a time
 * when the allocator runs out of cells of that class, so a collection costs in proportion to the
 * live data, not to the heap. Pages still waiting when the next collection starts are swept
 * first: marking needs every dead cell marked free and every mark bit clear. */

uint32_t flrt_sweep_page(uint32_t pi) {
  flrt_heap *H = &flrt_H;
  flrt_page *pg = &H->pages[pi];
  flrt_class *k = &H->cls[pg->cls];
  char *base = flrt_page_addr(pi);
  uint32_t n = pg->top / k->size, freed = 0;
  void *first = NULL, **tail = &first;
  for (uint32_t i = 0; i < n; i++) {
    char *cell = base + (size_t)i * k->size;
    uint64_t *w = (uint64_t *)cell;
    if (w[0] != FLRT_FREE_MAGIC) {
      fl_header *h = (fl_header *)cell;
      if (h->gc & MARK) {
        h->gc &= ~MARK;
        continue;
      }
      w[0] = FLRT_FREE_MAGIC; /* the rest keeps its old bytes: allocation initializes cells */
    }
    *tail = cell;
    tail = (void **)(cell + 8);
    freed++;
  }
  fl_pool *pool = &flrt_pools[pg->cls];
  *tail = pool->free;
  pool->free = first;
  return freed;
}

void flrt_sweep_pending(void) {
  flrt_heap *H = &flrt_H;
  for (int c = 0; c < FLRT_NCLASSES; c++) {
    flrt_class *k = &H->cls[c];
    while (k->sweep != FLRT_NO_PAGE) {
      uint32_t pi = k->sweep;
      k->sweep = H->pages[pi].next;
      flrt_sweep_page(pi);
    }
    flrt_pools[c].free = NULL; /* every free cell is found again by the sweep after marking */
  }
  uint32_t total = flrt_page_index((uintptr_t)H->frontier);
  for (uint32_t pi = 0; pi < total; pi++)
    if (H->pages[pi].state == FLRT_PG_SMALL) H->pages[pi].size = 0;
}

/* After marking: releases unmarked large objects and small pages without live cells; queues the
 * other small pages for lazy sweeping. Bump pages are swept now: cells allocated after this
 * collection lie above their recorded top, and a later sweep could not tell them from garbage. */
static void sweep(void) {
  flrt_heap *H = &flrt_H;
  uint32_t *tails[FLRT_NCLASSES];
  for (int c = 0; c < FLRT_NCLASSES; c++) {
    H->cls[c].sweep = FLRT_NO_PAGE;
    tails[c] = &H->cls[c].sweep;
  }
  uint32_t total = flrt_page_index((uintptr_t)H->frontier);
  for (uint32_t pi = 0; pi < total; pi++) {
    flrt_page *pg = &H->pages[pi];
    if (pg->state == FLRT_PG_LARGE) {
      fl_header *h = (fl_header *)flrt_page_addr(pi);
      if (h->gc & MARK) h->gc &= ~MARK;
      else flrt_pages_release(pi, pg->run);
      continue;
    }
    if (pg->state != FLRT_PG_SMALL) continue;
    if (H->cls[pg->cls].bump_page == pi) {
      flrt_sweep_page(pi);
    } else if (pg->size == 0) {
      flrt_pages_release(pi, 1);
    } else {
      *tails[pg->cls] = pi;
      tails[pg->cls] = &pg->next;
    }
  }
  for (int c = 0; c < FLRT_NCLASSES; c++) *tails[c] = FLRT_NO_PAGE;
}

/* ---- entry ----------------------------------------------------------------------------------- */
static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static size_t env_percent(const char *name, size_t dflt) {
  const char *s = getenv(name);
  long v = s && *s ? atol(s) : 0;
  return v > 0 ? (size_t)v : dflt;
}

static void read_env(void) {
  const char *s = getenv("FLRT_GC_STATS");
  stats_mode = s && *s && *s != '0' ? atoi(s) > 0 ? atoi(s) : 1 : 0;
  const char *d = getenv("FLRT_GC");
  gc_disabled = d && strcmp(d, "off") == 0;
}

void flrt_gc_collect(void) {
  flrt_heap *H = &flrt_H;
  if (!H->initialized || H->collecting || H->inhibit) return;
  if (stats_mode < 0) read_env();
  if (gc_disabled) {
    H->total_allocated += H->allocated;
    H->allocated = 0;
    return;
  }
  H->collecting = true;
  double t0 = now_ms();
  flrt_heap_sync_bump();
  flrt_sweep_pending();
  flrt_string_cache_reset();
  live_bytes = 0;
  mark_roots();
  sweep();
  size_t in_use = H->pages_in_use << FLRT_PAGE_SHIFT;
  size_t free_bytes = (size_t)(H->frontier - H->base) - in_use;
  flrt_free_runs_rebuild(free_bytes > (live_bytes > 64 * MiB ? live_bytes : 64 * MiB));
  H->live_bytes = live_bytes;
  if (live_bytes > H->max_live_bytes) H->max_live_bytes = live_bytes;
  H->total_allocated += H->allocated;
  H->allocated = 0;
  /* The next collection waits for twice as many bytes as are live (FLRT_GC_GROWTH, percent:
   * the heap stays within about three times the live data, and a collection's marking costs at
   * most half a byte per byte allocated) and at least as many as the stack it will scan (deep
   * recursion). */
  static size_t growth = env_percent("FLRT_GC_GROWTH", 200);
  size_t grown = live_bytes / 100 * growth;
  size_t next = grown > H->min_trigger ? grown : H->min_trigger;
  H->trigger = stack_bytes > next ? stack_bytes : next;
  H->collecting = false;
  double pause = now_ms() - t0;
  collections++;
  H->collections = collections;
  total_pause_ms += pause;
  if (pause > max_pause_ms) max_pause_ms = pause;
  if (stats_mode > 1) {
    char line[160];
    int n = snprintf(line, sizeof line, "gc: collection %llu: %.3f ms, live %.1f MiB, heap %.1f MiB\n",
                     (unsigned long long)collections, pause, (double)live_bytes / MiB,
                     (double)(H->pages_in_use << FLRT_PAGE_SHIFT) / MiB);
    flrt_write_all(2, line, (size_t)n);
  }
}

/* The process's peak resident set (VmHWM in /proc/self/status) in KiB, or -1. */
static long long peak_rss_kib(void) {
  int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  char buf[4096];
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0) return -1;
  buf[n] = 0;
  const char *p = strstr(buf, "VmHWM:");
  return p ? strtoll(p + 6, NULL, 10) : -1;
}

void flrt_gc_report_stats(void) {
  read_env();
  if (!stats_mode) return;
  flrt_heap *H = &flrt_H;
  char line[320];
  int n = snprintf(line, sizeof line,
                   "gc: %llu collections, total pause %.3f ms, max pause %.3f ms, peak heap %.1f MiB, "
                   "max live %.1f MiB, allocated %.1f MiB, peak RSS %.1f MiB\n",
                   (unsigned long long)collections, total_pause_ms, max_pause_ms,
                   (double)H->peak_bytes / MiB, (double)H->max_live_bytes / MiB,
                   (double)(H->total_allocated + H->allocated) / MiB, (double)peak_rss_kib() / 1024);
  flrt_write_all(2, line, (size_t)n);
}
