/* Vectors (LANGUAGE.md §20.1): fl_vector objects whose slots are raw Ints, raw Floats or tagged
 * values (rt.h). Every builtin call is atomic with respect to tasks; vector-map / -for-each /
 * -fold read each element just before calling f on it. */
#include "builtins/builtin.h"

static inline fl_vector *vec_of(fl_value v) { return (fl_vector *)fl_obj(v); }

static fl_vector *need_vector(fl_value v, const char *who) {
  if (!fl_has_kind(v, FL_K_VECTOR)) flrt_type_error(who, "a vector", v);
  return vec_of(v);
}

static fl_value alloc_vector(int64_t n, uint32_t elem) {
  if (n > (INT64_MAX - (int64_t)sizeof(fl_vector)) / 8) flrt_out_of_memory();
  fl_vector *v = (fl_vector *)flrt_alloc_obj(sizeof(fl_vector) + (size_t)n * 8, FL_K_VECTOR, elem);
  v->len = n;
  return flrt_ptr_value(v);
}

static inline uint32_t elem_kind(fl_value x) {
  if (x == FL_TRUE || x == FL_FALSE) return FL_ELEM_BOOL;
  return flrt_elem_kind_of(x);
}

/* Element i in the vector's current representation. */
static inline fl_value get(const fl_vector *v, int64_t i) {
  if (v->hdr.aux == FL_ELEM_BOOL) return fl_bool(((const uint8_t *)v->slots)[i]);
  return flrt_slot_value(v->slots[i], v->hdr.aux);
}
/* Stores x, whose kind fits the representation. */
static inline void put(fl_vector *v, int64_t i, fl_value x) {
  if (v->hdr.aux == FL_ELEM_BOOL) ((uint8_t *)v->slots)[i] = x == FL_TRUE;
  else v->slots[i] = flrt_slot_raw(x, v->hdr.aux);
}

/* The slot representation for these values: raw when they are all Ints, all Floats or all Bools. */
static uint32_t kind_of_values(const fl_value *xs, int64_t n) {
  if (n == 0) return FL_ELEM_VALUE;
  uint32_t k = elem_kind(xs[0]);
  for (int64_t i = 1; i < n && k != FL_ELEM_VALUE; i++)
    if (elem_kind(xs[i]) != k) k = FL_ELEM_VALUE;
  return k;
}

static fl_value vector_of_values(const fl_value *xs, int64_t n) {
  uint32_t k = kind_of_values(xs, n);
  fl_value v = alloc_vector(n, k);
  for (int64_t i = 0; i < n; i++) put(vec_of(v), i, xs[i]);
  return v;
}

/* Turns raw slots into tagged values. Bools are immediate: bytes widen to words in place, from
 * the end (word i covers bytes >= i, all already read). Boxing Ints and Floats allocates, so the
 * boxed values are collected in a traced scratch block first and the vector switches
 * representation only once they all exist. */
static void make_tagged(fl_vector *v) {
  if (v->hdr.aux == FL_ELEM_VALUE) return;
  if (v->hdr.aux == FL_ELEM_BOOL) {
    const uint8_t *bytes = (const uint8_t *)v->slots;
    for (int64_t i = v->len - 1; i >= 0; i--) v->slots[i] = fl_bool(bytes[i]);
    v->hdr.aux = FL_ELEM_VALUE;
    return;
  }
  flrt_vec tmp;
  flrt_vec_init(&tmp, v->len);
  for (int64_t i = 0; i < v->len; i++) flrt_vec_push(&tmp, flrt_slot_value(v->slots[i], v->hdr.aux));
  for (int64_t i = 0; i < v->len; i++) v->slots[i] = flrt_vec_get(&tmp, i);
  v->hdr.aux = FL_ELEM_VALUE;
}

static void store(fl_vector *v, int64_t i, fl_value x) {
  if (v->hdr.aux != FL_ELEM_VALUE && elem_kind(x) != v->hdr.aux) make_tagged(v);
  put(v, i, x);
}

static int64_t need_index(fl_vector *v, fl_value i, const char *who) {
  int64_t k = flrt_need_int(i, who);
  if (k < 0 || k >= v->len)
    flrt_fail(FL_ERR_INDEX, "%s: index %lld out of range for a vector of length %lld", who, (long long)k,
              (long long)v->len);
  return k;
}

/* ---- entry points for generated code and the rest of the runtime ----------------------------- */
fl_value flrt_vector_ref(fl_value v, fl_value i) {
  fl_vector *vec = need_vector(v, "vector-ref");
  return get(vec, need_index(vec, i, "vector-ref"));
}

void flrt_vector_set(fl_value v, fl_value i, fl_value x) {
  fl_vector *vec = need_vector(v, "vector-set!");
  store(vec, need_index(vec, i, "vector-set!"), x);
}

fl_value flrt_vector_elem(fl_value v, int64_t i) { return get(vec_of(v), i); }

/* ---- builtins ---------------------------------------------------------------------------------- */
FLB(VECTOR) { return vector_of_values(argv, argc); }

