/* map/map.cpp - persistent insertion-ordered maps (§12.8).
 *
 * Two persistent tries share the entries:
 *   - a hash trie (CHAMP layout: a data bitmap and a child bitmap per node, 5 hash bits per
 *     level, collision nodes below 60 bits) finds the entry of a key;
 *   - an order trie, a 32-way radix tree indexed by the entry's insertion sequence number,
 *     gives the insertion order.
 * An entry is [key value seq hash]. Replacing a value makes a new entry with the same key (the
 * first key stays, as in the reference) and sequence number, stored in the hash trie only: the
 * order trie keeps the entry as first inserted and the map is marked `stale`, so that iteration
 * takes the current value from the hash trie. Updates copy the paths they touch, so every map is
 * immutable and shares structure with the maps it came from. When removals have left the
 * sequence numbers sparse, the map is rebuilt densely (and no longer stale).
 *
 * Nodes and entries are VALUE list blocks used as arrays (so the collector traces them); a
 * reference to one is its list value (block, index 0); 0 in a slot means empty.
 */
#include "internal.h"

#define HASH_BITS 60
#define COLLISION (-1)
enum { E_KEY, E_VALUE, E_SEQ, E_HASH, E_SIZE };

static fl_value *slots_of(fl_value node) { return (fl_value *)fl_list_block_of(node)->slots; }
static uint32_t nslots(fl_value node) { return fl_list_block_of(node)->cap; }

static fl_value new_node_exact(uint32_t n) {
  fl_list_block *b = flrt_alloc_block(n, FL_ELEM_VALUE);
  b->front = 0; /* every slot is in use (0 = empty) and traced */
  return fl_make_list(b, 0);
}

static fl_value copy_node(fl_value node, uint32_t n) {
  fl_value c = new_node_exact(n);
  uint32_t m = nslots(node) < n ? nslots(node) : n;
  memcpy(slots_of(c), slots_of(node), (size_t)m * 8);
  return c;
}

static fl_value make_entry(fl_value k, fl_value v, int64_t seq, uint64_t h) {
  fl_value e = new_node_exact(E_SIZE);
  fl_value *s = slots_of(e);
  s[E_KEY] = k;
  s[E_VALUE] = v;
  s[E_SEQ] = fl_make_fixnum(seq);
  s[E_HASH] = fl_make_fixnum((int64_t)h);
  return e;
}

static inline uint64_t entry_hash(fl_value e) { return (uint64_t)fl_fixnum_value(slots_of(e)[E_HASH]); }
static inline int64_t entry_seq(fl_value e) { return fl_fixnum_value(slots_of(e)[E_SEQ]); }
/* A NaN key equals nothing, itself included (§3.3): every insert adds an entry and no lookup
 * finds one. Each gets a hash of its own, so that many of them do not pile up in one collision
 * node (which would make inserting n of them O(n^2)). */
static uint64_t nan_keys;
static inline uint64_t key_hash(fl_value k) {
  if (flrt_is_float(k) && flrt_float_of(k) != flrt_float_of(k))
    return (++nan_keys * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - HASH_BITS);
  return flrt_hash(k) & ((UINT64_C(1) << HASH_BITS) - 1);
}

/* ---- hash trie ------------------------------------------------------------------------------- */
static inline uint32_t datamap(fl_value n) { return (uint32_t)fl_fixnum_value(slots_of(n)[0]); }
static inline uint32_t nodemap(fl_value n) { return (uint32_t)fl_fixnum_value(slots_of(n)[1]); }
static inline bool is_collision(fl_value n) { return fl_fixnum_value(slots_of(n)[0]) == COLLISION; }
static inline uint32_t bit_at(uint64_t h, int shift) { return UINT32_C(1) << ((h >> shift) & 31); }
static inline int rank(uint32_t map, uint32_t bit) { return __builtin_popcount(map & (bit - 1)); }

static fl_value hamt_find(fl_value node, uint64_t h, fl_value k) {
  for (int shift = 0; node;) {
    fl_value *s = slots_of(node);
    if (is_collision(node)) {
      for (uint32_t i = 1; i < nslots(node); i++)
        if (flrt_equal(slots_of(s[i])[E_KEY], k)) return s[i];
      return 0;
    }
    uint32_t bit = bit_at(h, shift), dm = datamap(node), nm = nodemap(node);
    if (dm & bit) {
      fl_value e = s[2 + rank(dm, bit)];
      return entry_hash(e) == h && flrt_equal(slots_of(e)[E_KEY], k) ? e : 0;
    }
    if (!(nm & bit)) return 0;
    node = s[2 + __builtin_popcount(dm) + rank(nm, bit)];
    shift += 5;
  }
  return 0;
}

