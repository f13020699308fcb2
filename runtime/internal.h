/* internal.h - declarations shared by the libflrt sources (not part of the ABI).
 *
 * Freestanding-style C++: libc headers only, no exceptions, no RTTI, no libstdc++.
 * Everything that holds heap values must keep them where the collector looks: in locals (the
 * stack is scanned conservatively), in heap objects, or in registered roots; never only in
 * malloc'd memory.
 */
#ifndef FLRT_INTERNAL_H
#define FLRT_INTERNAL_H

#include "fluentai/rt.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define FLRT_LIKELY(x) __builtin_expect(!!(x), 1)
#define FLRT_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define FLRT_PRINTF(a, b) __attribute__((format(printf, a, b)))

/* Runtime-private header flag bits (the low byte is ABI, see rt.h). */
#define FLRT_STR_INBUF 0x100u /* string: data lies in a growable string buffer, aux = offset */

/* ---- values ---------------------------------------------------------------------------------- */
static inline bool flrt_is_int(fl_value v) { return fl_is_fixnum(v) || fl_has_kind(v, FL_K_INT); }
static inline int64_t flrt_int_of(fl_value v) {
  return fl_is_fixnum(v) ? fl_fixnum_value(v) : ((fl_int_obj *)fl_obj(v))->value;
}
static inline bool flrt_is_float(fl_value v) { return fl_has_kind(v, FL_K_FLOAT); }
static inline double flrt_float_of(fl_value v) { return ((fl_float_obj *)fl_obj(v))->value; }
static inline bool flrt_is_number(fl_value v) { return flrt_is_int(v) || flrt_is_float(v); }
static inline double flrt_num_to_double(fl_value v) {
  return flrt_is_float(v) ? flrt_float_of(v) : (double)flrt_int_of(v);
}
static inline bool flrt_is_string(fl_value v) { return fl_has_kind(v, FL_K_STRING); }
static inline fl_string *flrt_str(fl_value v) { return (fl_string *)fl_obj(v); }
static inline bool flrt_is_list(fl_value v) { return v == FL_EMPTY || fl_is_list_ptr(v); }
static inline bool flrt_is_function(fl_value v) { return fl_has_kind(v, FL_K_FUNCTION); }
static inline fl_value flrt_ptr_value(const void *p) { return (fl_value)(uintptr_t)p; }
fl_value flrt_box_float(double d);
/* Field i of a tagged value as a value (a raw Float field is boxed). */
static inline fl_value flrt_tagged_get(const fl_tagged *t, uint32_t i) {
  if (i < FL_TAGGED_RAW_FIELDS && (fl_tagged_raw(t) >> i & 1u)) {
    double d;
    memcpy(&d, &t->fields[i], 8);
    return flrt_box_float(d);
  }
  return t->fields[i];
}
static inline bool flrt_is_static(fl_value v) { return (fl_obj(v)->flags & FL_OBJ_STATIC) != 0; }

const char *flrt_type_name(fl_value v); /* §3.1 type-of name */
fl_value flrt_type_name_value(fl_value v);
uint64_t flrt_hash(fl_value v); /* consistent with flrt_equal */

/* ---- errors ---------------------------------------------------------------------------------- */
extern const char *const flrt_error_kind_names[FL_ERR_COUNT_];
/* "WHO: expected WHAT, got VALUE" */
FL_NORETURN void flrt_type_error(const char *who, const char *what, fl_value got);
FL_NORETURN void flrt_out_of_memory(void);
fl_value flrt_quote_value(fl_value v); /* write form, cut off after ~200 bytes */
/* Argument checks used by builtins: raise type-error naming `who`. */
int64_t flrt_need_int(fl_value v, const char *who);
void flrt_need_number(fl_value v, const char *who);
fl_string *flrt_need_string(fl_value v, const char *who);
fl_value flrt_need_list(fl_value v, const char *who); /* nil -> () */
fl_function *flrt_need_function(fl_value v, const char *who);

