#!/usr/bin/env python3
"""Generates builtin_cases_test.cpp from builtin_cases.txt, with expectations computed by the
reference interpreter (shared/tools/flref.py).

Each line of builtin_cases.txt is a comment (starting with ';') or a call `(NAME ARG...)` whose
arguments are literals: Ints, Floats, strings, #t #f nil, 'symbols, :keywords, [lists], the
special tokens nan +inf -inf, or nested calls of builtins (to build maps, tagged values...). flref evaluates every call and prints its result in write form,
or `error: KIND`; the generated GoogleTest calls the runtime's builtin through its function
object (flrt_call, so arity is checked too) and compares.

Usage: gen_builtin_cases.py FLREF.py   (rewrites builtin_cases_test.cpp next to this script)
"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEF = os.path.join(HERE, '..', '..', 'include', 'fluentai', 'builtins.def')


def builtin_ids():
    ids = {}
    for line in open(DEF):
        m = re.match(r'FL_BUILTIN\((\w+), "([^"]+)"', line)
        if m:
            ids[m.group(2)] = m.group(1)
        m = re.match(r'FL_ALIAS\("([^"]+)", (\w+)\)', line)
        if m:
            ids[m.group(1)] = m.group(2)
    return ids


def tokenize(s):
    toks, i = [], 0
    while i < len(s):
        c = s[i]
        if c.isspace():
            i += 1
        elif c in '()[]':
            toks.append(c)
            i += 1
        elif c == '"':
            j = i + 1
            while s[j] != '"':
                j += 2 if s[j] == '\\' else 1
            toks.append(s[i:j + 1])
            i = j + 1
        else:
            j = i
            while j < len(s) and not s[j].isspace() and s[j] not in '()[]':
                j += 1
            toks.append(s[i:j])
            i = j
    return toks


def parse(toks, i):
    t = toks[i]
    if t in '([':
        close = ')' if t == '(' else ']'
        items, i = [], i + 1
        while toks[i] != close:
            d, i = parse(toks, i)
            items.append(d)
        return ('list' if t == '[' else 'call', items), i + 1
    return ('atom', t), i + 1


def unescape(lit):
    body, out, i = lit[1:-1], [], 0
    while i < len(body):
        c = body[i]
        if c != '\\':
            out.append(c)
            i += 1
            continue
        e = body[i + 1]
        if e == 'u':
            j = body.index('}', i)
            out.append(chr(int(body[i + 3:j], 16)))
            i = j + 1
            continue
        out.append({'n': '\n', 't': '\t', 'r': '\r', '\\': '\\', '"': '"', '0': '\0'}[e])
        i += 2
    return ''.join(out)


def c_string(s):
    b = s.encode('utf-8')
    out = []
    for x in b:
        ch = chr(x)
        if ch == '"' or ch == '\\':
            out.append('\\' + ch)
        elif 0x20 <= x < 0x7f and ch != '?':
            out.append(ch)
        else:
            out.append('\\%03o' % x)
    return 'std::string("%s", %d)' % (''.join(out), len(b))


def to_fl(d):
    kind, v = d
    if kind == 'call':
        return '(' + ' '.join([v[0][1]] + [to_fl(x) for x in v[1:]]) + ')'
    if kind == 'list':
        return '(list ' + ' '.join(to_fl(x) for x in v) + ')'
    if v == 'nan':
        return '(/ 0.0 0)'
    if v == '+inf':
        return '(/ 1.0 0)'
    if v == '-inf':
        return '(/ -1.0 0)'
    return v


def to_cpp(d):
    kind, v = d
    if kind == 'call':
        return 'flt::call(FL_B_%s, {%s})' % (IDS[v[0][1]], ', '.join(to_cpp(x) for x in v[1:]))
    if kind == 'list':
        return 'flt::L({' + ', '.join(to_cpp(x) for x in v) + '})'
    if v == 'nan':
        return 'flt::F(NAN)'
    if v == '+inf':
        return 'flt::F(INFINITY)'
    if v == '-inf':
        return 'flt::F(-INFINITY)'
    if v in ('#t', 'true'):
        return 'FL_TRUE'
    if v in ('#f', 'false'):
        return 'FL_FALSE'
    if v == 'nil':
        return 'FL_NIL'
    if v.startswith('"'):
        return 'flt::S(%s)' % c_string(unescape(v))
    if v.startswith("'"):
        return 'flrt_intern_symbol(flt::S("%s"))' % v[1:]
    if v.startswith(':'):
        return 'flrt_intern_keyword(flt::S("%s"))' % v[1:]
    if re.fullmatch(r'-?[0-9]+', v):
        n = int(v)
        if n == -(1 << 63):
            return 'flt::I(INT64_MIN)'
        return 'flt::I(INT64_C(%d))' % n
    return 'flt::F(%s)' % v


IDS = builtin_ids()


def main():
    flref = sys.argv[1]
    ids = IDS
    cases = []
    for line in open(os.path.join(HERE, 'builtin_cases.txt')):
        line = line.strip()
        if not line or line.startswith(';'):
            continue
        d, _ = parse(tokenize(line), 0)
        assert d[0] == 'call', line
        cases.append((line, d[1][0][1], d[1][1:]))
    prog = []
    for text, name, args in cases:
        call = '(%s %s)' % (name, ' '.join(to_fl(a) for a in args))
        if name in ('and', 'or'):
            call = '(apply %s (list %s))' % (name, ' '.join(to_fl(a) for a in args))
        prog.append('(print-line (try (string-format "~s" %s) (catch e (if (error? e) (str "error: " '
                    '(error-kind e)) "throw"))))' % call)
    with tempfile.NamedTemporaryFile('w', suffix='.fl', delete=False) as f:
        f.write('\n'.join(prog) + '\n')
        path = f.name
    out = subprocess.run([sys.executable, flref, path], capture_output=True, text=True)
    os.unlink(path)
    if out.returncode != 0:
        sys.exit('flref failed:\n' + out.stderr)
    results = out.stdout.split('\n')
    lines = [
        '// Generated by gen_builtin_cases.py from builtin_cases.txt; expectations come from the',
        '// reference interpreter (shared/tools/flref.py). Do not edit by hand.',
        '#include <math.h>', '', '#include "test_util.h"', '',
        'TEST(BuiltinCases, MatchReference) {']
    for (text, name, args), res in zip(cases, results):
        arglist = ', '.join(to_cpp(a) for a in args)
        lines.append('  EXPECT_EQ(flt::R(FL_B_%s, {%s}), %s) << %s;' % (
            ids[name], arglist, c_string(res), c_string(text)))
    lines.append('}')
    with open(os.path.join(HERE, 'builtin_cases_test.cpp'), 'w') as f:
        f.write('\n'.join(lines) + '\n')
    print('%d cases' % len(cases))


if __name__ == '__main__':
    main()
