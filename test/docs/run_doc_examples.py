#!/usr/bin/env python3
"""Run the FluentAI examples of a markdown document with flc and compare what they print.

    run_doc_examples.py --flc PATH/TO/flc [-j N] [-v] [--list] FILE.md

Two kinds of examples are recognised in the same document:

Tour style (docs/tour.md). A fenced block with info string `fl` is a complete program. The next
fenced block, if only blank lines separate them and its info string is `output`, holds what
running it prints: standard output, then standard error. The program must exit with status 1 if
the output contains an error line (a runtime error `error: KIND: ...` or a compile diagnostic
`FILE:LINE:COL: error...`), else with 0. HTML comments on the lines just before the `fl` block
say more:
    <!-- file: NAME.fl -->          the program's file name (default: example-N.fl); it matters
                                    for diagnostics, which name the file. A named `fl` block
                                    without an `output` block is a file for later examples, such
                                    as a module they import: it is written next to every example
                                    that follows it in the document.
    <!-- flc: OPTIONS -->           options for `flc run`, e.g. --contracts=check
A `fl` block that has neither a name nor an output is an error (use another info string, such as
`scheme`, for fragments that are not meant to run).

Spec style (docs/language.md, §0 Conventions). Inside an unlabelled fenced block a line
`PROGRAM  =>  OUTPUT` is an example. Lines without `=>` before it (since the block's start or the
previous example) are the first lines of PROGRAM; a `=>` line with nothing before it repeats the
previous PROGRAM (for another annotation). OUTPUT lines are separated by ` | `; a last item
`error: KIND` means the program then stops with an uncaught runtime error of that kind (the first
line of standard error starting `error: ` starts `error: KIND:`, exit status 1); `compile error`
means flc rejects the program (status 1, a `FILE:LINE:COL: error` diagnostic, nothing on standard
output). Otherwise standard error must be empty and the status 0. A trailing
annotation, separated by two or more spaces, is understood when it reads `(exit status N)`,
`(default)`, `(with --OPTION)` (passed to `flc run`) or `(with a ... warning)` (standard error
must contain `warning`). A comment line `;; NAME.fl: PROGRAM  [NAME2.fl: PROGRAM2]` (two or more
spaces between files) defines files that the block's later examples can import; comment lines
are not part of any program. Examples listed in SPEC_SKIPS are not run; examples listed in
KNOWN_FLC_BUGS are run and expected to fail (each with the reason); one that passes is reported
so the entry can be removed.

Each example runs as `FLC run [OPTIONS] NAME.fl` in a fresh temporary directory (flc caches the
executables it builds). Failures print the program and a diff; the last line is
`N examples passed, ...` and the exit status is 0, or `FAILED: ...` and status 1.
"""
import argparse
import concurrent.futures
import difflib
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time

# Spec examples that are not run: (key, reason), the key a substring of the example's program (or
# of its `=>` line). An entry that matches no example is reported, so the list cannot go stale.
# It is empty: every example of LANGUAGE.md is self-contained and deterministic once the rules
# above are applied (the `;; NAME.fl:` module files of §13, the `(exit status N)`,
# `(with --contracts=check)` and warning annotations). `...` is not a reason to skip: in
# `#[#[...] 2]` (§20.1) it is literal output. §20.6 writes and deletes the fixed path
# /tmp/fl20_doc.txt, so two runs at the same moment on one machine could disturb each other.
SPEC_SKIPS = [
]

# Spec examples on which flc disagrees with the spec and flc is believed to be wrong:
# (key, reason), keyed like SPEC_SKIPS, each with a comment giving the expected and the actual
# output. They still run and must still fail (the summary counts them); when flc is fixed the
# script reports the entry so it can be removed. Empty: flc passes every example.
KNOWN_FLC_BUGS = [
]

RUN_TIMEOUT = 120  # seconds per example (compile + run)

FENCE_RE = re.compile(r"^(\s*)(```+|~~~+)\s*([^`\s]*)\s*$")
COMMENT_RE = re.compile(r"^\s*<!--\s*(file|flc)\s*:\s*(.*?)\s*-->\s*$")
DIAG_ERROR_RE = re.compile(r"^\S.*:\d+:\d+: error")
RUNTIME_ERROR_RE = re.compile(r"^error: \S+:")
ANNOTATION_RE = re.compile(
    r"^(?P<out>.*?)\s{2,}\((?P<note>exit status \d+|default|with --[^)]*|with an? [^)]*warning)\)\s*$")
AUX_FILE_RE = re.compile(r"(\S+\.fl):\s*(.*?)(?=\s{2,}\S+\.fl:|$)")


class Example:
    def __init__(self, where, program, name="example.fl"):
        self.where = where          # "FILE:LINE" of the example in the document
        self.program = program      # source text of the main file
        self.name = name            # file name of the main file
        self.files = {}             # other files: relative name -> text
        self.options = []           # options for `flc run`
        self.expect_stdout = ""
        self.expect_stderr = None   # exact stderr (tour), or None
        self.expect_stderr_prefix = None
        self.expect_stderr_contains = None
        self.expect_compile_error = False
        self.expect_status = 0
        self.skip = None            # reason, or None
        self.known_bug = None       # reason, or None
        self.source_line = ""       # the `=>` line of a spec example


