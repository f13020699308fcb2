/* value/equal.cpp - structural equality (§3.3) and a hash consistent with it. */
#include "internal.h"
#include "simd/simd.h"

/* A list element read without boxing: raw Int / Float slots stay unboxed. */
typedef struct elem {
  uint32_t kind; /* FL_ELEM_* */
  int64_t i;
  double d;
  fl_value v;
} elem;

static inline elem read_elem(const fl_list_block *b, uint32_t j) {
  elem e;
  uint64_t raw = b->slots[j];
  e.kind = b->elem;
  e.v = 0;
  e.i = 0;
  e.d = 0;
  if (b->elem == FL_ELEM_INT) {
    e.i = (int64_t)raw;
  } else if (b->elem == FL_ELEM_FLOAT) {
    memcpy(&e.d, &raw, 8);
  } else if (flrt_is_int(raw)) {
    e.kind = FL_ELEM_INT;
    e.i = flrt_int_of(raw);
  } else if (flrt_is_float(raw)) {
    e.kind = FL_ELEM_FLOAT;
    e.d = flrt_float_of(raw);
  } else {
    e.v = raw;
  }
  return e;
}

static bool elem_equal(const elem *a, const elem *b) {
  if (a->kind == FL_ELEM_VALUE || b->kind == FL_ELEM_VALUE)
    return a->kind == b->kind && flrt_equal(a->v, b->v);
  if (a->kind == FL_ELEM_INT && b->kind == FL_ELEM_INT) return a->i == b->i;
  double x = a->kind == FL_ELEM_INT ? (double)a->i : a->d;
  double y = b->kind == FL_ELEM_INT ? (double)b->i : b->d;
  return x == y;
}

/* Runs of two Int blocks or two Float blocks are compared by the vector kernels. */
static bool list_equal(fl_value a, fl_value b) {
  if (flrt_list_length(a) != flrt_list_length(b)) return false;
  while (a != FL_EMPTY) {
    fl_list_block *ba = fl_list_block_of(a), *bb = fl_list_block_of(b);
    uint32_t ia = fl_list_index_of(a), ib = fl_list_index_of(b);
    uint32_t n = ba->cap - ia < bb->cap - ib ? ba->cap - ia : bb->cap - ib;
    if (ba->elem == FL_ELEM_INT && bb->elem == FL_ELEM_INT) {
      if (!flrt_simd()->equal_i64((const int64_t *)&ba->slots[ia], (const int64_t *)&bb->slots[ib], n))
        return false;
    } else if (ba->elem == FL_ELEM_FLOAT && bb->elem == FL_ELEM_FLOAT) {
      if (!flrt_simd()->equal_f64((const double *)(const void *)&ba->slots[ia],
                                  (const double *)(const void *)&bb->slots[ib], n))
        return false;
    } else {
      for (uint32_t k = 0; k < n; k++) {
        elem x = read_elem(ba, ia + k), y = read_elem(bb, ib + k);
        if (!elem_equal(&x, &y)) return false;
      }
    }
    a = ia + n < ba->cap ? fl_make_list(ba, ia + n) : ba->rest;
    b = ib + n < bb->cap ? fl_make_list(bb, ib + n) : bb->rest;
  }
  return true;
}

static bool entry_in(void *other, fl_value k, fl_value v) {
  fl_value w;
  return flrt_map_lookup(*(fl_value *)other, k, &w) && flrt_equal(v, w);
}

static bool map_equal(fl_value a, fl_value b) {
  return flrt_map_count(a) == flrt_map_count(b) && flrt_map_each(a, entry_in, &b);
}

