/* wordfreq: the same generated text as wordfreq.fl (same LCG, same draws), each line built in a
   buffer and split at spaces; words counted in an open-addressing hash table (FNV-1a, strdup'd
   keys); the entries sorted with qsort. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long seed = 12345;

static long random_below(long n) {
  seed = (seed * 1103515245 + 12345) % 2147483648L;
  return (seed / 65536) % n;
}

static const char letters[] = "etaoinsh";

typedef struct {
  char *word;
  long count;
} Entry;

static Entry *table;
static size_t cap = 1024, used = 0;

static size_t hash(const char *s, size_t len) {
  size_t h = 14695981039346656037UL;
  for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211UL;
  return h;
}

static void insert_entry(Entry e) {
  size_t i = hash(e.word, strlen(e.word)) & (cap - 1);
  while (table[i].word) i = (i + 1) & (cap - 1);
  table[i] = e;
}

static void count_word(const char *w, size_t len) {
  size_t i = hash(w, len) & (cap - 1);
  while (table[i].word) {
    if (strlen(table[i].word) == len && memcmp(table[i].word, w, len) == 0) {
      table[i].count++;
      return;
    }
    i = (i + 1) & (cap - 1);
  }
  char *k = malloc(len + 1);
  memcpy(k, w, len);
  k[len] = 0;
  table[i].word = k;
  table[i].count = 1;
  if (++used * 2 > cap) { /* grow */
    Entry *old = table;
    size_t oldcap = cap;
    cap *= 2;
    table = calloc(cap, sizeof(Entry));
    for (size_t j = 0; j < oldcap; j++)
      if (old[j].word) insert_entry(old[j]);
    free(old);
  }
}

static int more_frequent(const void *pa, const void *pb) {
  const Entry *a = pa, *b = pb;
  if (a->count != b->count) return a->count > b->count ? -1 : 1;
  return strcmp(a->word, b->word);
}

int main(int argc, char **argv) {
  long lines = argc > 1 ? atol(argv[1]) : 1000, words = argc > 2 ? atol(argv[2]) : 10000;
  table = calloc(cap, sizeof(Entry));
  char *line = malloc((size_t)words * 5 + 1);
  long total = 0;
  for (long l = 0; l < lines; l++) {
    size_t n = 0;
    for (long i = 0; i < words; i++) {
      if (i > 0) line[n++] = ' ';
      long k = 1 + random_below(4);
      while (k-- > 0) line[n++] = letters[random_below(8)];
    }
    line[n] = 0;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++)
      if (i == n || line[i] == ' ') {
        count_word(line + start, i - start);
        total++;
        start = i + 1;
      }
  }
  Entry *all = malloc(sizeof(Entry) * (used ? used : 1));
  size_t m = 0;
  for (size_t j = 0; j < cap; j++)
    if (table[j].word) all[m++] = table[j];
  qsort(all, m, sizeof(Entry), more_frequent);
  printf("words: %ld distinct: %zu\n", total, m);
  for (size_t j = 0; j < m && j < 10; j++) printf("%s %ld\n", all[j].word, all[j].count);
  return 0;
}
