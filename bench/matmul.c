/* matmul: naive i-j-k product of n x n double matrices, as matmul.fl (the entries are integral: printed without a point, like FluentAI). */
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 600;
  double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n), *c = malloc(sizeof(double) * n * n);
  for (int i = 0; i < n * n; i++) {
    a[i] = (double)(i % 7);
    b[i] = (double)(i % 5);
  }
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      double s = 0.0;
      for (int k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j];
      c[i * n + j] = s;
    }
  double t = 0.0;
  for (int i = 0; i < n * n; i++) t += c[i];
  printf("%.0f %.0f %.0f\n", c[1], c[n * n - 1], t);
  return 0;
}
