# nbody: the benchmarks-game n-body in the usual Python style (lists of floats updated in place,
# each pair once); every body's velocity receives the same updates in the same order as in the
# functional nbody.fl, so the output is the same.
import math
import sys
from math import sqrt

PI = 3.141592653589793
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24


def planet(x, y, z, vx, vy, vz, mass):
    return [x, y, z, vx * DAYS_PER_YEAR, vy * DAYS_PER_YEAR, vz * DAYS_PER_YEAR, mass * SOLAR_MASS]


BODIES = [
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, SOLAR_MASS],
    planet(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
           1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
           9.54791938424326609e-04),
    planet(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
           -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
           2.85885980666130812e-04),
    planet(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
           2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
           4.36624404335156298e-05),
    planet(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
           2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
           5.15138902046611451e-05),
]
PAIRS = [(BODIES[i], BODIES[j]) for i in range(len(BODIES)) for j in range(i + 1, len(BODIES))]


def advance(dt, n):
    for _ in range(n):
        for b1, b2 in PAIRS:
            dx = b1[0] - b2[0]
            dy = b1[1] - b2[1]
            dz = b1[2] - b2[2]
            d2 = dx * dx + dy * dy + dz * dz
            mag = dt / (d2 * sqrt(d2))
            b1[3] -= dx * b2[6] * mag
            b1[4] -= dy * b2[6] * mag
            b1[5] -= dz * b2[6] * mag
            b2[3] += dx * b1[6] * mag
            b2[4] += dy * b1[6] * mag
            b2[5] += dz * b1[6] * mag
        for b in BODIES:
            b[0] += dt * b[3]
            b[1] += dt * b[4]
            b[2] += dt * b[5]


def energy():
    e = 0.0
    for i, b in enumerate(BODIES):
        e += 0.5 * b[6] * (b[3] * b[3] + b[4] * b[4] + b[5] * b[5])
        for b2 in BODIES[i + 1:]:
            dx = b[0] - b2[0]
            dy = b[1] - b2[1]
            dz = b[2] - b2[2]
            e -= (b[6] * b2[6]) / sqrt(dx * dx + dy * dy + dz * dz)
    return e


def offset_momentum():
    px = py = pz = 0.0
    for b in BODIES:
        px += b[3] * b[6]
        py += b[4] * b[6]
        pz += b[5] * b[6]
    BODIES[0][3] = -px / SOLAR_MASS
    BODIES[0][4] = -py / SOLAR_MASS
    BODIES[0][5] = -pz / SOLAR_MASS


def fixed9(e):
    """e rounded to 9 decimals, half away from zero, printed from integers (as nbody.fl does)."""
    n = int(math.copysign(math.floor(abs(e * 1e9) + 0.5), e))
    a = abs(n)
    return "%s%d.%09d" % ("-" if n < 0 else "", a // 1000000000, a % 1000000000)


n = int(sys.argv[1]) if len(sys.argv) > 1 else 2500000
offset_momentum()
print(fixed9(energy()))
advance(0.01, n)
print(fixed9(energy()))
