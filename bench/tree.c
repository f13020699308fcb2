/* tree: the same trees as tree.fl as malloc'd structs (freed after each round). */
#include <stdio.h>
#include <stdlib.h>

typedef struct Node {
  struct Node *left, *right;
  long value;
} Node;

static Node *build(int depth, long start) {
  if (depth == 0) return NULL;
  Node *n = malloc(sizeof *n);
  n->left = build(depth - 1, 2 * start);
  n->value = start;
  n->right = build(depth - 1, 2 * start + 1);
  return n;
}

static long total(Node *t) {
  if (!t) return 0;
  if (!t->left && !t->right) return t->value;
  return t->value + total(t->left) + total(t->right);
}

static void release(Node *t) {
  if (!t) return;
  release(t->left);
  release(t->right);
  free(t);
}

int main(int argc, char **argv) {
  int depth = argc > 1 ? atoi(argv[1]) : 20;
  long rounds = argc > 2 ? atol(argv[2]) : 10, acc = 0;
  for (long r = rounds; r > 0; r--) {
    Node *t = build(depth, r);
    acc += total(t);
    release(t);
  }
  printf("%ld\n", acc);
  return 0;
}