/* A node holding two entries whose hashes agree below `shift`. */
static fl_value hamt_pair(fl_value e1, fl_value e2, int shift) {
  if (shift >= HASH_BITS) {
    fl_value c = new_node_exact(3);
    slots_of(c)[0] = fl_make_fixnum(COLLISION);
    slots_of(c)[1] = e1;
    slots_of(c)[2] = e2;
    return c;
  }
  uint32_t b1 = bit_at(entry_hash(e1), shift), b2 = bit_at(entry_hash(e2), shift);
  if (b1 == b2) {
    fl_value child = hamt_pair(e1, e2, shift + 5);
    fl_value n = new_node_exact(3);
    slots_of(n)[0] = fl_make_fixnum(0);
    slots_of(n)[1] = fl_make_fixnum(b1);
    slots_of(n)[2] = child;
    return n;
  }
  fl_value n = new_node_exact(4);
  slots_of(n)[0] = fl_make_fixnum(b1 | b2);
  slots_of(n)[1] = fl_make_fixnum(0);
  slots_of(n)[2] = b1 < b2 ? e1 : e2;
  slots_of(n)[3] = b1 < b2 ? e2 : e1;
  return n;
}

/* Inserts `e` (replacing the entry with an equal key, returned in *old). */
static fl_value hamt_set(fl_value node, int shift, fl_value e, fl_value *old) {
  uint64_t h = entry_hash(e);
  fl_value k = slots_of(e)[E_KEY];
  if (!node) {
    fl_value n = new_node_exact(3);
    slots_of(n)[0] = fl_make_fixnum(bit_at(h, shift));
    slots_of(n)[1] = fl_make_fixnum(0);
    slots_of(n)[2] = e;
    return n;
  }
  uint32_t len = nslots(node);
  if (is_collision(node)) {
    for (uint32_t i = 1; i < len; i++) {
      if (flrt_equal(slots_of(slots_of(node)[i])[E_KEY], k)) {
        *old = slots_of(node)[i];
        fl_value c = copy_node(node, len);
        slots_of(c)[i] = e;
        return c;
      }
    }
    fl_value c = copy_node(node, len + 1);
    slots_of(c)[len] = e;
    return c;
  }
  uint32_t bit = bit_at(h, shift), dm = datamap(node), nm = nodemap(node);
  int nd = __builtin_popcount(dm);
  if (dm & bit) {
    int at = 2 + rank(dm, bit);
    fl_value cur = slots_of(node)[at];
    if (entry_hash(cur) == h && flrt_equal(slots_of(cur)[E_KEY], k)) {
      *old = cur;
      fl_value c = copy_node(node, len);
      slots_of(c)[at] = e;
      return c;
    }
    /* two different keys in one slot: push both one level down */
    fl_value child = hamt_pair(cur, e, shift + 5);
    fl_value c = new_node_exact(len);
    fl_value *cs = slots_of(c), *s = slots_of(node);
    cs[0] = fl_make_fixnum(dm & ~bit);
    cs[1] = fl_make_fixnum(nm | bit);
    int ci = 2 + nd - 1 + rank(nm, bit); /* position of the new child among the children */
    uint32_t j = 2;
    for (uint32_t i = 2; i < len; i++) {
      if ((int)i == at) continue;
      if ((int)j == ci) cs[j++] = child;
      cs[j++] = s[i];
    }
    if ((int)j == ci) cs[j++] = child;
    return c;
  }
  if (nm & bit) {
    int at = 2 + nd + rank(nm, bit);
    fl_value child = hamt_set(slots_of(node)[at], shift + 5, e, old);
    fl_value c = copy_node(node, len);
    slots_of(c)[at] = child;
    return c;
  }
  int at = 2 + rank(dm, bit);
  fl_value c = new_node_exact(len + 1);
  fl_value *cs = slots_of(c), *s = slots_of(node);
  memcpy(cs, s, (size_t)at * 8);
  cs[at] = e;
  memcpy(cs + at + 1, s + at, (size_t)(len - at) * 8);
  cs[0] = fl_make_fixnum(dm | bit);
  return c;
}

