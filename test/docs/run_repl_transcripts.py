#!/usr/bin/env python3
"""Replays the flc repl sessions shown in markdown documents and compares what flc prints.

    run_repl_transcripts.py FLC FILE.md...

A transcript is a fenced block with lines starting `fl> `: the text after the prompt is typed
(a `... ` line continues the entry), every other line is what the session prints (standard
output and standard error, in order). A `$ ` line and flc's banner are skipped. Prints
"N transcripts match" or each difference, and exits 1 on a difference."""
import re
import subprocess
import sys

flc = sys.argv[1]
failures, count = [], 0
for path in sys.argv[2:]:
    text = open(path, encoding="utf-8").read()
    for block in re.findall(r"^```[a-z]*\n(.*?)^```", text, flags=re.S | re.M):
        lines = block.splitlines()
        if not any(l.startswith("fl> ") for l in lines):
            continue
        typed, expected = [], []
        for l in lines:
            if l.startswith("fl> ") or l.startswith("... "):
                typed.append(l[4:])
            elif l.startswith("$ ") or re.match(r"flc \S+ repl:", l):
                continue
            else:
                expected.append(l)
        count += 1
        run = subprocess.run([flc, "repl"], input="\n".join(typed) + "\n", stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, timeout=120)
        got = run.stdout.splitlines()
        if got != expected:
            failures.append("%s: the session\n  %s\nprinted\n  %s\nnot\n  %s" % (
                path, "\n  ".join(typed), "\n  ".join(got), "\n  ".join(expected)))
for f in failures:
    print(f)
print("%d transcripts, %d differ" % (count, len(failures)))
sys.exit(1 if failures else 0)