def parse_fences(lines):
    """Yields (info, first_line_index, body_lines, end_index) for each fenced block."""
    i = 0
    while i < len(lines):
        m = FENCE_RE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, info = m.group(2), m.group(3)
        j = i + 1
        while j < len(lines):
            m2 = FENCE_RE.match(lines[j])
            if m2 and m2.group(2).startswith(fence[0]) and len(m2.group(2)) >= len(fence) \
                    and not m2.group(3):
                break
            j += 1
        yield info, i, lines[i + 1:j], j
        i = j + 1


def tour_examples(path, lines, blocks, errors):
    examples, aux = [], {}
    count = 0
    for k, (info, start, body, end) in enumerate(blocks):
        if info != "fl":
            continue
        name, options = None, []
        p = start - 1
        while p >= 0 and (COMMENT_RE.match(lines[p]) or not lines[p].strip()):
            m = COMMENT_RE.match(lines[p])
            if m and m.group(1) == "file" and name is None:
                name = m.group(2)
            elif m and m.group(1) == "flc":
                options = shlex.split(m.group(2))
            p -= 1
        text = "\n".join(body) + "\n"
        nxt = blocks[k + 1] if k + 1 < len(blocks) else None
        has_output = (nxt is not None and nxt[0] == "output"
                      and all(not l.strip() for l in lines[end + 1:nxt[1]]))
        where = "%s:%d" % (path, start + 1)
        if not has_output:
            if name is None:
                errors.append("%s: a `fl` block needs a following `output` block or a "
                              "<!-- file: NAME --> comment" % where)
            else:
                aux[name] = text
            continue
        count += 1
        ex = Example(where, text, name or "example-%d.fl" % count)
        ex.files = {n: t for n, t in aux.items() if n != ex.name}
        ex.options = options
        out = nxt[2]
        # Standard error starts at the first error line; what precedes it is standard output.
        cut = len(out)
        for idx, l in enumerate(out):
            if RUNTIME_ERROR_RE.match(l) or DIAG_ERROR_RE.match(l):
                cut = idx
                break
        ex.expect_stdout = "".join(l + "\n" for l in out[:cut])
        ex.expect_stderr = "".join(l + "\n" for l in out[cut:])
        ex.expect_status = 1 if cut < len(out) else 0
        examples.append(ex)
    return examples


def spec_examples(path, lines, blocks, errors):
    examples = []
    for info, start, body, end in blocks:
        if info or not any("=>" in l for l in body):
            continue
        pending, files, previous = [], {}, None
        for off, line in enumerate(body):
            lineno = start + 2 + off
            if line.lstrip().startswith(";;"):
                for m in AUX_FILE_RE.finditer(line.lstrip()[2:].strip()):
                    if m.group(2).strip():
                        files[m.group(1)] = m.group(2).strip() + "\n"
                continue
            if "=>" not in line:
                if line.strip():
                    pending.append(line)
                continue
            prog, _, out = line.partition("=>")
            if prog.strip():
                program = "\n".join(pending + [prog.rstrip()]) + "\n"
            elif pending:
                program = "\n".join(pending) + "\n"
            elif previous is not None:
                program = previous
            else:
                errors.append("%s:%d: `=>` without a program" % (path, lineno))
                continue
            pending, previous = [], program
            ex = Example("%s:%d" % (path, lineno), program, "main.fl")
            ex.source_line = line
            ex.files = dict(files)
            out = out.strip()
            m = ANNOTATION_RE.match(out)
            if m:
                out, note = m.group("out").strip(), m.group("note")
                if note.startswith("exit status"):
                    ex.expect_status = int(note.split()[-1])
                elif note.startswith("with --"):
                    ex.options = note[len("with "):].split()
                elif note.endswith("warning"):
                    ex.expect_stderr_contains = "warning"
            items = out.split(" | ")
            if items == ["compile error"]:
                ex.expect_compile_error = True
                ex.expect_status = 1
                items = []
            elif items[-1].startswith("error: "):
                ex.expect_stderr_prefix = "error: %s:" % items[-1][len("error: "):].strip()
                ex.expect_status = 1
                items = items[:-1]
            ex.expect_stdout = "".join(i + "\n" for i in items)
            examples.append(ex)
        if pending:
            errors.append("%s:%d: block ends with program lines but no `=>`" % (path, start + 1))
    if examples:
        used = set()
        for ex in examples:
            for key, reason in SPEC_SKIPS:
                if key in ex.program or key in ex.source_line:
                    ex.skip, _ = reason, used.add(key)
            for key, reason in KNOWN_FLC_BUGS:
                if key in ex.program:
                    ex.known_bug, _ = reason, used.add(key)
        for key, _ in SPEC_SKIPS + KNOWN_FLC_BUGS:
            if key not in used:
                errors.append("%s: %r (SPEC_SKIPS or KNOWN_FLC_BUGS) matches no example: remove it"
                              % (path, key))
    return examples


