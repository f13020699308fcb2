/* string/utf8.cpp - UTF-8 decoding, encoding, counting and repair of external input. */
#include "internal.h"

uint32_t flrt_utf8_decode(const char *s, int *len) {
  const unsigned char *p = (const unsigned char *)s;
  unsigned char c = p[0];
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  if (c < 0xE0) {
    *len = 2;
    return ((uint32_t)(c & 0x1F) << 6) | (p[1] & 0x3F);
  }
  if (c < 0xF0) {
    *len = 3;
    return ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
  }
  *len = 4;
  return ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
         ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

int flrt_utf8_encode(uint32_t cp, char *out) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

int64_t flrt_utf8_count(const char *s, int64_t n) {
  const unsigned char *p = (const unsigned char *)s;
  int64_t count = 0, i = 0;
  /* Eight bytes at a time: count the bytes that are not continuation bytes (10xxxxxx). */
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    uint64_t cont = (w & ~(w << 1)) & UINT64_C(0x8080808080808080); /* bit7=1, bit6=0 */
    count += 8 - __builtin_popcountll(cont);
  }
  for (; i < n; i++) count += (p[i] & 0xC0) != 0x80;
  return count;
}

/* Length of the valid sequence at p[0..n), or 0 with *bad set to the length of the maximal
 * invalid subpart to replace by one U+FFFD (the Unicode "maximal subpart" practice, which is
 * what Python's errors="replace" does). */
static int valid_seq(const unsigned char *p, size_t n, int *bad) {
  unsigned char c = p[0];
  if (c < 0x80) return 1;
  int need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) need = 1;
  else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    *bad = 1;
    return 0;
  }
  size_t i = 1;
  for (int k = 0; k < need; k++, i++) {
    unsigned char lo_k = k == 0 ? lo : 0x80, hi_k = k == 0 ? hi : 0xBF;
    if (i >= n || p[i] < lo_k || p[i] > hi_k) {
      *bad = (int)i;
      return 0;
    }
  }
  return need + 1;
}

size_t flrt_utf8_sanitize(const char *s, size_t n, flrt_sb *out) {
  const unsigned char *p = (const unsigned char *)s;
  size_t start = out->len, i = 0, run = 0;
  while (i < n) {
    int bad = 0;
    int k = valid_seq(p + i, n - i, &bad);
    if (k > 0) {
      i += (size_t)k;
      continue;
    }
    flrt_sb_put(out, s + run, i - run);
    flrt_sb_put(out, "\xEF\xBF\xBD", 3);
    i += (size_t)bad;
    run = i;
  }
  flrt_sb_put(out, s + run, n - run);
  return out->len - start;
}

fl_value flrt_string_from_external(const char *s, size_t n) {
  flrt_sb sb;
  flrt_sb_init(&sb);
  flrt_utf8_sanitize(s, n, &sb);
  fl_value v = flrt_sb_to_string(&sb);
  flrt_sb_free(&sb);
  return v;
}
