# nqueens: the same search as nqueens.fl: placed queens in a list (nearest first), a safe check
# over it, and a sum over the columns of each row.
import sys


def safe(col, placed):
    for dist, q in enumerate(placed, 1):
        if q == col or abs(q - col) == dist:
            return False
    return True


def queens(n):
    def place(row, placed):
        if row == n:
            return 1
        return sum(place(row + 1, [col] + placed) for col in range(n) if safe(col, placed))
    return place(0, [])


n = int(sys.argv[1]) if len(sys.argv) > 1 else 13
print(queens(n))
