/* binarytrees: the benchmarks-game binary-trees with plain malloc/free (no memory pool, one
   thread), the same output as binarytrees.fl. */
#include <stdio.h>
#include <stdlib.h>

typedef struct Node {
  struct Node *left, *right; /* both NULL: a node whose children are leaves */
} Node;

static Node *make(int depth) {
  Node *n = malloc(sizeof *n);
  if (depth == 0) {
    n->left = n->right = NULL;
  } else {
    n->left = make(depth - 1);
    n->right = make(depth - 1);
  }
  return n;
}

static long check(const Node *n) {
  if (!n->left) return 1;
  return 1 + check(n->left) + check(n->right);
}

static void release(Node *n) {
  if (n->left) {
    release(n->left);
    release(n->right);
  }
  free(n);
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 17;
  int min_depth = 4, max_depth = n > min_depth + 2 ? n : min_depth + 2, stretch = max_depth + 1;
  Node *t = make(stretch);
  printf("stretch tree of depth %d\t check: %ld\n", stretch, check(t));
  release(t);
  Node *long_lived = make(max_depth);
  for (int depth = min_depth; depth <= max_depth; depth += 2) {
    long iterations = 1L << (max_depth - depth + min_depth), total = 0;
    for (long i = 0; i < iterations; i++) {
      t = make(depth);
      total += check(t);
      release(t);
    }
    printf("%ld\t trees of depth %d\t check: %ld\n", iterations, depth, total);
  }
  printf("long lived tree of depth %d\t check: %ld\n", max_depth, check(long_lived));
  release(long_lived);
  return 0;
}