/* ---- heap ------------------------------------------------------------------------------------ */
void flrt_heap_init(void);
void flrt_note_program_start(void); /* the origin of time:elapsed */
/* granule (16 bytes) count -> size class, for sizes up to FL_SMALL_MAX */
extern const uint8_t flrt_granule_class[FL_SMALL_MAX / 16 + 1];
static inline void *flrt_alloc_inline(size_t bytes) { /* zeroed */
  if (FLRT_LIKELY(bytes <= FL_SMALL_MAX)) {
    void *p = fl_pool_alloc(&flrt_pools[flrt_granule_class[(bytes + 15) >> 4]]);
    memset(p, 0, bytes);
    return p;
  }
  return flrt_alloc(bytes);
}
static inline void *flrt_alloc_obj(size_t bytes, uint8_t kind, uint32_t aux) { /* zeroed, header set */
  fl_header *h = (fl_header *)flrt_alloc_inline(bytes);
  h->kind = kind;
  h->aux = aux;
  return h;
}
/* Like flrt_alloc, but only the first FLRT_UNZEROED_PREFIX bytes are guaranteed zero: for
 * objects whose remaining bytes the collector never reads (raw Int / Float list slots) and
 * the caller overwrites (the list writer). Saves clearing large blocks twice. */
#define FLRT_UNZEROED_PREFIX 64
void *flrt_alloc_unzeroed(size_t bytes);
/* About `bytes` are going to be allocated in a row (a long list): if that crosses the
 * collection threshold, collect now, before the new data, rather than in its middle; the new
 * data then reuses the memory just freed, which is still in the caches. */
void flrt_alloc_coming(size_t bytes);
void flrt_gc_collect(void);
/* Conservative-scan bounds of the stack the program runs on (the collector scans from the
 * current stack pointer up to `hi`). 0 means: ask pthread for the current thread's stack. */
void flrt_gc_set_stack_top(uintptr_t hi);  /* the running stack's top (the scheduler moves it) */
uintptr_t flrt_gc_current_stack_top(void);
typedef void (*flrt_root_scanner)(void (*visit)(fl_value *slot, int64_t n));
void flrt_gc_add_root_scanner(flrt_root_scanner fn); /* runtime globals that move or grow */
void flrt_gc_report_stats(void);                      /* FLRT_GC_STATS=1: print to stderr */

/* ---- output ---------------------------------------------------------------------------------- */
/* A growable byte buffer. With fd >= 0 it is an output stream flushed to fd when full; with a
 * limit it silently stops growing at `limit` bytes (for values quoted in error messages). */
typedef struct flrt_sb {
  char *buf;
  size_t len, cap;
  size_t limit; /* 0: none */
  int fd;
  bool truncated;
} flrt_sb;

void flrt_sb_init(flrt_sb *sb);
void flrt_sb_free(flrt_sb *sb);
void flrt_sb_put(flrt_sb *sb, const char *s, size_t n);
void flrt_sb_reserve(flrt_sb *sb, size_t extra); /* room for `extra` more bytes (memory builders) */
static inline void flrt_sb_puts(flrt_sb *sb, const char *s) { flrt_sb_put(sb, s, strlen(s)); }
void flrt_sb_putc(flrt_sb *sb, char c);
void flrt_sb_printf(flrt_sb *sb, const char *fmt, ...) FLRT_PRINTF(2, 3);
fl_value flrt_sb_to_string(flrt_sb *sb); /* a new String with the contents */

/* ---- backtraces (error/backtrace.cpp) ---- */
/* FLRT_BACKTRACE, else what flc chose (--no-backtrace). */
bool flrt_backtrace_enabled(void);
/* Appends the FluentAI frames of the running stack, innermost first, walking at most max_walk
 * frames (0: the default bound); `innermost` (or NULL) is the place of the failing operation,
 * shown for the innermost frame. Uses no heap: safe from the stack-overflow handler. */
extern "C" void flrt_backtrace_print(flrt_sb *sb, long max_walk, const char *innermost);
/* Set while an uncaught error's backtrace is walked: a stack overflow then only ends it. */
extern volatile int flrt_backtrace_active;
void flrt_sb_flush(flrt_sb *sb);
static inline bool flrt_sb_full(const flrt_sb *sb) { return sb->truncated; }

