#!/usr/bin/env python3
"""Differential driver: runs programs from gen.py under flref and under flc (-O0 and -O2) and compares.

    python3 diff.py [--seeds A-B | --seeds 1,5,9] [--jobs N] [--out DIR] [--reduce] [--flc PATH]
                    [--flref PATH] [--modes O0,O2] [--size N] [--time-limit SECONDS]
    python3 diff.py --file prog.fl         compare one existing program (no generation)

For each program it compares, for every flc mode, with flref:
  * standard output, byte for byte;
  * the exit status;
  * the first stderr line that starts with "error: ": its "error: KIND:" prefix for the runtime kinds of
    LANGUAGE.md §10.1, the whole line for any other kind (user messages, uncaught-throw values, §10.3).
flc runs with -w, so warnings never reach the comparison. A program that flref rejects (compile error)
or that times out under flref is a generator bug and is reported as "invalid".
Mismatching programs are written to DIR (default /tmp/fuzz-findings) as seed-N.fl, and with --reduce
also as seed-N.min.fl after a reducer that deletes top-level forms and simplifies subexpressions while
the same kind of mismatch persists. Exit status: 0 when every program agreed, 1 otherwise.
"""
import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, HERE)
import gen  # noqa: E402

# flc failures already turned into regression tests: (bytes regex on flc's stderr, test name). A mismatch
# whose flc stderr matches is reported as "known" and does not count as a failure.
# Example: (rb'call i64 @flrt_neg\(i1 ', 'regressions/negate_bool.fl') while that bug was open.
KNOWN = [
]

RUNTIME_KINDS = {'type-error', 'arity-error', 'overflow', 'division-by-zero', 'index-error', 'empty-list',
                 'value-error', 'io-error', 'unbound', 'contract-violation', 'deadlock', 'stack-overflow'}


def default_flref():
    for p in [os.path.join(ROOT, '..', 'shared', 'tools', 'flref.py'), '/work/shared/tools/flref.py']:
        if os.path.exists(p):
            return os.path.normpath(p)
    return None


class Result:
    def __init__(self, out, err, rc):
        self.out, self.err, self.rc = out, err, rc

    def error_line(self):
        for line in self.err.decode('utf-8', 'replace').splitlines():
            if line.startswith('error: '):
                kind = line[7:].split(':', 1)[0]
                if kind in RUNTIME_KINDS:
                    return 'error: %s:' % kind
                return line
        return None

    def summary(self):
        return (self.out, self.rc, self.error_line())


def run(cmd, timeout, env=None):
    for attempt in range(60):
        try:
            p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=timeout, env=env)
            return Result(p.stdout, p.stderr, p.returncode)
        except subprocess.TimeoutExpired as e:
            return Result(e.stdout or b'', b'TIMEOUT', 'timeout')
        except OSError:
            # the executable is being rebuilt (a concurrent build replaced it): wait and retry
            if attempt == 59:
                raise
            time.sleep(5)


class Checker:
    def __init__(self, args):
        self.args = args
        self.env = dict(os.environ)
        self.env['FLC_CACHE_DIR'] = args.cache
        self.env.pop('NO_COLOR', None)

    def ref(self, path):
        return run([sys.executable, self.args.flref, path], self.args.time_limit)

    def flc(self, path, mode):
        for _ in range(60):
            r = run([self.args.flc, 'run', '-w', '-' + mode, path], self.args.time_limit, self.env)
            # a concurrent rebuild of the compiler or its runtime library: wait and retry
            if not re.search(rb'runtime library not found|Text file busy|Permission denied', r.err):
                return r
            time.sleep(5)
        return r

    def check(self, path):
        """Returns ('ok'|'invalid'|'mismatch', details, signature)."""
        r = self.ref(path)
        if r.rc == 'timeout':
            return 'invalid', 'flref timed out', None
        if r.rc != 0 and r.error_line() is None and re.match(rb'[^\n]*:\d+:\d+: ', r.err):
            return 'invalid', 'flref rejected the program:\n' + r.err.decode('utf-8', 'replace')[:2000], None
        details, sig = [], []
        known_err = b''
        for mode in self.args.modes:
            c = self.flc(path, mode)
            known_err += c.err
            what = []
            if c.out != r.out:
                what.append('stdout')
            if c.rc != r.rc:
                what.append('exit')
            if c.error_line() != r.error_line():
                what.append('error')
            if what:
                sig.append((mode, tuple(what)))
                details.append(describe(mode, what, r, c))
        if sig:
            for rx, name in KNOWN:
                if re.search(rx, known_err):
                    return 'known', 'known flc bug: %s' % name, tuple(sig)
            return 'mismatch', '\n'.join(details), tuple(sig)
        return 'ok', '', None


