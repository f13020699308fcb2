# binarytrees: the benchmarks-game binary-trees (tuples for nodes, None for leaves), one process,
# the same output as binarytrees.fl.
import sys

sys.setrecursionlimit(100000)


def make(depth):
    if depth == 0:
        return (None, None)
    return (make(depth - 1), make(depth - 1))


def check(tree):
    if tree is None:
        return 0
    left, right = tree
    return 1 + check(left) + check(right)


MIN_DEPTH = 4
n = int(sys.argv[1]) if len(sys.argv) > 1 else 17
max_depth = max(MIN_DEPTH + 2, n)
stretch = max_depth + 1
print("stretch tree of depth %d\t check: %d" % (stretch, check(make(stretch))))
long_lived = make(max_depth)
for depth in range(MIN_DEPTH, max_depth + 1, 2):
    iterations = 2 ** (max_depth - depth + MIN_DEPTH)
    total = 0
    for _ in range(iterations):
        total += check(make(depth))
    print("%d\t trees of depth %d\t check: %d" % (iterations, depth, total))
print("long lived tree of depth %d\t check: %d" % (max_depth, check(long_lived)))
