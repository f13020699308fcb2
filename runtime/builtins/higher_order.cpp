/* builtins/higher_order.cpp - §12.4 higher-order functions. Function arguments are called
 * through flrt_call (type-error / arity-error checks included), and only when needed: like
 * the reference, (map 5 '()) is () because 5 is never called. */
#include "builtins/builtin.h"
#include "simd/simd.h"

#include <stdlib.h>

static inline fl_value call1(fl_value f, fl_value x) { return flrt_call(f, 1, &x); }
static inline fl_value call2(fl_value f, fl_value x, fl_value y) {
  fl_value a[2] = {x, y};
  return flrt_call(f, 2, a);
}

/* ---- vector paths: pure numeric builtins passed as values over Int / Float blocks ----------
 * They give the same results as calling the builtin on every element (the builtins have no
 * effects, so not calling them is unobservable); when an Int operation would overflow they
 * give up and the generic path runs, raising the error at the same element. */

/* A position in a list: slot i of block b. */
typedef struct cursor {
  fl_list_block *b;
  uint32_t i;
} cursor;
static inline void cur_init(cursor *c, fl_value l) {
  c->b = fl_list_block_of(l);
  c->i = fl_list_index_of(l);
}
static inline uint32_t cur_avail(const cursor *c) { return c->b->cap - c->i; }
static inline const uint64_t *cur_ptr(const cursor *c) { return &c->b->slots[c->i]; }
static inline void cur_skip(cursor *c, uint32_t k) {
  c->i += k;
  if (c->i == c->b->cap && c->b->rest != FL_EMPTY) cur_init(c, c->b->rest);
}
static inline uint32_t min3(int64_t a, uint32_t b, uint32_t c) {
  uint32_t m = b < c ? b : c;
  return a < (int64_t)m ? (uint32_t)a : m;
}

/* The simd op of (map f l) / (map f l1 l2), or -1. */
static int map_op(fl_value f, int64_t nl) {
  fl_array_entry e = flrt_entry_of(f);
  if (nl == 1) return e == flb_ABS ? FLRT_OP_ABS : e == flb_SUB ? FLRT_OP_NEG : -1;
  if (nl == 2) {
    if (e == flb_ADD) return FLRT_OP_ADD;
    if (e == flb_SUB) return FLRT_OP_SUB;
    if (e == flb_MUL) return FLRT_OP_MUL;
    if (e == flb_DIV) return FLRT_OP_DIV;
  }
  return -1;
}

/* (map abs l), (map - l), (map OP l1 l2) for OP in + - * / over lists whose blocks are all Int
 * or all Float (Int: abs, -, + and - only). false: not applicable or an Int overflow. */
static bool map_numbers(int op, int64_t nl, const fl_value *lists, fl_value *out) {
  fl_value a = lists[0], b = nl == 2 ? lists[1] : lists[0];
  int64_t n = flrt_list_length(a), nb = flrt_list_length(b);
  if (nb < n) n = nb;
  if (n == 0) return false;
  uint32_t kind = flrt_list_block_kind(a, n);
  if (kind == FL_ELEM_VALUE || (nl == 2 && flrt_list_block_kind(b, n) != kind)) return false;
  if (kind == FL_ELEM_INT && (op == FLRT_OP_MUL || op == FLRT_OP_DIV)) return false;
  const flrt_simd_ops *ops = flrt_simd();
  cursor ca, cb;
  cur_init(&ca, a);
  cur_init(&cb, b);
  flrt_list_writer w;
  flrt_lw_init(&w, n, kind, FL_EMPTY);
  int64_t m;
  uint64_t *dst;
  while ((dst = flrt_lw_span(&w, &m)) != NULL) {
    for (int64_t done = 0; done < m;) {
      uint32_t t = min3(m - done, cur_avail(&ca), nl == 2 ? cur_avail(&cb) : cur_avail(&ca));
      void *d = dst + done;
      bool ok = true;
      if (nl == 1) {
        if (kind == FL_ELEM_INT) ok = ops->unary_i64((int64_t *)d, (const int64_t *)cur_ptr(&ca), t, op);
        else ops->unary_f64((double *)d, (const double *)cur_ptr(&ca), t, op);
      } else {
        if (kind == FL_ELEM_INT)
          ok = ops->arith_i64((int64_t *)d, (const int64_t *)cur_ptr(&ca), (const int64_t *)cur_ptr(&cb), t, op);
        else
          ops->arith_f64((double *)d, (const double *)cur_ptr(&ca), (const double *)cur_ptr(&cb), t, op);
        cur_skip(&cb, t);
      }
      if (!ok) return false;
      cur_skip(&ca, t);
      done += t;
    }
    flrt_lw_advance(&w, m);
  }
  *out = flrt_lw_finish(&w);
  return true;
}

