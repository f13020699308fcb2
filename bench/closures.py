# closures: parser combinators, as closures.fl: the same generated expression (same LCG, same
# draws) parsed each round by combinators (functions returning closures) over a position in the
# text, returning (value, position) or None; the value is a closure tree, a function of x, called
# for `evals` values of x.
import sys

sys.setrecursionlimit(1000000)
MODULUS = 1000003
seed = 2024


def random_below(n):
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return (seed // 65536) % n


def gen_factor(depth):
    r = random_below(10)
    if depth > 0 and r < 2:
        terms = 1 + random_below(3)
        return "(" + gen_expr(depth - 1, terms) + ")"
    if r < 5:
        return "x"
    return str(random_below(1000))


def gen_term(depth):
    k = random_below(3)
    acc = gen_factor(depth)
    for _ in range(k):
        acc = acc + "*" + gen_factor(depth)
    return acc


def gen_expr(depth, terms):
    acc = gen_term(depth)
    for _ in range(terms - 1):
        op = "+" if random_below(2) == 0 else "-"
        acc = acc + op + gen_term(depth)
    return acc


# ---- parser combinators: a parser is a function (text, pos) -> (value, pos) or None
def pure(v):
    return lambda s, i: (v, i)


def satisfy(ok):
    return lambda s, i: (s[i], i + 1) if i < len(s) and ok(s[i]) else None


def bind(p, f):
    def parser(s, i):
        r = p(s, i)
        return None if r is None else f(r[0])(s, r[1])
    return parser


def alt(p, q):
    def parser(s, i):
        r = p(s, i)
        return q(s, i) if r is None else r
    return parser


def many(p):
    def parser(s, i):
        acc = []
        while True:
            r = p(s, i)
            if r is None:
                return acc, i
            acc.append(r[0])
            i = r[1]
    return parser


def many1(p):
    return bind(p, lambda x: bind(many(p), lambda xs: pure([x] + xs)))


def chainl1(p, op):
    def more(acc):
        return alt(bind(op, lambda f: bind(p, lambda y: more(f(acc, y)))), pure(acc))
    return bind(p, more)


def char(c):
    return satisfy(lambda d: d == c)


# ---- the grammar; every value is a function of x
def const(n):
    return lambda x: n


number = bind(many1(satisfy(str.isdigit)), lambda digits: pure(const(int("".join(digits)))))
variable = bind(char("x"), lambda _: pure(lambda x: x))


def operator(symbol, combine):
    return bind(char(symbol),
                lambda _: pure(lambda f, g: lambda x: combine(f(x), g(x)) % MODULUS))


def parens(p):
    return bind(char("("), lambda _: bind(p, lambda v: bind(char(")"), lambda _: pure(v))))


factor = alt(number, alt(variable, parens(lambda s, i: expr(s, i))))
term = chainl1(factor, operator("*", lambda a, b: a * b))
expr = chainl1(term, alt(operator("+", lambda a, b: a + b), operator("-", lambda a, b: a - b)))


def compile_text(text):
    r = expr(text, 0)
    if r is None or r[1] != len(text):
        raise SyntaxError("syntax error")
    return r[0]


def main():
    arg = lambda i, d: int(sys.argv[i]) if len(sys.argv) > i else d
    terms, rounds, evals = arg(1, 300), arg(2, 300), arg(3, 100)
    text = gen_expr(3, terms)
    print("length:", len(text), "start:", text[:40])
    total = 0
    for r in range(rounds):
        f = compile_text(text)
        for x in range(evals):
            total = (total + f(x + r)) % MODULUS
    print("total:", total)


main()
