/* builtins/lists.cpp - §12.3 lists. */
#include "builtins/builtin.h"
#include "simd/simd.h"

#include <stdlib.h>

FLB(LIST) { return flrt_list_from_array(argv, argc); }

FLB(CONS) { return flrt_cons(argv[0], flrt_need_list(argv[1], "cons")); }

static fl_value need_nonempty(fl_value v, const char *who) {
  fl_value l = flrt_need_list(v, who);
  if (l == FL_EMPTY) flrt_fail(FL_ERR_EMPTY_LIST, "%s of an empty list", who);
  return l;
}

FLB(HEAD) { return flrt_list_head(need_nonempty(argv[0], "head")); }
FLB(TAIL) { return flrt_list_tail(need_nonempty(argv[0], "tail")); }

FLB(LAST) {
  fl_value l = need_nonempty(argv[0], "last");
  return flrt_list_nth(l, flrt_list_length(l) - 1);
}

/* The raw slot of an element in representation `kind` (INT or FLOAT). */
static uint64_t raw_of(fl_value v, uint32_t kind) {
  if (kind == FL_ELEM_INT) return (uint64_t)flrt_int_of(v);
  double d = flrt_float_of(v);
  uint64_t r;
  memcpy(&r, &d, 8);
  return r;
}

/* The raw slot of element j of b in representation `kind` (boxing when kind is VALUE). */
static uint64_t slot_as(const fl_list_block *b, uint32_t j, uint32_t kind) {
  if (b->elem == kind) return b->slots[j];
  if (kind == FL_ELEM_VALUE) return flrt_block_elem(b, j);
  return raw_of(b->slots[j], kind);
}

/* The output is written front to back in spans of the writer; each span is filled from the
 * source blocks taken back to front, whole runs of one representation by the reverse kernel. */
typedef struct run {
  fl_list_block *b;
  uint32_t i, n; /* slots [i, i + n) */
} run;

FLB(REVERSE) {
  fl_value l = flrt_need_list(argv[0], "reverse");
  int64_t n = flrt_list_length(l);
  if (n <= 1) return l;
  uint32_t kind = flrt_list_elem_kind(l, n);
  /* The blocks of l, front to back: l keeps them alive, the array only points at them. */
  size_t nruns = 0, cap = 16;
  run *runs = (run *)malloc(cap * sizeof(run));
  if (!runs) flrt_out_of_memory();
  for (fl_value x = l; x != FL_EMPTY;) {
    fl_list_block *b = fl_list_block_of(x);
    if (nruns == cap) {
      cap *= 2;
      runs = (run *)realloc(runs, cap * sizeof(run));
      if (!runs) flrt_out_of_memory();
    }
    runs[nruns].b = b;
    runs[nruns].i = fl_list_index_of(x);
    runs[nruns].n = b->cap - fl_list_index_of(x);
    nruns++;
    x = b->rest;
  }
  const flrt_simd_ops *ops = flrt_simd();
  flrt_list_writer w;
  flrt_lw_init(&w, n, kind, FL_EMPTY);
  size_t r = nruns;
  uint32_t left = 0; /* elements of runs[r] not yet taken (its first `left`) */
  int64_t m;
  uint64_t *dst;
  while ((dst = flrt_lw_span(&w, &m)) != NULL) {
    for (int64_t done = 0; done < m;) {
      if (left == 0) left = runs[--r].n;
      const run *g = &runs[r];
      uint32_t t = (int64_t)left < m - done ? left : (uint32_t)(m - done);
      uint32_t from = g->i + left - t; /* the last t untaken slots, reversed */
      if (g->b->elem == kind) {
        ops->reverse_u64(dst + done, &g->b->slots[from], t);
      } else {
        for (uint32_t q = 0; q < t; q++) dst[done + q] = slot_as(g->b, from + t - 1 - q, kind);
      }
      left -= t;
      done += t;
    }
    flrt_lw_advance(&w, m);
  }
  free(runs);
  return flrt_lw_finish(&w);
}

