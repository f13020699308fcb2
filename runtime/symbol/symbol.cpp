/* symbol/symbol.cpp - interning of symbols and keywords created at run time.
 * Equality compares names, so symbols the compiler emits statically need not be in the table. */
#include "internal.h"

#include <stdlib.h>

typedef struct table {
  fl_value *slots; /* 0 = empty; a GC root (scanned by scan_roots) */
  size_t cap, count;
} table;

static table symbols, keywords;
static bool scanner_added;

static void scan_roots(void (*visit)(fl_value *slot, int64_t n)) {
  if (symbols.slots) visit(symbols.slots, (int64_t)symbols.cap);
  if (keywords.slots) visit(keywords.slots, (int64_t)keywords.cap);
}

static void grow(table *t) {
  size_t ncap = t->cap ? t->cap * 2 : 64;
  fl_value *ns = (fl_value *)calloc(ncap, sizeof(fl_value));
  if (!ns) flrt_out_of_memory();
  for (size_t i = 0; i < t->cap; i++) {
    fl_value s = t->slots[i];
    if (!s) continue;
    size_t j = flrt_string_hash(flrt_str(((fl_symbol *)fl_obj(s))->name)) & (ncap - 1);
    while (ns[j]) j = (j + 1) & (ncap - 1);
    ns[j] = s;
  }
  free(t->slots);
  t->slots = ns;
  t->cap = ncap;
}

static fl_value intern(table *t, uint8_t kind, fl_value name) {
  if (!scanner_added) {
    flrt_gc_add_root_scanner(scan_roots);
    scanner_added = true;
  }
  if ((t->count + 1) * 2 > t->cap) grow(t);
  fl_string *n = flrt_str(name);
  size_t j = flrt_string_hash(n) & (t->cap - 1);
  for (; t->slots[j]; j = (j + 1) & (t->cap - 1)) {
    fl_symbol *s = (fl_symbol *)fl_obj(t->slots[j]);
    if (flrt_string_eq(flrt_str(s->name), n)) return t->slots[j];
  }
  fl_symbol *s = (fl_symbol *)flrt_alloc_obj(sizeof(fl_symbol), kind, 0);
  s->name = name;
  t->slots[j] = flrt_ptr_value(s);
  t->count++;
  return t->slots[j];
}

fl_value flrt_intern_symbol(fl_value name) { return intern(&symbols, FL_K_SYMBOL, name); }
fl_value flrt_intern_keyword(fl_value name) { return intern(&keywords, FL_K_KEYWORD, name); }