def run_example(flc, ex):
    """Runs one example; returns a list of failure descriptions (empty: it passed)."""
    with tempfile.TemporaryDirectory(prefix="fl-doc-") as tmp:
        for name, text in list(ex.files.items()) + [(ex.name, ex.program)]:
            full = os.path.join(tmp, name)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8") as f:
                f.write(text)
        cmd = [flc, "run"] + ex.options + [ex.name]
        try:
            p = subprocess.run(cmd, cwd=tmp, stdin=subprocess.DEVNULL, capture_output=True,
                               timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            return ["timed out after %d s" % RUN_TIMEOUT], None
        out = p.stdout.decode("utf-8", "replace")
        err = p.stderr.decode("utf-8", "replace")
    problems = []
    if out != ex.expect_stdout:
        problems.append("stdout differs:\n" + "".join(difflib.unified_diff(
            ex.expect_stdout.splitlines(True), out.splitlines(True), "expected", "actual")))
    if ex.expect_stderr is not None and err != ex.expect_stderr:
        problems.append("stderr differs:\n" + "".join(difflib.unified_diff(
            ex.expect_stderr.splitlines(True), err.splitlines(True), "expected", "actual")))
    if ex.expect_stderr_prefix is not None:
        # flc's warnings may come first; the program's error report is the first `error: ` line.
        first = next((l for l in err.splitlines() if l.startswith("error: ")), "")
        if not first.startswith(ex.expect_stderr_prefix):
            problems.append("the error line on stderr should start with %r"
                            % ex.expect_stderr_prefix)
    if ex.expect_compile_error and not any(DIAG_ERROR_RE.match(l) for l in err.splitlines()):
        problems.append("expected a compile error (FILE:LINE:COL: error...) on stderr")
    if ex.expect_stderr_contains is not None and ex.expect_stderr_contains not in err:
        problems.append("stderr should contain %r" % ex.expect_stderr_contains)
    if (ex.expect_stderr is None and ex.expect_stderr_prefix is None and not ex.expect_compile_error
            and ex.expect_stderr_contains is None and err):
        problems.append("stderr should be empty")
    if p.returncode != ex.expect_status:
        problems.append("exit status %d, expected %d" % (p.returncode, ex.expect_status))
    if problems and ex.expect_stderr is None:
        problems.append("stderr was:\n" + (err or "(empty)\n"))
    return problems, (out, err, p.returncode)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--flc", required=True, help="the flc executable")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("-v", "--verbose", action="store_true", help="print every example's result")
    ap.add_argument("--list", action="store_true", help="list the examples, do not run them")
    ap.add_argument("markdown")
    args = ap.parse_args()

    with open(args.markdown, encoding="utf-8") as f:
        lines = f.read().split("\n")
    blocks = list(parse_fences(lines))
    errors = []
    path = os.path.relpath(args.markdown)
    if path.startswith(".."):
        path = os.path.abspath(args.markdown)
    examples = tour_examples(path, lines, blocks, errors) + spec_examples(path, lines, blocks, errors)
    for e in errors:
        print("error: " + e)
    if not examples:
        print("error: no examples found in %s" % args.markdown)
        return 1
    if args.list:
        for ex in examples:
            tag = " [skip: %s]" % ex.skip if ex.skip else (" [known flc bug]" if ex.known_bug else "")
            print("%s%s\n  %s" % (ex.where, tag, ex.program.strip().replace("\n", "\n  ")))
        return 0

    started = time.time()
    to_run = [ex for ex in examples if not ex.skip]
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda ex: run_example(args.flc, ex), to_run))
    failed, xfailed, xpassed = 0, [], []
    for ex, (problems, actual) in zip(to_run, results):
        if ex.known_bug:
            if problems:
                xfailed.append(ex)
            else:
                xpassed.append(ex)
                print("XPASS %s: listed in KNOWN_FLC_BUGS (%s) but passes now: remove it\n"
                      % (ex.where, ex.known_bug))
            continue
        if problems:
            failed += 1
            print("FAIL %s: flc run %s%s" % (ex.where, " ".join(ex.options + [ex.name]),
                                             "".join(" (with %s)" % n for n in ex.files)))
            print("  " + ex.program.rstrip().replace("\n", "\n  "))
            for pr in problems:
                print("  " + pr.rstrip().replace("\n", "\n  "))
            print()
        elif args.verbose:
            print("PASS %s" % ex.where)
    for ex in xfailed:
        print("known flc bug (expected to fail) %s: %s" % (ex.where, ex.known_bug))
    skipped = [ex for ex in examples if ex.skip]
    for ex in skipped:
        print("skipped %s: %s" % (ex.where, ex.skip))
    passed = len(to_run) - failed - len(xfailed) - len(xpassed)
    summary = "%d examples passed" % passed
    if skipped:
        summary += ", %d skipped" % len(skipped)
    if xfailed:
        summary += ", %d known flc bugs (expected failures)" % len(xfailed)
    summary += " (%.1f s)" % (time.time() - started)
    if failed or xpassed or errors:
        print("FAILED: %d failed, %d unexpectedly passed, %d document errors; %s"
              % (failed, len(xpassed), len(errors), summary))
        return 1
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
