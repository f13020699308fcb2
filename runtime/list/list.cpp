/* list/list.cpp - persistent lists in VList blocks (layout in rt.h).
 *
 * A block holds the slots [front, cap) in one element representation. `cons` onto the newest
 * list of a block fills the free slot in front of it in place; otherwise (block full, another
 * list already took that slot, or an element the block cannot hold) it starts a new block.
 * When the list being extended is the newest of its block the new block doubles in capacity
 * (lists built by consing have O(log n) blocks), but only the first time: the block remembers
 * it was extended, and any later cons onto the same list is a cons onto a shared tail, which
 * starts a small block (as does a cons onto an older list, whose front slot is taken), so
 * branching off a list costs O(1) memory however often it happens. An element the block cannot
 * hold (a Float onto Int slots, or the reverse) starts a block of tagged slots, so lists of
 * mixed elements stay compact.
 */
#include "internal.h"

#define FIRST_CAP 4u
#define SHARED_CAP 3u /* 40-byte block header + 3 slots: one 64-byte cell */
#define FLRT_BLOCK_EXTENDED 1u
#define ELEM_NONE 3u

fl_list_block *flrt_alloc_block(uint32_t cap, uint32_t elem) {
  fl_list_block *b = (fl_list_block *)flrt_alloc_obj(sizeof(fl_list_block) + (size_t)cap * 8,
                                                     FL_K_LISTBLOCK, 0);
  b->cap = cap;
  b->front = cap;
  b->elem = elem;
  b->rest = FL_EMPTY;
  b->rest_len = 0;
  return b;
}

/* A block for the list writer: Int and Float slots are all written by it (and never read by
 * the collector), so large ones are not cleared first. */
static fl_list_block *writer_block(uint32_t cap, uint32_t elem) {
  if (elem == FL_ELEM_VALUE) return flrt_alloc_block(cap, elem);
  static_assert(sizeof(fl_list_block) <= FLRT_UNZEROED_PREFIX, "header must be cleared");
  fl_list_block *b = (fl_list_block *)flrt_alloc_unzeroed(sizeof(fl_list_block) + (size_t)cap * 8);
  b->hdr.kind = FL_K_LISTBLOCK;
  b->cap = cap;
  b->front = cap;
  b->elem = elem;
  b->rest = FL_EMPTY;
  b->rest_len = 0;
  return b;
}

fl_value flrt_block_elem(const fl_list_block *b, uint32_t j) {
  return flrt_slot_value(b->slots[j], b->elem);
}

uint32_t flrt_elem_kind_of(fl_value v) {
  if (flrt_is_int(v)) return FL_ELEM_INT;
  if (flrt_is_float(v)) return FL_ELEM_FLOAT;
  return FL_ELEM_VALUE;
}

fl_value flrt_cons(fl_value x, fl_value l) {
  uint32_t ek = flrt_elem_kind_of(x);
  uint32_t cap = FIRST_CAP;
  if (l != FL_EMPTY) {
    fl_list_block *b = fl_list_block_of(l);
    uint32_t i = fl_list_index_of(l);
    bool fits = b->elem == ek || b->elem == FL_ELEM_VALUE;
    if (i == b->front) {
      if (i > 0 && fits) {
        b->slots[i - 1] = flrt_slot_raw(x, b->elem);
        b->front = i - 1;
        return fl_make_list(b, i - 1);
      }
      if (!(b->flags & FLRT_BLOCK_EXTENDED)) {
        b->flags |= FLRT_BLOCK_EXTENDED;
        cap = b->cap >= FL_LIST_MAX_CAP / 2 ? FL_LIST_MAX_CAP : b->cap * 2;
      } else {
        cap = SHARED_CAP;
      }
    } else {
      cap = SHARED_CAP;
    }
    if (!fits) ek = FL_ELEM_VALUE;
  }
  int64_t rest_len = flrt_list_length(l);
  fl_list_block *nb = flrt_alloc_block(cap, ek);
  nb->rest = l;
  nb->rest_len = rest_len;
  nb->slots[cap - 1] = flrt_slot_raw(x, ek);
  nb->front = cap - 1;
  return fl_make_list(nb, cap - 1);
}