extern flrt_sb flrt_stdout;
void flrt_stdout_flush(void);
FL_NORETURN void flrt_exit(int status); /* flush stdout, GC stats, _exit */
void flrt_write_all(int fd, const char *s, size_t n);

/* ---- printing (§5) --------------------------------------------------------------------------- */
void flrt_print_value(flrt_sb *sb, fl_value v, bool display);
size_t flrt_format_float(double d, char *out); /* out: >= FLRT_FLOAT_BUF bytes; no NUL needed */
#define FLRT_FLOAT_BUF 400
fl_value flrt_display_string(fl_value v); /* String: itself; else its display form */
fl_value flrt_write_string(fl_value v);

/* ---- strings --------------------------------------------------------------------------------- */
fl_string *flrt_alloc_string(int64_t len, char **data); /* fill data[0..len); NUL is set */
fl_value flrt_string_concat(fl_value a, fl_value b);   /* may extend a's buffer in place */
/* a followed by lb bytes (bcplen code points, -1: unknown); extends a's buffer in place
 * like flrt_string_concat. */
fl_value flrt_string_append_bytes(fl_value a, const char *bytes, int64_t lb, int64_t bcplen);
fl_value flrt_string_slice(fl_value s, int64_t boff, int64_t blen); /* bytes [boff, boff+blen) */
int64_t flrt_string_cplen(fl_string *s);
int64_t flrt_string_byte_offset(fl_string *s, int64_t cp); /* cp in [0, cplen] */
void flrt_string_cache_reset(void);                        /* called by the collector */
uint64_t flrt_string_hash(fl_string *s);
bool flrt_string_eq(const fl_string *a, const fl_string *b);
int flrt_string_cmp(const fl_string *a, const fl_string *b); /* by code point */
fl_value flrt_char_string(uint32_t cp);                    /* 1-char string */
fl_value flrt_cstring(const char *s);                      /* copy of a C string */
fl_value flrt_string_from_external(const char *s, size_t n); /* invalid UTF-8 -> U+FFFD */
/* UTF-8 helpers (input is valid UTF-8 except for flrt_utf8_valid_prefix). */
uint32_t flrt_utf8_decode(const char *p, int *len);
int flrt_utf8_encode(uint32_t cp, char *out);
int64_t flrt_utf8_count(const char *p, int64_t n);
size_t flrt_utf8_sanitize(const char *s, size_t n, flrt_sb *out); /* returns bytes appended */

/* Static strings owned by the runtime (type names, "" ...). */
#define FLRT_STATIC_STRING(var, lit)                                                            \
  fl_string var = {{FL_K_STRING, 0, FL_OBJ_STATIC, 0}, (int64_t)sizeof(lit) - 1, -1, 0, lit}
extern fl_string flrt_empty_string;

/* ---- lists ----------------------------------------------------------------------------------- */
static inline int64_t flrt_list_length(fl_value l) {
  if (l == FL_EMPTY) return 0;
  fl_list_block *b = fl_list_block_of(l);
  return (int64_t)(b->cap - fl_list_index_of(l)) + b->rest_len;
}
fl_value flrt_block_elem(const fl_list_block *b, uint32_t j);
/* A value as the raw bits of an FL_ELEM_VALUE / INT / FLOAT slot (it must fit that kind), and
 * back (boxing: may allocate). Shared by list blocks and vectors. */
