/* strbuild: C counterpart of strbuild.fl (same rounds, same checksum).
 * Strings are heap buffers; every operation allocates its result, as the
 * FluentAI builtins do (the line itself grows in an amortised buffer). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *xmalloc(size_t n) {
    char *p = malloc(n);
    if (!p) { perror("malloc"); exit(1); }
    return p;
}

/* "i,i+1,...,i+left-1," */
static char *build_line(long i, long left) {
    size_t cap = 64, len = 0;
    char *acc = xmalloc(cap);
    acc[0] = 0;
    for (; left != 0; i++, left--) {
        char num[32];
        int k = snprintf(num, sizeof num, "%ld,", i);
        if (len + (size_t)k + 1 > cap) {
            while (len + (size_t)k + 1 > cap) cap *= 2;
            acc = realloc(acc, cap);
            if (!acc) { perror("realloc"); exit(1); }
        }
        memcpy(acc + len, num, (size_t)k + 1);
        len += (size_t)k;
    }
    return acc;
}

/* all non-overlapping occurrences of old (non-empty) replaced by new */
static char *replace(const char *s, const char *old, const char *new) {
    size_t ol = strlen(old), nl = strlen(new), count = 0;
    for (const char *p = s; (p = strstr(p, old)); p += ol) count++;
    char *out = xmalloc(strlen(s) + count * nl - count * ol + 1), *o = out;
    for (const char *p = s;;) {
        const char *q = strstr(p, old);
        if (!q) { strcpy(o, p); break; }
        memcpy(o, p, (size_t)(q - p)); o += q - p;
        memcpy(o, new, nl); o += nl;
        p = q + ol;
    }
    return out;
}

static char *upcase(const char *s) {
    size_t n = strlen(s);
    char *out = xmalloc(n + 1);
    for (size_t i = 0; i <= n; i++) out[i] = (char)toupper((unsigned char)s[i]);
    return out;
}

/* number of pieces of s split at the 1-char delimiter d; the pieces are
 * materialised (and freed) so the work matches string-split */
static long split_count(const char *s, char d) {
    long n = 1;
    for (const char *p = s; *p; p++) n += (*p == d);
    char **parts = (char **)xmalloc((size_t)n * sizeof(char *));
    const char *start = s;
    long k = 0;
    for (const char *p = s;; p++) {
        if (*p == d || *p == 0) {
            size_t len = (size_t)(p - start);
            parts[k] = xmalloc(len + 1);
            memcpy(parts[k], start, len);
            parts[k][len] = 0;
            k++;
            if (*p == 0) break;
            start = p + 1;
        }
    }
    for (long j = 0; j < n; j++) free(parts[j]);
    free(parts);
    return n;
}

static long round_stats(long r) {
    char *line = build_line(r * 7, 100);
    char *rep = replace(line, "7", "seven");
    char *up = upcase(rep);
    long parts = split_count(line, ',');
    const char *hit = strstr(up, "SEVEN");
    long idx = hit ? (long)(hit - up) : -1;
    long uplen = (long)strlen(up);
    char *back = xmalloc((size_t)(uplen - uplen / 2) + 1);
    strcpy(back, up + uplen / 2);
    long result = uplen + parts + idx + (long)strlen(back);
    free(line); free(rep); free(up); free(back);
    return result;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 30000;
    long total = 0;
    for (long r = 0; r < n; r++) total += round_stats(r);
    printf("%ld\n", total);
    char *line = build_line(0, 20), *rep = replace(line, "7", "seven"), *up = upcase(rep);
    up[40] = 0;
    printf("%s\n", up);
    free(line); free(rep); free(up);
    return 0;
}
