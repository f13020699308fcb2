/* fluentai/rt.h - the C ABI between flc-generated code and libflrt.
 *
 * C only (no C++ in this header): it is included by the runtime, by the compiler (to agree on
 * layouts and names) and by runtime unit tests. docs/runtime-abi.md explains the design.
 *
 * Value representation: one 64-bit word (fl_value).
 *   ....xxx1  fixnum: a 63-bit signed Int, value = (int64_t)w >> 1. Ints outside the 63-bit
 *             range are boxed (FL_K_INT objects); the language still has full 64-bit Ints.
 *   ....x000  pointer to a heap (or static) object, 8-byte aligned, starting with fl_header.
 *   ....x010  immediate: nil, #t, #f, the empty list, the "unbound" marker.
 *   ....x100  list: bits 3..47 = address of a fl_list_block, bits 48..63 = slot index in it.
 *             (user-space addresses fit in 48 bits on x86-64 and AArch64 Linux).
 */
#ifndef FLUENTAI_RT_H
#define FLUENTAI_RT_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define FL_NORETURN [[noreturn]]
extern "C" {
#else
#define FL_NORETURN _Noreturn
#endif

typedef uint64_t fl_value;

/* ---- tags and immediates ---------------------------------------------------------------- */
#define FL_TAG_MASK 7u
#define FL_TAG_PTR 0u
#define FL_TAG_IMM 2u
#define FL_TAG_LIST 4u

#define FL_NIL ((fl_value)0x02)
#define FL_FALSE ((fl_value)0x0A)
#define FL_TRUE ((fl_value)0x12)
#define FL_EMPTY ((fl_value)0x1A)   /* the empty list () */
#define FL_UNBOUND ((fl_value)0x22) /* a variable that is not initialized yet */

#define FL_FIXNUM_MIN (-(INT64_C(1) << 62))
#define FL_FIXNUM_MAX ((INT64_C(1) << 62) - 1)

#define FL_LIST_ADDR_MASK UINT64_C(0x0000FFFFFFFFFFF8)
#define FL_LIST_INDEX_SHIFT 48
#define FL_LIST_MAX_CAP 65536u

/* ---- heap objects ------------------------------------------------------------------------- */
/* Object kinds; the numbers are ABI (generated code tests them). */
#define FL_KINDS(X)                                                                            \
  X(INT, 1)        /* boxed Int outside the fixnum range */                                     \
  X(FLOAT, 2)      /* boxed double */                                                           \
  X(STRING, 3)                                                                                  \
  X(LISTBLOCK, 4)  /* a chunk of list slots, never a value by itself */                         \
  X(FUNCTION, 5)   /* closures, builtins, constructor and effect-operation functions */         \
  X(SYMBOL, 6)                                                                                  \
  X(KEYWORD, 7)                                                                                 \
  X(TAGGED, 8)                                                                                  \
  X(MAP, 9)                                                                                     \
  X(ERROR, 10)                                                                                  \
  X(BOX, 11)       /* a mutable variable cell (captured + set!) */                              \
  X(CHANNEL, 12)                                                                                \
  X(PROMISE, 13)                                                                                \
  X(RAW, 14)       /* runtime-internal untraced bytes */                                        \
  X(INTERNAL, 15)  /* runtime-internal record, every word traced conservatively */             \
  X(VECTOR, 16)    /* §20.1 */                                                                \
  X(POINTER, 17)   /* a C pointer from a foreign function (§20.7) */

enum fl_kind {
#define FL_KIND_ENUM(name, num) FL_K_##name = num,
  FL_KINDS(FL_KIND_ENUM)
#undef FL_KIND_ENUM
};

/* Every object starts with this header. `kind` is an fl_kind; `gc` belongs to the collector;
 * `flags` has FL_OBJ_STATIC for objects emitted into the executable by the compiler (never
 * collected, never freed; they must not point to heap objects). */
typedef struct fl_header {
  uint8_t kind;
  uint8_t gc;
  uint16_t flags;
  uint32_t aux; /* kind-specific small field */
} fl_header;

#define FL_OBJ_STATIC 1u
#define FL_OBJ_PRINTING 2u /* a vector being printed (cycles print as #[...], §20.1) */

typedef struct fl_int_obj {
  fl_header hdr;
  int64_t value;
} fl_int_obj;

typedef struct fl_float_obj {
  fl_header hdr;
  double value;
} fl_float_obj;

/* Strings are immutable UTF-8. `data` points at `len` bytes followed by a NUL byte; for static
 * strings it points at a constant array. `cplen` is the number of code points (-1: not computed
 * yet), `hash` 0 means not computed. The runtime may share one growable buffer between strings
 * (see docs/runtime-abi.md); generated code only reads these fields. */
typedef struct fl_string {
  fl_header hdr;
  int64_t len;
  int64_t cplen;
  uint64_t hash;
  const char *data;
} fl_string;

/* A list block holds slots [front, cap) of one element representation:
 *   FL_ELEM_VALUE: fl_value words; FL_ELEM_INT: raw int64_t; FL_ELEM_FLOAT: raw double.
 * The list value (block b, index i) has the elements b.slots[i..cap) followed by the list `rest`,
 * whose length is `rest_len`. `cons` onto (b, i) with i == b.front > 0 (and a matching element
 * representation) fills slot i-1 in place; otherwise it starts a new block whose rest is (b, i). */
typedef struct fl_list_block {
  fl_header hdr; /* aux: unused */
  uint32_t cap;
  uint32_t front;
  uint32_t elem; /* FL_ELEM_* */
  uint32_t flags; /* runtime-private (FLRT_BLOCK_EXTENDED) */
  fl_value rest;
  int64_t rest_len;
  uint64_t slots[];
} fl_list_block;

#define FL_ELEM_VALUE 0u
#define FL_ELEM_INT 1u
#define FL_ELEM_FLOAT 2u
#define FL_ELEM_BOOL 3u /* vectors only: one byte per element, 0 or 1 */

struct fl_function;
/* The C-ABI entry of every function value: used by the runtime (higher-order builtins, apply)
 * and by generated code for calls it cannot make directly. Arity is checked by the caller
 * (flrt_call) before the entry runs. */
typedef fl_value (*fl_array_entry)(struct fl_function *self, int64_t argc, const fl_value *argv);

/* Function values. `fixed_entry`, when not NULL, is a `tailcc` function taking
 * (struct fl_function *self, fl_value a0, ..., fl_value a{arity-1}) that generated code calls
 * directly when it knows argc == arity. min_arity/max_arity (max -1 = unbounded) are checked by
 * flrt_call. `name` is NULL for anonymous lambdas. `free` holds captured variables. */
typedef struct fl_function {
  fl_header hdr; /* aux: number of free variables the collector traces: the tagged ones, first;
                  * compiled code may store unboxed Int/Float/Bool captures after them, which the
                  * object's size still covers */
  int32_t min_arity;
  int32_t max_arity;
  void *fixed_entry;
  fl_array_entry array_entry;
  const char *name;
  fl_value free[];
} fl_function;

/* Vectors (§20.1): mutable, fixed length. Like list blocks, the slots hold raw int64 / double
 * bits when every element is an Int / a Float (aux = FL_ELEM_INT / FL_ELEM_FLOAT), one byte per
 * element when every element is a Bool (FL_ELEM_BOOL: bytes [0, len) of the slots), else tagged
 * values (FL_ELEM_VALUE); storing another kind of element turns the slots into tagged values.
 * The object always has room for len 8-byte slots, so that change happens in place. */
typedef struct fl_vector {
  fl_header hdr; /* aux: FL_ELEM_* of the slots */
  int64_t len;
  uint64_t slots[];
} fl_vector;

typedef struct fl_pointer {
  fl_header hdr;
  void *addr; /* never NULL (NULL is nil) */
} fl_pointer;

typedef struct fl_box {
  fl_header hdr;
  fl_value value;
} fl_box;

/* Symbols and keywords are interned by name: equal names <=> the same object. */
typedef struct fl_symbol {
  fl_header hdr;
  fl_value name; /* a String */
} fl_symbol;

/* aux bits 0-19: the number of fields; bits 20-31: which of fields 0-11 hold the raw bits of a
 * double instead of a value (the compiler stores a constructor's Float fields unboxed when every
 * construction in the program puts a Float there). The collector skips raw fields. */
typedef struct fl_tagged {
  fl_header hdr;
  fl_value tag;  /* a String */
  fl_value fields[];
} fl_tagged;
#define FL_TAGGED_COUNT_BITS 20
#define FL_TAGGED_MAX_FIELDS ((1u << FL_TAGGED_COUNT_BITS) - 1)
#define FL_TAGGED_RAW_FIELDS 12 /* fields that can be raw */
static inline uint32_t fl_tagged_count(const fl_tagged *t) { return t->hdr.aux & FL_TAGGED_MAX_FIELDS; }
static inline uint32_t fl_tagged_raw(const fl_tagged *t) { return t->hdr.aux >> FL_TAGGED_COUNT_BITS; }

typedef struct fl_error_obj {
  fl_header hdr;
  fl_value kind;    /* String */
  fl_value message; /* String */
} fl_error_obj;

/* ---- inline helpers ------------------------------------------------------------------------ */
static inline int fl_is_fixnum(fl_value v) { return (int)(v & 1u); }
static inline int64_t fl_fixnum_value(fl_value v) { return (int64_t)v >> 1; }
static inline fl_value fl_make_fixnum(int64_t i) { return ((uint64_t)i << 1) | 1u; }
static inline int fl_is_ptr(fl_value v) { return (v & FL_TAG_MASK) == FL_TAG_PTR; }
static inline int fl_is_list_ptr(fl_value v) { return (v & FL_TAG_MASK) == FL_TAG_LIST; }
static inline fl_header *fl_obj(fl_value v) { return (fl_header *)(uintptr_t)v; }
static inline int fl_has_kind(fl_value v, int kind) { return fl_is_ptr(v) && fl_obj(v)->kind == kind; }
static inline fl_list_block *fl_list_block_of(fl_value v) {
  return (fl_list_block *)(uintptr_t)(v & FL_LIST_ADDR_MASK);
}
static inline uint32_t fl_list_index_of(fl_value v) { return (uint32_t)(v >> FL_LIST_INDEX_SHIFT); }
static inline fl_value fl_make_list(fl_list_block *b, uint32_t index) {
  return (fl_value)(uintptr_t)b | FL_TAG_LIST | ((uint64_t)index << FL_LIST_INDEX_SHIFT);
}
static inline fl_value fl_bool(int b) { return b ? FL_TRUE : FL_FALSE; }

/* ---- error kinds (§10.1 of LANGUAGE.md) ---------------------------------------------------- */
#define FL_ERROR_KINDS(X)                                                                      \
  X(TYPE, "type-error")                                                                         \
  X(ARITY, "arity-error")                                                                       \
  X(OVERFLOW, "overflow")                                                                       \
  X(DIV_ZERO, "division-by-zero")                                                               \
  X(INDEX, "index-error")                                                                       \
  X(EMPTY_LIST, "empty-list")                                                                   \
  X(VALUE, "value-error")                                                                       \
  X(IO, "io-error")                                                                             \
  X(UNBOUND, "unbound")                                                                         \
  X(CONTRACT, "contract-violation")                                                             \
  X(DEADLOCK, "deadlock")                                                                       \
  X(STACK_OVERFLOW, "stack-overflow")                                                           \
  X(USER, "user-error")

enum fl_error_kind {
#define FL_ERRK_ENUM(id, str) FL_ERR_##id,
  FL_ERROR_KINDS(FL_ERRK_ENUM)
#undef FL_ERRK_ENUM
  FL_ERR_COUNT_
};

/* ---- program entry --------------------------------------------------------------------------
 * libflrt defines main(). It sets up the heap, a large program stack with a guard page,
 * the stack-overflow handler and stdout buffering, records the command line, then calls the
 * compiler-generated `fl_program_main` on the program stack, flushes stdout and exits 0. */
void fl_program_main(void);

/* Registers `n` words at `base` as GC roots (module-level variables). */
void flrt_register_roots(fl_value *base, int64_t n);

/* ---- flc repl (runtime/start/repl.cpp) ----------------------------------------------------
 * flc loads libflrt.so into its own process and JIT-compiles each entry of the session into a
 * function calling into it. Every entry's module-level variables live in one array, so later
 * entries see earlier ones; an entry opens its new slots (unbound, registered as roots) first. */
#define FLRT_REPL_MAX_GLOBALS (1 << 20)
extern fl_value flrt_repl_globals[FLRT_REPL_MAX_GLOBALS];
void flrt_repl_open_slots(int64_t from, int64_t to);
/* Sets up the heap and the program stack as main() does, then runs loop(arg) on that stack. */
void flrt_repl_main(int argc, char **argv, void (*loop)(void *), void *arg);
/* Runs one entry on the program stack: 0 when it returned, 1 when it raised an error or
 * overflowed the stack (reported on stderr; the session goes on). Flushes stdout. */
int flrt_repl_eval(void (*entry)(void));

/* Source location of the operation that is about to run, for the uncaught-error report.
 * `loc` is a NUL-terminated "FILE:LINE:COL" string with static storage, or NULL. */
extern const char *flrt_current_loc;

/* ---- allocation ---------------------------------------------------------------------------- */
void *flrt_alloc(size_t bytes); /* zeroed, 8-byte aligned, header to be filled by the caller */

/* Small objects come from size-class pools; the fast path below is ABI: generated code inlines
 * it for objects of a size known at compile time (class = the smallest FL_SIZE_CLASSES entry
 * that holds the object). Cells are NOT zeroed (a free cell has all-ones in word 0 and the next
 * free cell in word 1, old bytes elsewhere): the caller stores the header and every word the
 * collector may read before it allocates again or calls anything. flrt_alloc zeroes. */
#define FL_SIZE_CLASSES(X)                                                                      \
  X(16) X(32) X(48) X(64) X(80) X(96) X(112) X(128) X(160) X(192) X(224) X(256) X(320) X(384)  \
  X(448) X(512) X(640) X(768) X(896) X(1024) X(1280) X(1536) X(1792) X(2048) X(2560) X(3072)    \
  X(3584) X(4096) X(5120) X(6144) X(7168) X(8192)
#define FL_NCLASSES 32
#define FL_SMALL_MAX 8192u

typedef struct fl_pool {
  void *free;     /* free cells: link in word 1 */
  char *bump;     /* next never-used cell of the current page */
  char *bump_end; /* end of the current page's cells */
  uint64_t size;  /* cell size */
} fl_pool;
extern fl_pool flrt_pools[FL_NCLASSES];
/* Refills the pool (sweeping, new pages, collecting) and returns a cell of its size. */
void *flrt_alloc_slow(fl_pool *pool);

static inline void *fl_pool_alloc(fl_pool *pool) {
  void **cell = (void **)pool->free;
  if (cell) {
    pool->free = cell[1];
    return cell;
  }
  char *p = pool->bump;
  if ((uintptr_t)p + pool->size <= (uintptr_t)pool->bump_end) {
    pool->bump = p + pool->size;
    return p;
  }
  return flrt_alloc_slow(pool);
}

fl_value flrt_box_int(int64_t i);   /* fixnum when it fits, else a boxed Int */
fl_value flrt_box_float(double d);
fl_value flrt_make_box(fl_value v); /* an FL_K_BOX cell */
fl_value flrt_make_closure(void *fixed_entry, fl_array_entry array_entry, int32_t arity,
                           const char *name, int64_t nfree); /* free[] zeroed, filled by caller */
fl_value flrt_string_from(const char *bytes, int64_t len);

/* Interned symbols and keywords (name: a String; keywords without ':'), and lists built from
 * arrays: used by generated code to materialize quoted data once, at program start. */
fl_value flrt_intern_symbol(fl_value name);
fl_value flrt_intern_keyword(fl_value name);
fl_value flrt_list_from_array(const fl_value *xs, int64_t n);
/* (cons x list) without checks: `list` must be FL_EMPTY or a list value (not nil). */
fl_value flrt_cons(fl_value x, fl_value list);

/* List builder: generated code's map/filter loops build their result front to back without
 * knowing its length. Generated code stores a raw slot (int64 / double bits / fl_value, by
 * `elem`) at `cur` and advances it while cur < end, and calls flrt_lb_grow when cur == end.
 * The builder lives on the stack (the collector finds its blocks through `first`). `hint`: the
 * expected length (0: unknown); blocks are sized to it, so a map never moves its slots. */
typedef struct fl_list_builder {
  uint64_t *cur, *end;       /* free slots of the last block; ABI: offsets 0 and 8 */
  fl_list_block *first, *last;
  int64_t before_last;       /* elements in the blocks before `last` */
  int64_t hint;
  uint32_t elem;             /* FL_ELEM_* of every block */
  uint32_t pad_;
} fl_list_builder;
void flrt_lb_init(fl_list_builder *lb, uint32_t elem, int64_t hint);
void flrt_lb_grow(fl_list_builder *lb);
fl_value flrt_lb_finish(fl_list_builder *lb);

/* The array entry of declared constructors used as function values: self->free[0] is the tag
 * (a String); builds the tagged value from the arguments. */
fl_value flrt_ctor_entry(struct fl_function *self, int64_t argc, const fl_value *argv);

/* Pattern matching support (§9). flrt_is_tagged: v is a tagged value with tag `tag` (a String)
 * and n fields. flrt_list_first/rest: head and tail of a non-empty list. flrt_list_count: the
 * length of a list, -1 for anything else. flrt_match_range: v is a number in [lo, hi) or
 * [lo, hi] (lo, hi: numbers). */
int flrt_is_tagged(fl_value v, fl_value tag, int64_t n);
/* A new tagged value with tag `tag` (a String) and n fields, all nil; generated code stores the
 * fields (constructor calls of declared types). */
fl_value flrt_alloc_tagged(fl_value tag, int64_t n);
fl_value flrt_list_first(fl_value l);
fl_value flrt_list_rest(fl_value l);
int64_t flrt_list_count(fl_value v);
int flrt_match_range(fl_value v, fl_value lo, fl_value hi, int inclusive);
/* A match over many Int literals switches on an int64 key: v's value when v is an Int, or a
 * Float equal to an Int (§3.3: `1` matches `1.0`). Returns 0 (no key) for anything else. */
int flrt_int_key(fl_value v, int64_t *key);
/* A match over many String (kind FL_K_STRING), Symbol or Keyword literals: `names` holds the
 * literals' names as Strings sorted by (byte length, bytes), `clauses` the clause of each;
 * returns the clause of the literal equal to v (same kind, same name), or -1. */
int64_t flrt_match_name(fl_value v, uint32_t kind, const fl_value *names, const int64_t *clauses, int64_t n);

/* Vectors (§20.1): checked element read and write (type-error, index-error), used by generated
 * code off its inline paths; flrt_vector_elem reads slot i of a vector without checks. */
fl_value flrt_vector_ref(fl_value v, fl_value i);
void flrt_vector_set(fl_value v, fl_value i, fl_value x);
fl_value flrt_vector_elem(fl_value v, int64_t i);
fl_value flrt_vector_from_list(fl_value list); /* list->vector of a list (vector-map's results) */

/* Foreign calls (§20.7). Type codes: i int, l int64, z size, d double, b bool, s string,
 * p pointer, v void. flrt_ffi_arg checks argument `index` (0-based) of foreign function `name`
 * and returns its C value's bits (an int in the low 32 bits, a double's bits, an address);
 * flrt_ffi_result turns the C result's bits into a value. */
uint64_t flrt_ffi_arg(fl_value v, uint32_t type, int64_t index, const char *name);
fl_value flrt_ffi_result(uint64_t raw, uint32_t type, const char *name);

/* ---- effects and handlers (§11) -----------------------------------------------------------
 * A `handler` form pushes a frame of entries on the handler stack for its body. An entry's key
 * is an operation id (specific) or FL_EFFECT_GENERAL | type id (general). flrt_perform searches
 * the frames innermost first (specific beats general within a frame) and calls the entry's
 * function with the stack reduced to the frames outside it; with no entry it runs the default
 * behaviour (flrt_effect_default). Generated code saves flrt_handler_top in a try frame and
 * restores it when a throw arrives there. */
enum fl_effect_type {
#define FL_EFFECT_TYPE(id, name, supported) FL_EFT_##id,
#include "fluentai/effects.def"
#undef FL_EFFECT_TYPE
  FL_EFT_COUNT_
};
enum fl_effect_op {
#define FL_EFFECT_OP(id, type, name, min, max, fx) FL_EOP_##id,
#include "fluentai/effects.def"
#undef FL_EFFECT_OP
  FL_EOP_COUNT_
};
#define FL_EFFECT_GENERAL 0x10000
typedef struct flrt_handler_entry {
  int64_t key;
  fl_value fn;
} flrt_handler_entry;
typedef struct flrt_handler_frame {
  struct flrt_handler_frame *prev;
  int64_t count;
  flrt_handler_entry *entries;
} flrt_handler_frame;
extern flrt_handler_frame *flrt_handler_top;
/* Checks that every entry's fn is a function (type-error otherwise), then pushes the frame. */
void flrt_handler_push(flrt_handler_frame *f);
void flrt_handler_pop(flrt_handler_frame *f);
fl_value flrt_perform(int32_t op, int64_t argc, const fl_value *argv);
fl_value flrt_effect_default(int32_t op, int64_t argc, const fl_value *argv);
/* The array entry of effect operations used as function values: self->free[0] is the op id. */
fl_value flrt_effect_entry(struct fl_function *self, int64_t argc, const fl_value *argv);
/* current-time as a function value when some handler intercepts time: time:now, in seconds. */
fl_value flrt_current_time_entry(struct fl_function *self, int64_t argc, const fl_value *argv);

/* apply in tail position: spreads the fixed arguments and the list's elements into buf (at most
 * cap written); returns the argument count. type-error if `list` is not a list. */
int64_t flrt_apply_spread(fl_value *buf, int64_t cap, int64_t nfixed, const fl_value *fixed, fl_value list);

/* ---- unboxing (raise type-error with the expected type in the message) ---------------------- */
int64_t flrt_unbox_int(fl_value v);
double flrt_unbox_float(fl_value v); /* Int or Float -> double */
int flrt_truthy(fl_value v);         /* §3.2 */

/* ---- errors -------------------------------------------------------------------------------- */
FL_NORETURN void flrt_raise(fl_value thrown);
FL_NORETURN void flrt_fail(int kind, const char *fmt, ...); /* kind: fl_error_kind */
FL_NORETURN void flrt_fail_at(int kind, const char *loc, const char *msg);
FL_NORETURN void flrt_fail_unbound(const char *name, const char *loc);
FL_NORETURN void flrt_fail_arity(fl_value fn, int64_t got);
fl_value flrt_make_error(fl_value kind, fl_value message);

/* try/catch: a stack of handler frames, innermost first (added for try/catch, §10.2). Generated
 * code allocates a frame (on its stack), pushes it, then calls _setjmp(f->jb) itself:
 *     flrt_try_push(&f);
 *     if (_setjmp(f.jb) == 0) { body...; flrt_try_pop(&f); }
 *     else { the frame is already popped; f.thrown is the thrown value }
 * flrt_raise pops the innermost frame, stores the value in it and longjmps there; with no frame
 * the value is reported as uncaught (§10.3) and the program exits with status 1. Field offsets
 * are fixed (thrown 0, prev 8, jb 32); sizeof differs by target (jmp_buf). */
typedef struct flrt_try_frame {
  fl_value thrown;
  struct flrt_try_frame *prev;
  const char *saved_loc; /* runtime: flrt_current_loc at push time */
  void *reserved;        /* runtime: reserved for the effect-handler stack depth */
  jmp_buf jb;
} flrt_try_frame;
void flrt_try_push(flrt_try_frame *f);
void flrt_try_pop(flrt_try_frame *f); /* f must be the innermost frame */

/* Called with the thrown value before an uncaught throw is reported (tests use it to longjmp
 * back); if it returns, the report and exit happen as usual. NULL by default. */
extern void (*flrt_uncaught_hook)(fl_value thrown);

/* ---- calls ---------------------------------------------------------------------------------- */
/* Calls any value with argc arguments: type-error if it is not a function, arity-error if the
 * count does not fit, otherwise its array entry. */
fl_value flrt_call(fl_value fn, int64_t argc, const fl_value *argv);
/* (apply fn list): calls fn with the elements of list (nil = ()) as arguments, checked like
 * flrt_call. It takes no pointer into the caller's frame and ends in a sibling call, so a tail
 * call to it from generated code keeps `apply` loops in constant stack (§7); flb_APPLY likewise
 * when its argv is not in the caller's frame. */
fl_value flrt_apply(fl_value fn, fl_value list);

/* ---- generic operations used by generated code on tagged values (slow paths) --------------- */
fl_value flrt_add(fl_value a, fl_value b);
fl_value flrt_sub(fl_value a, fl_value b);
fl_value flrt_mul(fl_value a, fl_value b);
fl_value flrt_div(fl_value a, fl_value b);
fl_value flrt_neg(fl_value a);
int flrt_equal(fl_value a, fl_value b);   /* §3.3, never raises */
int flrt_less(fl_value a, fl_value b);    /* §3.4, type-error on incomparable operands */
int flrt_less_eq(fl_value a, fl_value b);

/* ---- printing ------------------------------------------------------------------------------- */
void flrt_print_result(fl_value v); /* --print-result: write form + newline */

/* ---- builtins -------------------------------------------------------------------------------
 * Every builtin of builtins.def has a C implementation with the array-entry signature
 *   fl_value flb_<ID>(struct fl_function *self, int64_t argc, const fl_value *argv);
 * which assumes argc is within the row's arity (callers check), and a static function object
 *   extern fl_function flrt_builtin_obj_<ID>;  (name = canonical name)
 * Aliases get their own function objects so that they print with the name used (§19). */
#define FL_BUILTIN(id, name, min, max, effects, level) \
  fl_value flb_##id(struct fl_function *self, int64_t argc, const fl_value *argv);
#include "fluentai/builtins.def"
#undef FL_BUILTIN

enum fl_builtin_id {
#define FL_BUILTIN(id, name, min, max, effects, level) FL_B_##id,
#include "fluentai/builtins.def"
#undef FL_BUILTIN
  FL_B_COUNT_
};

#define FL_BUILTIN(id, name, min, max, effects, level) extern fl_function flrt_builtin_obj_##id;
#include "fluentai/builtins.def"
#undef FL_BUILTIN

/* The function object for builtin `id` referred to by `name` (canonical or alias). */
fl_value flrt_builtin_value(int32_t id, const char *name);

#ifdef __cplusplus
}
#endif

#endif /* FLUENTAI_RT_H */