FLB(LENGTH) {
  fl_value v = argv[0];
  if (flrt_is_list(v)) return flrt_int(flrt_list_length(v));
  if (v == FL_NIL) return fl_make_fixnum(0);
  if (flrt_is_string(v)) return flrt_int(flrt_string_cplen(flrt_str(v)));
  if (fl_has_kind(v, FL_K_MAP)) return flrt_int(flrt_map_count(v));
  if (fl_has_kind(v, FL_K_VECTOR)) return flrt_int(((fl_vector *)fl_obj(v))->len);
  flrt_type_error("length", "a list, string, map or vector", v);
}

FLB(EMPTY_P) {
  fl_value v = argv[0];
  if (v == FL_NIL || v == FL_EMPTY) return FL_TRUE;
  if (flrt_is_string(v)) return fl_bool(flrt_str(v)->len == 0);
  if (fl_has_kind(v, FL_K_MAP)) return fl_bool(flrt_map_count(v) == 0);
  if (fl_has_kind(v, FL_K_VECTOR)) return fl_bool(((fl_vector *)fl_obj(v))->len == 0);
  return FL_FALSE;
}

FLB(NTH) {
  fl_value l = flrt_need_list(argv[0], "nth");
  int64_t i = flrt_need_int(argv[1], "nth");
  if (i < 0 || i >= flrt_list_length(l))
    flrt_fail(FL_ERR_INDEX, "nth: index %lld out of range", (long long)i);
  return flrt_list_nth(l, i);
}

FLB(APPEND) {
  if (argc == 0) return FL_EMPTY;
  fl_value last = argv[argc - 1];
  fl_value out;
  if (last == FL_NIL || flrt_is_list(last)) out = flrt_need_list(last, "append");
  else out = flrt_cons(last, FL_EMPTY); /* a non-list last argument is one element */
  int64_t total = 0;
  for (int64_t i = 0; i < argc - 1; i++) total += flrt_list_length(flrt_need_list(argv[i], "append"));
  if (total == 0) return out;
  for (int64_t i = argc - 2; i >= 0; i--) {
    fl_value l = flrt_need_list(argv[i], "append");
    if (l != FL_EMPTY) out = out == FL_EMPTY ? l : flrt_list_copy_prefix(l, flrt_list_length(l), out);
  }
  return out;
}

/* take/drop accept (n l) and (l n). */
static fl_value count_and_list(const fl_value *argv, const char *who, int64_t *n) {
  fl_value a = argv[0], b = argv[1];
  if (flrt_is_int(a) && (b == FL_NIL || flrt_is_list(b))) {
    *n = flrt_int_of(a);
    b = flrt_need_list(b, who);
  } else if (flrt_is_int(b) && (a == FL_NIL || flrt_is_list(a))) {
    *n = flrt_int_of(b);
    b = flrt_need_list(a, who);
  } else {
    flrt_fail(FL_ERR_TYPE, "%s: expected a count and a list", who);
  }
  if (*n < 0) flrt_fail(FL_ERR_VALUE, "%s: negative count", who);
  return b;
}

FLB(TAKE) {
  int64_t n;
  fl_value l = count_and_list(argv, "take", &n);
  int64_t len = flrt_list_length(l);
  if (n >= len) return l;
  return flrt_list_copy_prefix(l, n, FL_EMPTY);
}

FLB(DROP) {
  int64_t n;
  fl_value l = count_and_list(argv, "drop", &n);
  return flrt_list_drop(l, n);
}

