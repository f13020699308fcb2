# hof: the same pipeline as hof.fl with Python's map/filter/sum and lambdas.
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
k = int(sys.argv[2]) if len(sys.argv) > 2 else 10
acc = 0
for _ in range(k):
    acc += sum(filter(lambda x: x % 3 == 0, map(lambda x: x * 2, range(n))))
print(acc)
