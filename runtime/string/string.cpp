/* string/string.cpp - immutable UTF-8 strings.
 *
 * A fresh string keeps its bytes inline, right after the fl_string fields. Long results of
 * concatenation live in a growable buffer (a RAW object) instead: a string that ends exactly
 * at the buffer's used end is extended in place by the next concatenation, so building a string
 * with a fold of string-append is linear. Long substrings share their parent's bytes. Bytes
 * that an existing string covers are never changed, but shared strings are not necessarily
 * followed by a NUL byte: the runtime always uses `len`.
 */
#include <stdlib.h>

#include "internal.h"

#include <stddef.h>

typedef struct strbuf {
  fl_header hdr; /* kind RAW, aux STRBUF_TAG */
  int64_t cap;
  int64_t used;
  char bytes[];
} strbuf;

#define STRBUF_TAG 0x53425546u /* "SBUF" */
#define INLINE_CONCAT_MAX 64   /* shorter concatenations are plain inline strings */
#define VIEW_MIN 32            /* shorter substrings are copied */

FLRT_STATIC_STRING(flrt_empty_string, "");

fl_string *flrt_alloc_string(int64_t len, char **data) {
  if (len < 0 || (uint64_t)len > (UINT64_C(1) << 47)) flrt_out_of_memory();
  fl_string *s = (fl_string *)flrt_alloc_obj(sizeof(fl_string) + (size_t)len + 1, FL_K_STRING, 0);
  char *d = (char *)(s + 1);
  s->len = len;
  s->cplen = -1;
  s->data = d;
  d[len] = 0;
  *data = d;
  return s;
}

fl_value flrt_string_from(const char *bytes, int64_t len) {
  if (len == 0) return flrt_ptr_value(&flrt_empty_string);
  char *d;
  fl_string *s = flrt_alloc_string(len, &d);
  memcpy(d, bytes, (size_t)len);
  return flrt_ptr_value(s);
}

fl_value flrt_cstring(const char *s) { return flrt_string_from(s, (int64_t)strlen(s)); }

static fl_value make_view(const char *data, int64_t len, int64_t cplen, fl_string *parent,
                          int64_t boff) {
  fl_string *s = (fl_string *)flrt_alloc_obj(sizeof(fl_string), FL_K_STRING, 0);
  s->len = len;
  s->cplen = cplen;
  s->data = data;
  if (parent && (parent->hdr.flags & FLRT_STR_INBUF)) {
    uint64_t off = (uint64_t)parent->hdr.aux + (uint64_t)boff;
    if (off <= UINT32_MAX) {
      s->hdr.flags = FLRT_STR_INBUF;
      s->hdr.aux = (uint32_t)off;
    }
  }
  return flrt_ptr_value(s);
}

static strbuf *buffer_of(fl_string *s) {
  return (strbuf *)(s->data - s->hdr.aux - offsetof(strbuf, bytes));
}

fl_value flrt_string_concat(fl_value av, fl_value bv) {
  fl_string *b = flrt_str(bv);
  if (flrt_str(av)->len == 0 && b->len > 0) return bv;
  return flrt_string_append_bytes(av, b->data, b->len, b->cplen);
}

/* bytes must not move while this allocates: a malloc'd buffer or the bytes of a string the
 * caller keeps alive. */
