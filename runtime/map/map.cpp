/* map/map.cpp - provisional immutable maps: an insertion-ordered array of key/value pairs with
 * linear lookup. Enough for printing, equality, truthiness and length until the persistent
 * hash map of §12.8 (Level 2) replaces it behind the same functions. */
#include "internal.h"

static flrt_map *as_map(fl_value m) { return (flrt_map *)fl_obj(m); }

static fl_value *slots(flrt_map *m) {
  return m->count ? (fl_value *)fl_list_block_of(m->entries)->slots : NULL;
}

static flrt_map *alloc_map(int64_t count) {
  flrt_map *m = (flrt_map *)flrt_alloc_obj(sizeof(flrt_map), FL_K_MAP, 0);
  m->entries = FL_EMPTY;
  if (count > 0) {
    flrt_list_writer w;
    flrt_lw_init(&w, 2 * count, FL_ELEM_VALUE, FL_EMPTY); /* one block: count is small here */
    for (int64_t i = 0; i < 2 * count; i++) flrt_lw_put(&w, FL_NIL);
    m->entries = flrt_lw_finish(&w);
  }
  m->count = count;
  return m;
}

fl_value flrt_map_new(void) { return flrt_ptr_value(alloc_map(0)); }

int64_t flrt_map_count(fl_value m) { return as_map(m)->count; }

void flrt_map_entry(fl_value m, int64_t i, fl_value *k, fl_value *v) {
  fl_value *s = slots(as_map(m));
  *k = s[2 * i];
  *v = s[2 * i + 1];
}

static int64_t find(flrt_map *m, fl_value k) {
  fl_value *s = slots(m);
  for (int64_t i = 0; i < m->count; i++)
    if (flrt_equal(s[2 * i], k)) return i;
  return -1;
}

bool flrt_map_lookup(fl_value m, fl_value k, fl_value *v) {
  int64_t i = find(as_map(m), k);
  if (i < 0) return false;
  *v = slots(as_map(m))[2 * i + 1];
  return true;
}

fl_value flrt_map_set(fl_value mv, fl_value k, fl_value v) {
  flrt_map *m = as_map(mv);
  int64_t i = find(m, k);
  int64_t n = m->count + (i < 0 ? 1 : 0);
  if (2 * n > FL_LIST_MAX_CAP) flrt_fail(FL_ERR_VALUE, "map: too many entries for the provisional map");
  flrt_map *r = alloc_map(n);
  fl_value *dst = slots(r), *src = slots(m);
  if (m->count) memcpy(dst, src, (size_t)m->count * 16);
  if (i < 0) {
    dst[2 * m->count] = k;
    dst[2 * m->count + 1] = v;
  } else {
    dst[2 * i + 1] = v; /* an existing key keeps its position and its original key */
  }
  return flrt_ptr_value(r);
}
