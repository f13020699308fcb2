# loop: Python counterpart of loop.fl (the tail call is written as a loop).
import sys


def loop(i, n, acc):
    while i != n:
        s = acc + i
        acc = s - 1000000007 if s >= 1000000007 else s
        i = i + 1
    return acc


print(loop(0, int(sys.argv[1]) if len(sys.argv) > 1 else 100000000, 0))
