/* vsieve: the sieve of Eratosthenes on a byte array, as vsieve.fl. */
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 20000000;
  char *marks = malloc(n + 1);
  for (long i = 0; i <= n; i++) marks[i] = 1;
  marks[0] = marks[1] = 0;
  for (long p = 2; p * p <= n; p++)
    if (marks[p])
      for (long m = p * p; m <= n; m += p) marks[m] = 0;
  long c = 0, s = 0;
  for (long i = 0; i <= n; i++)
    if (marks[i]) c++, s += i;
  printf("%ld %ld\n", c, s);
  return 0;
}