FLB(LIST_SLICE) {
  fl_value l = flrt_need_list(argv[0], "list-slice");
  int64_t len = flrt_list_length(l);
  int64_t start = flrt_need_int(argv[1], "list-slice");
  int64_t end = argc > 2 ? flrt_need_int(argv[2], "list-slice") : len;
  if (start < 0 || start > end || end > len)
    flrt_fail(FL_ERR_INDEX, "list-slice: range [%lld, %lld) out of bounds", (long long)start,
              (long long)end);
  fl_value from = flrt_list_drop(l, start);
  if (end == len) return from;
  return flrt_list_copy_prefix(from, end - start, FL_EMPTY);
}

FLB(RANGE) {
  int64_t start = 0, end, step = 1;
  if (argc == 1) {
    end = flrt_need_int(argv[0], "range");
  } else {
    start = flrt_need_int(argv[0], "range");
    end = flrt_need_int(argv[1], "range");
  }
  if (argc == 3) step = flrt_need_int(argv[2], "range");
  if (step == 0) flrt_fail(FL_ERR_VALUE, "range: zero step");
  __int128 span = step > 0 ? (__int128)end - start : (__int128)start - end;
  __int128 by = step > 0 ? (__int128)step : -(__int128)step;
  __int128 n = span <= 0 ? 0 : (span + by - 1) / by;
  if (n > ((__int128)1 << 40)) flrt_out_of_memory();
  const flrt_simd_ops *ops = flrt_simd();
  flrt_list_writer w;
  flrt_lw_init(&w, (int64_t)n, FL_ELEM_INT, FL_EMPTY);
  uint64_t x = (uint64_t)start; /* may wrap only after the last element */
  int64_t m;
  uint64_t *dst;
  while ((dst = flrt_lw_span(&w, &m)) != NULL) {
    ops->iota_i64((int64_t *)dst, (size_t)m, (int64_t)x, step);
    x += (uint64_t)m * (uint64_t)step;
    flrt_lw_advance(&w, m);
  }
  return flrt_lw_finish(&w);
}

FLB(REPEAT) {
  fl_value x = argv[0];
  int64_t n = flrt_need_int(argv[1], "repeat");
  if (n < 0) flrt_fail(FL_ERR_VALUE, "repeat: negative count");
  if (n > ((int64_t)1 << 40)) flrt_out_of_memory();
  uint32_t kind = flrt_elem_kind_of(x);
  flrt_list_writer w;
  flrt_lw_init(&w, n, kind, FL_EMPTY);
  if (n == 0) return FL_EMPTY;
  uint64_t raw = kind == FL_ELEM_VALUE ? x : raw_of(x, kind);
  int64_t m;
  uint64_t *dst;
  while ((dst = flrt_lw_span(&w, &m)) != NULL) {
    for (int64_t i = 0; i < m; i++) dst[i] = raw;
    flrt_lw_advance(&w, m);
  }
  return flrt_lw_finish(&w);
}

/* Index of the first element equal to x, or -1. Numeric needles compare against unboxed Int
 * and Float blocks directly, with the search kernels (an Int needle in Int blocks exactly, any
 * number in Float blocks as a double). */
static int64_t index_of(fl_value x, fl_value l) {
  const flrt_simd_ops *ops = flrt_simd();
  bool xi = flrt_is_int(x), xf = flrt_is_float(x);
  int64_t ix = xi ? flrt_int_of(x) : 0;
  double dx = xi ? (double)ix : xf ? flrt_float_of(x) : 0.0;
  int64_t base = 0;
  while (l != FL_EMPTY) {
    fl_list_block *b = fl_list_block_of(l);
    uint32_t i0 = fl_list_index_of(l), n = b->cap - i0;
    const uint64_t *s = b->slots + i0;
    if (b->elem == FL_ELEM_INT) {
      if (xi) {
        size_t j = ops->find_i64((const int64_t *)s, n, ix);
        if (j < n) return base + (int64_t)j;
      } else if (xf) {
        for (uint32_t j = 0; j < n; j++)
          if ((double)(int64_t)s[j] == dx) return base + j;
      }
    } else if (b->elem == FL_ELEM_FLOAT) {
      if (xi || xf) {
        size_t j = ops->find_f64((const double *)s, n, dx);
        if (j < n) return base + (int64_t)j;
      }
    } else {
      for (uint32_t j = 0; j < n; j++)
        if (flrt_equal(s[j], x)) return base + j;
    }
    base += n;
    l = b->rest;
  }
  return -1;
}

