#!/usr/bin/env python3
"""Random FluentAI program generator for differential testing of flc against flref.

    python3 gen.py SEED [--size N]      writes one program to stdout

Every program is valid (no compile errors), terminates quickly (bounded loops and recursion, no input,
no time or random effects) and prints many intermediate results. Generation is "typed-ish": every
expression is generated for a wanted type (Int, Float, String, list of Ints, tagged value, function…)
from variables and productions of that type, so most expressions evaluate without errors; a few
productions raise runtime errors on purpose (overflow near the Int limits, empty lists, bad indices,
throw, error…). Most top-level statements catch errors and print their kind, a few let them escape so
the uncaught-error report and the exit status are compared too.

The same seed always gives the same program (Python's random.Random is stable across versions for
randrange/choice/random).
"""
import argparse
import random
import sys

INT, FLT, NUM, BOOL, STR, CHAR, SYM, KW, LINT, LSTR, LANY, MAP, TAG, FN1, FN2, PRED, ERRV, ANY = (
    'int', 'float', 'num', 'bool', 'str', 'char', 'sym', 'kw', 'lint', 'lstr', 'lany', 'map', 'tag',
    'fn1', 'fn2', 'pred', 'errv', 'any')
VALUE_TYPES = [INT, FLT, NUM, BOOL, STR, CHAR, SYM, KW, LINT, LSTR, LANY, MAP, TAG, ERRV]

MAX_INT = (1 << 63) - 1
MIN_INT = -(1 << 63)

SMALL_INTS = [0, 1, -1, 2, 3, 4, 5, 7, 10, 12, 42, 100, -5, -3, 255, 1000, -100]
BIG_INTS = [MAX_INT, MIN_INT, MAX_INT - 1, MIN_INT + 1, 1 << 62, -(1 << 62), (1 << 62) - 1,
            3037000499, 3037000500, -3037000500, (1 << 31) - 1, 1 << 31, 1 << 32, -(1 << 32),
            9007199254740993, 9007199254740992, 123456789012, 4611686018427387904, 99999999999]
FLOATS = [0.0, -0.0, 0.5, 1.5, -2.25, 0.1, 0.2, 0.3, 2.5, -3.5, 3.14159, 1e10, 1e21, 1e22,
          1.5e-7, 1e-5, 123.456, 9.223372036854776e18, -9.223372036854776e18, 1e308, 1e300, 4.35,
          1e15, 12345678.9, 0.000123, -1.0, 2.0, 100.0, 7.0, 1e16, 5e-324, 1.7976931348623157e308,
          0.1 + 0.2, 2.675, -0.5, 9007199254740993.0, 1e-300]
CHARS = list('abcxyzABZ019 ,.-_') + ['é', 'λ', '日', '😀', 'ß', '\n', '\t', '"', '\\', '\x00', '\x7f',
                                      '\x01', '\u0301', 'É', '\r', '~', '{', '}']
WORDS = ['', 'a', 'abc', 'hello', 'Hello World', 'héllo', 'λx', '日本語', 'a,b,,c', '  pad  ', '42',
         '-7', '3.5', '1e3', '+5', '007', 'x\ny', 'tab\there', 'quote"q', 'back\\slash', 'ß', '😀🎉',
         'e\u0301', 'ABC def', 'mixed Case', 'nul\x00z', 'del\x7f', 'a-b-c', 'aaa', 'abab', '1.', '.5',
         '9223372036854775807', '9223372036854775808', '-0', '-0.0', 'NaN', 'inf', 'true', 'x y z',
         'Ünïcödé', ' ', '\u00a0nbsp']
SYMS = ['a', 'b', 'foo', 'bar-baz', 'x?', 'set!', 'red', 'green', 'blue', '+', '->', 'io:print',
        'hello-world', 'A', 'Zed']
KWS = ['k', 'key', 'a', 'name', 'x-y', 'Z_1']
ERR_KINDS = ['"my-kind"', "'bad-input", ':oops', '"type-error"', '"overflow"', "'user-error"]


def fl_str(s):
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == '\\':
            out.append('\\\\')
        elif ch == '\n':
            out.append('\\n')
        elif ch == '\t':
            out.append('\\t')
        elif ch == '\r':
            out.append('\\r')
        elif o == 0:
            out.append('\\0')
        elif o < 0x20 or o == 0x7f:
            out.append('\\u{%x}' % o)
        else:
            out.append(ch)
    out.append('"')
    return ''.join(out)


def fl_float(x):
    r = repr(float(x))
    assert r not in ('inf', '-inf', 'nan'), r
    return r


