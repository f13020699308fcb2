/* mandelbrot: the same grid and iteration as mandelbrot.fl, as two nested for loops and an inner
   while loop over doubles (same operations in the same order, so the same counts). */
#include <stdio.h>
#include <stdlib.h>

#define MAX_ITER 50

static int escape_time(double cr, double ci) {
  double zr = 0.0, zi = 0.0;
  int i = 0;
  while (i != MAX_ITER && !(zr * zr + zi * zi > 4.0)) {
    double nzr = zr * zr - zi * zi + cr;
    zi = 2.0 * zr * zi + ci;
    zr = nzr;
    i++;
  }
  return i;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 2000;
  long inside = 0, iters = 0;
  for (long y = 0; y < n; y++) {
    double ci = 2.0 * y / n - 1.0;
    for (long x = 0; x < n; x++) {
      int k = escape_time(2.0 * x / n - 1.5, ci);
      if (k == MAX_ITER) inside++;
      iters += k;
    }
  }
  printf("inside: %ld\niterations: %ld\n", inside, iters);
  return 0;
}
