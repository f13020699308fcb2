/* print/print.cpp - write form and display form of every value (§5). */
#include <stdlib.h>

#include "internal.h"

static void put_int(flrt_sb *sb, int64_t i) {
  char buf[24];
  char *e = buf + sizeof buf, *p = e;
  uint64_t u = i < 0 ? 0 - (uint64_t)i : (uint64_t)i;
  do {
    *--p = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  if (i < 0) *--p = '-';
  flrt_sb_put(sb, p, (size_t)(e - p));
}

static void put_float(flrt_sb *sb, double d) {
  char buf[FLRT_FLOAT_BUF];
  flrt_sb_put(sb, buf, flrt_format_float(d, buf));
}

static void put_raw_string(flrt_sb *sb, fl_value s) {
  fl_string *str = flrt_str(s);
  flrt_sb_put(sb, str->data, (size_t)str->len);
}

static void put_written_string(flrt_sb *sb, const fl_string *s) {
  const unsigned char *p = (const unsigned char *)s->data;
  int64_t n = s->len, run = 0;
  flrt_sb_putc(sb, '"');
  for (int64_t i = 0; i < n; i++) {
    unsigned char c = p[i];
    if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F) continue;
    flrt_sb_put(sb, (const char *)p + run, (size_t)(i - run));
    run = i + 1;
    switch (c) {
      case '"': flrt_sb_put(sb, "\\\"", 2); break;
      case '\\': flrt_sb_put(sb, "\\\\", 2); break;
      case '\n': flrt_sb_put(sb, "\\n", 2); break;
      case '\t': flrt_sb_put(sb, "\\t", 2); break;
      case '\r': flrt_sb_put(sb, "\\r", 2); break;
      case 0: flrt_sb_put(sb, "\\0", 2); break;
      default: flrt_sb_printf(sb, "\\u{%x}", c); break;
    }
  }
  flrt_sb_put(sb, (const char *)p + run, (size_t)(n - run));
  flrt_sb_putc(sb, '"');
}

/* ---- compound values, iteratively ------------------------------------------------------------
 * Lists, tagged values, vectors and maps nest to any depth (a 10-million-deep list prints like a
 * flat one), so they are printed from an explicit stack of pending tasks rather than by recursion.
 * Elements are always in write form; only the outermost value may be in display form. */

enum print_op : uint8_t {
  P_VALUE,      /* a: the value */
  P_LIST,       /* a: the rest of a list being printed (b: 1 before its first element) */
  P_FIELDS,     /* a: tagged value, i: next field */
  P_VECTOR,     /* a: vector, i: next element */
  P_VECTOR_END, /* a: vector: ']' and its printing mark cleared (also when the output is full) */
  P_ENTRIES,    /* a: malloc'd key/value array of a map, i: next entry, b: entry count */
  P_SPACE_VALUE, /* a: a map entry's value, after its compound key: ' ' then the value */
};

typedef struct print_task {
  uint8_t op;
  uint32_t i;
  uint64_t a, b;
} print_task;

typedef struct print_stack {
  print_task *t;
  size_t n, cap;
  print_task local[32];
} print_stack;

static void push(print_stack *st, uint8_t op, uint64_t a, uint64_t b = 0, uint32_t i = 0) {
  if (st->n == st->cap) {
    size_t cap = st->cap * 2;
    print_task *t = (print_task *)malloc(cap * sizeof(print_task));
    if (!t) flrt_out_of_memory();
    memcpy(t, st->t, st->n * sizeof(print_task));
    if (st->t != st->local) free(st->t);
    st->t = t;
    st->cap = cap;
  }
  st->t[st->n++] = print_task{op, i, a, b};
}

static void put_raw_float_bits(flrt_sb *sb, uint64_t raw) {
  double d;
  memcpy(&d, &raw, 8);
  put_float(sb, d);
}

/* Values printed without looking inside other values. */
static bool is_leaf(fl_value v) {
  if (flrt_is_list(v)) return false;
  if (!fl_is_ptr(v)) return true;
  switch (fl_obj(v)->kind) {
    case FL_K_TAGGED: return fl_tagged_count((fl_tagged *)fl_obj(v)) == 0;
    case FL_K_VECTOR:
    case FL_K_MAP: return false;
    default: return true;
  }
}

static void print_leaf(flrt_sb *sb, fl_value v, bool display);

typedef struct entry_sink {
  fl_value *at, *end;
} entry_sink;

static bool collect_entry(void *ctx, fl_value k, fl_value v) {
  entry_sink *w = (entry_sink *)ctx;
  if (w->at == w->end) return false; /* never more than the count says */
  *w->at++ = k;
  *w->at++ = v;
  return true;
}

