#!/usr/bin/env python3
"""Benchmark runner for flc: builds each benchmark three ways and times them.

For every benchmark NAME in this directory (NAME.fl, NAME.c, NAME.py):
  * NAME.fl is compiled with the project compiler:  flc build -O2 NAME.fl -o TMP/NAME
  * NAME.c  is compiled with the C compiler:        cc -O2 NAME.c -o TMP/NAME-c
  * NAME.py is run with python3.
Each is run --runs times (interleaved: run 1 of flc, C, Python, then run 2, ...),
all outputs are checked to be identical, and one table of median times is printed.

This is a measurement tool, not a test: it exits non-zero only when a build or a
run fails or when the outputs differ.  See bench/README.md.
Python 3 standard library only.
"""

import argparse
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent

# name -> (what it measures, program arguments for the full size, for --quick).
# The size is always passed on the command line (the programs read it with
# (command-line) / argv), so no compiler can evaluate a benchmark at build time.
BENCHMARKS = [
    ("fib", "naive recursive (fib 32): non-tail calls, Int +/-/<", ["32"], ["27"]),
    ("tak", "Takeuchi (tak 30 20 10): ~101M non-tail 3-argument calls",
     ["30", "20", "10"], ["18", "12", "6"]),
    ("loop", "100M-iteration self tail call, Int add/compare", ["100000000"], ["3000000"]),
    ("floatsum", "100M-term Leibniz series: Float add/divide in a tail loop",
     ["100000000"], ["3000000"]),
    ("strbuild", "string-append building + string builtins, 30000 rounds", ["30000"], ["1000"]),
    ("hof", "map/filter/fold with lambdas over 1M Ints, 10 times", ["1000000", "10"], ["100000", "2"]),
    ("tree", "tagged binary trees of depth 20 built and folded with match, 10 times", ["20", "10"],
     ["12", "2"]),
]

IMPLS = ("flc", "C", "Python")


def say(msg=""):
    print(msg, flush=True)


def loud(msg):
    bar = "!" * 72
    say(bar)
    for line in msg.rstrip("\n").split("\n"):
        say("!! " + line)
    say(bar)