fl_value flrt_list_drop(fl_value l, int64_t n) {
  while (n > 0 && l != FL_EMPTY) {
    fl_list_block *b = fl_list_block_of(l);
    uint32_t i = fl_list_index_of(l);
    int64_t avail = b->cap - i;
    if (n < avail) return fl_make_list(b, i + (uint32_t)n);
    n -= avail;
    l = b->rest;
  }
  return l;
}

fl_value flrt_list_nth(fl_value l, int64_t n) {
  for (;;) {
    fl_list_block *b = fl_list_block_of(l);
    uint32_t i = fl_list_index_of(l);
    int64_t avail = b->cap - i;
    if (n < avail) return flrt_block_elem(b, i + (uint32_t)n);
    n -= avail;
    l = b->rest;
  }
}

static inline uint32_t merge_kind(uint32_t k, uint32_t e) {
  return k == ELEM_NONE ? e : (k == e ? k : FL_ELEM_VALUE);
}

uint32_t flrt_list_elem_kind(fl_value l, int64_t n) {
  uint32_t k = ELEM_NONE;
  while (n > 0 && l != FL_EMPTY) {
    fl_list_block *b = fl_list_block_of(l);
    uint32_t i = fl_list_index_of(l);
    int64_t cnt = b->cap - i;
    if (cnt > n) cnt = n;
    if (b->elem != FL_ELEM_VALUE) {
      k = merge_kind(k, b->elem);
    } else {
      for (int64_t j = 0; j < cnt; j++) {
        k = merge_kind(k, flrt_elem_kind_of(b->slots[i + j]));
        if (k == FL_ELEM_VALUE) return k;
      }
    }
    if (k == FL_ELEM_VALUE) return k;
    n -= cnt;
    l = b->rest;
  }
  return k == ELEM_NONE ? FL_ELEM_VALUE : k;
}

uint32_t flrt_list_block_kind(fl_value l, int64_t n) {
  uint32_t k = ELEM_NONE;
  while (n > 0 && l != FL_EMPTY) {
    fl_list_block *b = fl_list_block_of(l);
    if (b->elem == FL_ELEM_VALUE || (k != ELEM_NONE && k != b->elem)) return FL_ELEM_VALUE;
    k = b->elem;
    n -= b->cap - fl_list_index_of(l);
    l = b->rest;
  }
  return k == ELEM_NONE ? FL_ELEM_VALUE : k;
}

/* ---- writer: blocks are allocated front to back; the first one takes the remainder so that
 * all later ones are full (FL_LIST_MAX_CAP slots). ---------------------------------------- */
void flrt_lw_init(flrt_list_writer *w, int64_t n, uint32_t elem, fl_value rest) {
  /* Every field is set before the first allocation: a writer on the stack may still hold a
   * previous writer's list, which the (conservative) stack scan would keep alive. */
  w->rest = rest;
  w->elem = elem;
  w->remaining = n;
  w->b = NULL;
  w->i = 0;
  w->list = rest;
  if (n <= 0) return;
  uint32_t first = (uint32_t)(n % FL_LIST_MAX_CAP);
  if (first == 0) first = FL_LIST_MAX_CAP;
  if (n > FL_LIST_MAX_CAP) /* several large blocks: whole 32 KiB pages each */
    flrt_alloc_coming((size_t)((n - first) / FL_LIST_MAX_CAP + 1) *
                      ((sizeof(fl_list_block) + (size_t)FL_LIST_MAX_CAP * 8 + 32767) & ~(size_t)32767));
  fl_list_block *b = writer_block(first, elem);
  b->front = 0;
  b->rest = rest;
  b->rest_len = n - first + flrt_list_length(rest);
  w->b = b;
  w->list = fl_make_list(b, 0);
}