/* Starts printing a compound value: its opening text now, its contents as tasks. */
static void open_compound(print_stack *st, flrt_sb *sb, fl_value v) {
  if (flrt_is_list(v)) {
    flrt_sb_putc(sb, '(');
    push(st, P_LIST, v, 1);
    return;
  }
  fl_header *h = fl_obj(v);
  if (h->kind == FL_K_TAGGED) {
    put_raw_string(sb, ((fl_tagged *)h)->tag);
    flrt_sb_putc(sb, '(');
    push(st, P_FIELDS, v);
  } else if (h->kind == FL_K_VECTOR) { /* #[a b c] (§20.1); met again inside itself: #[...] */
    if (h->flags & FL_OBJ_PRINTING) {
      flrt_sb_puts(sb, "#[...]");
      return;
    }
    h->flags |= FL_OBJ_PRINTING;
    flrt_sb_puts(sb, "#[");
    push(st, P_VECTOR_END, v);
    push(st, P_VECTOR, v);
  } else { /* map: {k v, k v} in insertion order */
    flrt_sb_putc(sb, '{');
    int64_t n = flrt_map_count(v);
    fl_value *kv = (fl_value *)malloc((size_t)(n > 0 ? n : 1) * 2 * sizeof(fl_value));
    if (!kv) flrt_out_of_memory();
    entry_sink w = {kv, kv + 2 * n};
    flrt_map_each(v, collect_entry, &w);
    push(st, P_ENTRIES, (uint64_t)(uintptr_t)kv, (uint64_t)((w.at - kv) / 2));
  }
}

static void run_task(print_stack *st, flrt_sb *sb, print_task t) {
  switch (t.op) {
    case P_VALUE: open_compound(st, sb, t.a); return;
    case P_LIST: {
      fl_value l = t.a;
      bool first = t.b != 0;
      while (l != FL_EMPTY && !flrt_sb_full(sb)) {
        fl_list_block *b = fl_list_block_of(l);
        for (uint32_t i = fl_list_index_of(l); i < b->cap; i++) {
          if (!first) flrt_sb_putc(sb, ' ');
          first = false;
          uint64_t raw = b->slots[i];
          if (b->elem == FL_ELEM_INT) {
            put_int(sb, (int64_t)raw);
          } else if (b->elem == FL_ELEM_FLOAT) {
            put_raw_float_bits(sb, raw);
          } else if (!is_leaf(raw)) {
            push(st, P_LIST, i + 1 < b->cap ? fl_make_list(b, i + 1) : b->rest, 0);
            push(st, P_VALUE, raw);
            return;
          } else {
            print_leaf(sb, raw, false);
          }
          if (flrt_sb_full(sb)) return;
        }
        l = b->rest;
      }
      flrt_sb_putc(sb, ')');
      return;
    }
    case P_FIELDS: {
      fl_tagged *tg = (fl_tagged *)fl_obj(t.a);
      uint32_t n = fl_tagged_count(tg), raw = fl_tagged_raw(tg);
      for (uint32_t i = t.i; i < n && !flrt_sb_full(sb); i++) {
        if (i) flrt_sb_putc(sb, ' ');
        fl_value f = tg->fields[i];
        if (i < FL_TAGGED_RAW_FIELDS && (raw >> i & 1u)) {
          put_raw_float_bits(sb, f);
        } else if (is_leaf(f)) {
          print_leaf(sb, f, false);
        } else {
          push(st, P_FIELDS, t.a, 0, i + 1);
          push(st, P_VALUE, f);
          return;
        }
      }
      flrt_sb_putc(sb, ')');
      return;
    }
    case P_VECTOR: {
      fl_vector *v = (fl_vector *)fl_obj(t.a);
      for (int64_t i = t.i; i < v->len && !flrt_sb_full(sb); i++) {
        if (i) flrt_sb_putc(sb, ' ');
        uint64_t raw = v->slots[i];
        if (v->hdr.aux == FL_ELEM_BOOL) {
          flrt_sb_puts(sb, ((const uint8_t *)v->slots)[i] ? "#t" : "#f");
        } else if (v->hdr.aux == FL_ELEM_INT) {
          put_int(sb, (int64_t)raw);
        } else if (v->hdr.aux == FL_ELEM_FLOAT) {
          put_raw_float_bits(sb, raw);
        } else if (is_leaf(raw)) {
          print_leaf(sb, raw, false);
        } else {
          push(st, P_VECTOR, t.a, 0, (uint32_t)(i + 1));
          push(st, P_VALUE, raw);
          return;
        }
      }
      return;
    }
    case P_VECTOR_END:
      if (!flrt_sb_full(sb)) flrt_sb_putc(sb, ']');
      fl_obj(t.a)->flags &= (uint16_t)~FL_OBJ_PRINTING;
      return;
    case P_ENTRIES: {
      fl_value *kv = (fl_value *)(uintptr_t)t.a;
      for (uint32_t i = t.i; i < t.b && !flrt_sb_full(sb); i++) {
        if (i) flrt_sb_put(sb, ", ", 2);
        fl_value k = kv[2 * i], v = kv[2 * i + 1];
        if (is_leaf(k)) {
          print_leaf(sb, k, false);
          flrt_sb_putc(sb, ' ');
          if (is_leaf(v)) {
            print_leaf(sb, v, false);
            continue;
          }
          push(st, P_ENTRIES, t.a, t.b, i + 1);
          push(st, P_VALUE, v);
          return;
        }
        push(st, P_ENTRIES, t.a, t.b, i + 1);
        push(st, P_SPACE_VALUE, v);
        push(st, P_VALUE, k);
        return;
      }
      if (!flrt_sb_full(sb)) flrt_sb_putc(sb, '}');
      free(kv);
      return;
    }
    case P_SPACE_VALUE:
      flrt_sb_putc(sb, ' ');
      if (is_leaf(t.a)) print_leaf(sb, t.a, false);
      else open_compound(st, sb, t.a);
      return;
  }
}