/* map / for-each over one or more lists, as long as the shortest. */
static fl_value map_lists(int64_t argc, const fl_value *argv, const char *who, bool collect) {
  fl_value f = argv[0];
  int64_t nl = argc - 1;
  if (collect) {
    int op = map_op(f, nl);
    fl_value lists[2], out;
    if (op >= 0) {
      for (int64_t i = 0; i < nl; i++) lists[i] = flrt_need_list(argv[i + 1], who);
      if (map_numbers(op, nl, lists, &out)) return out;
    }
  }
  if (nl == 1) {
    fl_value l = flrt_need_list(argv[1], who);
    flrt_vec out;
    flrt_vec_init(&out, collect ? flrt_list_length(l) : 0);
    flrt_list_iter it;
    flrt_iter_init(&it, l);
    fl_value x;
    while (flrt_iter_next(&it, &x)) {
      fl_value r = call1(f, x);
      if (collect) flrt_vec_push(&out, r);
    }
    return collect ? flrt_vec_to_list(&out, FL_EMPTY) : FL_NIL;
  }
  /* Several lists: the current tails live in a traced vec, the call arguments in another. */
  flrt_vec tails, args, out;
  flrt_vec_init(&tails, nl);
  flrt_vec_init(&args, nl);
  flrt_vec_init(&out, 0);
  for (int64_t i = 0; i < nl; i++) flrt_vec_push(&tails, flrt_need_list(argv[i + 1], who));
  for (int64_t i = 0; i < nl; i++) flrt_vec_push(&args, FL_NIL);
  for (;;) {
    for (int64_t i = 0; i < nl; i++)
      if (tails.store->slots[i] == FL_EMPTY) return collect ? flrt_vec_to_list(&out, FL_EMPTY) : FL_NIL;
    for (int64_t i = 0; i < nl; i++) {
      fl_value t = tails.store->slots[i];
      args.store->slots[i] = flrt_list_head(t);
      tails.store->slots[i] = flrt_list_tail(t);
    }
    fl_value r = flrt_call(f, nl, args.store->slots);
    if (collect) flrt_vec_push(&out, r);
  }
}

FLB(MAP) { return map_lists(argc, argv, "map", true); }
FLB(FOR_EACH) { return map_lists(argc, argv, "for-each", false); }

/* The simd predicate of a builtin passed to filter, or -1. */
static int filter_pred(fl_value f) {
  fl_array_entry e = flrt_entry_of(f);
  if (e == flb_EVEN_P) return FLRT_PRED_EVEN;
  if (e == flb_ODD_P) return FLRT_PRED_ODD;
  if (e == flb_POSITIVE_P) return FLRT_PRED_POSITIVE;
  if (e == flb_NEGATIVE_P) return FLRT_PRED_NEGATIVE;
  if (e == flb_ZERO_P) return FLRT_PRED_ZERO;
  return -1;
}

/* filter by a numeric predicate over n elements in Int (or Float) blocks: the kernel packs
 * the chosen raw slots into a scratch array (raw numbers: no references to keep visible). */
