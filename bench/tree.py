# tree: the same trees as tree.fl as tuples (None is Leaf), summed with structural checks.
import sys

sys.setrecursionlimit(100000)


def build(depth, start):
    if depth == 0:
        return None
    return (build(depth - 1, 2 * start), start, build(depth - 1, 2 * start + 1))


def total(t):
    if t is None:
        return 0
    left, v, right = t
    if left is None and right is None:
        return v
    return v + total(left) + total(right)


depth = int(sys.argv[1]) if len(sys.argv) > 1 else 20
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 10
acc = 0
for r in range(rounds, 0, -1):
    acc += total(build(depth, r))
print(acc)
