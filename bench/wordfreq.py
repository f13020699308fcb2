# wordfreq: the same generated text as wordfreq.fl (same LCG, same draws); each line is joined
# with spaces, split with str.split and its words counted in a dict.
import sys

seed = 12345
LETTERS = "etaoinsh"


def random_below(n):
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return (seed // 65536) % n


def random_word():
    k = 1 + random_below(4)
    return "".join(LETTERS[random_below(8)] for _ in range(k))


lines = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
words = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
counts = {}
for _ in range(lines):
    line = " ".join([random_word() for _ in range(words)])
    for w in line.split(" "):
        counts[w] = counts.get(w, 0) + 1
print("words:", sum(counts.values()), "distinct:", len(counts))
for w, c in sorted(counts.items(), key=lambda e: (-e[1], e[0]))[:10]:
    print(w, c)
