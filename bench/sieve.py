# sieve: the same algorithm as sieve.fl: keep the first number p, filter the rest with a lambda
# capturing p (a list comprehension), until nothing is left (a loop: CPython has no deep
# recursion).
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 150000
xs = list(range(2, n))
primes = []
while xs:
    p = xs[0]
    primes.append(p)
    xs = [x for x in xs[1:] if x % p != 0]
print(len(primes), primes[-1], sum(primes))
