/* gc/alloc.cpp - size-class pools, page runs and large objects (see gc/heap.h). */
#include "gc/heap.h"

#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#define MiB ((size_t)1 << 20)
#define GiB ((size_t)1 << 30)
#define COMMIT_STEP (4 * MiB)
#define HUGE_PAGE (2 * MiB)

/* 16-byte steps up to 128, then four classes per power of two up to 8 KiB (rt.h). */
#define FLRT_CLASS_SIZE(n) n,
static constexpr uint32_t class_sizes[FLRT_NCLASSES] = {FL_SIZE_CLASSES(FLRT_CLASS_SIZE)};
#undef FLRT_CLASS_SIZE
static_assert(FLRT_NCLASSES == FL_NCLASSES && FLRT_SMALL_MAX == FL_SMALL_MAX, "rt.h size classes");

/* granule (16 bytes) count -> smallest class that holds it; a compile-time table so that the
 * fast path works (and falls into the slow path, which initializes the heap) before init. */
struct granule_table {
  uint8_t cls[FLRT_SMALL_MAX / 16 + 1];
};
static constexpr granule_table make_granule_table() {
  granule_table t = {};
  int c = 0;
  for (uint32_t g = 0; g <= FLRT_SMALL_MAX / 16; g++) {
    while (class_sizes[c] < g * 16) c++;
    t.cls[g] = (uint8_t)c;
  }
  return t;
}
static constexpr granule_table granules = make_granule_table();
extern const uint8_t flrt_granule_class[FL_SMALL_MAX / 16 + 1];
const uint8_t flrt_granule_class[FL_SMALL_MAX / 16 + 1] = {
#define G8(i) granules.cls[i], granules.cls[i + 1], granules.cls[i + 2], granules.cls[i + 3], \
              granules.cls[i + 4], granules.cls[i + 5], granules.cls[i + 6], granules.cls[i + 7],
#define G64(i) G8(i) G8(i + 8) G8(i + 16) G8(i + 24) G8(i + 32) G8(i + 40) G8(i + 48) G8(i + 56)
    G64(0) G64(64) G64(128) G64(192) G64(256) G64(320) G64(384) G64(448) granules.cls[512]};
#undef G64
#undef G8
#define class_of_granule flrt_granule_class

/* Pools start empty (bump == bump_end == NULL), so the first allocation takes the slow path,
 * which initializes the heap. */
#define FLRT_POOL_INIT(n) {NULL, NULL, NULL, n},
fl_pool flrt_pools[FL_NCLASSES] = {FL_SIZE_CLASSES(FLRT_POOL_INIT)};
#undef FLRT_POOL_INIT

static constexpr flrt_heap initial_heap() {
  flrt_heap h = {};
  for (int c = 0; c < FLRT_NCLASSES; c++) {
    h.cls[c].size = class_sizes[c];
    h.cls[c].ncells = (uint32_t)(FLRT_PAGE_SIZE / class_sizes[c]);
    h.cls[c].magic = ((UINT64_C(1) << 32) + class_sizes[c] - 1) / class_sizes[c];
    h.cls[c].bump_page = FLRT_NO_PAGE;
    h.cls[c].sweep = FLRT_NO_PAGE;
  }
  return h;
}
flrt_heap flrt_H = initial_heap();

size_t flrt_class_index(size_t bytes) { return class_of_granule[(bytes + 15) >> 4]; }

static size_t env_size(const char *name, size_t dflt) {
  const char *s = getenv(name);
  if (!s || !*s) return dflt;
  char *end;
  unsigned long long v = strtoull(s, &end, 10);
  if (*end == 'k' || *end == 'K') v <<= 10;
  if (*end == 'm' || *end == 'M') v <<= 20;
  if (*end == 'g' || *end == 'G') v <<= 30;
  return v ? (size_t)v : dflt;
}

/* A number from a file such as /sys/fs/cgroup/memory.max (0 when absent or "max"). */
static size_t file_size_value(const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  char buf[64];
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0) return 0;
  buf[n] = 0;
  return (size_t)strtoull(buf, NULL, 10);
}