static inline uint64_t flrt_slot_raw(fl_value v, uint32_t elem) {
  if (elem == FL_ELEM_VALUE) return v;
  if (elem == FL_ELEM_INT) return (uint64_t)flrt_int_of(v);
  double d = flrt_float_of(v);
  uint64_t raw;
  memcpy(&raw, &d, 8);
  return raw;
}
static inline fl_value flrt_slot_value(uint64_t raw, uint32_t elem) {
  if (elem == FL_ELEM_VALUE) return raw;
  if (elem == FL_ELEM_INT) return flrt_box_int((int64_t)raw);
  double d;
  memcpy(&d, &raw, 8);
  return flrt_box_float(d);
}
static inline fl_value flrt_list_head(fl_value l) {
  return flrt_block_elem(fl_list_block_of(l), fl_list_index_of(l));
}
static inline fl_value flrt_list_tail(fl_value l) {
  fl_list_block *b = fl_list_block_of(l);
  uint32_t i = fl_list_index_of(l) + 1;
  return i < b->cap ? fl_make_list(b, i) : b->rest;
}
fl_value flrt_cons(fl_value x, fl_value l); /* l must be a list */
fl_list_block *flrt_alloc_block(uint32_t cap, uint32_t elem); /* front = cap, rest = () */
fl_value flrt_list_drop(fl_value l, int64_t n); /* n <= length */
fl_value flrt_list_nth(fl_value l, int64_t n);  /* 0 <= n < length */
/* The element representation a list of these values gets. */
uint32_t flrt_elem_kind_of(fl_value v);
uint32_t flrt_list_elem_kind(fl_value l, int64_t n); /* common kind of the first n elements */
/* FL_ELEM_INT / FL_ELEM_FLOAT when every block holding the first n elements has that
 * representation (their slots can go to the vector kernels as they are), else FL_ELEM_VALUE. */
uint32_t flrt_list_block_kind(fl_value l, int64_t n);

typedef struct flrt_list_iter {
  fl_list_block *b;
  uint32_t i;
} flrt_list_iter;
static inline void flrt_iter_init(flrt_list_iter *it, fl_value l) {
  if (l == FL_EMPTY) {
    it->b = 0;
    it->i = 0;
  } else {
    it->b = fl_list_block_of(l);
    it->i = fl_list_index_of(l);
  }
}
static inline bool flrt_iter_next(flrt_list_iter *it, fl_value *out) {
  if (!it->b) return false;
  *out = flrt_block_elem(it->b, it->i);
  if (++it->i == it->b->cap) {
    fl_value r = it->b->rest;
    flrt_iter_init(it, r);
  }
  return true;
}

/* Writes a list of a known length front to back, ending in `rest`. */
typedef struct flrt_list_writer {
  fl_value list;
  fl_list_block *b;
  uint32_t i;
  uint32_t elem;
  int64_t remaining;
  fl_value rest;
} flrt_list_writer;
void flrt_lw_init(flrt_list_writer *w, int64_t n, uint32_t elem, fl_value rest);
void flrt_lw_put(flrt_list_writer *w, fl_value v);
void flrt_lw_put_raw(flrt_list_writer *w, uint64_t raw); /* int64/double bits of an INT/FLOAT list */
static inline fl_value flrt_lw_finish(flrt_list_writer *w) { return w->list; }
/* Direct access to the slots (for the vector kernels): the next free slot and in *n how many
 * follow it in the current block (0 and NULL when the list is complete). The caller fills
 * k <= *n raw slots, then calls flrt_lw_advance(w, k). The block is reachable from w->list,
 * so the pointer stays valid across allocations. */
uint64_t *flrt_lw_span(flrt_list_writer *w, int64_t *n);
static inline void flrt_lw_advance(flrt_list_writer *w, int64_t k) {
  w->i += (uint32_t)k;
  w->remaining -= k;
}

/* Collects values of unknown count (kept in a traced heap block), then makes a list. */
typedef struct flrt_vec {
  fl_list_block *store;
  int64_t len;
} flrt_vec;
void flrt_vec_init(flrt_vec *v, int64_t cap_hint);
void flrt_vec_push(flrt_vec *v, fl_value x);
static inline fl_value flrt_vec_get(const flrt_vec *v, int64_t i) { return v->store->slots[i]; }
fl_value flrt_vec_to_list(flrt_vec *v, fl_value rest);
/* The first n elements of l followed by `rest` (a copy; n <= length of l). */
fl_value flrt_list_copy_prefix(fl_value l, int64_t n, fl_value rest);