static void print_leaf(flrt_sb *sb, fl_value v, bool display) {
  if (fl_is_fixnum(v)) {
    put_int(sb, fl_fixnum_value(v));
    return;
  }
  if (!fl_is_ptr(v)) {
    const char *s = v == FL_NIL ? "nil" : v == FL_TRUE ? "#t" : v == FL_FALSE ? "#f" : "#<unbound>";
    flrt_sb_puts(sb, s);
    return;
  }
  fl_header *h = fl_obj(v);
  switch (h->kind) {
    case FL_K_INT: put_int(sb, ((fl_int_obj *)h)->value); return;
    case FL_K_FLOAT: put_float(sb, ((fl_float_obj *)h)->value); return;
    case FL_K_STRING:
      if (display) put_raw_string(sb, v);
      else put_written_string(sb, flrt_str(v));
      return;
    case FL_K_SYMBOL: put_raw_string(sb, ((fl_symbol *)h)->name); return;
    case FL_K_KEYWORD:
      flrt_sb_putc(sb, ':');
      put_raw_string(sb, ((fl_symbol *)h)->name);
      return;
    case FL_K_TAGGED: put_raw_string(sb, ((fl_tagged *)h)->tag); return; /* no fields */
    case FL_K_FUNCTION: {
      const char *name = ((fl_function *)h)->name;
      if (name) {
        flrt_sb_puts(sb, "#<function ");
        flrt_sb_puts(sb, name);
        flrt_sb_putc(sb, '>');
      } else {
        flrt_sb_puts(sb, "#<function>");
      }
      return;
    }
    case FL_K_ERROR: {
      fl_error_obj *e = (fl_error_obj *)h;
      flrt_sb_puts(sb, "#<error ");
      put_raw_string(sb, e->kind);
      flrt_sb_putc(sb, ' ');
      put_written_string(sb, flrt_str(e->message));
      flrt_sb_putc(sb, '>');
      return;
    }
    case FL_K_CHANNEL: flrt_sb_puts(sb, "#<channel>"); return;
    case FL_K_POINTER: flrt_sb_printf(sb, "#<pointer %#lx>", (unsigned long)(uintptr_t)((fl_pointer *)h)->addr); return;
    case FL_K_PROMISE: flrt_sb_puts(sb, "#<promise>"); return;
    case FL_K_BOX: flrt_sb_puts(sb, "#<box>"); return;
    default: flrt_sb_puts(sb, "#<internal>"); return;
  }
}

void flrt_print_value(flrt_sb *sb, fl_value v, bool display) {
  if (is_leaf(v)) {
    print_leaf(sb, v, display);
    return;
  }
  print_stack st;
  st.t = st.local;
  st.n = 0;
  st.cap = sizeof st.local / sizeof st.local[0];
  push(&st, P_VALUE, v);
  while (st.n > 0) {
    print_task t = st.t[--st.n];
    if (!flrt_sb_full(sb) || t.op == P_VECTOR_END || t.op == P_ENTRIES) {
      if (flrt_sb_full(sb) && t.op == P_ENTRIES) t.i = (uint32_t)t.b; /* only free the array */
      run_task(&st, sb, t);
    }
  }
  if (st.t != st.local) free(st.t);
}

static fl_value to_string(fl_value v, bool display) {
  flrt_sb sb;
  flrt_sb_init(&sb);
  flrt_print_value(&sb, v, display);
  fl_value s = flrt_sb_to_string(&sb);
  flrt_sb_free(&sb);
  return s;
}

fl_value flrt_display_string(fl_value v) {
  if (flrt_is_string(v)) return v;
  if (fl_is_fixnum(v) && fl_fixnum_value(v) >= 0 && fl_fixnum_value(v) < 10)
    return flrt_char_string((uint32_t)('0' + fl_fixnum_value(v)));
  if (flrt_is_int(v)) { /* digits into a stack buffer: no byte buffer to grow and free */
    char tmp[24], *d;
    int64_t i = flrt_int_of(v);
    uint64_t u = i < 0 ? 0 - (uint64_t)i : (uint64_t)i;
    char *p = tmp + sizeof tmp;
    do *--p = (char)('0' + u % 10); while ((u /= 10) != 0);
    if (i < 0) *--p = '-';
    int64_t n = tmp + sizeof tmp - p;
    fl_string *str = flrt_alloc_string(n, &d);
    memcpy(d, p, (size_t)n);
    str->cplen = n;
    return flrt_ptr_value(str);
  }
  return to_string(v, true);
}

fl_value flrt_write_string(fl_value v) { return to_string(v, false); }

void flrt_print_result(fl_value v) {
  flrt_print_value(&flrt_stdout, v, false);
  flrt_sb_putc(&flrt_stdout, '\n');
}
