/* hof: the same pipeline as hof.fl written as loops over an array (map, filter, fold). */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000000, k = argc > 2 ? atol(argv[2]) : 10;
  long *a = malloc(sizeof(long) * n), *b = malloc(sizeof(long) * n);
  long acc = 0;
  for (long r = 0; r < k; r++) {
    for (long i = 0; i < n; i++) a[i] = i * 2;          /* map */
    long m = 0;
    for (long i = 0; i < n; i++)                        /* filter */
      if (a[i] % 3 == 0) b[m++] = a[i];
    long s = 0;
    for (long i = 0; i < m; i++) s += b[i];             /* fold */
    acc += s;
  }
  printf("%ld\n", acc);
  free(a);
  free(b);
  return 0;
}