/* Removes the entry of key k (returned in *old); 0 when the node becomes empty. */
static fl_value hamt_remove(fl_value node, int shift, uint64_t h, fl_value k, fl_value *old) {
  if (!node) return node;
  uint32_t len = nslots(node);
  fl_value *s = slots_of(node);
  if (is_collision(node)) {
    for (uint32_t i = 1; i < len; i++) {
      if (!flrt_equal(slots_of(s[i])[E_KEY], k)) continue;
      *old = s[i];
      if (len == 2) return 0;
      fl_value c = new_node_exact(len - 1);
      memcpy(slots_of(c), s, (size_t)i * 8);
      memcpy(slots_of(c) + i, s + i + 1, (size_t)(len - i - 1) * 8);
      return c;
    }
    return node;
  }
  uint32_t bit = bit_at(h, shift), dm = datamap(node), nm = nodemap(node);
  int at;
  if (dm & bit) {
    at = 2 + rank(dm, bit);
    if (entry_hash(s[at]) != h || !flrt_equal(slots_of(s[at])[E_KEY], k)) return node;
    *old = s[at];
    dm &= ~bit;
  } else if (nm & bit) {
    at = 2 + __builtin_popcount(dm) + rank(nm, bit);
    fl_value child = hamt_remove(s[at], shift + 5, h, k, old);
    if (child == s[at]) return node;
    if (child) {
      fl_value c = copy_node(node, len);
      slots_of(c)[at] = child;
      return c;
    }
    nm &= ~bit;
  } else {
    return node;
  }
  if (len == 3) return 0; /* that was the only slot */
  fl_value c = new_node_exact(len - 1);
  fl_value *cs = slots_of(c);
  memcpy(cs, s, (size_t)at * 8);
  memcpy(cs + at, s + at + 1, (size_t)(len - at - 1) * 8);
  cs[0] = fl_make_fixnum(dm);
  cs[1] = fl_make_fixnum(nm);
  return c;
}

/* ---- order trie ------------------------------------------------------------------------------ */
static fl_value order_set(fl_value node, int shift, int64_t seq, fl_value e) {
  fl_value c = node ? copy_node(node, 32) : new_node_exact(32);
  uint32_t i = (uint32_t)(seq >> shift) & 31;
  slots_of(c)[i] = shift == 0 ? e : order_set(slots_of(c)[i], shift - 5, seq, e);
  return c;
}

/* Appends e at seq (the map's next sequence number) in place when the slot is free. Order-trie
 * nodes are append-only arrays, as list blocks are: a map never reads entries at or beyond its
 * own next_seq (order_each stops there), so filling a free slot beyond it cannot change what an
 * older map sharing the node sees. A slot already taken (another map derived from the same one
 * appended first) makes a copy of the path, without the entries beyond seq. An insert then costs
 * one entry and the hash trie's path, plus a copy of the order path once per 32 inserts, instead
 * of a copy of 32-slot nodes per level each time. */
static fl_value order_append(fl_value node, int shift, int64_t seq, fl_value e) {
  uint32_t i = (uint32_t)(seq >> shift) & 31;
  fl_value *s = slots_of(node);
  fl_value sub;
  if (shift == 0) {
    if (!s[i]) {
      s[i] = e;
      return node;
    }
    sub = e;
  } else if (!s[i]) {
    /* a new subtree is linked into a copy, not in place: an older map sharing this node would
     * keep the whole subtree (its entries' keys and values) alive; in place, at most the 31
     * later entries of one leaf outlive the maps that made them */
    sub = order_set(0, shift - 5, seq, e);
  } else {
    sub = order_append(s[i], shift - 5, seq, e);
    if (sub == s[i]) return node;
  }
  fl_value c = copy_node(node, 32);
  slots_of(c)[i] = sub;
  for (uint32_t j = i + 1; j < 32; j++) slots_of(c)[j] = 0; /* another map's later entries */
  return c;
}

static fl_value order_remove(fl_value node, int shift, int64_t seq) { /* seq is present */
  uint32_t i = (uint32_t)(seq >> shift) & 31;
  fl_value sub = shift == 0 ? 0 : order_remove(slots_of(node)[i], shift - 5, seq);
  fl_value c = copy_node(node, 32);
  slots_of(c)[i] = sub;
  for (int j = 0; j < 32; j++)
    if (slots_of(c)[j]) return c;
  return 0;
}

typedef struct each_ctx {
  fl_value hroot;
  int64_t limit; /* the map's next_seq: entries from there on belong to maps derived from it */
  bool stale;
  bool (*fn)(void *, fl_value, fl_value);
  void *ctx;
  bool stopped; /* fn asked to stop */
} each_ctx;

