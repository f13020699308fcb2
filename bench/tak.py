# tak: Python counterpart of tak.fl.
import sys


def tak(x, y, z):
    if not (y < x):
        return z
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))


def arg(k, default):
    return int(sys.argv[k + 1]) if len(sys.argv) > k + 1 else default


print(tak(arg(0, 30), arg(1, 20), arg(2, 10)))