fl_value flrt_string_append_bytes(fl_value av, const char *bytes, int64_t lb, int64_t bcplen) {
  fl_string *a = flrt_str(av);
  int64_t la = a->len;
  if (lb == 0) return av;
  int64_t cplen = a->cplen >= 0 && bcplen >= 0 ? a->cplen + bcplen : -1;
  int64_t n = la + lb;
  if (a->hdr.flags & FLRT_STR_INBUF) {
    strbuf *buf = buffer_of(a);
    if (a->data + la == buf->bytes + buf->used && buf->used + lb < buf->cap) {
      memcpy(buf->bytes + buf->used, bytes, (size_t)lb);
      buf->used += lb;
      buf->bytes[buf->used] = 0;
      fl_string *s = (fl_string *)flrt_alloc_obj(sizeof(fl_string), FL_K_STRING, a->hdr.aux);
      s->hdr.flags = FLRT_STR_INBUF;
      s->len = n;
      s->cplen = cplen;
      s->data = a->data; /* a is still reachable through av while we allocate */
      return flrt_ptr_value(s);
    }
  }
  if (n < INLINE_CONCAT_MAX) {
    char *d;
    fl_string *s = flrt_alloc_string(n, &d);
    memcpy(d, a->data, (size_t)la);
    memcpy(d + la, bytes, (size_t)lb);
    s->cplen = cplen;
    return flrt_ptr_value(s);
  }
  int64_t cap = n * 2 + 1;
  strbuf *buf = (strbuf *)flrt_alloc_obj(sizeof(strbuf) + (size_t)cap, FL_K_RAW, STRBUF_TAG);
  buf->cap = cap;
  memcpy(buf->bytes, a->data, (size_t)la);
  memcpy(buf->bytes + la, bytes, (size_t)lb);
  buf->used = n;
  buf->bytes[n] = 0;
  fl_string *s = (fl_string *)flrt_alloc_obj(sizeof(fl_string), FL_K_STRING, 0);
  s->hdr.flags = FLRT_STR_INBUF;
  s->len = n;
  s->cplen = cplen;
  s->data = buf->bytes;
  return flrt_ptr_value(s);
}

fl_value flrt_string_slice(fl_value sv, int64_t boff, int64_t blen) {
  fl_string *s = flrt_str(sv);
  if (blen == 0) return flrt_ptr_value(&flrt_empty_string);
  if (boff == 0 && blen == s->len) return sv;
  if (blen >= VIEW_MIN && blen >= s->len / 4) return make_view(s->data + boff, blen, -1, s, boff);
  return flrt_string_from(s->data + boff, blen);
}

int64_t flrt_string_cplen(fl_string *s) {
  if (s->cplen >= 0) return s->cplen;
  int64_t n = flrt_utf8_count(s->data, s->len);
  if (!(s->hdr.flags & FL_OBJ_STATIC)) s->cplen = n; /* static strings may be read-only */
  return n;
}

/* Code point -> byte offset in non-ASCII strings (ASCII ones index directly).
 *
 * A string of at least INDEX_MIN bytes gets a sparse index on its first indexed access: the byte
 * offset of every CP_STRIDE-th code point, one scan of the string. A lookup then starts at the
 * nearest indexed code point at or before it, so substring / string-ref / string-index-of cost
 * O(CP_STRIDE) on any string (before: a scan from the start, O(n) per call). The indexes of the
 * strings indexed most recently are kept in a small direct-mapped table keyed by address.
 * Shorter strings scan, from the previous position when a string is walked forward. Both caches
 * are dropped by every collection, since a freed string's address can be reused. */
#define CP_STRIDE 32
#define INDEX_MIN 256
#define INDEX_SLOTS 16

typedef struct cp_index {
  const fl_string *s;
  int64_t *offs; /* offs[j] = byte offset of code point j * CP_STRIDE */
} cp_index;
static cp_index indexes[INDEX_SLOTS];

static const fl_string *pos_string;
static int64_t pos_cp, pos_byte;

void flrt_string_cache_reset(void) {
  pos_string = NULL;
  for (int k = 0; k < INDEX_SLOTS; k++) {
    free(indexes[k].offs);
    indexes[k].offs = NULL;
    indexes[k].s = NULL;
  }
}

