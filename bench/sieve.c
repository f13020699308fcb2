/* sieve: the same algorithm as sieve.fl: keep the first remaining number p, then filter the
   rest by "not divisible by p" (in place, in an array), until nothing is left. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 150000;
  long len = n > 2 ? n - 2 : 0;
  long *xs = malloc(sizeof(long) * (len ? len : 1));
  for (long i = 0; i < len; i++) xs[i] = i + 2;
  long count = 0, largest = 0, sum = 0;
  long *rest = xs;
  while (len > 0) {
    long p = rest[0];
    count++;
    largest = p;
    sum += p;
    long m = 0;
    for (long i = 1; i < len; i++)
      if (rest[i] % p != 0) rest[1 + m++] = rest[i];
    rest++;
    len = m;
  }
  printf("%ld %ld %ld\n", count, largest, sum);
  free(xs);
  return 0;
}