static void lw_next_block(flrt_list_writer *w) {
  fl_list_block *nb = writer_block(FL_LIST_MAX_CAP, w->elem);
  nb->front = 0;
  nb->rest = w->rest;
  nb->rest_len = w->b->rest_len - FL_LIST_MAX_CAP;
  w->b->rest = fl_make_list(nb, 0);
  w->b = nb;
  w->i = 0;
}

void flrt_lw_put_raw(flrt_list_writer *w, uint64_t raw) {
  if (w->i == w->b->cap) lw_next_block(w);
  w->b->slots[w->i++] = raw;
  w->remaining--;
}

uint64_t *flrt_lw_span(flrt_list_writer *w, int64_t *n) {
  if (w->remaining <= 0) {
    *n = 0;
    return NULL;
  }
  if (w->i == w->b->cap) lw_next_block(w);
  *n = (int64_t)(w->b->cap - w->i);
  return &w->b->slots[w->i];
}

void flrt_lw_put(flrt_list_writer *w, fl_value v) { flrt_lw_put_raw(w, flrt_slot_raw(v, w->elem)); }

/* ---- builder: blocks linked front to back while they fill (every block has front 0 until
 * the end, so the collector scans all slots of a VALUE block; unwritten ones are 0). The last
 * block is usually partly filled: finish slides its elements to the block's end, where a list
 * value's elements are, and fills in the lengths. ---------------------------------------- */
static void lb_add_block(fl_list_builder *lb, uint32_t cap) {
  fl_list_block *b = writer_block(cap, lb->elem);
  b->front = 0;
  if (lb->last) {
    lb->before_last += lb->last->cap;
    lb->last->rest = fl_make_list(b, 0);
  } else {
    lb->first = b;
  }
  lb->last = b;
  lb->cur = b->slots;
  lb->end = b->slots + cap;
}

void flrt_lb_init(fl_list_builder *lb, uint32_t elem, int64_t hint) {
  /* every field before the first allocation (see flrt_lw_init) */
  lb->cur = lb->end = NULL;
  lb->first = lb->last = NULL;
  lb->before_last = 0;
  lb->hint = hint > 0 ? hint : 0;
  lb->elem = elem;
  lb->pad_ = 0;
  if (lb->hint > 0) lb_add_block(lb, lb->hint < FL_LIST_MAX_CAP ? (uint32_t)lb->hint : FL_LIST_MAX_CAP);
}

void flrt_lb_grow(fl_list_builder *lb) {
  int64_t have = lb->last ? lb->before_last + lb->last->cap : 0;
  uint64_t cap;
  if (lb->hint > have) cap = (uint64_t)(lb->hint - have);       /* the rest of a known length */
  else cap = lb->last ? (uint64_t)lb->last->cap * 2 : 16;        /* unknown: doubling */
  if (cap > FL_LIST_MAX_CAP) cap = FL_LIST_MAX_CAP;
  lb_add_block(lb, (uint32_t)cap);
}

fl_value flrt_lb_finish(fl_list_builder *lb) {
  fl_list_block *last = lb->last;
  if (!last) return FL_EMPTY;
  uint32_t k = (uint32_t)(lb->cur - last->slots);
  int64_t left = lb->before_last + k;
  fl_list_block *first = lb->first;
  lb->first = lb->last = NULL;
  lb->cur = lb->end = NULL;
  if (left == 0) return FL_EMPTY;
  /* flrt_lb_grow runs only right before a store, so only a first block can be empty */
  if (k < last->cap) {
    memmove(&last->slots[last->cap - k], last->slots, (size_t)k * 8);
    last->front = last->cap - k;
  }
  for (fl_list_block *b = first;; b = fl_list_block_of(b->rest)) {
    left -= b->cap - b->front;
    b->rest_len = left;
    if (b == last) {
      b->rest = FL_EMPTY;
      break;
    }
    fl_list_block *next = fl_list_block_of(b->rest);
    if (next == last) b->rest = fl_make_list(last, last->front);
  }
  return fl_make_list(first, first->front);
}