int flrt_equal(fl_value a, fl_value b) {
  if (flrt_is_number(a)) {
    if (!flrt_is_number(b)) return 0;
    if (flrt_is_int(a) && flrt_is_int(b)) return flrt_int_of(a) == flrt_int_of(b);
    return flrt_num_to_double(a) == flrt_num_to_double(b); /* NaN is not equal to itself */
  }
  if (a == b) return 1;
  if (flrt_is_list(a)) return flrt_is_list(b) && list_equal(a, b);
  if (!fl_is_ptr(a) || !fl_is_ptr(b)) return 0;
  fl_header *ha = fl_obj(a), *hb = fl_obj(b);
  if (ha->kind != hb->kind) return 0;
  switch (ha->kind) {
    case FL_K_STRING: return flrt_string_eq(flrt_str(a), flrt_str(b));
    case FL_K_SYMBOL:
    case FL_K_KEYWORD:
      return flrt_string_eq(flrt_str(((fl_symbol *)ha)->name), flrt_str(((fl_symbol *)hb)->name));
    case FL_K_TAGGED: {
      fl_tagged *ta = (fl_tagged *)ha, *tb = (fl_tagged *)hb;
      if (fl_tagged_count(ta) != fl_tagged_count(tb) || !flrt_string_eq(flrt_str(ta->tag), flrt_str(tb->tag)))
        return 0;
      for (uint32_t i = 0; i < fl_tagged_count(ta); i++)
        if (!flrt_equal(flrt_tagged_get(ta, i), flrt_tagged_get(tb, i))) return 0;
      return 1;
    }
    case FL_K_MAP: return map_equal(a, b);
    case FL_K_ERROR: {
      fl_error_obj *ea = (fl_error_obj *)ha, *eb = (fl_error_obj *)hb;
      return flrt_string_eq(flrt_str(ea->kind), flrt_str(eb->kind)) &&
             flrt_string_eq(flrt_str(ea->message), flrt_str(eb->message));
    }
    case FL_K_POINTER: return ((fl_pointer *)ha)->addr == ((fl_pointer *)hb)->addr;
    default: return 0; /* functions, channels, promises, vectors: identity */
  }
}

/* ---- hashing ------------------------------------------------------------------------------- */
static inline uint64_t mix(uint64_t h) {
  h ^= h >> 33;
  h *= UINT64_C(0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= UINT64_C(0xc4ceb9fe1a85ec53);
  h ^= h >> 33;
  return h;
}

/* Numbers hash by their value as a double, since equal numbers compare as doubles. */
static inline uint64_t hash_double(double d) {
  if (d == 0) d = 0; /* -0.0 */
  uint64_t bits;
  memcpy(&bits, &d, 8);
  return mix(bits ^ UINT64_C(0x9e3779b97f4a7c15));
}

static uint64_t hash_elem(const elem *e) {
  if (e->kind == FL_ELEM_INT) return hash_double((double)e->i);
  if (e->kind == FL_ELEM_FLOAT) return hash_double(e->d);
  return flrt_hash(e->v);
}

static bool hash_entry(void *acc, fl_value k, fl_value v) {
  *(uint64_t *)acc += mix(flrt_hash(k) * 31 + flrt_hash(v)); /* order-independent */
  return true;
}

uint64_t flrt_hash(fl_value v) {
  if (flrt_is_number(v)) return hash_double(flrt_num_to_double(v));
  if (flrt_is_list(v)) {
    uint64_t h = UINT64_C(0x4c4953);
    while (v != FL_EMPTY) {
      fl_list_block *b = fl_list_block_of(v);
      for (uint32_t i = fl_list_index_of(v); i < b->cap; i++) {
        elem e = read_elem(b, i);
        h = mix(h * 31 + hash_elem(&e));
      }
      v = b->rest;
    }
    return h;
  }
  if (!fl_is_ptr(v)) return mix(v);
  fl_header *h = fl_obj(v);
  switch (h->kind) {
    case FL_K_STRING: return flrt_string_hash(flrt_str(v));
    case FL_K_SYMBOL:
    case FL_K_KEYWORD: return mix(flrt_string_hash(flrt_str(((fl_symbol *)h)->name)) + h->kind);
    case FL_K_TAGGED: {
      fl_tagged *t = (fl_tagged *)h;
      uint64_t r = flrt_string_hash(flrt_str(t->tag)) + fl_tagged_count(t);
      for (uint32_t i = 0; i < fl_tagged_count(t); i++) r = mix(r * 31 + flrt_hash(flrt_tagged_get(t, i)));
      return r;
    }
    case FL_K_MAP: {
      uint64_t r = UINT64_C(0x4d4150);
      flrt_map_each(v, hash_entry, &r);
      return r;
    }
    case FL_K_ERROR: {
      fl_error_obj *e = (fl_error_obj *)h;
      return mix(flrt_string_hash(flrt_str(e->kind)) * 31 + flrt_string_hash(flrt_str(e->message)));
    }
    case FL_K_POINTER: return mix((uint64_t)(uintptr_t)((fl_pointer *)h)->addr);
    default: return mix(v);
  }
}