class Gen:
    def __init__(self, seed, size=28, avoid_known=True):
        self.r = random.Random(seed)
        self.size = size
        # Constructs the generator steers around unless avoid_known is False: open flc bugs (none at the
        # moment; the fixed ones have tests in regressions/) and spec ambiguities (FINDINGS.md: guards
        # and views inside list patterns).
        self.avoid_known = avoid_known
        self.chaos = self.r.choice([0.0, 0.02, 0.05, 0.1])
        self.have_tr = False
        self.late = []            # function definitions emitted after their first use (hoisting)
        self.n = 0
        self.env = []             # local (name, type), innermost last
        self.globals = []         # module-level variables (name, type), defined so far
        self.funcs = {FN1: [], FN2: [], PRED: []}  # module-level functions usable as values
        self.in_print_handler = 0  # >0: print-line is intercepted by a 1-parameter handler
        self.out = []

    # ------------------------------------------------------------------ helpers
    def fresh(self, prefix='v'):
        self.n += 1
        return '%s%d' % (prefix, self.n)

    def p(self, prob):
        return self.r.random() < prob

    def ch(self, xs):
        return self.r.choice(xs)

    def wpick(self, options):
        """options: list of (weight, fn); fns returning None are retried with others."""
        opts = [o for o in options if o[0] > 0]
        while opts:
            total = sum(w for w, _ in opts)
            x = self.r.random() * total
            for i, (w, fn) in enumerate(opts):
                x -= w
                if x <= 0:
                    break
            res = fn()
            if res is not None:
                return res
            del opts[i]
        raise RuntimeError('no production')

    def vars_of(self, t):
        res = [n for n, ty in self.env if ty == t]
        res += [n for n, ty in self.globals if ty == t]
        if t in self.funcs:
            res += self.funcs[t]
        return res

    def var(self, t):
        vs = self.vars_of(t)
        if t == NUM:
            vs += self.vars_of(INT) + self.vars_of(FLT)
        if not vs:
            return None
        return self.ch(vs)

    def bind(self, pairs):
        self.env.extend(pairs)

    def unbind(self, k):
        if k:
            del self.env[-k:]

    def with_vars(self, pairs, fn):
        self.bind(pairs)
        try:
            return fn()
        finally:
            self.unbind(len(pairs))

    # ------------------------------------------------------------------ literals
    def int_lit(self):
        if self.p(0.8):
            return str(self.ch(SMALL_INTS))
        return str(self.ch(BIG_INTS))

    def small_int(self, lo=-3, hi=12):
        return str(self.r.randint(lo, hi))

    def float_lit(self):
        return fl_float(self.ch(FLOATS))

    def str_val(self):
        if self.p(0.6):
            return self.ch(WORDS)
        return ''.join(self.ch(CHARS) for _ in range(self.r.randint(0, 6)))

    def str_lit(self):
        return fl_str(self.str_val())

    def char_lit(self):
        return fl_str(self.ch(CHARS))

    # ------------------------------------------------------------------ expression entry point
    def e(self, t, d):
        if t not in (FN1, FN2, PRED) and self.p(self.chaos):
            t = self.ch(VALUE_TYPES + [ANY])   # deliberately mistyped: exercises type-error paths
        if t == ANY:
            t = self.ch(VALUE_TYPES + [LINT, TAG, STR, INT, FLT] + ([FN1, FN2, PRED] if self.p(0.1) else []))
        if d <= 0 or self.p(0.12):
            return self.leaf(t)
        return getattr(self, 'g_' + t)(d - 1)

    # open flc bugs triggered by mistyped operands of some operations (none at the moment; unary - of a
    # Bool was one: regressions/negate_bool.fl)
    AVOID_MISTYPED = False

    def e_typed(self, t, d):
        """Like e, but never mistyped when avoiding known bugs that mistyped operands trigger."""
        if not (self.avoid_known and self.AVOID_MISTYPED):
            return self.e(t, d)
        old, self.chaos = self.chaos, 0.0
        try:
            return self.e(t, d)
        finally:
            self.chaos = old

    def leaf(self, t):
        v = self.var(t)
        if v is not None and self.p(0.6):
            return v
        return {
            INT: self.int_lit, FLT: self.float_lit, NUM: lambda: self.ch([self.int_lit, self.float_lit])(),
            BOOL: lambda: self.ch(['#t', '#f', 'true', 'false']), STR: self.str_lit, CHAR: self.char_lit,
            SYM: lambda: "'" + self.ch(SYMS), KW: lambda: ':' + self.ch(KWS),
            LINT: lambda: self.ch(['[]', "'()", '[1 2 3]', "'(3 1 2)", '(list 5 -2 7 0)', 'nil', '[4]',
                                   '[%s %s]' % (self.int_lit(), self.int_lit())]),
            LSTR: lambda: '[%s]' % ' '.join(self.str_lit() for _ in range(self.r.randint(0, 3))),
            LANY: lambda: self.ch(["'(a \"b\" (1 2.0) :k nil #t)", '[]', "(list 1 \"one\" 'one :one)",
                                   "'((1 2) (3 4))", '[nil [] 0 ""]']),
            MAP: lambda: self.ch(['(make-map)', '(make-map "a" 1 "b" 2)', '(make-map 1 "x" 1.0 "y")',
                                  '(make-map :k 1 \'k 2 "k" 3)', '(dict-new "z" 26 "a" 1)']),
            TAG: lambda: self.ch(['None', '(Some 1)', '(Pair 1 "a")', 'Leaf', '(Circle 1.5)',
                                  '(Rect 2 3.0)', '(make-tagged "Point" 1 2)', '(Ok 0)']),
            FN1: lambda: self.ch(['abs', '-', 'identity', '(lambda (x) (* x 2))', '(partial + 1)']),
            FN2: lambda: self.ch(['+', '-', '*', 'max', 'min', '(lambda (a b) (+ a (* 2 b)))']),
            PRED: lambda: self.ch(['even?', 'odd?', 'zero?', 'positive?', 'negative?',
                                   '(lambda (x) (> x 2))']),
            ERRV: lambda: '(make-error %s %s)' % (self.ch(ERR_KINDS), self.str_lit()),
        }[t]()

    # ------------------------------------------------------------------ generic productions
    def gen_if(self, t, d):
        return '(if %s %s %s)' % (self.e(BOOL if self.p(0.6) else ANY, d), self.e(t, d), self.e(t, d))

    def gen_cond(self, t, d):
        cl = ['(%s %s)' % (self.e(BOOL, d), self.e(t, d)) for _ in range(self.r.randint(1, 3))]
        if self.p(0.2):
            cl.insert(self.r.randint(0, len(cl)), '(%s)' % self.e(t, d))   # empty body: the test's value
        if self.p(0.85):
            cl.append('(else %s)' % self.e(t, d))
        return '(cond %s)' % ' '.join(cl)

    def gen_when(self, t, d):
        k = self.r.randint(0, 3)
        if k == 0:
            return '(if %s %s)' % (self.e(BOOL, d), self.e(t, d))
        if k == 1:
            return '(%s %s %s %s)' % (self.ch(['when', 'unless']), self.e(ANY, d), self.print_form(d), self.e(t, d))
        if k == 2:
            return '(do %s %s)' % (self.print_form(d), self.e(t, d))
        return '(%s %s)' % (self.ch(['when', 'unless']), self.e(t, d) if self.p(0.5) else self.e(BOOL, d))

    def gen_let(self, t, d):
        kind = self.ch(['let', 'let*', 'let', 'letrec'])
        k = self.r.randint(1, 3)
        binds = []
        pairs = []
        for _ in range(k):
            vt = self.ch([INT, INT, FLT, STR, LINT, TAG, MAP, BOOL, FN1, LSTR])
            name = self.fresh(vt[0])
            if kind == 'letrec':
                # letrec initializers see uninitialized names: only use the outer scope
                binds.append('(%s %s)' % (name, self.e(vt, d)))
            else:
                binds.append('(%s %s)' % (name, self.e(vt, d)))
                if kind in ('let', 'let*'):
                    self.bind([(name, vt)])
                    pairs.append((name, vt))
                    continue
            pairs.append((name, vt))
        if kind == 'letrec':
            self.bind(pairs)
        body = self.body(t, d)
        self.unbind(len(pairs))
        return '(%s (%s) %s)' % (kind, ' '.join(binds), body)

    def body(self, t, d):
        """A body: optionally some internal defines / prints, then an expression of type t."""
        forms = []
        k = 0
        if self.p(0.15):
            name = self.fresh('d')
            vt = self.ch([INT, STR, LINT])
            forms.append('(define %s %s)' % (name, self.e(vt, d - 1)))
            self.bind([(name, vt)])
            k += 1
        if self.p(0.1):
            forms.append(self.print_form(d - 1))
        forms.append(self.e(t, d))
        self.unbind(k)
        return ' '.join(forms)

    def print_form(self, d):
        if self.in_print_handler:
            if self.p(0.3):   # builtin effect functions as values (regressions/handler_intercepts_builtin_values)
                return self.ch(['(for-each print-line %s)', '(map println %s)', '(apply print-line (list %s))']) \
                    % self.e(LINT, d)
            return '(%s %s)' % (self.ch(['print-line', 'print-line', 'io:print-line', 'effect io:print-line',
                                         'effect io print-line', 'effect IO:print_line']), self.e(ANY, d))
        f = self.ch(['print-line', 'print-line', 'println', 'display', 'print'])
        args = ' '.join(self.e(ANY, d) for _ in range(self.r.randint(0, 2)))
        s = '(%s %s)' % (f, args)
        if f in ('display', 'print'):
            s = '(begin %s (newline))' % s
        return s

    def gen_local_defs(self, t, d):
        """Internal defines with letrec* semantics: forward references between local functions, and
        sometimes a read of a local variable before its define runs (runtime error unbound)."""
        f, g, a, x = self.fresh('lf'), self.fresh('lg'), self.fresh('la'), self.fresh('x')
        k = self.r.randint(0, 2)
        if k == 0:
            body = self.with_vars([(x, INT), (a, INT)], lambda: self.e(INT, d - 1))
            last = '(%s %s)' % (f, self.e(INT, d - 1)) if t == INT else self.e(t, d)
            return ('((lambda () (define (%s %s) (%s %s)) (define %s %s) (define (%s %s) %s) %s))'
                    % (f, x, g, x, a, self.e(INT, d - 1), g, x, body, last))
        if k == 1:
            return '((lambda () (define %s %s) (define %s %s) %s))' % (a, self.ch([g, '1']), g, self.e(INT, d - 1),
                                                                        self.e(t, d))
        return '(let () (define %s %s) (set! %s (+ %s 1)) %s)' % (a, self.e(INT, d - 1), a, a,
                                                                  a if t == INT else self.e(t, d))

    def gen_capital(self, t, d):
        """A bound capitalized identifier is a variable, also in head position (§8)."""
        n = self.ch(['Foo', 'Some', 'Origin', 'Pair', 'K'])
        if self.p(0.5):
            return '(let ((%s %s)) %s)' % (n, self.e(t, d), n)
        x = self.fresh('x')
        return '(let ((%s (lambda (%s) (list %s %s)))) (%s %s))' % (n, x, x, x, n, self.e(t, d))

    def gen_begin(self, t, d):
        return '(begin %s %s)' % (self.print_form(d), self.e(t, d))

    def gen_call_lambda(self, t, d):
        at = self.ch([INT, STR, LINT, FLT])
        name = self.fresh('p')
        inner = self.with_vars([(name, at)], lambda: self.body(t, d))
        return '((lambda (%s) %s) %s)' % (name, inner, self.e(at, d))

    def gen_try(self, t, d):
        body = self.e(t, d)
        if self.p(0.3):
            body = '(begin %s %s)' % (self.raiser(d), body) if self.p(0.4) else body
        clauses = []
        for _ in range(self.r.randint(1, 2)):
            kind = self.r.randint(0, 5)
            if kind == 0:
                v = self.fresh('e')
                clauses.append('(catch %s %s)' % (v, self.e(t, d)))
            elif kind == 1:
                v = self.fresh('e')
                clauses.append('(catch (when %s (error? %s)) %s)' % (v, v, self.e(t, d)))
            elif kind == 2:
                v = self.fresh('e')
                k = self.ch(['overflow', 'type-error', 'empty-list', 'index-error', 'division-by-zero',
                             'value-error', 'user-error', 'arity-error', 'my-kind'])
                clauses.append('(catch (when %s (and (error? %s) (= (error-kind %s) "%s"))) %s)'
                               % (v, v, v, k, self.e(t, d)))
            elif kind == 3:
                clauses.append('(catch %s %s)' % (self.ch(['42', '"boom"', ':k', "'sym", 'nil']),
                                                  self.e(t, d)))
            elif kind == 4:
                v = self.fresh('e')
                clauses.append('(catch (%s) %s)' % (v, self.e(t, d)))
            else:
                v = self.fresh('w')
                clauses.append('(catch (Some %s) %s)' % (v, self.e(t, d)))
        if self.p(0.3):
            clauses.append('(finally %s)' % self.print_form(d))
        return '(try %s %s)' % (body, ' '.join(clauses))

    def raiser(self, d):
        """An expression that (usually) raises."""
        return self.wpick([
            (2, lambda: '(throw %s)' % self.e(ANY, d)),
            (2, lambda: '(error %s)' % self.str_lit()),
            (1, lambda: '(error %s %s)' % (self.ch(ERR_KINDS), self.str_lit())),
            (1, lambda: '(error:raise %s)' % self.e(self.ch([STR, INT, LINT]), d)),
            (1, lambda: '(head (list))'),
            (1, lambda: '(+ %s 1)' % self.ch(['9223372036854775807', '"a"', "'s"])),
            (1, lambda: '(quotient %s 0)' % self.e(INT, d)),
            (1, lambda: '(nth %s %s)' % (self.e(LINT, d), self.ch(['-1', '99']))),
            (1, lambda: '(string->number %s)' % self.str_lit()),
            (1, lambda: '(%s 1)' % self.ch(['"notfn"', '5', 'nil'])),
        ])

    def gen_match(self, t, d):
        st = self.ch([INT, INT, STR, LINT, LINT, TAG, TAG, ANY, SYM, FLT])
        if st == ANY:
            scrut = self.ch([self.e(ANY, d), "'red", ':k', 'nil', '[1 2]', '(Some 3)', '"s"', '2.0'])
        else:
            scrut = self.e(st, d)
        clauses = []
        for _ in range(self.r.randint(1, 4)):
            pat, binds = self.pattern(st, 2)
            if self.p(0.15):
                g = self.with_vars(binds, lambda: self.e(BOOL, d - 1))
                pat = '(when %s %s)' % (pat, g)
            clauses.append('(%s %s)' % (pat, self.with_vars(binds, lambda: self.body(t, d))))
        if self.p(0.8):
            v = self.fresh('m')
            clauses.append('(%s %s)' % (self.ch(['_', v]), self.e(t, d)))
        return '(match %s %s)' % (scrut, ' '.join(clauses))

    def pattern(self, st, d):
        """A pattern for a scrutinee of type st; returns (text, [(var, type)])."""
        v = self.fresh('q')
        if st in (INT, FLT, NUM):
            k = self.r.randint(0, 9)
            if k == 0:
                return self.int_lit() if st == INT else self.ch([self.int_lit(), self.float_lit()]), []
            if k == 1:
                lo = self.r.randint(-5, 5)
                return '(%s %s %s)' % (self.ch(['..', '..=']), lo, lo + self.r.randint(0, 10)), []
            if k == 2:
                return '(%s %s %s)' % (self.ch(['..', '..=']), self.ch(['0', '0.5', '-1.5']),
                                       self.ch(['1', '2.5', '100'])), []
            if k == 3:
                return '(or %s)' % ' '.join(self.small_int(-2, 5) for _ in range(self.r.randint(1, 3))), []
            if k == 4:
                sub, b = self.pattern(st, d - 1) if d > 0 else ('_', [])
                return '(as %s %s)' % (v, sub), [(v, st)] + b
            if k == 5:
                return '(view %s %s)' % (self.ch(['abs', '(lambda (z) (* z 2))', 'even?', 'to-string']),
                                         self.ch(['4', '#t', '"2"', '_'])), []
            if k == 6:
                return '(when %s (> %s %s))' % (v, v, self.small_int()), [(v, st)]
            if k == 7:
                return '_', []
            return v, [(v, st)]
        if st == STR:
            k = self.r.randint(0, 5)
            if k == 0:
                return self.str_lit(), []
            if k == 1:
                return '(view string-length %s)' % self.small_int(0, 5), []
            if k == 2:
                return '(when %s (string-contains? %s "a"))' % (v, v), [(v, STR)]
            if k == 3:
                return '(or "a" "abc" "")', []
            return v, [(v, STR)]
        if st == LINT:
            k = self.r.randint(0, 9)
            if k == 0:
                return self.ch(['nil', '[]', 'Nil', '(list)', '(Nil)']), []
            if k in (1, 2):
                h, t = self.fresh('h'), self.fresh('t')
                hp, hb = (h, [(h, INT)]) if self.p(0.7) else self.pattern(INT, d - 1)
                return '(%s %s %s)' % (self.ch(['cons', 'Cons']), hp, t), hb + [(t, LINT)]
            if k == 3:
                names = [self.fresh('x') for _ in range(self.r.randint(1, 3))]
                lp = self.ch(['[%s]', '(list %s)'])
                return lp % ' '.join(names), [(n, INT) for n in names]
            if k == 4:
                h = self.fresh('h')
                return '(as %s (cons %s _))' % (v, h), [(v, LINT), (h, INT)]
            if k == 5:
                a, b = self.fresh('x'), self.fresh('x')
                return '(cons %s (cons %s _))' % (a, b), [(a, INT), (b, INT)]
            if k == 6:
                return '[%s _]' % self.small_int(0, 5), []
            if k == 7:
                return '(view length %s)' % self.small_int(0, 4), []
            return v, [(v, LINT)]
        if st == TAG:
            k = self.r.randint(0, 11)
            if k == 0:
                return self.ch(['None', '(None)', 'Leaf']), []
            if k == 1:
                sub, b = self.pattern(INT, d - 1) if d > 0 else (v, [(v, INT)])
                return '(Some %s)' % sub, b
            if k == 2:
                a, b = self.fresh('x'), self.fresh('y')
                return '(Pair %s %s)' % (a, b), [(a, ANY), (b, ANY)]
            if k == 3:
                return '(Circle %s)' % v, [(v, FLT)]
            if k == 4:
                a, b = self.fresh('x'), self.fresh('y')
                return '(Rect %s %s)' % (a, b), [(a, NUM), (b, NUM)]
            if k == 5:
                a, b, c = self.fresh('l'), self.fresh('x'), self.fresh('r')
                return '(Node %s %s %s)' % (a, b, c), [(a, TAG), (b, INT), (c, TAG)]
            if k == 6:
                a, b = self.fresh('x'), self.fresh('y')
                return '(Point %s %s)' % (a, b), [(a, INT), (b, INT)]
            if k == 7:
                return '(Ok %s)' % v, [(v, INT)]
            if k == 8:
                return '(as %s (Some _))' % v, [(v, TAG)]
            if k == 9:
                return '(or None (Some 0) Leaf)', []
            if k == 10:
                return '(Pair (Some %s) _)' % v, [(v, INT)]
            return v, [(v, TAG)]
        if st == SYM:
            if self.p(0.2):
                return v, [(v, SYM)]
            return self.ch(["'red", "'green", "(quote a)", "'foo"]), []
        # ANY
        k = self.r.randint(0, 11)
        if k == 0:
            return self.ch(["'red", ':k', 'nil', '#t', '#f', '"s"', '2', '2.0', '0']), []
        if k == 1:
            return '(when %s (%s %s))' % (v, self.ch(['string?', 'int?', 'list?', 'tagged?', 'symbol?',
                                                      'number?', 'keyword?']), v), [(v, ANY)]
        if k == 2:
            return '(Some %s)' % v, [(v, ANY)]
        if k == 3:
            a, b = self.fresh('x'), self.fresh('y')
            return '[%s %s]' % (a, b), [(a, ANY), (b, ANY)]
        if k == 4:
            return '(cons %s _)' % v, [(v, ANY)]
        if k == 5:
            return '(or 1 :k \'red "s")', []
        if k == 6:
            return '(..= 0 5)', []
        if k == 7:
            return "'(1 2)", []
        if k == 8:
            return '(Pair _ _)', []
        return v, [(v, ANY)]

    def gen_handler_value(self, t, d):
        """A handler that intercepts print-line and makes the value of the body depend on it."""
        x = self.fresh('hx')
        res = self.e(t, d)
        self.in_print_handler += 1
        body = self.with_vars([], lambda: '(begin %s %s)' % (self.print_form(d), self.e(t, d)))
        self.in_print_handler -= 1
        hfn = self.ch(['(lambda (%s) (print-line "H:" %s))' % (x, x),
                       '(lambda (%s) (io:print "<" %s ">") (newline))' % (x, x),
                       '(lambda (%s) nil)' % x])
        if self.p(0.3):
            return '(handler ((io (lambda (op %s) (print-line op %s)))) %s)' % (x, x, body)
        if self.p(0.2):
            return '(handler ((io:print-line (lambda (%s) %s))) (begin (print-line 1) %s))' % (x, res, body)
        return '(handler ((io:print-line %s)) %s)' % (hfn, body)

    def gen_state(self, t, d):
        key = self.ch(['"n"', ':cnt', "'s", '1', '[1 2]'])
        if t == INT:
            return '(begin (state:set %s %s) (state:update %s %s) (state:get %s))' % (
                key, self.e(INT, d), key, self.e(FN1, d), key)
        return '(begin (state:set %s %s) (state:get %s))' % (key, self.e(t, d), key)

    def common(self, t, d):
        return [
            (3, lambda: self.gen_if(t, d)),
            (1, lambda: self.gen_cond(t, d)),
            (0.3, lambda: self.gen_when(t, d)),
            (0.3, lambda: self.gen_local_defs(t, d)),
            (0.3, lambda: self.gen_capital(t, d)),
            (2, lambda: self.gen_let(t, d)),
            (2, lambda: self.gen_match(t, d)),
            (1, lambda: self.gen_try(t, d)),
            (1, lambda: self.gen_call_lambda(t, d)),
            (0.5, lambda: self.gen_begin(t, d)),
            (0.4, lambda: self.gen_handler_value(t, d)),
            (0.3, lambda: self.gen_state(t, d)),
            (0.3, lambda: self.raiser(d)),
            (2, lambda: self.var(t)),
        ]

    # ------------------------------------------------------------------ Int
    def g_int(self, d):
        e = self.e
        return self.wpick(self.common(INT, d) + [
            (2, lambda: self.int_lit()),
            (6, lambda: '(%s %s %s)' % (self.ch(['+', '-', '*']), e(INT, d), e(INT, d))),
            (2, lambda: '(%s %s %s %s)' % (self.ch(['+', '-', '*']), e(INT, d), e(INT, d), e(INT, d))),
            (1, lambda: '(%s)' % self.ch(['+', '*'])),
            (2, lambda: '(- %s)' % self.e_typed(INT, d)),
            (1, lambda: '(abs %s)' % e(INT, d)),
            (3, lambda: '(%s %s %s)' % (self.ch(['/', 'quotient', 'mod', 'remainder', 'modulo']), e(INT, d),
                                        self.ch([self.small_int(-4, 9), e(INT, d), '-1']))),
            (1, lambda: '(%s %s %s)' % (self.ch(['/', 'quotient', 'mod', 'modulo']), self.ch(
                ['-9223372036854775808', '9223372036854775807', e(INT, d)]), self.ch(['-1', '1', '2', '-2']))),
            (1, lambda: '(%s %s %s)' % (self.ch(['min', 'max']), e(INT, d), e(INT, d))),
            (1, lambda: '(%s %s)' % (self.ch(['pow', 'expt']), ' '.join([
                self.ch(['2', '-2', '3', '10', '-1', '0', e(INT, d)]), self.ch(['0', '1', '10', '31', '62', '63', '64', '2'])]))),
            (1, lambda: '(%s %s %s)' % (self.ch(['gcd', 'lcm']), e(INT, d), e(INT, d))),
            (2, lambda: '(length %s)' % e(self.ch([LINT, STR, LSTR, MAP, LANY]), d)),
            (1, lambda: '(%s %s)' % (self.ch(['string-length', 'str-len']), e(STR, d))),
            (1, lambda: '(map-size %s)' % e(MAP, d)),
            (2, lambda: '(%s %s)' % (self.ch(['sum', 'product']), e(LINT, d))),
            (1, lambda: '(to-int %s)' % e(self.ch([FLT, INT]), d)),
            (1, lambda: '(%s %s)' % (self.ch(['floor', 'ceil', 'round', 'truncate']), e(INT, d))),
            (2, lambda: '(fold %s %s %s)' % (e(FN2, d), e(INT, d), e(LINT, d))),
            (1, lambda: '(fold-right %s %s %s)' % (e(FN2, d), e(INT, d), e(LINT, d))),
            (1, lambda: '(reduce %s %s)' % (e(FN2, d), e(LINT, d))),
            (1, lambda: '(apply %s %s)' % (self.ch(['+', '*', 'max', 'min', '-']), e(LINT, d))),
            (1, lambda: '(apply %s %s %s)' % (e(FN2, d), e(INT, d), self.ch(['[1]', '(list 7)']))),
            (2, lambda: '(%s %s)' % (self.ch(['head', 'car', 'first', 'last']), e(LINT, d))),
            (2, lambda: '(%s %s %s)' % (self.ch(['nth', 'list-ref']), e(LINT, d),
                                        self.ch([self.small_int(-1, 4), e(INT, d)]))),
            (1, lambda: '(index-of %s %s)' % (e(INT, d), e(LINT, d))),
            (1, lambda: '(string-index-of %s %s)' % (e(STR, d), e(self.ch([STR, CHAR]), d))),
            (1, lambda: '(string-index-of %s %s %s)' % (e(STR, d), e(CHAR, d), self.small_int(-1, 8))),
            (1, lambda: '(char->int %s)' % e(CHAR, d)),
            (4, lambda: '(%s %s)' % (e(FN1, d), e(INT, d))),
            (0.5, lambda: '(%s %s)' % (e(FN1, d), e(self.ch([FLT, NUM, STR]), d))),
            (2, lambda: '(%s %s %s)' % (e(FN2, d), e(INT, d), e(INT, d))),
            (1, lambda: '(string->number %s)' % self.ch(['"12"', '"-7"', '"+5"', '"007"', '"9223372036854775807"',
                                                          '"-9223372036854775808"'])),
            (1, lambda: '(let ((%s 0)) (for-each (lambda (%s) (set! %s (+ %s %s))) %s) %s)' % (
                'c', 'x', 'c', 'c', 'x', e(LINT, d), 'c')),
            (1, lambda: self.named_loop(d)),
            (1, lambda: '(map-get %s %s %s)' % (e(MAP, d), e(self.ch([STR, INT, KW]), d), e(INT, d))),
            (1, lambda: '(length (filter %s %s))' % (e(PRED, d), e(LINT, d))),
            (1, lambda: '(if %s 1 0)' % e(ANY, d)),
            (1, lambda: '(tree-sum %s)' % self.tree(d)),
            (1, lambda: '(let ((%s %s)) (set! %s (+ %s 1)) %s)' % ('z', e(INT, d), 'z', 'z', 'z')),
        ])

    def named_loop(self, d):
        i, acc = self.fresh('i'), self.fresh('acc')
        n = self.r.randint(0, 60)
        step = self.with_vars([(i, INT), (acc, INT)], lambda: self.e(INT, d - 1))
        name = self.fresh('loop')
        return '(let %s ((%s 0) (%s %s)) (if (>= %s %d) %s (%s (+ %s 1) %s)))' % (
            name, i, acc, self.e(INT, d), i, n, acc, name, i, step)

    def tree(self, d):
        if d <= 0 or self.p(0.3):
            return 'Leaf'
        return '(Node %s %s %s)' % (self.tree(d - 1), self.e(INT, 0), self.tree(d - 1))

    # ------------------------------------------------------------------ Float / Num
    def g_float(self, d):
        e = self.e
        return self.wpick(self.common(FLT, d) + [
            (2, lambda: self.float_lit()),
            (5, lambda: '(%s %s %s)' % (self.ch(['+', '-', '*', '/']), e(FLT, d), e(NUM, d))),
            (2, lambda: '(%s %s %s)' % (self.ch(['+', '-', '*', '/']), e(INT, d), e(FLT, d))),
            (1, lambda: '(/ %s %s)' % (e(FLT, d), self.ch(['0', '0.0', '-0.0']))),
            (2, lambda: '(%s %s)' % (self.ch(['sqrt', 'exp', 'sin', 'cos', 'tan', 'atan', 'log', 'asin', 'acos']),
                                     e(NUM, d))),
            (1, lambda: '(%s %s %s)' % (self.ch(['atan', 'log']), e(NUM, d), e(NUM, d))),
            (2, lambda: '(to-float %s)' % e(INT, d)),
            (2, lambda: '(%s %s)' % (self.ch(['floor', 'ceil', 'round', 'truncate', 'abs', '-']), self.e_typed(FLT, d))),
            (1, lambda: '(round-to %s %s)' % (e(NUM, d), self.small_int(0, 4))),
            (1, lambda: '(%s %s %s)' % (self.ch(['pow', 'expt']), e(FLT, d), self.small_int(-2, 5))),
            (1, lambda: '(pow %s %s)' % (self.ch(['2', '10', '-3']), self.ch(['-1', '-2', '0.5']))),
            (1, lambda: '(%s %s %s)' % (self.ch(['min', 'max']), e(FLT, d), e(NUM, d))),
            (1, lambda: '(%s %s %s)' % (self.ch(['mod', 'modulo', 'remainder']), e(FLT, d), e(NUM, d))),
            (1, lambda: '(* pi %s)' % e(NUM, d)),
            (1, lambda: '(Circle-r %s)' % e(TAG, d)),
            (1, lambda: '(%s %s)' % (self.ch(['Rect-w', 'Rect-h']), self.ch(['(Rect 1.5 2.5)', e(TAG, d)]))),
            (1, lambda: '(string->number %s)' % self.ch(['"1.5"', '"1e3"', '"-0.0"', '"+2.5"', '"1.5e-3"'])),
            (1, lambda: '(fold + 0.0 %s)' % e(LINT, d)),
            (1, lambda: '(/ (sum %s) %s)' % (e(LINT, d), self.ch(['2.0', '3.0', '0.0']))),
            (1, lambda: '(sum (list %s %s))' % (e(FLT, d), e(INT, d))),
        ])

    def g_num(self, d):
        return self.wpick([
            (2, lambda: self.g_int(d)), (2, lambda: self.g_float(d)),
            (1, lambda: '(%s %s %s)' % (self.ch(['+', '-', '*', 'max', 'min']), self.e(NUM, d), self.e(NUM, d))),
            (1, lambda: '(%s (Rect %s %s))' % (self.ch(['Rect-w', 'Rect-h']), self.e(NUM, d), self.e(NUM, d))),
        ])

    # ------------------------------------------------------------------ Bool
    def g_bool(self, d):
        e = self.e
        preds = ['int?', 'integer?', 'float?', 'number?', 'string?', 'bool?', 'boolean?', 'nil?', 'list?',
                 'map?', 'function?', 'procedure?', 'symbol?', 'keyword?', 'tagged?', 'error?']
        return self.wpick(self.common(BOOL, d) + [
            (1, lambda: self.ch(['#t', '#f', 'true', 'false'])),
            (4, lambda: '(%s %s %s)' % (self.ch(['<', '<=', '>', '>=']), e(NUM, d), e(NUM, d))),
            (1, lambda: '(%s %s %s %s)' % (self.ch(['<', '<=', '>', '>=']), e(NUM, d), e(NUM, d), e(NUM, d))),
            (1, lambda: '(%s %s %s)' % (self.ch(['<', '>', '<=']), e(STR, d), e(STR, d))),
            (0.3, lambda: '(< %s %s)' % (e(ANY, d), e(ANY, d))),
            (1, lambda: '(%s %s %s)' % (self.ch(['<', '>=', '=']), self.ch(BIG_INTS_S), self.ch(BIG_FLT_S))),
            (4, lambda: (lambda t: '(%s %s %s)' % (self.ch(['=', 'equal?', 'eq?', '==', '!=', 'not=', '<>']),
                                                   e(t, d), e(t, d)))(self.ch(VALUE_TYPES))),
            (1, lambda: '(= %s %s)' % (e(ANY, d), e(ANY, d))),
            (1, lambda: '(= %s %s %s)' % (e(NUM, d), e(NUM, d), e(NUM, d))),
            (2, lambda: '(not %s)' % e(ANY, d)),
            (2, lambda: '(%s %s)' % (self.ch(['and', 'or']), ' '.join(e(ANY, d) for _ in range(self.r.randint(0, 3))))),
            (3, lambda: '(%s %s)' % (self.ch(preds), e(ANY, d))),
            (2, lambda: '(%s %s)' % (self.ch(['even?', 'odd?']), e(INT, d))),
            (1, lambda: '(%s %s)' % (self.ch(['zero?', 'positive?', 'negative?']), e(NUM, d))),
            (1, lambda: '(%s %s)' % (self.ch(['empty?', 'null?', 'list-empty?']), e(ANY, d))),
            (1, lambda: '(string-empty? %s)' % e(STR, d)),
            (1, lambda: '(member? %s %s)' % (e(NUM, d), e(LINT, d))),
            (2, lambda: '(%s %s %s)' % (self.ch(['string-contains?', 'string-starts-with?', 'string-ends-with?']),
                                        e(STR, d), e(self.ch([STR, CHAR]), d))),
            (1, lambda: '(%s %s %s)' % (self.ch(['map-has?', 'map-contains?', 'dict-has?']), e(MAP, d),
                                        e(self.ch([STR, INT, FLT, KW, SYM]), d))),
            (2, lambda: '(%s %s %s)' % (self.ch(['any?', 'all?', 'none?']), e(PRED, d), e(LINT, d))),
            (3, lambda: '(%s %s)' % (e(PRED, d), e(INT, d))),
            (1, lambda: '(%s %s)' % (self.ch(['char-alphabetic?', 'char-numeric?', 'char-alphanumeric?',
                                              'char-whitespace?', 'char-upper-case?', 'char-lower-case?']),
                                     e(CHAR, d))),
            (1, lambda: '(%s %s %s)' % (self.ch(['string=?', 'string<?', 'string>?']), e(STR, d), e(STR, d))),
            (1, lambda: '(%s %s %s)' % (self.ch(['char=?', 'char<?', 'char>?', 'char<=?', 'char>=?']),
                                        e(CHAR, d), e(CHAR, d))),
            (1, lambda: '(apply %s %s)' % (self.ch(['and', 'or']), e(LANY, d))),
            (1, lambda: '(error? %s)' % e(ERRV, d)),
        ])

    # ------------------------------------------------------------------ Strings
    def fmt_string(self, d):
        parts, args = [], []
        for _ in range(self.r.randint(0, 4)):
            k = self.r.randint(0, 8)
            lit = self.ch(['', 'x', ' = ', 'é', ', '])
            if k <= 2:
                parts.append(lit + self.ch(['~a', '{}']))
                args.append(self.e(ANY, d))
            elif k == 3:
                parts.append(lit + '~s')
                args.append(self.e(ANY, d))
            elif k == 4:
                parts.append(lit + '~d')
                args.append(self.e(INT, d))
            elif k == 5:
                parts.append(lit + '~f')
                args.append(self.e(NUM, d))
            elif k == 6:
                parts.append(self.ch(['~%', '~~', '{{', '}}']))
            else:
                parts.append(lit)
        if self.p(0.05):
            args.append('1')  # too many arguments: value-error
        return '(string-format %s %s)' % (fl_str(''.join(parts)), ' '.join(args))

    def g_str(self, d):
        e = self.e
        return self.wpick(self.common(STR, d) + [
            (3, lambda: self.str_lit()),
            (2, lambda: '(%s %s)' % (self.ch(['string-append', 'string-concat', 'str-concat', '+']),
                                     ' '.join(e(STR, d) for _ in range(self.r.randint(1, 3))))),
            (0.5, lambda: '(string-append)'),
            (3, lambda: '(str %s)' % ' '.join(e(ANY, d) for _ in range(self.r.randint(0, 3)))),
            (2, lambda: '(%s %s)' % (self.ch(['to-string', 'number->string']), e(self.ch([ANY, NUM, FLT]), d))),
            (2, lambda: '(%s %s %s)' % (self.ch(['substring', 'string-slice']), e(STR, d), self.small_int(-1, 6))),
            (2, lambda: '(substring %s %s %s)' % (e(STR, d), self.small_int(0, 4), self.small_int(0, 8))),
            (1, lambda: '(%s %s %s)' % (self.ch(['string-ref', 'char-at']), e(STR, d), self.small_int(-1, 6))),
            (3, lambda: '(%s %s)' % (self.ch(['string-upcase', 'string-downcase', 'string-capitalize',
                                              'string-reverse', 'string-trim', 'string-trim-left',
                                              'string-trim-right', 'str-upper', 'string-lower']), e(STR, d))),
            (2, lambda: '(string-join %s %s)' % (self.ch(['", "', '""', '"-"', '"λ"']), e(self.ch([LSTR, LINT, LANY]), d))),
            (1, lambda: '(string-join %s %s)' % (e(LSTR, d), self.ch(['"+"', '" "']))),
            (1, lambda: '(string-join %s)' % e(LSTR, d)),
            (2, lambda: '(string-replace %s %s %s)' % (e(STR, d), self.ch(['"a"', '"ab"', '"é"', '" "', '""', '","']),
                                                       e(STR, d))),
            (1, lambda: '(string-repeat %s %s)' % (e(STR, d), self.small_int(-1, 4))),
            (1, lambda: '(%s %s %s)' % (self.ch(['string-pad-left', 'string-pad-right']), e(STR, d), self.small_int(-2, 9))),
            (1, lambda: '(%s %s %s %s)' % (self.ch(['string-pad-left', 'string-pad-right']), e(STR, d),
                                           self.small_int(0, 9), self.ch(['"*"', '"0"', '"é"', '"ab"']))),
            (1, lambda: '(list->string %s)' % e(self.ch([LSTR, LINT, LANY]), d)),
            (1, lambda: '(symbol->string %s)' % e(SYM, d)),
            (1, lambda: '(keyword->string %s)' % e(KW, d)),
            (2, lambda: self.fmt_string(d)),
            (2, lambda: '(%s %s)' % (self.ch(['head', 'last']), e(LSTR, d))),
            (1, lambda: '(nth %s %s)' % (e(LSTR, d), self.small_int(0, 3))),
            (1, lambda: '(int->char %s)' % self.ch(['65', '955', '128512', '0', '127', '55296', '1114112', '-1',
                                                    '233', e(INT, d)])),
            (1, lambda: '(%s %s)' % (self.ch(['char-upcase', 'char-downcase']), e(CHAR, d))),
            (1, lambda: '(tagged-tag %s)' % e(TAG, d)),
            (2, lambda: '(type-of %s)' % e(ANY, d)),
            (1, lambda: '(%s %s)' % (self.ch(['error-kind', 'error-message']), e(ERRV, d))),
            (1, lambda: '(if %s "t" "f")' % e(ANY, d)),
            (1, lambda: '(try %s (catch (when e (error? e)) (error-kind e)))' % self.raiser(d)),
            (1, lambda: '(apply string-append %s)' % e(LSTR, d)),
            (1, lambda: '(fold string-append "" %s)' % e(LSTR, d)),
            (1, lambda: '(string-join (map %s %s))' % (self.ch(['string-upcase', 'string-reverse', '(lambda (s) (str s s))']),
                                                       e(LSTR, d))),
        ])

    def g_char(self, d):
        return self.wpick([
            (3, lambda: self.char_lit()),
            (2, lambda: '(string-ref %s %s)' % (self.e(STR, d), self.small_int(0, 3))),
            (1, lambda: '(int->char %s)' % self.ch(['97', '955', '128512', '233', '48'])),
            (1, lambda: '(char-upcase %s)' % self.e(CHAR, d)),
            (1, lambda: self.var(CHAR)),
            (1, lambda: self.gen_if(CHAR, d)),
        ])

    def g_sym(self, d):
        return self.wpick([
            (3, lambda: "'" + self.ch(SYMS)),
            (1, lambda: '(quote %s)' % self.ch(SYMS)),
            (1, lambda: '(string->symbol %s)' % self.e(STR, d)),
            (1, lambda: "(head '(alpha beta))"),
            (1, lambda: self.gen_if(SYM, d)),
            (1, lambda: self.var(SYM)),
        ])

    def g_kw(self, d):
        return self.wpick([(3, lambda: ':' + self.ch(KWS)), (1, lambda: self.gen_if(KW, d)),
                           (1, lambda: self.var(KW))])

    # ------------------------------------------------------------------ Lists
    def g_lint(self, d):
        e = self.e
        return self.wpick(self.common(LINT, d) + [
            (3, lambda: '[%s]' % ' '.join(e(INT, d - 1) for _ in range(self.r.randint(0, 4)))),
            (1, lambda: '(list %s)' % ' '.join(e(INT, d - 1) for _ in range(self.r.randint(0, 4)))),
            (1, lambda: "'(%s)" % ' '.join(self.int_lit() for _ in range(self.r.randint(0, 4)))),
            (2, lambda: '(range %s)' % self.small_int(-2, 12)),
            (2, lambda: '(range %s %s)' % (self.small_int(-5, 5), self.small_int(-5, 15))),
            (1, lambda: '(range %s %s %s)' % (self.small_int(-5, 10), self.small_int(-5, 15), self.small_int(-3, 3))),
            (2, lambda: '(cons %s %s)' % (e(INT, d), e(LINT, d))),
            (1, lambda: '(Cons %s %s)' % (e(INT, d), self.ch(['Nil', e(LINT, d)]))),
            (2, lambda: '(append %s)' % ' '.join(e(LINT, d) for _ in range(self.r.randint(0, 3)))),
            (0.5, lambda: '(append %s %s)' % (e(LINT, d), self.ch(['nil', '5']))),
            (2, lambda: '(reverse %s)' % e(LINT, d)),
            (2, lambda: '(%s %s %s)' % (self.ch(['take', 'drop']), self.small_int(-1, 5), e(LINT, d))),
            (1, lambda: '(%s %s %s)' % (self.ch(['take', 'drop']), e(LINT, d), self.small_int(0, 5))),
            (1, lambda: '(list-slice %s %s)' % (e(LINT, d), self.small_int(-1, 4))),
            (1, lambda: '(list-slice %s %s %s)' % (e(LINT, d), self.small_int(0, 3), self.small_int(0, 5))),
            (4, lambda: '(map %s %s)' % (e(FN1, d), e(LINT, d))),
            (1, lambda: '(map %s %s %s)' % (e(FN2, d), e(LINT, d), e(LINT, d))),
            (3, lambda: '(filter %s %s)' % (e(PRED, d), e(LINT, d))),
            (2, lambda: '(%s %s)' % (self.ch(['sort', 'list-sort']), e(LINT, d))),
            (1, lambda: '(sort %s %s)' % (e(LINT, d), self.ch(['>', '<', '(lambda (a b) (> a b))',
                                                              '(lambda (a b) (< (abs a) (abs b)))', '>=']))),
            (1, lambda: '(%s %s)' % (self.ch(['list-unique', 'tail', 'cdr', 'rest']), e(LINT, d))),
            (1, lambda: '(%s (list %s %s))' % (self.ch(['flatten', 'list-flatten']), e(LINT, d), e(LINT, d))),
            (1, lambda: '(flat-map (lambda (x) (list x (* x 10))) %s)' % e(LINT, d)),
            (1, lambda: '(repeat %s %s)' % (e(INT, d), self.small_int(-1, 4))),
            (1, lambda: '(map-values %s)' % e(MAP, d)),
            (1, lambda: '(map %s %s)' % (self.ch(['string-length', 'length']), e(LSTR, d))),
            (1, lambda: '(map char->int (string->list %s))' % e(STR, d)),
            (1, lambda: '(tagged-values (Pair %s %s))' % (e(INT, d), e(INT, d))),
            (1, lambda: self.build_loop(d)),
            (1, lambda: '(let ((acc (list))) (for-each (lambda (x) (set! acc (cons (* x x) acc))) %s) acc)'
             % e(LINT, d)),
            (1, lambda: '(map (compose %s %s) %s)' % (e(FN1, d), e(FN1, d), e(LINT, d))),
            (1, lambda: '(fold-right cons (list) %s)' % e(LINT, d)),
            (1, lambda: '(fold (lambda (a x) (cons x a)) (list) %s)' % e(LINT, d)),
        ])

    def build_loop(self, d):
        name, i, acc = self.fresh('build'), self.fresh('i'), self.fresh('acc')
        elem = self.with_vars([(i, INT)], lambda: self.e(INT, d - 1))
        return '(let %s ((%s %s) (%s (list))) (if (<= %s 0) %s (%s (- %s 1) (cons %s %s))))' % (
            name, i, self.small_int(0, 20), acc, i, acc, name, i, elem, acc)

    def g_lstr(self, d):
        e = self.e
        return self.wpick(self.common(LSTR, d) + [
            (3, lambda: '[%s]' % ' '.join(e(STR, d - 1) for _ in range(self.r.randint(0, 4)))),
            (3, lambda: '(string-split %s %s)' % (e(STR, d), self.ch(['","', '" "', '""', '"a"', '"ab"', '"é"']))),
            (2, lambda: '(string->list %s)' % e(STR, d)),
            (2, lambda: '(map %s %s)' % (self.ch(['to-string', 'number->string', '(lambda (n) (str "#" n))']),
                                         e(LINT, d))),
            (2, lambda: '(map %s %s)' % (self.ch(['string-upcase', 'string-reverse', 'string-trim',
                                                  '(lambda (s) (string-append s "!"))']), e(LSTR, d))),
            (1, lambda: '(map-keys %s)' % self.ch(['(make-map "b" 1 "a" 2)', '(map-set (make-map "x" 1) "y" 2)'])),
            (2, lambda: '(sort %s)' % e(LSTR, d)),
            (1, lambda: '(sort %s %s)' % (e(LSTR, d), self.ch(['>', 'string>?', '(lambda (a b) (< (string-length a) (string-length b)))']))),
            (1, lambda: '(reverse %s)' % e(LSTR, d)),
            (1, lambda: '(filter (lambda (s) (> (string-length s) 1)) %s)' % e(LSTR, d)),
            (1, lambda: '(cons %s %s)' % (e(STR, d), e(LSTR, d))),
            (1, lambda: '(list-unique %s)' % e(LSTR, d)),
        ])

    def g_lany(self, d):
        e = self.e
        return self.wpick(self.common(LANY, d) + [
            (3, lambda: '(list %s)' % ' '.join(e(ANY, d - 1) for _ in range(self.r.randint(0, 4)))),
            (1, lambda: '[%s]' % ' '.join(e(ANY, d - 1) for _ in range(self.r.randint(0, 3)))),
            (2, lambda: "'%s" % self.datum(3)),
            (1, lambda: '(%s %s %s)' % (self.ch(['zip', 'list-zip']), e(LINT, d), e(LSTR, d))),
            (1, lambda: '(chunk %s %s)' % (e(LINT, d), self.small_int(-1, 4))),
            (1, lambda: '(%s %s)' % (self.ch(['map->list', 'dict->list']), e(MAP, d))),
            (1, lambda: '(tagged-values %s)' % e(TAG, d)),
            (1, lambda: '(map list %s %s)' % (e(LINT, d), e(LSTR, d))),
            (1, lambda: '(list-unique (list 1 1.0 "a" \'a :a "a" nil nil (list) 2))'),
            (1, lambda: '(map (lambda (x) (if (even? x) (Some x) None)) %s)' % e(LINT, d)),
            (1, lambda: '(map %s %s)' % (self.ch(['Some', 'Just', '(lambda (x) (Ok x))', 'list']), e(LINT, d))),
            (1, lambda: '(append %s %s)' % (e(LANY, d), e(LSTR, d))),
            (1, lambda: '(sort %s %s)' % (e(LANY, d), '(lambda (a b) (< (length (to-string a)) (length (to-string b))))')),
        ])

    def datum(self, d):
        if d <= 0 or self.p(0.5):
            return self.ch([self.int_lit(), self.float_lit(), self.str_lit(), self.ch(SYMS), ':' + self.ch(KWS),
                            'nil', '#t', '#f', 'true', '()', '[]'])
        return '(%s)' % ' '.join(self.datum(d - 1) for _ in range(self.r.randint(0, 4)))

    # ------------------------------------------------------------------ Maps, tagged, errors
    def map_key(self, d):
        return self.wpick([(5, self.str_lit), (1, self.int_lit), (1, self.float_lit),
                           (1, lambda: ':' + self.ch(KWS)), (1, lambda: "'" + self.ch(SYMS)),
                           (1, lambda: '[1 2]'), (1, lambda: self.e(STR, d))])

    def g_map(self, d):
        e = self.e
        return self.wpick(self.common(MAP, d) + [
            (3, lambda: '(%s %s)' % (self.ch(['make-map', 'dict-new']), ' '.join(
                '%s %s' % (self.map_key(d), e(INT, d - 1)) for _ in range(self.r.randint(0, 4))))),
            (0.3, lambda: '(make-map %s)' % self.map_key(d)),
            (3, lambda: '(%s %s %s %s)' % (self.ch(['map-set', 'dict-set']), e(MAP, d), self.map_key(d), e(INT, d))),
            (2, lambda: '(%s %s %s)' % (self.ch(['map-remove', 'dict-remove']), e(MAP, d), self.map_key(d))),
            (2, lambda: '(%s %s %s)' % (self.ch(['map-merge', 'dict-merge']), e(MAP, d), e(MAP, d))),
            (2, lambda: '(map-update %s %s %s %s)' % (e(MAP, d), self.map_key(d), e(FN1, d), e(INT, d))),
            (1, lambda: '(map-update %s %s %s)' % (e(MAP, d), self.map_key(d), e(FN1, d))),
            (1, lambda: '(%s (list %s))' % (self.ch(['list->map', 'list->dict']), ' '.join(
                '[%s %s]' % (self.map_key(d), e(INT, d - 1)) for _ in range(self.r.randint(0, 3))))),
            (1, lambda: '(fold (lambda (m x) (map-update m (even? x) (lambda (c) (+ c 1)) 0)) (make-map) %s)'
             % e(LINT, d)),
        ])

    def g_tag(self, d):
        e = self.e
        return self.wpick(self.common(TAG, d) + [
            (3, lambda: '(Some %s)' % e(INT, d)),
            (2, lambda: self.ch(['None', '(None)', 'Leaf'])),
            (2, lambda: '(Pair %s %s)' % (e(ANY, d), e(ANY, d))),
            (1, lambda: '(Circle %s)' % e(FLT, d)),
            (1, lambda: '(Rect %s %s)' % (e(NUM, d), e(NUM, d))),
            (1, lambda: self.tree(d)),
            (1, lambda: '(make-tagged %s %s %s)' % (self.ch(['"Point"', "'Point", '"Some"']), e(INT, d), e(INT, d))),
            (1, lambda: '(Ok %s)' % e(INT, d)),
            (1, lambda: '(Err %s)' % e(STR, d)),
            (1, lambda: '(Just %s)' % e(INT, d)),
            (1, lambda: '(apply Just (list %s))' % e(INT, d)),
        ])

    def g_errv(self, d):
        return self.wpick([
            (3, lambda: '(make-error %s %s)' % (self.ch(ERR_KINDS), self.e(STR, d))),
            (1, lambda: '(make-error %s)' % self.e(STR, d)),
            (1, lambda: '(try (error %s %s) (catch e e))' % (self.ch(ERR_KINDS), self.str_lit())),
            (1, lambda: '(try (throw (make-error "thrown" %s)) (catch e e))' % self.str_lit()),
            (1, lambda: self.var(ERRV)),
        ])

    # ------------------------------------------------------------------ functions as values
    def g_fn1(self, d):
        x = self.fresh('x')
        return self.wpick([
            (2, lambda: self.ch(['abs', '-', 'identity', '(partial + 1)', '(partial * 3)', '(partial max 0)',
                                 '(partial - 10)', '(compose)'])),
            (4, lambda: '(lambda (%s) %s)' % (x, self.with_vars([(x, INT)], lambda: self.body(INT, d)))),
            (2, lambda: '(%s %s %s)' % (self.ch(['compose', 'compose']), self.e(FN1, d), self.e(FN1, d))),
            (1, lambda: '(partial %s %s)' % (self.e(FN2, d), self.e(INT, d))),
            (1, lambda: '(let ((k %s)) (lambda (%s) (+ %s k)))' % (self.e(INT, d), x, x)),
            (3, lambda: self.var(FN1)),
            (1, lambda: '(if %s %s %s)' % (self.e(BOOL, d), self.e(FN1, d), self.e(FN1, d))),
        ])

    def g_fn2(self, d):
        a, b = self.fresh('a'), self.fresh('b')
        return self.wpick([
            (3, lambda: self.ch(['+', '-', '*', 'max', 'min', 'quotient', 'mod', 'modulo', 'gcd'])),
            (3, lambda: '(lambda (%s %s) %s)' % (a, b, self.with_vars([(a, INT), (b, INT)], lambda: self.body(INT, d)))),
            (3, lambda: self.var(FN2)),
        ])

    def g_pred(self, d):
        x = self.fresh('x')
        return self.wpick([
            (3, lambda: self.ch(['even?', 'odd?', 'zero?', 'positive?', 'negative?', 'int?', 'number?'])),
            (3, lambda: '(lambda (%s) %s)' % (x, self.with_vars([(x, INT)], lambda: self.body(BOOL, d)))),
            (1, lambda: '(compose not %s)' % self.e(PRED, d)),
            (1, lambda: '(partial < %s)' % self.e(INT, d)),
            (1, lambda: '(lambda (%s) (%s %s))' % (x, self.e(FN1, d), x)),  # truthiness of an Int
            (3, lambda: self.var(PRED)),
        ])

    def fn_value_any(self):
        return self.ch(['car', 'first', '+', 'string-upcase', 'Just', 'Node', 'io:print-line', 'print-line',
                        '(lambda (x) x)', 'map', 'Some', 'state:get'] + self.funcs[FN1] + self.funcs[FN2])

    # ------------------------------------------------------------------ top level
    def wrap(self, expr):
        return ('(try %s (catch (when e (error? e)) (list (quote caught) (error-kind e))) '
                '(catch v (list (quote thrown) v)))' % expr)

    def stmt_print(self):
        d = self.r.randint(1, 4)
        n = self.r.randint(1, 3)
        args = []
        for _ in range(n):
            t = self.ch(VALUE_TYPES + [INT, INT, LINT, STR, FLT, NUM, ANY])
            x = self.e(t, d)
            if self.p(0.2):
                x = self.wrap(x)
            args.append(x)
        if self.p(0.05):
            args.append(self.fn_value_any())
        f = self.ch(['print-line'] * 6 + ['println', 'display', 'print'])
        s = '(%s %s)' % (f, ' '.join(args))
        if f in ('display', 'print'):
            s = '(begin %s (newline))' % s
        if self.p(0.97):
            s = '(print-line %s)' % self.wrap(s)
        return s

    def stmt_define_var(self):
        t = self.ch([INT, FLT, STR, LINT, LSTR, MAP, TAG, NUM, FN1, PRED])
        name = self.fresh('g')
        val = self.e(t, self.r.randint(1, 3))
        self.globals.append((name, t))
        out = ['(define %s %s)' % (name, self.wrap(val) if t not in (FN1, PRED) else val)]
        out.append('(print-line "%s =" %s)' % (name, name))
        if t in (FN1, PRED):
            self.globals.pop()
            self.funcs[t].append(name)
        # If the wrapped value raised, the variable holds a list: fix the type by testing.
        if t not in (FN1, PRED):
            self.globals.pop()
            fix = {INT: '0', FLT: '0.5', STR: '""', LINT: '[]', LSTR: '[]', MAP: '(make-map)',
                   TAG: 'None', NUM: '0'}[t]
            pred = {INT: 'int?', FLT: 'float?', STR: 'string?', LINT: 'list?', LSTR: 'list?', MAP: 'map?',
                    TAG: 'tagged?', NUM: 'number?'}[t]
            out.append('(unless (%s %s) (set! %s %s))' % (pred, name, name, fix))
            self.globals.append((name, t))
        return '\n'.join(out)

    def stmt_set(self):
        gs = [(n, t) for n, t in self.globals if t in (INT, FLT, STR, LINT, NUM, MAP, TAG)]
        if not gs:
            return None
        name, t = self.ch(gs)
        val = self.e(t, 2)
        return '(set! %s (try %s (catch e %s)))\n(print-line "set" %s)' % (name, val, name, name)

    def stmt_defun(self):
        kind = self.r.randint(0, 7)
        name = self.fresh('f')
        d = self.r.randint(2, 4)
        if kind == 0:   # Int -> Int
            x = self.fresh('x')
            body = self.with_vars([(x, INT)], lambda: self.body(INT, d))
            self.funcs[FN1].append(name)
            return '(define (%s %s) %s)\n(print-line %s)' % (name, x, body, self.wrap('(map %s [0 1 -1 7])' % name)) if self.p(0.3) \
                else '(define (%s %s) %s)' % (name, x, body)
        if kind == 1:   # Int Int -> Int
            a, b = self.fresh('a'), self.fresh('b')
            body = self.with_vars([(a, INT), (b, INT)], lambda: self.body(INT, d))
            self.funcs[FN2].append(name)
            return '(define (%s %s %s) %s)' % (name, a, b, body)
        if kind == 2:   # Int -> Bool
            x = self.fresh('x')
            body = self.with_vars([(x, INT)], lambda: self.body(BOOL, d))
            self.funcs[PRED].append(name)
            return '(define (%s %s) %s)' % (name, x, body)
        if kind == 3:   # tail recursion with accumulator
            n, acc = self.fresh('n'), self.fresh('acc')
            step = self.with_vars([(n, INT), (acc, INT)], lambda: self.e(INT, d - 1))
            self.funcs[FN2].append(name)
            return ('(define (%s %s %s) (cond ((not (< 0 %s)) %s) ((> %s 200) (%s 200 %s)) (else (%s (- %s 1) %s))))'
                    % (name, n, acc, n, acc, n, name, acc, name, n, step))
        if kind == 4:   # non-tail recursion
            n = self.fresh('n')
            base = self.e(INT, 1)
            op = self.ch(['+', '*', '-', 'max'])
            extra = self.with_vars([(n, INT)], lambda: self.e(INT, d - 1))
            self.funcs[FN1].append(name)
            return ('(define (%s %s) (if (not (< 0 %s 300)) %s (%s %s (%s (- %s 1)))))'
                    % (name, n, n, base, op, extra, name, n))
        if kind == 5:   # closure factory / counter with set!
            cnt, k = self.fresh('cnt'), self.fresh('k')
            step = self.e(INT, 1)
            mk = name
            c = self.fresh('c')
            return ('(define (%s %s) (let ((%s 0)) (lambda () (set! %s (+ %s %s)) %s)))\n'
                    '(define %s (%s %s))\n(print-line (%s) (%s) (let ((%s (%s 100))) (%s) (%s)) (%s))'
                    % (mk, k, cnt, cnt, cnt, k, cnt, c, mk, step, c, c, c, mk, c, c, c))
        if kind == 6:   # mutual recursion
            g = self.fresh('f')
            n = self.fresh('n')
            self.funcs[PRED].append(name)
            return ('(define (%s %s) (if (not (< 0 %s 500)) #t (%s (- %s 1))))\n'
                    '(define (%s %s) (if (not (< 0 %s 500)) #f (%s (- %s %s))))'
                    % (name, n, n, g, n, g, n, n, name, n, self.ch(['1', '1', '2'])))
        # internal defines, local helper, shared captured variable
        x, h, acc = self.fresh('x'), self.fresh('h'), self.fresh('acc')
        inner = self.with_vars([(x, INT), (acc, INT)], lambda: self.e(INT, d - 1))
        self.funcs[FN1].append(name)
        return ('(define (%s %s)\n  (define %s 0)\n  (define (%s y) (set! %s (+ %s y)) %s)\n  (%s %s) (%s 1)\n  %s)'
                % (name, x, acc, h, acc, acc, acc, h, x, h, inner))

    def stmt_late_fun(self):
        """A module-level function used before its definition (hoisting, §2.2)."""
        name, x = self.fresh('f'), self.fresh('x')
        body = self.with_vars([(x, INT)], lambda: self.body(INT, 2))
        self.late.append('(define (%s %s) %s)' % (name, x, body))
        self.funcs[FN1].append(name)
        return '(print-line %s)' % self.wrap('(%s %s)' % (name, self.e(INT, 1)))

    def stmt_redefine(self):
        gs = [(n, t) for n, t in self.globals if t in (INT, FLT, STR, LINT, NUM)]
        if not gs:
            return None
        name, t = self.ch(gs)
        return '(define %s (try %s (catch e %s)))\n(print-line "redefined" %s)' % (name, self.e(t, 2), name, name)

    # ---- match with side-effecting views and guards: evaluation order and counts (§9)
    def tr_pat(self, d, effects=True):
        """A random pattern for any value; views and guards print a label when they run.
        Returns (text, vars)."""
        v = self.fresh('q')
        k = self.r.randint(0, 15 if d > 0 else 6)
        if k == 0:
            return '_', []
        if k == 1:
            return v, [v]
        if k == 2:
            return self.ch(['0', '1', '2', '1.0', '-1', '"a"', '""', ':k', "'red", '#t', '#f', 'nil', 'None',
                            'Leaf', '[]']), []
        if k == 3:
            return '(%s %s %s)' % (self.ch(['..', '..=']), self.ch(['0', '1', '-2.5']), self.ch(['2', '3.5', '10'])), []
        if k in (4, 5, 6) and d <= 0:
            return (v, [v]) if self.p(0.5) else ('_', [])
        if k == 4 and effects:
            sub, b = self.tr_pat(d - 1, effects)
            lab = self.fresh('v')
            f = self.ch(['(lambda (z) (if (number? z) (* z 2) z))', 'type-of', '(lambda (z) (list z))',
                         '(lambda (z) (if (list? z) (length z) -1))'])
            return '(view (tr "%s" %s) %s)' % (lab, f, sub), b
        if k == 5 and effects:
            sub, b = self.tr_pat(d - 1, effects)
            lab = self.fresh('g')
            cond = self.ch(['#t', '#f', '(number? %s)' % (b[0] if b else '1'), '(not (nil? %s))' % (b[0] if b else 'nil')])
            return '(when %s (trg "%s" %s))' % (sub, lab, cond), b
        if k == 6:
            sub, b = self.tr_pat(d - 1, effects)
            return '(as %s %s)' % (v, sub), [v] + b
        if k in (7, 8):
            tag, n = self.ch([('Some', 1), ('Pair', 2), ('Node', 3), ('Just', 1), ('Some', 2), ('Ok', 1)])
            subs, bs = [], []
            for _ in range(n):
                p, b = self.tr_pat(d - 1, effects)
                subs.append(p)
                bs += b
            return '(%s %s)' % (tag, ' '.join(subs)), bs
        if k == 9:
            h, bh = self.tr_pat(d - 1, effects)
            t, bt = self.tr_pat(d - 1, effects)
            return '(%s %s %s)' % (self.ch(['cons', 'Cons']), h, t), bh + bt
        if k == 10:
            # list patterns: element guards/views only when not avoiding the §9 ambiguity (see FINDINGS.md)
            subs, bs = [], []
            for _ in range(self.r.randint(0, 3)):
                p, b = self.tr_pat(d - 1, effects and not self.avoid_known)
                subs.append(p)
                bs += b
            return self.ch(['[%s]', '(list %s)']) % ' '.join(subs), bs
        if k == 11:
            # or-pattern: alternatives bind no variables
            alts = [self.tr_pat(d - 1, effects) for _ in range(self.r.randint(1, 3))]
            alts = [a for a, b in alts if not b] or ['_']
            return '(or %s)' % ' '.join(alts), []
        if k == 12:
            return "'%s" % self.ch(['(1 2)', 'red', '(a "b")', '()']), []
        return v, [v]

    def stmt_match_effects(self):
        out = []
        if not self.have_tr:
            self.have_tr = True
            out.append('(define (tr lab f) (lambda (z) (print "view" lab "") (f z)))')
            out.append('(define (trg lab c) (print "guard" lab "") c)')
        scrut = self.ch(['(Some 1)', '(Some (Some 2))', '(Pair 1 [2 3])', '(Pair (Just 1) None)', '[1 2]', '[1 [2 3] 4]',
                         '(Node Leaf 5 (Node Leaf 6 Leaf))', '1', '2.0', '"a"', "'red", "'(1 2)", 'nil', '[]',
                         '(Ok [1])', '(Some 1 2)', '(cons 1 (cons 2 nil))', '(Pair [] (Some "a"))'])
        clauses = []
        for _ in range(self.r.randint(2, 7)):
            p, b = self.tr_pat(3)
            clauses.append('(%s (list %s))' % (p, ' '.join(['"c%d"' % len(clauses)] + b)))
        if self.p(0.5):
            clauses.append('(_ "none")')
        out.append('(print-line %s)' % self.wrap('(match %s %s)' % (scrut, ' '.join(clauses))))
        return '\n'.join(out)

    def stmt_match(self):
        t = self.ch([INT, STR, LANY, TAG, ANY])
        return '(print-line %s)' % self.wrap(self.gen_match(t, self.r.randint(2, 3)))

    def stmt_try(self):
        d = 2
        body = []
        for _ in range(self.r.randint(1, 3)):
            body.append(self.print_form(d))
        if self.p(0.6):
            body.append(self.raiser(d))
        body.append(self.print_form(d))
        e = self.fresh('e')
        clauses = self.ch([
            '(catch (when %s (error? %s)) (print-line "caught" (error-kind %s)))' % (e, e, e),
            '(catch 42 (print-line "caught 42")) (catch %s (print-line "other" (error? %s)))' % (e, e),
            '(catch (Some %s) (print-line "some" %s))' % (e, e),
            '(catch "boom" (print-line "boom!"))',
            '(catch %s (print-line "any" (if (error? %s) (error-kind %s) %s)))' % (e, e, e, e),
        ])
        fin = '(finally (print-line "finally"))' if self.p(0.5) else ''
        s = '(try %s %s %s)' % (' '.join(body), clauses, fin)
        if self.p(0.9):
            s = '(print-line %s)' % self.wrap(s)
        return s

    def stmt_nested_try(self):
        return ('(print-line (try (try (begin (print-line "in") %s) (catch %s (print-line "inner") %s) '
                '(finally (print-line "inner-fin"))) (catch (when e (error? e)) (list "outer" (error-kind e))) '
                '(catch e (list "outer-thrown" e))))'
                % (self.raiser(2), self.ch(['(when e (error? e))', '1', 'x']),
                   self.ch(['(throw "rethrown")', '"handled"', '(head [])', '(error "again")'])))

    def stmt_handler(self):
        d = 2
        k = self.r.randint(0, 5)
        if k == 0:
            self.in_print_handler += 1
            body = ' '.join(self.print_form(d) for _ in range(self.r.randint(1, 3)))
            self.in_print_handler -= 1
            return '(handler ((io:print-line (lambda (s) (print-line (str "> " s))))) %s)' % body
        if k == 1:
            return '(print-line (handler ((io:print-line (lambda (x) %s))) (+ 1 (print-line "hidden"))))' % self.e(INT, 1)
        if k == 2:
            return '(print-line (handler ((state (lambda (op k) (str op ":" k)))) (state:get %s)))' % self.e(STR, 1)
        if k == 3:
            return '(print-line %s)' % self.wrap('(handler ((error:raise (lambda (m) %s))) (+ 1 (error %s)))' % (
                self.e(INT, 1), self.e(STR, 1)))
        if k == 4:
            # nested frames: the inner handler's function runs with only the outer frames
            return ('(handler ((io:print-line (lambda (x) (print-line "outer" x))))\n'
                    '  (handler ((io (lambda (op x) (print-line "inner" op x))))\n'
                    '    (print-line %s) (io:print %s) (newline)))' % (self.e(ANY, 1), self.e(ANY, 1)))
        fn = self.ch(self.funcs[FN1] or ['abs'])
        return ('(print-line (handler ((io:print-line (lambda (x) (%s 3)))) (map (lambda (y) (print-line y)) %s)))'
                % (fn, self.e(LINT, 1)))

    def stmt_intercepted_effects(self):
        """Time, input and file effects, always intercepted by a handler (so deterministic), through
        direct calls and through builtins used as values."""
        k = self.r.randint(0, 3)
        call = lambda f, args='': self.ch(['(%s%s)' % (f, args), '(apply %s (list%s))' % (f, args),
                                           '((lambda (g) (g%s)) %s)' % (args, f)])
        if k == 0:
            fs = ['current-millis', 'current-time-millis', 'time:now']
            # current-time as a value was not intercepted (regressions/handler_intercepts_current_time_value)
            direct = [call('current-time')]
            h = self.ch(['(time (lambda (op) %s))', '(time:now (lambda () %s))']) % self.ch(['7', '123456', '-1500', '"t"'])
            return '(print-line %s)' % self.wrap('(handler (%s) (list %s))' % (
                h, ' '.join([call(self.ch(fs)) for _ in range(2)] + direct)))
        if k == 1:
            return '(print-line %s)' % self.wrap('(handler ((io:read-line (lambda () %s))) (list %s %s))' % (
                self.e(STR, 1), call('read-line'), call('io:read-line')))
        if k == 2:
            return '(print-line %s)' % self.wrap(
                '(handler ((io (lambda (op p x) (list op p x))) (io:read-file (lambda (p) (str "<" p ">")))) '
                '(list %s %s %s))' % (call('file-write', ' "/nonexistent/a" %s' % self.e(INT, 1)),
                                      call('file-append', ' "/nonexistent/b" "x"'), call('file-read', ' "/c"')))
        return '(print-line %s)' % self.wrap('(handler ((time:sleep (lambda (ms) (list \'slept ms))) '
                                             '(io:file-exists? (lambda (p) (string-length p)))) (list %s %s))' % (
                                                 call('sleep', ' %s' % self.e(INT, 1)), call('file-exists?', ' "/x/y"')))

    def stmt_state(self):
        key = self.ch(['"k"', ':k', "'k", '1', '1.0', '[1 "a"]'])
        return ('(state:set %s %s)\n(state:update %s %s)\n(print-line (state:get %s) (state:get "missing") '
                '(state:update %s 7))\n(state:delete %s)\n(print-line (state:get %s))' % (
                    key, self.e(INT, 1), key, self.e(FN1, 1), key, key, key, key))

    def stmt_for_each(self):
        return '(for-each %s %s)' % (self.ch(['print-line', 'println', '(lambda (x) (print-line "item" x))',
                                               'io:print-line', '(lambda (x y) (print-line x y))']),
                                     self.e(self.ch([LINT, LSTR, LANY]), 2))

    def stmt_printing(self):
        vals = self.ch([
            '(list "a\\"b" \'sym :kw nil #t 1.0 -0.0 (Some "s") (make-map "k" [1 "v"]))',
            '(list (/ 1.0 0) (- (/ 1.0 0)) (/ 0.0 0) 1e21 1.5e-7 123456789.125 0.1)',
            '(list car first + print-line io:print-line Just Node Some (lambda (x) x) %s)' % (
                self.ch(self.funcs[FN1] + self.funcs[FN2] + ['abs'])),
            '(list (make-error "k" "m\\n") (make-error \'sym "x") (make-error "plain"))',
            '(list "tab\\t" "nl\\n" "cr\\r" "nul\\0" "\\u{1}" "\\u{7f}" "\\u{80}" "é" "😀")',
            '(list (Pair 1 (Pair 2 None)) (make-tagged "T") (make-tagged \'U 1) (Cons 1 Nil) Nil)',
            '(list (make-map) (make-map [1] 2 "x" (make-map :a 1)) (map-set (make-map "a" 1 "b" 2) "a" 3))',
            '(let ((g (lambda (x) x))) (list g (let ((h (lambda () 1))) h)))',
            '(list 9223372036854775807 -9223372036854775808 (to-float 9223372036854775807) 1e16 123e-2)',
        ])
        f = self.ch(['print-line', 'display', 'print'])
        s = '(%s %s %s)' % (f, vals, self.ch(['"x"', '(head %s)' % vals, '']))
        if f != 'print-line':
            s += ' (newline)'
        return s

    def stmt_string_format(self):
        return '(print-line %s)' % self.wrap(self.fmt_string(2))

    def stmt_overflow(self):
        a = self.ch(['9223372036854775807', '-9223372036854775808', '4611686018427387904', '3037000500',
                     '-4611686018427387904', '(- 9223372036854775807)', '(- -9223372036854775807 1)'])
        op = self.ch(['(+ %s 1)', '(- %s 1)', '(* %s 2)', '(* %s -1)', '(- %s)', '(abs %s)', '(* %s %s)',
                      '(/ %s -1)', '(quotient %s -1)', '(mod %s -1)', '(modulo %s -1)', '(remainder %s -1)',
                      '(sum (list %s %s))', '(product (list %s 2))', '(to-int (to-float %s))', '(lcm %s 3)',
                      '(gcd %s 0)', '(gcd %s %s)', '(+ %s 0.5)', '(- %s 0.0)', '(= %s (to-float %s))',
                      '(< %s (to-float %s))', '(fold + 0 (list %s %s))', '(apply * (list %s 1))',
                      '(+ %s -1 1)', '(+ %s 1 -1)', '(* 1 %s 2)', '(max %s 1.0)', '(min %s 0.5)',
                      '(pow %s 2)', '(abs (- %s 1))', '(- 0 %s)', '(floor %s)', '(round %s)', '(to-int %s)',
                      '(- %s -1)', '(+ %s %s)', '(* %s 0)', '(* 0 %s)'])
        expr = op.replace('%s', a)
        return '(print-line %s %s)' % (fl_str(op.replace('%s', 'X') + ' X=' + a), self.wrap(expr))

    def stmt_define_var_unbound(self):
        # forward reference to a later-defined variable: unbound at run time
        name = self.fresh('late')
        return '(print-line %s)\n(define %s %s)' % (self.wrap(name), name, self.e(INT, 1))

    def stmt_uncaught(self):
        return self.ch([
            '(print-line "end")\n%s' % self.raiser(1),
            '(print-line "end")\n(print-line %s)' % self.e(self.ch([INT, STR, LINT]), 3),
            '(throw %s)' % self.e(self.ch([INT, STR, TAG, LANY]), 2),
            '(error %s %s)' % (self.ch(ERR_KINDS), self.str_lit()),
            '(exit %s)' % self.ch(['0', '3', '255', '256', '-1', '"x"']),
            '(print-line "before exit") (try (exit 2) (finally (print-line "no")))',
        ])

    def program(self):
        out = ['; generated by test/fuzz/gen.py',
               '(define-type Shape (Circle (r float)) (Rect (w float) (h float)))',
               '(data Tree Leaf (Node left val right))',
               '(data Maybe a (Just a))',
               '(define (tree-sum t) (match t (Leaf 0) ((Node l v r) (+ (tree-sum l) v (tree-sum r)))))']
        stmts = [
            (10, self.stmt_print), (3, self.stmt_define_var), (2, self.stmt_set), (4, self.stmt_defun),
            (2, self.stmt_match), (2, self.stmt_try), (1, self.stmt_nested_try), (2, self.stmt_handler),
            (1, self.stmt_state), (1, self.stmt_for_each), (1, self.stmt_printing),
            (1, self.stmt_string_format), (2, self.stmt_overflow), (0.3, self.stmt_define_var_unbound),
            (1, self.stmt_late_fun), (0.5, self.stmt_redefine), (2, self.stmt_match_effects),
            (1, self.stmt_intercepted_effects),
        ]
        if self.p(0.15):
            # a module-level definition shadows a builtin in the whole file (§2.2)
            out.append(self.ch(['(define (identity x) (+ x 1))', '(define (repeat x n) (list x n))',
                                '(define (last l) (if (empty? l) -1 (head (reverse l))))',
                                '(define (string-reverse s) (str "<" s ">"))']))
        for _ in range(self.size):
            st = self.wpick(stmts)
            if st.startswith('(handler') or st.startswith('(for-each') or st.startswith('(state:set'):
                # a statement made of plain forms: catch what it raises (rarely let it escape)
                if self.p(0.97):
                    st = '(print-line %s)' % self.wrap('(begin %s)' % st)
            out.append(st)
            if self.p(0.03):
                out.append(self.ch(['; a comment (with parens', '#| block #| nested |# |#', '#;(print-line "hidden")',
                                    '#; #; (print-line 1) (print-line 2)']))
            if self.late and self.p(0.3):
                out.append(self.late.pop(0))
        out.extend(self.late)
        if self.p(0.3):
            out.append(self.stmt_uncaught())
        return '\n'.join(out) + '\n'


BIG_INTS_S = ['9007199254740993', '9223372036854775807', '-9223372036854775808', '9007199254740992', '1']
BIG_FLT_S = ['9007199254740992.0', '9.223372036854776e18', '-9.223372036854776e18', '1.0', '9007199254740994.0']


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('seed', type=int)
    ap.add_argument('--size', type=int, default=28, help='number of top-level statements')
    ap.add_argument('--no-avoid', action='store_true', help='also generate constructs of known bugs')
    a = ap.parse_args()
    sys.stdout.write(Gen(a.seed, a.size, avoid_known=not a.no_avoid).program())


if __name__ == '__main__':
    main()