static fl_value filter_numbers(fl_value l, int64_t n, uint32_t kind, int pred) {
  const flrt_simd_ops *ops = flrt_simd();
  uint64_t *tmp = (uint64_t *)malloc((size_t)n * 8);
  if (!tmp) flrt_out_of_memory();
  size_t k = 0;
  for (fl_value x = l; x != FL_EMPTY;) {
    fl_list_block *b = fl_list_block_of(x);
    uint32_t i = fl_list_index_of(x);
    const uint64_t *src = &b->slots[i];
    if (kind == FL_ELEM_INT) k += ops->filter_i64((int64_t *)(tmp + k), (const int64_t *)src, b->cap - i, pred);
    else k += ops->filter_f64((double *)(void *)(tmp + k), (const double *)(const void *)src, b->cap - i, pred);
    x = b->rest;
  }
  flrt_list_writer w;
  flrt_lw_init(&w, (int64_t)k, kind, FL_EMPTY);
  size_t done = 0;
  int64_t m;
  uint64_t *dst;
  while ((dst = flrt_lw_span(&w, &m)) != NULL) {
    memcpy(dst, tmp + done, (size_t)m * 8);
    done += (size_t)m;
    flrt_lw_advance(&w, m);
  }
  free(tmp);
  return flrt_lw_finish(&w);
}

FLB(FILTER) {
  fl_value pred = argv[0];
  fl_value l = flrt_need_list(argv[1], "filter");
  int p = filter_pred(pred);
  if (p >= 0 && l != FL_EMPTY) {
    int64_t n = flrt_list_length(l);
    uint32_t kind = flrt_list_block_kind(l, n);
    /* even? / odd? of a Float is a type-error: the generic path raises it */
    if (kind == FL_ELEM_INT || (kind == FL_ELEM_FLOAT && p != FLRT_PRED_EVEN && p != FLRT_PRED_ODD))
      return filter_numbers(l, n, kind, p);
  }
  flrt_vec out;
  flrt_vec_init(&out, 0);
  flrt_list_iter it;
  flrt_iter_init(&it, l);
  fl_value x;
  while (flrt_iter_next(&it, &x))
    if (flrt_truthy(call1(pred, x))) flrt_vec_push(&out, x);
  return flrt_vec_to_list(&out, FL_EMPTY);
}

/* Folds with + * max min as the function: unboxed / vector loops (lists.cpp). */
static bool fold_fast(fl_value f, fl_value acc, fl_value l, fl_value *out) {
  fl_array_entry e = flrt_entry_of(f);
  if (e == flb_ADD || e == flb_MUL) {
    *out = flrt_fold_arith(l, acc, e == flb_MUL, e == flb_MUL ? "*" : "+", f);
    return true;
  }
  if (e == flb_MAX || e == flb_MIN) {
    *out = flrt_fold_minmax(l, acc, e == flb_MAX, f);
    return true;
  }
  return false;
}

FLB(FOLD) {
  fl_value f = argv[0], acc = argv[1];
  fl_value l = flrt_need_list(argv[2], "fold");
  fl_value r;
  if (fold_fast(f, acc, l, &r)) return r;
  flrt_list_iter it;
  flrt_iter_init(&it, l);
  fl_value x;
  while (flrt_iter_next(&it, &x)) acc = call2(f, acc, x);
  return acc;
}

FLB(FOLD_RIGHT) {
  fl_value f = argv[0], acc = argv[1];
  fl_value l = flrt_need_list(argv[2], "fold-right");
  flrt_vec xs;
  flrt_vec_init(&xs, flrt_list_length(l));
  flrt_list_iter it;
  flrt_iter_init(&it, l);
  fl_value x;
  while (flrt_iter_next(&it, &x)) flrt_vec_push(&xs, x);
  for (int64_t i = xs.len - 1; i >= 0; i--) acc = call2(f, flrt_vec_get(&xs, i), acc);
  return acc;
}

