/* print/print.cpp - write form and display form of every value (§5). */
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

static void print_list(flrt_sb *sb, fl_value l) {
  flrt_sb_putc(sb, '(');
  bool first = true;
  while (l != FL_EMPTY && !flrt_sb_full(sb)) {
    fl_list_block *b = fl_list_block_of(l);
    for (uint32_t i = fl_list_index_of(l); i < b->cap; i++) {
      if (!first) flrt_sb_putc(sb, ' ');
      first = false;
      uint64_t raw = b->slots[i];
      if (b->elem == FL_ELEM_INT) {
        put_int(sb, (int64_t)raw);
      } else if (b->elem == FL_ELEM_FLOAT) {
        double d;
        memcpy(&d, &raw, 8);
        put_float(sb, d);
      } else {
        flrt_print_value(sb, raw, false);
      }
      if (flrt_sb_full(sb)) return;
    }
    l = b->rest;
  }
  flrt_sb_putc(sb, ')');
}

static void print_fields(flrt_sb *sb, const fl_tagged *t) {
  for (uint32_t i = 0; i < fl_tagged_count(t) && !flrt_sb_full(sb); i++) {
    if (i) flrt_sb_putc(sb, ' ');
    flrt_print_value(sb, flrt_tagged_get(t, i), false);
  }
}

typedef struct map_printer {
  flrt_sb *sb;
  bool first;
} map_printer;

static bool print_entry(void *ctx, fl_value k, fl_value v) {
  map_printer *p = (map_printer *)ctx;
  if (!p->first) flrt_sb_put(p->sb, ", ", 2);
  p->first = false;
  flrt_print_value(p->sb, k, false);
  flrt_sb_putc(p->sb, ' ');
  flrt_print_value(p->sb, v, false);
  return !flrt_sb_full(p->sb);
}

static void print_map(flrt_sb *sb, fl_value m) {
  flrt_sb_putc(sb, '{');
  map_printer p = {sb, true};
  flrt_map_each(m, print_entry, &p);
  flrt_sb_putc(sb, '}');
}

/* #[a b c] (§20.1): elements in write form in both forms; a vector met again inside itself is
 * #[...]. The mark lives in the header while the elements print. */
static void print_vector(flrt_sb *sb, fl_vector *v, bool display) {
  if (v->hdr.flags & FL_OBJ_PRINTING) {
    flrt_sb_puts(sb, "#[...]");
    return;
  }
  v->hdr.flags |= FL_OBJ_PRINTING;
  flrt_sb_puts(sb, "#[");
  for (int64_t i = 0; i < v->len && !flrt_sb_full(sb); i++) {
    if (i) flrt_sb_putc(sb, ' ');
    if (v->hdr.aux == FL_ELEM_BOOL) {
      flrt_sb_puts(sb, ((const uint8_t *)v->slots)[i] ? "#t" : "#f");
      continue;
    }
    uint64_t raw = v->slots[i];
    if (v->hdr.aux == FL_ELEM_INT) {
      put_int(sb, (int64_t)raw);
    } else if (v->hdr.aux == FL_ELEM_FLOAT) {
      double d;
      memcpy(&d, &raw, 8);
      put_float(sb, d);
    } else {
      flrt_print_value(sb, raw, false);
    }
  }
  flrt_sb_putc(sb, ']');
  v->hdr.flags &= (uint16_t)~FL_OBJ_PRINTING;
}

void flrt_print_value(flrt_sb *sb, fl_value v, bool display) {
  if (fl_is_fixnum(v)) {
    put_int(sb, fl_fixnum_value(v));
    return;
  }
  if (flrt_is_list(v)) {
    print_list(sb, v);
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
    case FL_K_TAGGED: {
      fl_tagged *t = (fl_tagged *)h;
      put_raw_string(sb, t->tag);
      if (fl_tagged_count(t)) {
        flrt_sb_putc(sb, '(');
        print_fields(sb, t);
        flrt_sb_putc(sb, ')');
      }
      return;
    }
    case FL_K_MAP: print_map(sb, v); return;
    case FL_K_VECTOR: print_vector(sb, (fl_vector *)h, display); return;
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