def parse_args(argv):
    names = [b[0] for b in BENCHMARKS]
    p = argparse.ArgumentParser(
        description="Build and time the bench/ programs with flc, a C compiler and Python.",
        epilog="benchmarks: " + ", ".join(names))
    p.add_argument("--runs", type=int, default=5, metavar="N",
                   help="timed runs per program (default 5); the median is reported")
    p.add_argument("--python-runs", type=int, default=None, metavar="N",
                   help="timed runs for the Python programs (default: same as --runs)")
    p.add_argument("--only", action="append", default=[], metavar="NAME",
                   help="run only this benchmark (repeatable, or comma-separated)")
    p.add_argument("--no-python", action="store_true", help="do not run the Python versions")
    p.add_argument("--flc", default=str(REPO / "build" / "bin" / "flc"), metavar="PATH",
                   help="the flc executable (default: <repo>/build/bin/flc)")
    p.add_argument("--flc-flags", default="-O2", metavar="FLAGS",
                   help="flags for 'flc build' (default: -O2)")
    p.add_argument("--cc", default=None, metavar="CC",
                   help="C compiler (default: cc, or clang-19 if cc is missing)")
    p.add_argument("--cflags", default="-O2", metavar="FLAGS", help="C flags (default: -O2)")
    p.add_argument("--python", default=None, metavar="PATH",
                   help="Python interpreter (default: python3 on PATH)")
    p.add_argument("--quick", action="store_true",
                   help="reduced problem sizes (checks the plumbing; times are not meaningful)")
    p.add_argument("--cpu", action="store_true",
                   help="report user+sys CPU seconds of the child instead of wall-clock seconds")
    p.add_argument("--timeout", type=float, default=900.0, metavar="SEC",
                   help="timeout for one build or run (default 900)")
    p.add_argument("--keep", action="store_true", help="keep the temporary build directory")
    # Hidden: check the script with the C and Python sides only (no compiler yet).
    p.add_argument("--skip-flc", action="store_true", help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.runs < 1:
        p.error("--runs must be >= 1")
    if a.python_runs is None:
        a.python_runs = a.runs
    if a.python_runs < 1:
        p.error("--python-runs must be >= 1")
    only = [n for item in a.only for n in item.split(",") if n]
    for n in only:
        if n not in names:
            p.error("unknown benchmark %r (known: %s)" % (n, ", ".join(names)))
    a.only = only
    return a


def first_line(cmd):
    """First line of `cmd`'s output, or '?'."""
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        out = (r.stdout or r.stderr).strip().splitlines()
        return out[0] if out else "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


def git_describe():
    try:
        rev = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, timeout=30).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain",
                                "--untracked-files=no"],
                               capture_output=True, text=True, timeout=30).stdout.strip()
        return (rev or "?") + (" + uncommitted changes" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "?"


def run_timed(cmd, timeout, cwd):
    """Run cmd; return (seconds_wall, seconds_cpu, CompletedProcess or None, error text)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=timeout, cwd=cwd)
    except subprocess.TimeoutExpired:
        return None, None, None, "timed out after %gs" % timeout
    except OSError as e:
        return None, None, None, str(e)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, r, None


def describe_failure(cmd, r, err):
    text = "command: " + shlex.join(cmd) + "\n"
    if err:
        return text + err
    text += "exit status %d\n" % r.returncode
    for label, data in (("stdout", r.stdout), ("stderr", r.stderr)):
        s = data.decode("utf-8", "replace").rstrip()
        if s:
            lines = s.splitlines()
            if len(lines) > 20:
                lines = lines[:20] + ["... (%d more lines)" % (len(lines) - 20)]
            text += "%s:\n  %s\n" % (label, "\n  ".join(lines))
    return text


def show_output(b):
    s = b.decode("utf-8", "replace")
    lines = s.splitlines() or [""]
    if len(lines) > 10:
        lines = lines[:10] + ["... (%d more lines)" % (len(lines) - 10)]
    return "\n".join("    | " + ln for ln in lines)


def fmt_secs(x):
    if x is None:
        return "-"
    return "%.3f" % x if x < 100 else "%.1f" % x


def fmt_ratio(a, b):
    if a is None or b is None:
        return "-"
    if b <= 0:
        return "inf"
    r = a / b
    return "%.2fx" % r if r < 100 else "%.0fx" % r


def main(argv):
    a = parse_args(argv)
    cc = a.cc or ("cc" if shutil.which("cc") else "clang-19")
    py = a.python or shutil.which("python3") or sys.executable
    use_flc = not a.skip_flc
    use_py = not a.no_python
    benches = [b for b in BENCHMARKS if not a.only or b[0] in a.only]

    script = os.path.relpath(Path(__file__).resolve(), Path.cwd())
    say("# reproduce: " + shlex.join(["python3", script] + list(argv)))
    say("# repo:      %s (git %s)" % (REPO, git_describe()))
    if use_flc:
        say("# flc:       %s build %s X.fl -o X" % (a.flc, a.flc_flags))
    else:
        say("# flc:       skipped (--skip-flc)")
    say("# C:         %s %s X.c -o X   [%s]" % (cc, a.cflags, first_line([cc, "--version"])))
    if use_py:
        say("# Python:    %s X.py   [%s]" % (py, first_line([py, "--version"])))
    else:
        say("# Python:    skipped (--no-python)")
    say("# machine:   %s %s, %s CPUs" % (platform.system(), platform.machine(), os.cpu_count()))
    say("# timing:    median %s seconds per process (start to exit) of %d run(s)%s%s"
        % ("CPU (user+sys)" if a.cpu else "wall-clock", a.runs,
           ", Python %d run(s)" % a.python_runs if use_py and a.python_runs != a.runs else "",
           "; --quick: REDUCED SIZES, times not meaningful" if a.quick else ""))
    say()

    if use_flc and not (os.path.isfile(a.flc) and os.access(a.flc, os.X_OK)):
        loud("flc not found or not executable: %s\n(build the project first, or pass --flc PATH)"
             % a.flc)
        return 1
    if not shutil.which(cc):
        loud("C compiler not found: %s (pass --cc)" % cc)
        return 1

    tmp = Path(tempfile.mkdtemp(prefix="flc-bench-"))
    failed = False
    rows = []
    try:
        for name, _what, full_args, quick_args in benches:
            args = list(quick_args if a.quick else full_args)
            cmds = {}
            # ---- build
            builds = []
            if use_flc:
                exe = str(tmp / name)
                builds.append(("flc", [a.flc, "build"] + shlex.split(a.flc_flags)
                               + [str(BENCH_DIR / (name + ".fl")), "-o", exe], exe))
            exe_c = str(tmp / (name + "-c"))
            builds.append(("C", [cc] + shlex.split(a.cflags)
                           + [str(BENCH_DIR / (name + ".c")), "-o", exe_c], exe_c))
            build_ok = True
            for impl, cmd, exe in builds:
                say("building %-9s %-6s %s" % (name, impl, shlex.join(cmd)))
                wall, _, r, err = run_timed(cmd, a.timeout, str(BENCH_DIR))
                if err or r.returncode != 0 or not os.path.isfile(exe):
                    loud("BUILD FAILED: %s (%s)\n%s" % (name, impl, describe_failure(cmd, r, err)))
                    build_ok = False
                else:
                    cmds[impl] = [exe] + args
            if use_py:
                cmds["Python"] = [py, str(BENCH_DIR / (name + ".py"))] + args
            if not build_ok:
                failed = True
                rows.append((name, None, "BUILD FAILED"))
                continue

            # ---- run (interleaved)
            times = {impl: [] for impl in cmds}
            outputs = {}
            run_failed = set()
            nruns = max(a.runs, a.python_runs if use_py else 0)
            for i in range(nruns):
                for impl in IMPLS:
                    if impl not in cmds or impl in run_failed:
                        continue
                    if i >= (a.python_runs if impl == "Python" else a.runs):
                        continue
                    say("running  %-9s %-6s run %d/%d" % (
                        name, impl, i + 1, a.python_runs if impl == "Python" else a.runs))
                    wall, cpu, r, err = run_timed(cmds[impl], a.timeout, str(BENCH_DIR))
                    if err or r.returncode != 0:
                        loud("RUN FAILED: %s (%s)\n%s"
                             % (name, impl, describe_failure(cmds[impl], r, err)))
                        run_failed.add(impl)
                        continue
                    if impl in outputs and outputs[impl] != r.stdout:
                        loud("OUTPUT CHANGED BETWEEN RUNS: %s (%s)\nfirst run:\n%s\nrun %d:\n%s"
                             % (name, impl, show_output(outputs[impl]), i + 1,
                                show_output(r.stdout)))
                        run_failed.add(impl)
                        continue
                    outputs[impl] = r.stdout
                    times[impl].append(cpu if a.cpu else wall)

            # ---- compare outputs
            status = "ok"
            if run_failed:
                failed = True
                status = "RUN FAILED: " + ",".join(sorted(run_failed))
            ref_impl = "C" if "C" in outputs else next(iter(outputs), None)
            mismatched = [impl for impl in outputs if outputs[impl] != outputs[ref_impl]]
            if mismatched:
                failed = True
                status = "OUTPUT MISMATCH: " + ",".join(mismatched)
                msg = "OUTPUT MISMATCH in %s\n" % name
                for impl in IMPLS:
                    if impl in outputs:
                        msg += "%s output:\n%s\n" % (impl, show_output(outputs[impl]))
                loud(msg)
            elif len(outputs) < 2 and not run_failed:
                status = "ok (only one implementation run; nothing compared)"
            medians = {impl: (statistics.median(t) if t and impl not in run_failed else None)
                       for impl, t in times.items()}
            rows.append((name, medians, status))
    finally:
        if a.keep:
            say("build directory kept: %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    # ---- table
    say()
    header = ["benchmark", "flc s", "C s", "Python s", "flc/C", "Python/flc", "outputs"]
    table = []
    for name, med, status in rows:
        if med is None:
            table.append([name, "-", "-", "-", "-", "-", status])
            continue
        f, c, p = med.get("flc"), med.get("C"), med.get("Python")
        table.append([name, fmt_secs(f), fmt_secs(c), fmt_secs(p),
                      fmt_ratio(f, c), fmt_ratio(p, f), status])
    widths = [max(len(r[i]) for r in [header] + table) for i in range(len(header))]

    def line(cells):
        out = []
        for i, cell in enumerate(cells):
            out.append(cell.ljust(widths[i]) if i in (0, len(cells) - 1) else cell.rjust(widths[i]))
        return "  ".join(out).rstrip()

    say(line(header))
    say(line(["-" * w for w in widths]))
    for r in table:
        say(line(r))
    say()
    for name, what, full_args, quick_args in benches:
        say("  %-9s %s" % (name, what))
    say()
    say("flc/C: flc time / C time (lower is better; 1.00x = as fast as C).  "
        "Python/flc: Python time / flc time (higher is better for flc).")
    if a.quick:
        say("NOTE: --quick used reduced sizes; these times only show that the plumbing works.")
    if failed:
        loud("SOME BENCHMARKS FAILED (see above): build failure, run failure or output mismatch")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
