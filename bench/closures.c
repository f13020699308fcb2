/* closures: the same generated expression as closures.fl (same LCG, same draws), parsed each
   round by a hand-written recursive-descent parser into a malloc'd syntax tree, which is then
   evaluated by a recursive tree walk for `evals` values of x and freed. Arithmetic is modulo
   1000003, as in closures.fl. (C has no closures: this is how a C programmer solves the same
   problem.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MODULUS 1000003

static long seed = 2024;

static long random_below(long n) {
  seed = (seed * 1103515245 + 12345) % 2147483648L;
  return (seed / 65536) % n;
}

/* ---- the input */
static char *text;
static size_t len, cap;

static void put(const char *s) {
  size_t n = strlen(s);
  if (len + n + 1 > cap) {
    cap = (len + n + 1) * 2;
    text = realloc(text, cap);
  }
  memcpy(text + len, s, n + 1);
  len += n;
}

static void gen_expr(int depth, long terms);

static void gen_factor(int depth) {
  long r = random_below(10);
  if (depth > 0 && r < 2) {
    put("(");
    gen_expr(depth - 1, 1 + random_below(3));
    put(")");
  } else if (r < 5) {
    put("x");
  } else {
    char buf[24];
    snprintf(buf, sizeof buf, "%ld", random_below(1000));
    put(buf);
  }
}

static void gen_term(int depth) {
  long k = random_below(3);
  gen_factor(depth);
  for (; k > 0; k--) {
    put("*");
    gen_factor(depth);
  }
}

static void gen_expr(int depth, long terms) {
  gen_term(depth);
  for (long k = terms - 1; k > 0; k--) {
    put(random_below(2) == 0 ? "+" : "-");
    gen_term(depth);
  }
}

/* ---- the parser */
typedef struct Node {
  char op; /* 'n' number, 'x' variable, '+', '-', '*' */
  long value;
  struct Node *left, *right;
} Node;

static const char *pos;

static Node *node(char op, long value, Node *left, Node *right) {
  Node *n = malloc(sizeof *n);
  n->op = op;
  n->value = value;
  n->left = left;
  n->right = right;
  return n;
}

static Node *parse_expr(void);

static Node *parse_factor(void) {
  if (*pos >= '0' && *pos <= '9') {
    long v = 0;
    while (*pos >= '0' && *pos <= '9') v = v * 10 + (*pos++ - '0');
    return node('n', v, NULL, NULL);
  }
  if (*pos == 'x') {
    pos++;
    return node('x', 0, NULL, NULL);
  }
  if (*pos == '(') {
    pos++;
    Node *e = parse_expr();
    if (*pos != ')') {
      fprintf(stderr, "syntax error\n");
      exit(1);
    }
    pos++;
    return e;
  }
  fprintf(stderr, "syntax error\n");
  exit(1);
}

static Node *parse_term(void) {
  Node *acc = parse_factor();
  while (*pos == '*') {
    pos++;
    acc = node('*', 0, acc, parse_factor());
  }
  return acc;
}

static Node *parse_expr(void) {
  Node *acc = parse_term();
  while (*pos == '+' || *pos == '-') {
    char op = *pos++;
    acc = node(op, 0, acc, parse_term());
  }
  return acc;
}

static long modulo(long a) {
  long r = a % MODULUS;
  return r < 0 ? r + MODULUS : r;
}

static long eval(const Node *n, long x) {
  switch (n->op) {
  case 'n': return n->value;
  case 'x': return x;
  case '+': return modulo(eval(n->left, x) + eval(n->right, x));
  case '-': return modulo(eval(n->left, x) - eval(n->right, x));
  default: return modulo(eval(n->left, x) * eval(n->right, x));
  }
}

static void release(Node *n) {
  if (n->left) {
    release(n->left);
    release(n->right);
  }
  free(n);
}

int main(int argc, char **argv) {
  long terms = argc > 1 ? atol(argv[1]) : 300;
  long rounds = argc > 2 ? atol(argv[2]) : 300;
  long evals = argc > 3 ? atol(argv[3]) : 100;
  put("");
  gen_expr(3, terms);
  printf("length: %zu start: %.*s\n", len, (int)(len < 40 ? len : 40), text);
  long total = 0;
  for (long r = 0; r < rounds; r++) {
    pos = text;
    Node *f = parse_expr();
    if (*pos != 0) {
      fprintf(stderr, "syntax error\n");
      return 1;
    }
    for (long x = 0; x < evals; x++) total = modulo(total + eval(f, x + r));
    release(f);
  }
  printf("total: %ld\n", total);
  return 0;
}
