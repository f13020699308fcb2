# strbuild: Python counterpart of strbuild.fl (same rounds, same checksum).
import sys


def build_line(i, left):
    acc = ""
    while left != 0:
        acc = acc + str(i) + ","
        i += 1
        left -= 1
    return acc


def round_stats(r):
    line = build_line(r * 7, 100)
    rep = line.replace("7", "seven")
    up = rep.upper()
    parts = line.split(",")
    idx = up.find("SEVEN")
    back = up[len(up) // 2:]
    return len(up) + len(parts) + idx + len(back)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30000
    total = 0
    for r in range(n):
        total += round_stats(r)
    print(total)
    print(build_line(0, 20).replace("7", "seven").upper()[:40])


main()