FLB(MEMBER_P) { return fl_bool(index_of(argv[0], flrt_need_list(argv[1], "member?")) >= 0); }
FLB(INDEX_OF) { return flrt_int(index_of(argv[0], flrt_need_list(argv[1], "index-of"))); }

/* First occurrences in order: a hash set of indices into the output (the values themselves
 * stay in the traced vec). */
FLB(LIST_UNIQUE) {
  fl_value l = flrt_need_list(argv[0], "list-unique");
  int64_t n = flrt_list_length(l);
  size_t cap = 16;
  while (cap < (size_t)n * 2) cap *= 2;
  int64_t *set = (int64_t *)malloc(cap * sizeof(int64_t));
  if (!set) flrt_out_of_memory();
  for (size_t i = 0; i < cap; i++) set[i] = -1;
  flrt_vec out;
  flrt_vec_init(&out, n);
  flrt_list_iter it;
  flrt_iter_init(&it, l);
  fl_value x;
  while (flrt_iter_next(&it, &x)) {
    size_t j = flrt_hash(x) & (cap - 1);
    bool seen = false;
    for (; set[j] >= 0; j = (j + 1) & (cap - 1)) {
      if (flrt_equal(flrt_vec_get(&out, set[j]), x)) {
        seen = true;
        break;
      }
    }
    if (seen) continue;
    set[j] = out.len;
    flrt_vec_push(&out, x);
  }
  free(set);
  return flrt_vec_to_list(&out, FL_EMPTY);
}

FLB(FLATTEN) {
  fl_value l = flrt_need_list(argv[0], "flatten");
  flrt_vec out;
  flrt_vec_init(&out, flrt_list_length(l));
  flrt_list_iter it;
  flrt_iter_init(&it, l);
  fl_value x;
  while (flrt_iter_next(&it, &x)) {
    if (!flrt_is_list(x)) {
      flrt_vec_push(&out, x);
      continue;
    }
    flrt_list_iter in;
    flrt_iter_init(&in, x);
    fl_value y;
    while (flrt_iter_next(&in, &y)) flrt_vec_push(&out, y);
  }
  return flrt_vec_to_list(&out, FL_EMPTY);
}

FLB(ZIP) {
  int64_t m = INT64_MAX;
  for (int64_t i = 0; i < argc; i++) {
    int64_t len = flrt_list_length(flrt_need_list(argv[i], "zip"));
    if (len < m) m = len;
  }
  /* The iterators point into lists that argv keeps alive. */
  flrt_list_iter *its = (flrt_list_iter *)malloc((size_t)argc * sizeof(flrt_list_iter));
  if (!its) flrt_out_of_memory();
  for (int64_t i = 0; i < argc; i++) flrt_iter_init(&its[i], flrt_need_list(argv[i], "zip"));
  flrt_vec row;
  flrt_vec_init(&row, argc);
  flrt_list_writer w;
  flrt_lw_init(&w, m, FL_ELEM_VALUE, FL_EMPTY);
  for (int64_t k = 0; k < m; k++) {
    row.len = 0;
    for (int64_t i = 0; i < argc; i++) {
      fl_value x = FL_NIL;
      flrt_iter_next(&its[i], &x);
      flrt_vec_push(&row, x);
    }
    flrt_lw_put(&w, flrt_list_from_array(row.store->slots, argc));
  }
  free(its);
  return flrt_lw_finish(&w);
}