/* ---- maps (§12.8; map/map.cpp) --------------------------------------------------------------- */
typedef struct flrt_map {
  fl_header hdr;
  int64_t count;
  fl_value hroot;   /* hash trie: key -> entry (0: empty) */
  fl_value oroot;   /* order trie: insertion sequence number -> entry (0: empty) */
  int64_t next_seq; /* sequence number of the next new key */
  int32_t oshift;   /* bit shift of the order trie's root level */
  int32_t stale;    /* 1: some order-trie entries hold replaced values (see map.cpp) */
} flrt_map;
fl_value flrt_map_new(void);
int64_t flrt_map_count(fl_value m);
bool flrt_map_lookup(fl_value m, fl_value k, fl_value *v);
fl_value flrt_map_set(fl_value m, fl_value k, fl_value v); /* new map; a present key keeps its place */
fl_value flrt_map_remove(fl_value m, fl_value k);          /* new map (m itself if k is absent) */
/* Calls fn for every entry in insertion order until it returns false; false if it stopped. */
bool flrt_map_each(fl_value m, bool (*fn)(void *ctx, fl_value k, fl_value v), void *ctx);

/* ---- numbers --------------------------------------------------------------------------------- */
/* Pairwise operations with §4 semantics; `who` names the builtin in error messages. */
fl_value flrt_num_add(fl_value a, fl_value b, const char *who);
fl_value flrt_num_sub(fl_value a, fl_value b, const char *who);
fl_value flrt_num_mul(fl_value a, fl_value b, const char *who);
fl_value flrt_num_div(fl_value a, fl_value b, const char *who);
FL_NORETURN void flrt_overflow(const char *who);
/* Ordering check of §3.4 (raises type-error); returns <0, 0, >0, or 2 for unordered (NaN). */
int flrt_compare(fl_value a, fl_value b, const char *who);
void flrt_check_comparable(fl_value a, fl_value b, const char *who);

/* ---- tasks (§14; sched/) ------------------------------------------------------------------- */
/* The innermost try frame of the running task (the scheduler saves it on task switches). */
flrt_try_frame *flrt_try_top_get(void);
void flrt_try_top_set(flrt_try_frame *f);
/* Whether a fault address is in the guard area of a task's stack (stack-overflow report). */
bool flrt_sched_guard_fault(const char *addr);
/* time:sleep when other tasks exist: suspends the running task (false: there are none, the
 * caller sleeps the whole process). */
bool flrt_sched_sleep(int64_t ms);

/* ---- process --------------------------------------------------------------------------------- */
/* PROT_NONE guard below the program stack and below every task stack. No frame may be larger:
 * the runtime keeps large buffers off the stack and is built with -fstack-clash-protection, and
 * generated functions probe frames larger than a page ("probe-stack"), so a deep recursion
 * always faults inside a guard instead of stepping over it into other memory. */
#define FLRT_STACK_GUARD_BYTES ((size_t)1 << 20)
/* Faults this close above a guard also count as stack overflow. */
#define FLRT_STACK_NEAR_BYTES ((size_t)1 << 16)
/* RLIMIT_DATA / RLIMIT_AS, whichever is lower (SIZE_MAX: unlimited). The heap takes at most half
 * of it, the program stack an eighth, each task stack a 32nd, so limits shrink them instead of
 * making the program fail at start. */
size_t flrt_memory_budget(void);
extern int flrt_argc;
extern char **flrt_argv;
/* Runs `entry` on a fresh program stack with the overflow guard; returns when it returns. */
void flrt_run_on_program_stack(void (*entry)(void));
size_t flrt_program_stack_size(void);
/* `error: KIND: MESSAGE` and its location on stderr, as for an uncaught error, without the
 * backtrace and without ending the program (flc repl). */
void flrt_report_error(fl_value thrown);
/* Set by flc repl while an entry runs on the program stack: a stack overflow there is reported
 * and jumps here (with the signal mask restored) instead of ending the process. */
#include <setjmp.h>
extern sigjmp_buf *flrt_overflow_jump;
/* flc repl shares standard input with the program: read-line reads byte by byte, and each
 * entry starts without the end-of-input an earlier one met. */
extern bool flrt_stdin_shared;
void flrt_stdin_forget_eof(void);

#endif /* FLRT_INTERNAL_H */