FLB(REDUCE) {
  fl_value f = argv[0];
  fl_value l = flrt_need_list(argv[1], "reduce");
  if (l == FL_EMPTY) flrt_fail(FL_ERR_EMPTY_LIST, "reduce of an empty list");
  fl_value r;
  if (fold_fast(f, flrt_list_head(l), flrt_list_tail(l), &r)) return r;
  flrt_list_iter it;
  flrt_iter_init(&it, l);
  fl_value acc = FL_NIL, x;
  flrt_iter_next(&it, &acc);
  while (flrt_iter_next(&it, &x)) acc = call2(f, acc, x);
  return acc;
}

/* mode 0 find, 1 any?, 2 all?, 3 none? */
static fl_value search(const fl_value *argv, const char *who, int mode) {
  fl_value pred = argv[0];
  fl_value l = flrt_need_list(argv[1], who);
  flrt_list_iter it;
  flrt_iter_init(&it, l);
  fl_value x;
  while (flrt_iter_next(&it, &x)) {
    bool t = flrt_truthy(call1(pred, x));
    if (mode == 0 && t) return x;
    if (mode == 1 && t) return FL_TRUE;
    if (mode == 2 && !t) return FL_FALSE;
    if (mode == 3 && t) return FL_FALSE;
  }
  return mode == 0 ? FL_NIL : mode == 1 ? FL_FALSE : FL_TRUE;
}

FLB(FIND) { return search(argv, "find", 0); }
FLB(ANY_P) { return search(argv, "any?", 1); }
FLB(ALL_P) { return search(argv, "all?", 2); }
FLB(NONE_P) { return search(argv, "none?", 3); }

/* Stable bottom-up merge sort making the same comparisons as the reference: an element of
 * the right run goes first only if (less right left) holds. */