size_t flrt_memory_budget(void) {
  size_t budget = SIZE_MAX;
  struct rlimit r;
  if (getrlimit(RLIMIT_DATA, &r) == 0 && r.rlim_cur != RLIM_INFINITY && r.rlim_cur < budget) budget = r.rlim_cur;
  if (getrlimit(RLIMIT_AS, &r) == 0 && r.rlim_cur != RLIM_INFINITY && r.rlim_cur < budget) budget = r.rlim_cur;
  return budget;
}

/* The most heap the machine can give this process without the kernel's OOM killer stepping in:
 * 3/4 of the physical memory or of the cgroup's limit, and half of the process's memory
 * budget (stacks and code need room too). Going beyond it is `out-of-memory`. */
static size_t machine_heap_limit(void) {
  size_t limit = 32 * GiB;
  long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
  if (pages > 0 && page > 0) {
    size_t phys = (size_t)pages * (size_t)page;
    if (phys / 4 * 3 < limit) limit = phys / 4 * 3;
  }
  size_t cg = file_size_value("/sys/fs/cgroup/memory.max");
  if (!cg) cg = file_size_value("/sys/fs/cgroup/memory/memory.limit_in_bytes");
  if (cg && cg / 4 * 3 < limit) limit = cg / 4 * 3;
  size_t budget = flrt_memory_budget();
  if (budget / 2 < limit) limit = budget / 2;
  return limit;
}

