/* builtins/maps.cpp - §12.8 maps: immutable, insertion-ordered, any value as key (compared with
 * equal?, so 1 and 1.0 are the same key). */
#include "builtins/builtin.h"

static fl_value need_map(fl_value v, const char *who) {
  if (!fl_has_kind(v, FL_K_MAP)) flrt_type_error(who, "a map", v);
  return v;
}

FLB(MAKE_MAP) {
  if (argc % 2) flrt_fail(FL_ERR_VALUE, "make-map: odd number of arguments");
  fl_value m = flrt_map_new();
  for (int64_t i = 0; i < argc; i += 2) m = flrt_map_set(m, argv[i], argv[i + 1]);
  return m;
}

FLB(MAP_GET) {
  fl_value v;
  if (flrt_map_lookup(need_map(argv[0], "map-get"), argv[1], &v)) return v;
  return argc > 2 ? argv[2] : FL_NIL;
}

FLB(MAP_SET) { return flrt_map_set(need_map(argv[0], "map-set"), argv[1], argv[2]); }

FLB(MAP_HAS_P) {
  fl_value v;
  return fl_bool(flrt_map_lookup(need_map(argv[0], "map-has?"), argv[1], &v));
}

FLB(MAP_REMOVE) { return flrt_map_remove(need_map(argv[0], "map-remove"), argv[1]); }

/* (map-update m k f [default]) = (map-set m k (f (map-get m k default))) */
FLB(MAP_UPDATE) {
  fl_value m = need_map(argv[0], "map-update");
  fl_value old;
  if (!flrt_map_lookup(m, argv[1], &old)) old = argc > 3 ? argv[3] : FL_NIL;
  fl_value v = flrt_call(argv[2], 1, &old);
  return flrt_map_set(m, argv[1], v);
}

/* what: 0 keys, 1 values, 2 (key value) lists */
typedef struct collect {
  flrt_vec out;
  int what;
} collect;

static bool collect_entry(void *ctx, fl_value k, fl_value v) {
  collect *c = (collect *)ctx;
  if (c->what == 0) {
    flrt_vec_push(&c->out, k);
  } else if (c->what == 1) {
    flrt_vec_push(&c->out, v);
  } else {
    fl_value kv[2] = {k, v};
    flrt_vec_push(&c->out, flrt_list_from_array(kv, 2));
  }
  return true;
}

static fl_value entries(fl_value m, int what) {
  collect c;
  c.what = what;
  flrt_vec_init(&c.out, flrt_map_count(m));
  flrt_map_each(m, collect_entry, &c);
  return flrt_vec_to_list(&c.out, FL_EMPTY);
}

FLB(MAP_KEYS) { return entries(need_map(argv[0], "map-keys"), 0); }
FLB(MAP_VALUES) { return entries(need_map(argv[0], "map-values"), 1); }
FLB(MAP_TO_LIST) { return entries(need_map(argv[0], "map->list"), 2); }

FLB(MAP_SIZE) { return flrt_int(flrt_map_count(need_map(argv[0], "map-size"))); }

static bool merge_entry(void *acc, fl_value k, fl_value v) {
  fl_value *m = (fl_value *)acc;
  *m = flrt_map_set(*m, k, v);
  return true;
}

/* The second map's entries override; its new keys follow the first map's keys. */
FLB(MAP_MERGE) {
  fl_value a = need_map(argv[0], "map-merge");
  fl_value b = need_map(argv[1], "map-merge");
  if (flrt_map_count(b) == 0) return a;
  fl_value m = a;
  flrt_map_each(b, merge_entry, &m);
  return m;
}

FLB(LIST_TO_MAP) {
  fl_value l = flrt_need_list(argv[0], "list->map");
  fl_value m = flrt_map_new();
  flrt_list_iter it;
  flrt_iter_init(&it, l);
  fl_value e;
  while (flrt_iter_next(&it, &e)) {
    if (!flrt_is_list(e) || flrt_list_length(e) != 2) {
      fl_string *q = flrt_str(flrt_quote_value(e));
      flrt_fail(FL_ERR_VALUE, "list->map: expected (key value) lists, got %.*s", (int)q->len, q->data);
    }
    m = flrt_map_set(m, flrt_list_head(e), flrt_list_nth(e, 1));
  }
  return m;
}