static const int64_t *index_of(fl_string *s) {
  cp_index *x = &indexes[((uintptr_t)s >> 4) % INDEX_SLOTS];
  if (x->s == s) return x->offs;
  int64_t n = flrt_string_cplen(s);
  int64_t *offs = (int64_t *)malloc((size_t)(n / CP_STRIDE + 1) * sizeof(int64_t));
  if (!offs) return NULL; /* no index: the caller scans */
  const unsigned char *p = (const unsigned char *)s->data;
  int64_t cp = 0;
  for (int64_t i = 0; i < s->len; i++) {
    if ((p[i] & 0xC0) == 0x80) continue;
    if (cp % CP_STRIDE == 0) offs[cp / CP_STRIDE] = i;
    cp++;
  }
  if (n % CP_STRIDE == 0) offs[n / CP_STRIDE] = s->len; /* the end, when it falls on a stride */
  free(x->offs);
  x->s = s;
  x->offs = offs;
  return offs;
}

int64_t flrt_string_byte_offset(fl_string *s, int64_t cp) {
  if (flrt_string_cplen(s) == s->len) return cp; /* ASCII */
  const unsigned char *p = (const unsigned char *)s->data;
  int64_t i = 0, n = s->len, at = 0;
  if (s->len >= INDEX_MIN) {
    if (const int64_t *offs = index_of(s)) {
      int64_t j = cp <= s->cplen ? cp / CP_STRIDE : s->cplen / CP_STRIDE; /* callers keep cp <= cplen */
      at = j * CP_STRIDE;
      i = offs[j];
    }
  }
  if (s == pos_string && cp >= pos_cp && pos_cp > at) {
    at = pos_cp;
    i = pos_byte;
  } else if (s == pos_string && cp < pos_cp && pos_cp - cp < cp - at) {
    /* just before the previous position (substring's start after the previous call's end) */
    for (at = pos_cp, i = pos_byte; at > cp; at--) {
      i--;
      while (i > 0 && (p[i] & 0xC0) == 0x80) i--;
    }
  }
  for (; at < cp && i < n; at++) {
    i++;
    while (i < n && (p[i] & 0xC0) == 0x80) i++;
  }
  pos_string = s;
  pos_cp = at;
  pos_byte = i;
  return i;
}

uint64_t flrt_string_hash(fl_string *s) {
  if (s->hash) return s->hash;
  /* FNV-1a, 64-bit; 0 means "not computed" so it is avoided. */
  uint64_t h = UINT64_C(0xcbf29ce484222325);
  const unsigned char *p = (const unsigned char *)s->data;
  for (int64_t i = 0; i < s->len; i++) h = (h ^ p[i]) * UINT64_C(0x100000001b3);
  if (h == 0) h = 1;
  if (!(s->hdr.flags & FL_OBJ_STATIC)) s->hash = h;
  return h;
}

bool flrt_string_eq(const fl_string *a, const fl_string *b) {
  if (a == b) return true;
  if (a->len != b->len) return false;
  if (a->hash && b->hash && a->hash != b->hash) return false;
  return memcmp(a->data, b->data, (size_t)a->len) == 0;
}

/* Byte order of UTF-8 is code point order. */
int flrt_string_cmp(const fl_string *a, const fl_string *b) {
  int64_t n = a->len < b->len ? a->len : b->len;
  int c = n ? memcmp(a->data, b->data, (size_t)n) : 0;
  if (c) return c < 0 ? -1 : 1;
  return a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
}

/* One static string per ASCII character; the rest are allocated. */
static char ascii_bytes[128][2];
static fl_string ascii_strings[128];
static bool ascii_ready;

fl_value flrt_char_string(uint32_t cp) {
  if (cp < 128) {
    if (FLRT_UNLIKELY(!ascii_ready)) {
      for (int c = 0; c < 128; c++) {
        ascii_bytes[c][0] = (char)c;
        ascii_strings[c].hdr.kind = FL_K_STRING;
        ascii_strings[c].hdr.flags = FL_OBJ_STATIC;
        ascii_strings[c].len = 1;
        ascii_strings[c].cplen = 1;
        ascii_strings[c].data = ascii_bytes[c];
      }
      ascii_ready = true;
    }
    return flrt_ptr_value(&ascii_strings[cp]);
  }
  char buf[4];
  int n = flrt_utf8_encode(cp, buf);
  fl_value s = flrt_string_from(buf, n);
  flrt_str(s)->cplen = 1;
  return s;
}