FLB(MAKE_VECTOR) {
  int64_t n = flrt_need_int(argv[0], "make-vector");
  if (n < 0) flrt_fail(FL_ERR_VALUE, "make-vector: negative length %lld", (long long)n);
  fl_value fill = argc > 1 ? argv[1] : FL_NIL;
  uint32_t k = elem_kind(fill);
  fl_value v = alloc_vector(n, k);
  if (k == FL_ELEM_BOOL) {
    if (fill == FL_TRUE) memset(vec_of(v)->slots, 1, (size_t)n);
    return v;
  }
  uint64_t raw = flrt_slot_raw(fill, k);
  if (raw != 0)
    for (int64_t i = 0; i < n; i++) vec_of(v)->slots[i] = raw;
  return v;
}

FLB(VECTOR_P) { return fl_bool(fl_has_kind(argv[0], FL_K_VECTOR)); }

FLB(VECTOR_LENGTH) { return flrt_box_int(need_vector(argv[0], "vector-length")->len); }

FLB(VECTOR_REF) { return flrt_vector_ref(argv[0], argv[1]); }

FLB(VECTOR_SET) {
  flrt_vector_set(argv[0], argv[1], argv[2]);
  return FL_NIL;
}

FLB(VECTOR_FILL) {
  fl_vector *v = need_vector(argv[0], "vector-fill!");
  v->hdr.aux = elem_kind(argv[1]); /* every slot is overwritten: no conversion needed */
  for (int64_t i = 0; i < v->len; i++) put(v, i, argv[1]);
  return FL_NIL;
}

FLB(VECTOR_COPY) {
  fl_vector *v = need_vector(argv[0], "vector-copy");
  int64_t start = argc > 1 ? flrt_need_int(argv[1], "vector-copy") : 0;
  int64_t end = argc > 2 ? flrt_need_int(argv[2], "vector-copy") : v->len;
  if (start < 0 || start > end || end > v->len)
    flrt_fail(FL_ERR_INDEX, "vector-copy: range [%lld, %lld) out of bounds for a vector of length %lld",
              (long long)start, (long long)end, (long long)v->len);
  fl_value r = alloc_vector(end - start, v->hdr.aux);
  v = vec_of(argv[0]);
  if (v->hdr.aux == FL_ELEM_BOOL) memcpy(vec_of(r)->slots, (const uint8_t *)v->slots + start, (size_t)(end - start));
  else memcpy(vec_of(r)->slots, v->slots + start, (size_t)(end - start) * 8);
  return r;
}

FLB(VECTOR_TO_LIST) {
  fl_vector *v = need_vector(argv[0], "vector->list");
  if (v->len == 0) return FL_EMPTY;
  flrt_list_writer w;
  uint32_t k = v->hdr.aux;
  flrt_lw_init(&w, v->len, k == FL_ELEM_BOOL ? FL_ELEM_VALUE : k, FL_EMPTY);
  for (int64_t i = 0; i < v->len; i++) {
    if (k == FL_ELEM_VALUE || k == FL_ELEM_BOOL) flrt_lw_put(&w, get(v, i));
    else flrt_lw_put_raw(&w, v->slots[i]);
  }
  return flrt_lw_finish(&w);
}

fl_value flrt_vector_from_list(fl_value list) { return flb_LIST_TO_VECTOR(NULL, 1, &list); }

FLB(LIST_TO_VECTOR) {
  fl_value l = flrt_need_list(argv[0], "list->vector");
  int64_t n = flrt_list_length(l);
  uint32_t k = flrt_list_elem_kind(l, n);
  flrt_list_iter it;
  fl_value x;
  if (k == FL_ELEM_VALUE && n > 0) { /* all Bools? */
    flrt_iter_init(&it, l);
    k = FL_ELEM_BOOL;
    while (k == FL_ELEM_BOOL && flrt_iter_next(&it, &x))
      if (x != FL_TRUE && x != FL_FALSE) k = FL_ELEM_VALUE;
  }
  fl_value v = alloc_vector(n, k);
  flrt_iter_init(&it, l);
  for (int64_t i = 0; flrt_iter_next(&it, &x); i++) put(vec_of(v), i, x);
  return v;
}

FLB(VECTOR_MAP) {
  fl_value f = argv[0];
  int64_t n = need_vector(argv[1], "vector-map")->len;
  flrt_vec out;
  flrt_vec_init(&out, n);
  for (int64_t i = 0; i < n; i++) {
    fl_value x = flrt_vector_elem(argv[1], i);
    flrt_vec_push(&out, flrt_call(f, 1, &x));
  }
  return vector_of_values(out.store->slots, n);
}

FLB(VECTOR_FOR_EACH) {
  fl_value f = argv[0];
  int64_t n = need_vector(argv[1], "vector-for-each")->len;
  for (int64_t i = 0; i < n; i++) {
    fl_value x = flrt_vector_elem(argv[1], i);
    flrt_call(f, 1, &x);
  }
  return FL_NIL;
}

FLB(VECTOR_FOLD) {
  fl_value f = argv[0], acc = argv[1];
  int64_t n = need_vector(argv[2], "vector-fold")->len;
  for (int64_t i = 0; i < n; i++) {
    fl_value a[2] = {acc, flrt_vector_elem(argv[2], i)};
    acc = flrt_call(f, 2, a);
  }
  return acc;
}