void flrt_heap_init(void) {
  flrt_heap *H = &flrt_H;
  if (H->initialized) return;
  /* Reserve address space only; pages are committed as the heap grows, up to the limit.
   * Smaller reservations are tried when the address space is short (emulators). */
  size_t want = env_size("FLRT_HEAP_MAX", env_size("FLRT_HEAP_RESERVE", 0));
  if (!want) want = machine_heap_limit();
  want = (want + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
  if (want < 64 * MiB) want = 64 * MiB;
  void *p = MAP_FAILED;
  size_t reserve = want;
  for (; reserve >= 64 * MiB; reserve /= 2) {
    p = mmap(NULL, reserve + HUGE_PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p != MAP_FAILED) break;
  }
  if (p == MAP_FAILED) flrt_out_of_memory();
  /* 2 MiB aligned, and transparent huge pages where the system offers them on request: lists
   * of numbers are scanned as long streams, which 4 KiB pages (one TLB entry each) slow down. */
  uintptr_t b = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
#ifdef MADV_HUGEPAGE
  if (!getenv("FLRT_NO_HUGEPAGES")) madvise((void *)b, reserve, MADV_HUGEPAGE);
#endif
  H->base = (char *)b;
  H->end = H->base + reserve;
  H->committed = H->base;
  H->frontier = H->base;
  size_t npages = reserve >> FLRT_PAGE_SHIFT;
  void *meta = mmap(NULL, npages * sizeof(flrt_page), PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (meta == MAP_FAILED) flrt_out_of_memory();
  H->pages = (flrt_page *)meta;
  H->free_runs = FLRT_NO_PAGE;
  H->min_trigger = env_size("FLRT_GC_MIN_HEAP", 8 * MiB);
  H->trigger = H->min_trigger;
  H->initialized = true;
}

static void commit_to(char *upto) {
  flrt_heap *H = &flrt_H;
  if (upto <= H->committed) return;
  size_t need = (size_t)(upto - H->committed);
  size_t step = (need + COMMIT_STEP - 1) / COMMIT_STEP * COMMIT_STEP;
  if (H->committed + step > H->end) step = (size_t)(H->end - H->committed);
  if (step < need || mprotect(H->committed, step, PROT_READ | PROT_WRITE) != 0) flrt_out_of_memory();
  H->committed += step;
}

static void note_pages_in_use(size_t delta) {
  flrt_heap *H = &flrt_H;
  H->pages_in_use += delta;
  size_t bytes = H->pages_in_use << FLRT_PAGE_SHIFT;
  if (bytes > H->peak_bytes) H->peak_bytes = bytes;
}

char *flrt_pages_alloc(size_t n) { return flrt_pages_alloc_ex(n, true); }

char *flrt_pages_alloc_ex(size_t n, bool zero) {
  flrt_heap *H = &flrt_H;
  /* First fit among the free runs (address order keeps the heap compact). */
  uint32_t prev = FLRT_NO_PAGE;
  for (uint32_t i = H->free_runs; i != FLRT_NO_PAGE; prev = i, i = H->pages[i].next) {
    flrt_page *r = &H->pages[i];
    if (r->run < n) continue;
    uint32_t next = r->next;
    if (r->run > n) {
      flrt_page *rest = &H->pages[i + n];
      rest->state = FLRT_PG_FREE;
      rest->run = r->run - (uint32_t)n;
      rest->dirty = r->dirty;
      rest->next = next;
      next = i + (uint32_t)n;
    }
    if (prev == FLRT_NO_PAGE) H->free_runs = next;
    else H->pages[prev].next = next;
    char *p = flrt_page_addr(i);
    if (r->dirty && zero) memset(p, 0, n << FLRT_PAGE_SHIFT);
    note_pages_in_use(n);
    return p;
  }
  if ((size_t)(H->end - H->frontier) < (n << FLRT_PAGE_SHIFT)) return NULL;
  char *p = H->frontier;
  commit_to(p + (n << FLRT_PAGE_SHIFT));
  H->frontier = p + (n << FLRT_PAGE_SHIFT);
  note_pages_in_use(n);
  return p;
}

void flrt_pages_release(uint32_t first, uint32_t n) {
  flrt_heap *H = &flrt_H;
  for (uint32_t i = first; i < first + n; i++) {
    H->pages[i].state = FLRT_PG_FREE;
    H->pages[i].dirty = 1;
    H->pages[i].run = 0;
    H->pages[i].size = 0;
  }
  H->pages_in_use -= n;
}

/* Relinks all free pages into maximal runs. With return_memory, dirty runs are given back to
 * the OS (they read as zero afterwards, so they become clean). */
void flrt_free_runs_rebuild(bool return_memory) {
  flrt_heap *H = &flrt_H;
  uint32_t total = flrt_page_index((uintptr_t)H->frontier);
  uint32_t *link = &H->free_runs;
  uint32_t i = 0;
  while (i < total) {
    if (H->pages[i].state != FLRT_PG_FREE) {
      i++;
      continue;
    }
    uint32_t j = i;
    uint8_t dirty = 0;
    while (j < total && H->pages[j].state == FLRT_PG_FREE) {
      dirty |= H->pages[j].dirty;
      H->pages[j].dirty = 0;
      j++;
    }
    if (dirty && return_memory) {
      madvise(flrt_page_addr(i), (size_t)(j - i) << FLRT_PAGE_SHIFT, MADV_DONTNEED);
      dirty = 0;
    }
    H->pages[i].run = j - i;
    H->pages[i].dirty = dirty;
    *link = i;
    link = &H->pages[i].next;
    i = j;
  }
  *link = FLRT_NO_PAGE;
}

/* The current bump page of each class records how far it has been used. */
void flrt_heap_sync_bump(void) {
  flrt_heap *H = &flrt_H;
  for (int c = 0; c < FLRT_NCLASSES; c++) {
    flrt_class *k = &H->cls[c];
    if (k->bump_page != FLRT_NO_PAGE)
      H->pages[k->bump_page].top = (uint32_t)(flrt_pools[c].bump - flrt_page_addr(k->bump_page));
  }
}

static void maybe_collect(void) {
  flrt_heap *H = &flrt_H;
  if (H->inhibit == 0 && !H->collecting) flrt_gc_collect();
}

/* Allocation is counted here, not in the fast path: a page when it becomes a bump page, the
 * cells a lazy sweep frees when they are. */
void *flrt_alloc_slow(fl_pool *pool) {
  flrt_heap *H = &flrt_H;
  if (FLRT_UNLIKELY(!H->initialized)) flrt_heap_init();
  size_t c = (size_t)(pool - flrt_pools);
  flrt_class *k = &H->cls[c];
  if (H->allocated > H->trigger) maybe_collect();
  for (bool collected = false;;) {
    if (pool->free || (uintptr_t)pool->bump + pool->size <= (uintptr_t)pool->bump_end)
      return fl_pool_alloc(pool);
    /* pages with live cells wait to be swept until their class needs cells */
    bool found = false;
    while (!found && k->sweep != FLRT_NO_PAGE) {
      uint32_t pi = k->sweep;
      k->sweep = H->pages[pi].next;
      uint32_t freed = flrt_sweep_page(pi);
      H->allocated += (size_t)freed * k->size;
      found = freed > 0;
    }
    if (found) continue;
    char *p = flrt_pages_alloc_ex(1, false); /* callers initialize their cells */
    if (!p) {
      if (collected) flrt_out_of_memory();
      maybe_collect();
      collected = true;
      continue;
    }
    H->allocated += FLRT_PAGE_SIZE;
    if (k->bump_page != FLRT_NO_PAGE) H->pages[k->bump_page].top = k->ncells * k->size;
    uint32_t pi = flrt_page_index((uintptr_t)p);
    flrt_page *pg = &H->pages[pi];
    pg->state = FLRT_PG_SMALL;
    pg->cls = (uint8_t)c;
    pg->top = 0;
    pg->size = 0;
    k->bump_page = pi;
    pool->bump = p;
    pool->bump_end = p + (size_t)k->ncells * k->size;
  }
}

static void *alloc_large(size_t bytes, bool zero) {
  flrt_heap *H = &flrt_H;
  if (!H->initialized) flrt_heap_init();
  size_t n = (bytes + FLRT_PAGE_SIZE - 1) >> FLRT_PAGE_SHIFT;
  if (n > UINT32_MAX / 2) flrt_out_of_memory();
  H->allocated += n << FLRT_PAGE_SHIFT;
  if (H->allocated > H->trigger) maybe_collect();
  char *p = flrt_pages_alloc_ex(n, zero);
  if (!p) {
    maybe_collect();
    p = flrt_pages_alloc_ex(n, zero);
    if (!p) flrt_out_of_memory();
  }
  if (!zero) memset(p, 0, FLRT_UNZEROED_PREFIX);
  uint32_t pi = flrt_page_index((uintptr_t)p);
  H->pages[pi].state = FLRT_PG_LARGE;
  H->pages[pi].run = (uint32_t)n;
  H->pages[pi].size = bytes;
  for (uint32_t j = 1; j < n; j++) {
    H->pages[pi + j].state = FLRT_PG_LARGE_CONT;
    H->pages[pi + j].run = j;
  }
  return p;
}

void *flrt_alloc(size_t bytes) {
  if (FLRT_LIKELY(bytes <= FLRT_SMALL_MAX)) {
    void *p = fl_pool_alloc(&flrt_pools[class_of_granule[(bytes + 15) >> 4]]);
    memset(p, 0, bytes); /* cells hold old bytes (rt.h) */
    return p;
  }
  return alloc_large(bytes, true);
}

void flrt_alloc_coming(size_t bytes) {
  flrt_heap *H = &flrt_H;
  if (!H->initialized || H->allocated + bytes <= H->trigger) return;
  maybe_collect();
  /* no collection in the middle of the new data: it could not free any of it */
  if (H->allocated == 0 && H->trigger < bytes) H->trigger = bytes;
}

void *flrt_alloc_unzeroed(size_t bytes) {
  if (bytes <= FLRT_SMALL_MAX) return flrt_alloc(bytes); /* small cells are zeroed anyway */
  return alloc_large(bytes, false);
}

void *flrt_heap_find(uintptr_t a) {
  flrt_heap *H = &flrt_H;
  if (!flrt_heap_contains(a)) return NULL;
  uint32_t pi = flrt_page_index(a);
  flrt_page *pg = &H->pages[pi];
  switch (pg->state) {
    case FLRT_PG_SMALL: {
      uint32_t off = (uint32_t)(a & (FLRT_PAGE_SIZE - 1));
      if (off >= pg->top) return NULL;
      const flrt_class *k = &H->cls[pg->cls];
      char *cell = flrt_page_addr(pi) + (uint32_t)(((uint64_t)off * k->magic) >> 32) * k->size;
      if (*(uint64_t *)cell == FLRT_FREE_MAGIC) return NULL;
      return cell;
    }
    case FLRT_PG_LARGE_CONT:
      pi -= pg->run;
      pg = &H->pages[pi];
      /* fallthrough */
    case FLRT_PG_LARGE:
      if (a >= (uintptr_t)flrt_page_addr(pi) + pg->size) return NULL;
      return flrt_page_addr(pi);
    default:
      return NULL;
  }
}

FL_NORETURN void flrt_out_of_memory(void) {
  flrt_stdout_flush();
  static const char msg[] = "error: out-of-memory: the heap is exhausted\n";
  flrt_write_all(2, msg, sizeof msg - 1);
  _exit(1);
}