static bool order_each(fl_value node, int shift, each_ctx *c) {
  if (!node) return true;
  fl_value *s = slots_of(node);
  for (int i = 0; i < 32; i++) {
    if (!s[i]) continue;
    if (shift > 0) {
      if (!order_each(s[i], shift - 5, c)) return false;
      continue;
    }
    fl_value e = s[i];
    if (entry_seq(e) >= c->limit) return false;
    if (c->stale) { /* the value may have been replaced since e was inserted */
      fl_value cur = hamt_find(c->hroot, entry_hash(e), slots_of(e)[E_KEY]);
      if (cur) e = cur; /* not found: a key unequal to itself (NaN), never replaced */
    }
    if (!c->fn(c->ctx, slots_of(e)[E_KEY], slots_of(e)[E_VALUE])) {
      c->stopped = true;
      return false;
    }
  }
  return true;
}

/* ---- maps ------------------------------------------------------------------------------------ */
static flrt_map *as_map(fl_value m) { return (flrt_map *)fl_obj(m); }

static flrt_map *alloc_map(void) {
  flrt_map *m = (flrt_map *)flrt_alloc_obj(sizeof(flrt_map), FL_K_MAP, 0);
  m->hroot = 0;
  m->oroot = 0;
  return m;
}

fl_value flrt_map_new(void) { return flrt_ptr_value(alloc_map()); }
int64_t flrt_map_count(fl_value m) { return as_map(m)->count; }

bool flrt_map_lookup(fl_value m, fl_value k, fl_value *v) {
  fl_value e = hamt_find(as_map(m)->hroot, key_hash(k), k);
  if (!e) return false;
  *v = slots_of(e)[E_VALUE];
  return true;
}

bool flrt_map_each(fl_value m, bool (*fn)(void *ctx, fl_value k, fl_value v), void *ctx) {
  flrt_map *map = as_map(m);
  each_ctx c = {map->hroot, map->next_seq, map->stale != 0, fn, ctx, false};
  order_each(map->oroot, map->oshift, &c);
  return !c.stopped;
}

/* Stores e under its sequence number in a copy of the order trie of `src` into `dst`. */
static void order_put(flrt_map *dst, const flrt_map *src, fl_value e) {
  int64_t seq = entry_seq(e);
  fl_value root = src->oroot;
  int shift = src->oshift;
  if (!root) shift = 0;
  while (seq >> shift >= 32) { /* grow a level: the old root becomes child 0 */
    if (root) {
      fl_value r = new_node_exact(32);
      slots_of(r)[0] = root;
      root = r;
    }
    shift += 5;
  }
  dst->oroot = root ? order_append(root, shift, seq, e) : order_set(root, shift, seq, e);
  dst->oshift = shift;
}

static bool rebuild_one(void *ctx, fl_value k, fl_value v) {
  fl_value *m = (fl_value *)ctx;
  *m = flrt_map_set(*m, k, v);
  return true;
}

fl_value flrt_map_set(fl_value mv, fl_value k, fl_value v) {
  flrt_map *m = as_map(mv);
  uint64_t h = key_hash(k);
  fl_value cur = hamt_find(m->hroot, h, k);
  fl_value old = 0;
  if (cur) {
    fl_value e = make_entry(slots_of(cur)[E_KEY], v, entry_seq(cur), h);
    fl_value hroot = hamt_set(m->hroot, 0, e, &old);
    flrt_map *r = alloc_map();
    r->count = m->count;
    r->hroot = hroot;
    r->oroot = m->oroot;
    r->next_seq = m->next_seq;
    r->oshift = m->oshift;
    r->stale = 1;
    return flrt_ptr_value(r);
  }
  fl_value e = make_entry(k, v, m->next_seq, h);
  fl_value hroot = hamt_set(m->hroot, 0, e, &old);
  flrt_map *r = alloc_map();
  r->hroot = hroot;
  r->count = m->count + 1;
  r->next_seq = m->next_seq + 1;
  r->stale = m->stale;
  order_put(r, m, e);
  return flrt_ptr_value(r);
}

fl_value flrt_map_remove(fl_value mv, fl_value k) {
  flrt_map *m = as_map(mv);
  fl_value old = 0;
  fl_value hroot = hamt_remove(m->hroot, 0, key_hash(k), k, &old);
  if (!old) return mv;
  flrt_map *r = alloc_map();
  r->hroot = hroot;
  r->count = m->count - 1;
  r->next_seq = m->next_seq;
  r->oshift = m->oshift;
  r->stale = m->stale;
  r->oroot = m->oroot ? order_remove(m->oroot, m->oshift, entry_seq(old)) : 0;
  if (r->count == 0) return flrt_map_new();
  /* Many removals leave the order trie sparse: renumber densely, keeping the order. */
  if (r->next_seq > 64 && r->next_seq > 4 * r->count) {
    fl_value fresh = flrt_map_new();
    flrt_map_each(flrt_ptr_value(r), rebuild_one, &fresh);
    return fresh;
  }
  return flrt_ptr_value(r);
}
