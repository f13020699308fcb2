/* nqueens: the same search as nqueens.fl, written as a C programmer would: the column of the
   queen in each row in an array, a loop over the columns of each row. */
#include <stdio.h>
#include <stdlib.h>

static int safe(const int *cols, int row, int col) {
  for (int r = 0; r < row; r++) {
    int q = cols[r];
    if (q == col || abs(q - col) == row - r) return 0;
  }
  return 1;
}

static long place(int *cols, int row, int n) {
  if (row == n) return 1;
  long count = 0;
  for (int col = 0; col < n; col++)
    if (safe(cols, row, col)) {
      cols[row] = col;
      count += place(cols, row + 1, n);
    }
  return count;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 13;
  int *cols = malloc(sizeof(int) * (n > 0 ? n : 1));
  printf("%ld\n", place(cols, 0, n));
  free(cols);
  return 0;
}