def first_diff_line(a, b):
    al, bl = a.split(b'\n'), b.split(b'\n')
    for i in range(max(len(al), len(bl))):
        x = al[i] if i < len(al) else None
        y = bl[i] if i < len(bl) else None
        if x != y:
            return i + 1, x, y
    return None, None, None


def describe(mode, what, r, c):
    s = ['  -%s differs in %s: flref exit %s %r, flc exit %s %r' % (
        mode, '+'.join(what), r.rc, r.error_line(), c.rc, c.error_line())]
    if 'stdout' in what:
        n, x, y = first_diff_line(r.out, c.out)
        s.append('    first different stdout line %s:\n      flref: %r\n      flc:   %r' % (n, x, y))
    if c.rc not in (0, 1) or c.error_line() is None and c.rc != 0:
        s.append('    flc stderr: %r' % c.err.decode('utf-8', 'replace')[:600])
    return '\n'.join(s)


# --------------------------------------------------------------------------------------------- reducer
def parse(text):
    """Minimal S-expression reader keeping atoms/strings/comments as text. Node: str | [open, items]."""
    i, n = 0, len(text)

    def skip():
        nonlocal i
        while i < n:
            c = text[i]
            if c in ' \t\r\n':
                i += 1
            elif c == ';':
                while i < n and text[i] != '\n':
                    i += 1
            else:
                return

    def datum():
        nonlocal i
        skip()
        c = text[i]
        if c in '([':
            close = ')' if c == '(' else ']'
            i += 1
            items = []
            while True:
                skip()
                if text[i] == close:
                    i += 1
                    return [c, items]
                items.append(datum())
        if c == "'":
            i += 1
            return "'" + unparse(datum())
        if c == '"':
            j = i + 1
            while text[j] != '"':
                j += 2 if text[j] == '\\' else 1
            s = text[i:j + 1]
            i = j + 1
            return s
        j = i
        while j < n and text[j] not in ' \t\r\n()[]";\'':
            j += 1
        s = text[i:j]
        i = j
        return s

    forms = []
    while True:
        skip()
        if i >= n:
            return forms
        forms.append(datum())


def unparse(node):
    if isinstance(node, str):
        return node
    close = ')' if node[0] == '(' else ']'
    return node[0] + ' '.join(unparse(x) for x in node[1]) + close


def size(node):
    if isinstance(node, str):
        return 1
    return 1 + sum(size(x) for x in node[1])


SIMPLE = ['0', '1', 'nil', '""', '[]']


def reduce_program(text, interesting, budget=400):
    """Greedy reduction: drop top-level forms, then replace subterms by a child or a simple atom, or
    drop list elements, while interesting(text) holds."""
    forms = parse(text)
    tries = [0]

    def ok(fs):
        if tries[0] >= budget:
            return False
        tries[0] += 1
        return interesting('\n'.join(unparse(f) for f in fs) + '\n')

    # 1. top-level forms, from the end (definitions are usually needed by later forms)
    changed = True
    while changed:
        changed = False
        for k in range(len(forms) - 1, -1, -1):
            cand = forms[:k] + forms[k + 1:]
            if cand and ok(cand):
                forms = cand
                changed = True

    # 2. subterms
    def paths(node, path):
        if isinstance(node, list):
            yield path, node
            for j, ch in enumerate(node[1]):
                yield from paths(ch, path + [j])
        else:
            yield path, node

    def get(fs, path):
        node = fs[path[0]]
        for j in path[1:]:
            node = node[1][j]
        return node

    def replaced(fs, path, new):
        import copy
        fs = copy.deepcopy(fs)
        if len(path) == 1:
            if new is None:
                return fs[:path[0]] + fs[path[0] + 1:]
            fs[path[0]] = new
            return fs
        parent = get(fs, path[:-1])
        if new is None:
            del parent[1][path[-1]]
        else:
            parent[1][path[-1]] = new
        return fs

    changed = True
    while changed and tries[0] < budget:
        changed = False
        allp = []
        for t in range(len(forms)):
            allp.extend(paths(forms[t], [t]))
        allp.sort(key=lambda pn: -size(pn[1]))
        for path, node in allp:
            if tries[0] >= budget:
                break
            try:
                cur = get(forms, path)
            except (IndexError, TypeError):
                continue
            if cur is not node:
                continue
            cands = []
            if isinstance(node, list):
                kids = node[1]
                # replace by a child (skipping the head symbol of a call)
                cands.extend(k for k in kids[1:] if size(k) < size(node))
                cands.extend(s for s in SIMPLE if s != unparse(node))
                if len(path) > 1:
                    cands.insert(0, None)   # delete the element
            elif len(path) > 1 and node not in SIMPLE and not node.startswith('"') and path[-1] != 0:
                cands.extend(SIMPLE)
            for c in cands:
                cand = replaced(forms, path, c)
                if cand and ok(cand):
                    forms = cand
                    changed = True
                    break
            if changed:
                break
    return '\n'.join(unparse(f) for f in forms) + '\n'