/* ---- vec: a growable array in a VALUE block (front 0, so the collector scans every slot;
 * unused slots are 0, which it ignores). ---------------------------------------------------- */
void flrt_vec_init(flrt_vec *v, int64_t cap_hint) {
  uint32_t cap = cap_hint < 8 ? 8 : cap_hint > (1 << 20) ? (1 << 20) : (uint32_t)cap_hint;
  v->store = flrt_alloc_block(cap, FL_ELEM_VALUE);
  v->store->front = 0;
  v->len = 0;
}

void flrt_vec_push(flrt_vec *v, fl_value x) {
  if (v->len == (int64_t)v->store->cap) {
    uint64_t ncap = (uint64_t)v->store->cap * 2;
    if (ncap > UINT32_MAX) flrt_out_of_memory();
    fl_list_block *nb = flrt_alloc_block((uint32_t)ncap, FL_ELEM_VALUE);
    nb->front = 0;
    memcpy(nb->slots, v->store->slots, (size_t)v->len * 8);
    v->store = nb;
  }
  v->store->slots[v->len++] = x;
}

fl_value flrt_vec_to_list(flrt_vec *v, fl_value rest) {
  uint32_t k = ELEM_NONE;
  for (int64_t i = 0; i < v->len && k != FL_ELEM_VALUE; i++)
    k = merge_kind(k, flrt_elem_kind_of(v->store->slots[i]));
  if (k == ELEM_NONE) k = FL_ELEM_VALUE;
  flrt_list_writer w;
  flrt_lw_init(&w, v->len, k, rest);
  for (int64_t i = 0; i < v->len; i++) flrt_lw_put(&w, v->store->slots[i]);
  return flrt_lw_finish(&w);
}

fl_value flrt_list_from_array(const fl_value *xs, int64_t n) {
  uint32_t k = ELEM_NONE;
  for (int64_t i = 0; i < n && k != FL_ELEM_VALUE; i++) k = merge_kind(k, flrt_elem_kind_of(xs[i]));
  if (k == ELEM_NONE) k = FL_ELEM_VALUE;
  flrt_list_writer w;
  flrt_lw_init(&w, n, k, FL_EMPTY);
  for (int64_t i = 0; i < n; i++) flrt_lw_put(&w, xs[i]);
  return flrt_lw_finish(&w);
}

/* Copies the first n elements of l in front of `rest`, keeping a specialised representation
 * when all of them share one. */
fl_value flrt_list_copy_prefix(fl_value l, int64_t n, fl_value rest) {
  uint32_t k = flrt_list_elem_kind(l, n);
  flrt_list_writer w;
  flrt_lw_init(&w, n, k, rest);
  while (n > 0) {
    fl_list_block *b = fl_list_block_of(l);
    uint32_t i = fl_list_index_of(l);
    if (b->elem == k) {
      /* same representation: whole runs of slots are copied */
      int64_t avail = (int64_t)(b->cap - i) < n ? (int64_t)(b->cap - i) : n;
      while (avail > 0) {
        int64_t m;
        uint64_t *dst = flrt_lw_span(&w, &m);
        if (m > avail) m = avail;
        memcpy(dst, &b->slots[i], (size_t)m * 8);
        flrt_lw_advance(&w, m);
        i += (uint32_t)m;
        avail -= m;
        n -= m;
      }
    } else {
      for (; i < b->cap && n > 0; i++, n--) flrt_lw_put(&w, flrt_block_elem(b, i));
    }
    l = b->rest;
  }
  return flrt_lw_finish(&w);
}
