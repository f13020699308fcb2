# mandelbrot: the same grid and iteration as mandelbrot.fl (same float operations in the same
# order, so the same counts).
import sys

MAX_ITER = 50


def escape_time(cr, ci):
    zr = zi = 0.0
    i = 0
    while i != MAX_ITER and not (zr * zr + zi * zi > 4.0):
        zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
        i += 1
    return i


def mandelbrot(n):
    inside = iters = 0
    for y in range(n):
        ci = 2.0 * y / n - 1.0
        for x in range(n):
            k = escape_time(2.0 * x / n - 1.5, ci)
            if k == MAX_ITER:
                inside += 1
            iters += k
    return inside, iters


n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
inside, iters = mandelbrot(n)
print("inside:", inside)
print("iterations:", iters)
