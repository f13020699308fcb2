# floatsum: Python counterpart of floatsum.fl (the tail call is written as a loop).
import sys


def leibniz(k, n, sign, acc):
    while k != n:
        acc = acc + sign / (2.0 * k + 1.0)
        sign = -sign
        k = k + 1
    return acc


def display(x):
    # FluentAI prints an integral Float without ".0" (LANGUAGE.md 5.1)
    s = repr(x)
    return s[:-2] if s.endswith(".0") else s


print(display(4.0 * leibniz(0, int(sys.argv[1]) if len(sys.argv) > 1 else 100000000, 1.0, 0.0)))