FLB(CHUNK) {
  fl_value l = flrt_need_list(argv[0], "chunk");
  int64_t n = flrt_need_int(argv[1], "chunk");
  if (n <= 0) flrt_fail(FL_ERR_VALUE, "chunk: size must be positive");
  int64_t len = flrt_list_length(l);
  /* len / n rounded up, without overflowing for sizes near max-int. */
  int64_t count = len / n + (len % n != 0);
  flrt_list_writer w;
  flrt_lw_init(&w, count, FL_ELEM_VALUE, FL_EMPTY);
  int64_t left = len;
  for (int64_t k = 0; k < count; k++) {
    int64_t take = left < n ? left : n;
    left -= take;
    flrt_lw_put(&w, take == flrt_list_length(l) ? l : flrt_list_copy_prefix(l, take, FL_EMPTY));
    l = flrt_list_drop(l, take);
  }
  return flrt_lw_finish(&w);
}

/* (fold + acc l) / (fold * acc l) with §4 semantics, left to right: Int blocks with an Int
 * accumulator go to the checked sum kernel (products stay a scalar checked loop), Float blocks
 * to an unboxed loop in order (Float addition is not associative, so it is not vectorized).
 * Other elements go through `fn` (called as (fn acc x)) when given, else flrt_num_add/mul. */
fl_value flrt_fold_arith(fl_value l, fl_value acc, bool product, const char *who, fl_value fn) {
  const flrt_simd_ops *ops = flrt_simd();
  while (l != FL_EMPTY) {
    fl_list_block *b = fl_list_block_of(l);
    uint32_t j = fl_list_index_of(l);
    if (b->elem == FL_ELEM_INT && flrt_is_int(acc)) {
      int64_t a = flrt_int_of(acc);
      if (product) {
        for (; j < b->cap; j++)
          if (__builtin_mul_overflow(a, (int64_t)b->slots[j], &a)) flrt_overflow(who);
      } else if (!ops->sum_i64((const int64_t *)&b->slots[j], b->cap - j, &a)) {
        flrt_overflow(who);
      }
      acc = flrt_int(a);
    } else if (b->elem == FL_ELEM_FLOAT && flrt_is_number(acc)) {
      double a = flrt_num_to_double(acc);
      for (; j < b->cap; j++) {
        double d;
        memcpy(&d, &b->slots[j], 8);
        a = product ? a * d : a + d;
      }
      acc = flrt_box_float(a);
    } else {
      for (; j < b->cap; j++) {
        fl_value x = flrt_block_elem(b, j);
        if (fn) {
          fl_value args[2] = {acc, x};
          acc = flrt_call(fn, 2, args);
        } else {
          acc = product ? flrt_num_mul(acc, x, who) : flrt_num_add(acc, x, who);
        }
      }
    }
    l = b->rest;
  }
  return acc;
}

/* (fold max acc l) / (fold min acc l): Int blocks with an Int accumulator through the min/max
 * kernel, everything else through fn. */
fl_value flrt_fold_minmax(fl_value l, fl_value acc, bool want_max, fl_value fn) {
  const flrt_simd_ops *ops = flrt_simd();
  while (l != FL_EMPTY) {
    fl_list_block *b = fl_list_block_of(l);
    uint32_t j = fl_list_index_of(l);
    if (b->elem == FL_ELEM_INT && flrt_is_int(acc)) {
      acc = flrt_int(ops->minmax_i64((const int64_t *)&b->slots[j], b->cap - j, flrt_int_of(acc), want_max));
    } else {
      for (; j < b->cap; j++) {
        fl_value args[2] = {acc, flrt_block_elem(b, j)};
        acc = flrt_call(fn, 2, args);
      }
    }
    l = b->rest;
  }
  return acc;
}

FLB(SUM) { return flrt_fold_arith(flrt_need_list(argv[0], "sum"), fl_make_fixnum(0), false, "sum", 0); }
FLB(PRODUCT) {
  return flrt_fold_arith(flrt_need_list(argv[0], "product"), fl_make_fixnum(1), true, "product", 0);
}