FLB(SORT) {
  fl_value l = flrt_need_list(argv[0], "sort");
  fl_value less = argc > 1 ? argv[1] : 0;
  int64_t n = flrt_list_length(l);
  flrt_vec a, b;
  flrt_vec_init(&a, n);
  flrt_vec_init(&b, n);
  flrt_list_iter it;
  flrt_iter_init(&it, l);
  fl_value x;
  while (flrt_iter_next(&it, &x)) {
    flrt_vec_push(&a, x);
    flrt_vec_push(&b, FL_NIL);
  }
  fl_value *src = a.store->slots, *dst = b.store->slots;
  for (int64_t width = 1; width < n; width *= 2) {
    for (int64_t lo = 0; lo < n; lo += 2 * width) {
      int64_t mid = lo + width < n ? lo + width : n;
      int64_t hi = lo + 2 * width < n ? lo + 2 * width : n;
      int64_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        bool right_first = less ? flrt_truthy(call2(less, src[j], src[i]))
                                : flrt_compare(src[j], src[i], "sort") == -1;
        dst[k++] = right_first ? src[j++] : src[i++];
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    fl_value *t = src;
    src = dst;
    dst = t;
  }
  flrt_vec *result = src == a.store->slots ? &a : &b;
  result->len = n;
  return flrt_vec_to_list(result, FL_EMPTY);
}

FLB(FLAT_MAP) {
  fl_value f = argv[0];
  fl_value l = flrt_need_list(argv[1], "flat-map");
  flrt_vec parts;
  flrt_vec_init(&parts, flrt_list_length(l));
  flrt_list_iter it;
  flrt_iter_init(&it, l);
  fl_value x;
  while (flrt_iter_next(&it, &x)) flrt_vec_push(&parts, call1(f, x));
  return flb_APPEND(self, parts.len, parts.store->slots);
}

/* (apply + l), (apply max l), (apply min l) on a list of Int blocks: the fold kernels. Returns
 * 0 (no value) when not applicable; no local's address is taken, so the callers' final calls
 * stay sibling calls. */
static fl_value apply_fast(fl_value fn, fl_value l) {
  fl_array_entry e = flrt_entry_of(fn);
  if (l == FL_EMPTY || (e != flb_ADD && e != flb_MAX && e != flb_MIN)) return 0;
  if (flrt_list_block_kind(l, flrt_list_length(l)) != FL_ELEM_INT) return 0;
  if (e == flb_ADD) return flrt_fold_arith(l, fl_make_fixnum(0), false, "+", fn);
  return flrt_fold_minmax(flrt_list_tail(l), flrt_list_head(l), e == flb_MAX, fn);
}

/* The arguments go to a heap block and nothing in this frame is referenced by the callee, so
 * the final call is a sibling call: `apply` in a loop of tail calls runs in constant C stack
 * when the caller also reaches it by a tail call. */
FLB(APPLY) {
  fl_value l = flrt_need_list(argv[argc - 1], "apply");
  if (argc == 2) {
    fl_value r = apply_fast(argv[0], l);
    if (r) return r;
  }
  int64_t n = argc - 2 + flrt_list_length(l);
  if (n > UINT32_MAX) flrt_out_of_memory();
  fl_list_block *args = flrt_alloc_block((uint32_t)n, FL_ELEM_VALUE);
  args->front = 0;
  int64_t k = 0;
  for (int64_t i = 1; i < argc - 1; i++) args->slots[k++] = argv[i];
  for (fl_value x = l; x != FL_EMPTY; x = flrt_list_tail(x)) args->slots[k++] = flrt_list_head(x);
  return flrt_call(argv[0], n, (const fl_value *)args->slots);
}

fl_value flrt_apply(fl_value fn, fl_value list) {
  fl_value l = flrt_need_list(list, "apply");
  fl_value r = apply_fast(fn, l);
  if (r) return r;
  int64_t n = flrt_list_length(l);
  if (n > UINT32_MAX) flrt_out_of_memory();
  fl_list_block *args = flrt_alloc_block((uint32_t)n, FL_ELEM_VALUE);
  args->front = 0;
  int64_t k = 0;
  for (fl_value x = l; x != FL_EMPTY; x = flrt_list_tail(x)) args->slots[k++] = flrt_list_head(x);
  return flrt_call(fn, n, (const fl_value *)args->slots);
}

FLB(IDENTITY) { return argv[0]; }

/* ((compose f g h) x...) = (f (g (h x...))); the functions are the closure's free values. */
static fl_value compose_entry(fl_function *self, int64_t argc, const fl_value *argv) {
  uint32_t n = self->hdr.aux;
  if (n == 0) return argv[0];
  fl_value v = flrt_call(self->free[n - 1], argc, argv);
  for (int64_t i = (int64_t)n - 2; i >= 0; i--) v = call1(self->free[i], v);
  return v;
}

FLB(COMPOSE) {
  fl_function *c =
      (fl_function *)fl_obj(flrt_make_closure(NULL, compose_entry, 1, NULL, argc));
  if (argc > 0) {
    c->min_arity = 0;
    c->max_arity = -1;
  }
  for (int64_t i = 0; i < argc; i++) c->free[i] = argv[i];
  return flrt_ptr_value(c);
}

/* ((partial f a...) b...) = (f a... b...): free[0] is f, the rest the bound arguments. */
static fl_value partial_entry(fl_function *self, int64_t argc, const fl_value *argv) {
  uint32_t nb = self->hdr.aux - 1;
  fl_list_block *args = flrt_alloc_block((uint32_t)(nb + argc), FL_ELEM_VALUE); /* see apply */
  args->front = 0;
  for (uint32_t i = 0; i < nb; i++) args->slots[i] = self->free[i + 1];
  for (int64_t i = 0; i < argc; i++) args->slots[nb + i] = argv[i];
  return flrt_call(self->free[0], nb + argc, (const fl_value *)args->slots);
}

FLB(PARTIAL) {
  fl_function *p = (fl_function *)fl_obj(flrt_make_closure(NULL, partial_entry, 0, NULL, argc));
  p->max_arity = -1;
  for (int64_t i = 0; i < argc; i++) p->free[i] = argv[i];
  return flrt_ptr_value(p);
}
