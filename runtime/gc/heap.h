/* gc/heap.h - the allocator's data structures, shared by the allocator and the collector.
 *
 * The heap is one reserved address range cut into 32 KiB pages. A side table (one flrt_page per
 * page) says what each page holds, so any address can be mapped to the object containing it:
 *   small pages: cells of one size class, cell k at page + k * size (no in-page header);
 *   large runs:  one object per run of whole pages (head page + continuation pages).
 * A free small cell has FLRT_FREE_MAGIC as its first word (kind 255 is no object kind) and the
 * free-list link in its second word. Cells of a page at or above `top` were never handed out.
 */
#ifndef FLRT_GC_HEAP_H
#define FLRT_GC_HEAP_H

#include "internal.h"

#define FLRT_PAGE_SHIFT 15
#define FLRT_PAGE_SIZE ((size_t)1 << FLRT_PAGE_SHIFT)
#define FLRT_SMALL_MAX 8192u
#define FLRT_NCLASSES 32
#define FLRT_FREE_MAGIC UINT64_C(0xFFFFFFFFFFFFFFFF)
#define FLRT_NO_PAGE UINT32_MAX

enum flrt_page_state : uint8_t {
  FLRT_PG_UNUSED = 0, /* beyond the frontier */
  FLRT_PG_FREE,       /* in a free run */
  FLRT_PG_SMALL,
  FLRT_PG_LARGE,      /* first page of a large object */
  FLRT_PG_LARGE_CONT, /* `run` = distance to the first page */
};

typedef struct flrt_page {
  uint8_t state;
  uint8_t cls;   /* FLRT_PG_SMALL: size class */
  uint8_t dirty; /* FLRT_PG_FREE run head: pages may hold old bytes */
  uint8_t pad;
  uint32_t run;  /* FREE / LARGE head: pages in the run; LARGE_CONT: distance to head */
  uint32_t top;  /* SMALL: bytes of the page handed out so far (bump high-water mark) */
  uint32_t next; /* FREE run head: next free run (address order); SMALL: next page waiting to
                  * be swept (flrt_class::sweep); or FLRT_NO_PAGE */
  uint64_t size; /* LARGE head: object size in bytes; SMALL: cells marked by the last collection */
} flrt_page;

typedef struct flrt_class {
  uint32_t size;   /* cell size */
  uint32_t ncells; /* cells per page */
  uint64_t magic;  /* ceil(2^32 / size): offset / size == offset * magic >> 32 for offsets < 2^15 */
  /* free cells, bump pointer: flrt_pools[class] (rt.h) */
  uint32_t bump_page; /* page the bump pointer is in, or FLRT_NO_PAGE */
  uint32_t sweep;     /* first page of this class not swept since the last collection */
} flrt_class;

typedef struct flrt_heap {
  char *base, *end;       /* reserved range, page aligned */
  char *committed;        /* [base, committed) is readable and writable */
  char *frontier;         /* [base, frontier) has been handed out as pages at some point */
  flrt_page *pages;       /* one per reserved page */
  uint32_t free_runs;     /* first free run, address order */
  flrt_class cls[FLRT_NCLASSES];

  /* accounting and collector policy */
  size_t allocated;       /* bytes allocated since the last collection */
  size_t trigger;         /* collect when `allocated` exceeds this */
  size_t min_trigger;
  size_t pages_in_use;    /* small + large pages */
  size_t peak_bytes;      /* max of pages_in_use * PAGE over the run */
  size_t live_bytes;      /* bytes marked by the last collection */
  size_t max_live_bytes;  /* max of live_bytes over the run */
  uint64_t total_allocated; /* bytes allocated before the last collection, over the run */
  uint64_t collections;
  int inhibit;            /* >0: no collection (runtime code in a delicate state) */
  bool collecting;
  bool initialized;
} flrt_heap;

extern flrt_heap flrt_H;

static inline bool flrt_heap_contains(uintptr_t a) {
  return a - (uintptr_t)flrt_H.base < (uintptr_t)(flrt_H.frontier - flrt_H.base);
}
static inline uint32_t flrt_page_index(uintptr_t a) {
  return (uint32_t)((a - (uintptr_t)flrt_H.base) >> FLRT_PAGE_SHIFT);
}
static inline char *flrt_page_addr(uint32_t i) { return flrt_H.base + ((size_t)i << FLRT_PAGE_SHIFT); }

/* The start of the allocated object containing address a, or NULL (not in the heap, a free
 * cell, never allocated). Bump pages must be synced first (flrt_heap_sync_bump). */
void *flrt_heap_find(uintptr_t a);
void flrt_heap_sync_bump(void);
/* Page runs: allocation (zeroed) and release (contents left dirty). */
char *flrt_pages_alloc(size_t n);
char *flrt_pages_alloc_ex(size_t n, bool zero); /* zero = false: may hold old bytes */
void flrt_pages_release(uint32_t first, uint32_t n);
void flrt_free_runs_rebuild(bool return_memory);
size_t flrt_class_index(size_t bytes);
/* Lazy sweeping: frees the unmarked cells of one page onto its class's free list; returns how
 * many it freed. flrt_sweep_pending sweeps every page still waiting (before marking). */
uint32_t flrt_sweep_page(uint32_t pi);
void flrt_sweep_pending(void);

#endif /* FLRT_GC_HEAP_H */