# --------------------------------------------------------------------------------------------- driver
def parse_seeds(spec):
    seeds = []
    for part in spec.split(','):
        if '-' in part[1:]:
            a, b = part.split('-', 1)
            seeds.extend(range(int(a), int(b) + 1))
        elif part:
            seeds.append(int(part))
    return seeds


def one_seed(checker, seed, args, tmp):
    text = gen.Gen(seed, args.size, avoid_known=not args.no_avoid).program()
    path = os.path.join(tmp, 'seed-%d.fl' % seed)
    with open(path, 'w') as f:
        f.write(text)
    status, details, sig = checker.check(path)
    if status in ('ok', 'known'):
        os.unlink(path)
    return seed, path, status, details, sig


def make_interesting(checker, tmp, tag, sig):
    def interesting(text):
        p = os.path.join(tmp, 'reduce-%s.fl' % tag)
        with open(p, 'w') as f:
            f.write(text)
        st, _, s2 = checker.check(p)
        return st == 'mismatch' and s2 == sig
    return interesting


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--seeds', default='1-20', help='A-B or a comma-separated list (default 1-20)')
    ap.add_argument('--file', help='check this program instead of generating')
    ap.add_argument('--jobs', type=int, default=1)
    ap.add_argument('--out', default='/tmp/fuzz-findings')
    ap.add_argument('--reduce', action='store_true', help='reduce mismatching programs')
    ap.add_argument('--budget', type=int, default=400, help='reducer: maximum number of candidate checks')
    ap.add_argument('--flc', default=os.path.join(ROOT, 'build', 'bin', 'flc'))
    ap.add_argument('--flref', default=default_flref())
    ap.add_argument('--modes', default='O0,O2')
    ap.add_argument('--size', type=int, default=28)
    ap.add_argument('--time-limit', type=float, default=30.0)
    ap.add_argument('--cache', default=None, help='FLC_CACHE_DIR for flc (default: a temporary directory)')
    ap.add_argument('--no-avoid', action='store_true',
                    help='let the generator produce constructs of known bugs and ambiguities too')
    ap.add_argument('-q', '--quiet', action='store_true')
    args = ap.parse_args()
    args.modes = args.modes.split(',')
    if not args.flref or not os.path.exists(args.flref):
        sys.exit('diff.py: flref not found (use --flref)')
    tmp = tempfile.mkdtemp(prefix='fuzz-')
    own_cache = args.cache is None
    if own_cache:
        args.cache = os.path.join(tmp, 'cache')
    checker = Checker(args)
    failures = 0
    try:
        if args.file:
            status, details, sig = checker.check(args.file)
            print('%s: %s\n%s' % (args.file, status, details))
            if status == 'mismatch' and args.reduce:
                small = reduce_program(open(args.file).read(), make_interesting(checker, tmp, 'file', sig),
                                       args.budget)
                dest = os.path.splitext(args.file)[0] + '.min.fl'
                with open(dest, 'w') as f:
                    f.write(small)
                print('reduced to %s:\n%s' % (dest, small))
            return 0 if status == 'ok' else 1
        os.makedirs(args.out, exist_ok=True)
        seeds = parse_seeds(args.seeds)
        done = 0
        nknown = 0
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
            futs = [ex.submit(one_seed, checker, s, args, tmp) for s in seeds]
            for fut in futs:
                seed, path, status, details, sig = fut.result()
                done += 1
                if status == 'known':
                    nknown += 1
                    print('seed %d: %s' % (seed, details), flush=True)
                    continue
                if status == 'ok':
                    if not args.quiet and done % 50 == 0:
                        print('... %d/%d seeds, %d failing' % (done, len(seeds), failures), flush=True)
                    continue
                failures += 1
                dest = os.path.join(args.out, 'seed-%d.fl' % seed)
                shutil.copy(path, dest)
                print('seed %d: %s (%s)\n%s' % (seed, status, dest, details), flush=True)
                if status == 'mismatch' and args.reduce:
                    small = reduce_program(open(path).read(), make_interesting(checker, tmp, seed, sig),
                                           args.budget)
                    mdest = os.path.join(args.out, 'seed-%d.min.fl' % seed)
                    with open(mdest, 'w') as f:
                        f.write(small)
                    print('  reduced to %s (%d lines, %d chars)' % (mdest, small.count('\n'), len(small)),
                          flush=True)
        print('%d seeds, %d failing, %d known' % (len(seeds), failures, nknown))
        return 1 if failures else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
