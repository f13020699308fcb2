/* builtins/higher_order.cpp - §12.4 higher-order functions. Function arguments are called
 * through flrt_call (type-error / arity-error checks included), and only when needed: like
 * the reference, (map 5 '()) is () because 5 is never called. */
#include "builtins/builtin.h"

static inline fl_value call1(fl_value f, fl_value x) { return flrt_call(f, 1, &x); }
static inline fl_value call2(fl_value f, fl_value x, fl_value y) {
  fl_value a[2] = {x, y};
  return flrt_call(f, 2, a);
}

/* map / for-each over one or more lists, as long as the shortest. */
static fl_value map_lists(int64_t argc, const fl_value *argv, const char *who, bool collect) {
  fl_value f = argv[0];
  int64_t nl = argc - 1;
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

FLB(FILTER) {
  fl_value pred = argv[0];
  fl_value l = flrt_need_list(argv[1], "filter");
  flrt_vec out;
  flrt_vec_init(&out, 0);
  flrt_list_iter it;
  flrt_iter_init(&it, l);
  fl_value x;
  while (flrt_iter_next(&it, &x))
    if (flrt_truthy(call1(pred, x))) flrt_vec_push(&out, x);
  return flrt_vec_to_list(&out, FL_EMPTY);
}

FLB(FOLD) {
  fl_value f = argv[0], acc = argv[1];
  fl_value l = flrt_need_list(argv[2], "fold");
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

/* The arguments go to a heap block and nothing in this frame is referenced by the callee, so
 * the final call is a sibling call: `apply` in a loop of tail calls runs in constant C stack
 * when the caller also reaches it by a tail call. */
FLB(APPLY) {
  fl_value l = flrt_need_list(argv[argc - 1], "apply");
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
