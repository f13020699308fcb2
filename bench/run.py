#!/usr/bin/env python3
"""Benchmark runner for flc: builds each benchmark with flc and its peers and times them.

For every benchmark NAME in this directory:
  * NAME.fl   is compiled with the project compiler:  flc build -O2 NAME.fl -o TMP/NAME
  * NAME.c    is compiled with the C compiler:        cc -O2 NAME.c -o TMP/NAME-c -lm
  * NAME.ml   is compiled with OCaml's native compiler (when ocamlopt exists):
              ocamlopt <flags> NAME.ml -o TMP/NAME-ml   (safe code: never -unsafe)
  * NAME.py   is run with python3 (unless --no-python).
  With --peers, also (each only when its tool and the file exist):
  * NAME.py   with PyPy (pypy3),
  * NAME.lua  with LuaJIT (luajit),
  * NAME.ss   with Chez Scheme (compiled with compile-file, run with scheme --script),
  * NAME.lisp with SBCL (compiled with compile-file, run with sbcl --script).
Each is run --runs times, interleaved (run 1 of every implementation, then run 2, ...), all
outputs are checked to be identical, and tables of median times, ratios and peak memory (the
maximum resident set size of the process, from wait4) are printed.

This is a measurement tool, not a test: it exits non-zero only when a build or a run fails or
when the outputs differ.  See bench/README.md.  Python 3 standard library only.
"""

import argparse
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
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
    ("nqueens", "13-queens: lists, match on (cons q rest), fold with a capturing lambda",
     ["13"], ["8"]),
    ("mandelbrot", "2000x2000 escape times: named-let Float loop closing over cr, ci",
     ["2000"], ["200"]),
    ("binarytrees", "benchmarks-game binary-trees, depth 17: (Node l r)/Leaf allocation, match",
     ["17"], ["10"]),
    ("sieve", "functional sieve below 150000: filter with a lambda capturing p",
     ["150000"], ["5000"]),
    ("nbody", "benchmarks-game n-body, 2.5M steps, immutable Float records rebuilt each step",
     ["2500000"], ["10000"]),
    ("wordfreq", "10M generated words: string-split, map-get/map-set fold, sort top 10",
     ["1000", "10000"], ["20", "1000"]),
    ("closures", "parser combinators (lambdas) compiling an expression to closures, 300 parses",
     ["300", "300", "100"], ["50", "5", "10"]),
    ("vsieve", "sieve of Eratosthenes in place on a 20M-element vector (Level 4)",
     ["20000000"], ["100000"]),
    ("matmul", "600x600 Float matrix product on vectors, naive i-j-k loops (Level 4)",
     ["600"], ["40"]),
]

# Implementations in the order they run (and appear in the tables).
#   key: column name; ext: source file extension; optional: only with --peers.
IMPLS = [
    {"key": "flc", "ext": ".fl", "optional": False},
    {"key": "C", "ext": ".c", "optional": False},
    {"key": "OCaml", "ext": ".ml", "optional": False},
    {"key": "Python", "ext": ".py", "optional": False},
    {"key": "PyPy", "ext": ".py", "optional": True, "tool": "pypy3"},
    {"key": "LuaJIT", "ext": ".lua", "optional": True, "tool": "luajit"},
    {"key": "Chez", "ext": ".ss", "optional": True, "tool": "scheme"},
    {"key": "SBCL", "ext": ".lisp", "optional": True, "tool": "sbcl"},
]
IMPL_KEYS = [i["key"] for i in IMPLS]
PEER_NAMES = {i["key"].lower(): i["key"] for i in IMPLS if i["optional"]}


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
        description="Build and time the bench/ programs with flc, C, OCaml, Python and "
                    "(with --peers) PyPy, LuaJIT, Chez Scheme and SBCL.",
        epilog="benchmarks: " + ", ".join(names))
    p.add_argument("--runs", type=int, default=5, metavar="N",
                   help="timed runs per program (default 5); the median is reported")
    p.add_argument("--python-runs", type=int, default=None, metavar="N",
                   help="timed runs for the CPython programs (default: same as --runs)")
    p.add_argument("--only", action="append", default=[], metavar="NAME",
                   help="run only this benchmark (repeatable, or comma-separated)")
    p.add_argument("--no-python", action="store_true", help="do not run the CPython versions")
    p.add_argument("--no-ocaml", action="store_true", help="do not build the OCaml versions")
    p.add_argument("--peers", nargs="?", const="all", default=None, metavar="LIST",
                   help="also run the optional peers whose tool and source file exist: "
                        "all of them, or a comma-separated subset of "
                        + ",".join(sorted(PEER_NAMES)))
    p.add_argument("--flc", default=str(REPO / "build" / "bin" / "flc"), metavar="PATH",
                   help="the flc executable (default: <repo>/build/bin/flc)")
    p.add_argument("--flc-flags", default="-O2", metavar="FLAGS",
                   help="flags for 'flc build' (default: -O2)")
    p.add_argument("--cc", default=None, metavar="CC",
                   help="C compiler (default: cc, or clang-19 if cc is missing)")
    p.add_argument("--cflags", default="-O2", metavar="FLAGS", help="C flags (default: -O2)")
    p.add_argument("--ocamlopt", default="ocamlopt", metavar="PATH",
                   help="OCaml native compiler (default: ocamlopt)")
    p.add_argument("--ocamlflags", default=None, metavar="FLAGS",
                   help="ocamlopt flags (default: -O3 with flambda, else -inline 200)")
    p.add_argument("--python", default=None, metavar="PATH",
                   help="Python interpreter (default: python3 on PATH)")
    p.add_argument("--quick", action="store_true",
                   help="reduced problem sizes (checks the plumbing; times are not meaningful)")
    p.add_argument("--cpu", action="store_true",
                   help="report user+sys CPU seconds of the child instead of wall-clock seconds")
    p.add_argument("--timeout", type=float, default=900.0, metavar="SEC",
                   help="timeout for one build or run (default 900)")
    p.add_argument("--keep", action="store_true",
                   help="keep the temporary build directory (and print the run commands)")
    # Hidden: check the script without the compiler.
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
    peers = set()
    if a.peers is not None:
        for n in a.peers.split(","):
            n = n.strip().lower()
            if n == "all":
                peers.update(PEER_NAMES.values())
            elif n in PEER_NAMES:
                peers.add(PEER_NAMES[n])
            elif n:
                p.error("unknown peer %r (known: all, %s)" % (n, ", ".join(sorted(PEER_NAMES))))
    a.peers = peers
    return a


def tool_output(cmd):
    """Output lines of `cmd` (stdout, else stderr), or [] when it cannot run."""
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return (r.stdout.strip() or r.stderr.strip()).splitlines()
    except (OSError, subprocess.SubprocessError):
        return []


def first_line(cmd):
    out = tool_output(cmd)
    return out[0].strip() if out else "?"


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


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name") or line.startswith("Model"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


class Result:
    """One finished (or failed) process: wall/cpu seconds, peak RSS in KiB, status, output."""

    def __init__(self):
        self.wall = self.cpu = self.maxrss = None
        self.returncode = None
        self.stdout = self.stderr = b""
        self.error = None


# A tiny C launcher: forks, runs the command, and writes the child's exit status, CPU time and
# peak RSS (wait4's rusage) to a file. The child is forked from this small process, not from
# Python: Linux keeps a process's RSS high-water mark across execve, so a program forked from the
# ~16 MB Python interpreter would report at least the interpreter's size as its own peak.
MEASURE_C = r"""
#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
int main(int argc, char **argv) {
  if (argc < 3) return 125;
  pid_t pid = fork();
  if (pid < 0) { perror("fork"); return 125; }
  if (pid == 0) { execvp(argv[2], argv + 2); perror(argv[2]); _exit(127); }
  int status;
  struct rusage ru;
  while (wait4(pid, &status, 0, &ru) < 0)
    if (errno != EINTR) { perror("wait4"); return 125; }
  FILE *f = fopen(argv[1], "w");
  if (!f) { perror(argv[1]); return 125; }
  fprintf(f, "%d %ld.%06ld %ld.%06ld %ld\n",
          WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status),
          (long)ru.ru_utime.tv_sec, (long)ru.ru_utime.tv_usec,
          (long)ru.ru_stime.tv_sec, (long)ru.ru_stime.tv_usec, ru.ru_maxrss);
  fclose(f);
  return 0;
}
"""


def build_measure(cc, tmp):
    """Compile the launcher into tmp; return its path (or raise RuntimeError)."""
    src, exe = tmp / "measure.c", tmp / "measure"
    src.write_text(MEASURE_C)
    r = subprocess.run([cc, "-O2", str(src), "-o", str(exe)], capture_output=True, text=True)
    if r.returncode != 0 or not exe.is_file():
        raise RuntimeError("cannot compile the measuring launcher with %s:\n%s" % (cc, r.stderr))
    return str(exe)


MEASURE = None  # path of the launcher, set by main()


def run_measured(cmd, timeout, cwd, tmp):
    """Run cmd (through the launcher) with stdout/stderr to files; return a Result."""
    res = Result()
    out_path, err_path, stat_path = tmp / ".stdout", tmp / ".stderr", tmp / ".rusage"
    if stat_path.exists():
        stat_path.unlink()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        t0 = time.perf_counter()
        try:
            # A session of its own, so that a timeout can end the launcher and the program.
            proc = subprocess.Popen([MEASURE, str(stat_path)] + list(cmd), stdout=out, stderr=err,
                                    stdin=subprocess.DEVNULL, cwd=cwd, start_new_session=True)
        except OSError as e:
            res.error = str(e)
            return res
        # A blocking wait (Popen.wait with a timeout polls with sleeps of up to 50 ms, which
        # would round the times); a timer ends the launcher's session on timeout.
        timed_out = []

        def kill():
            timed_out.append(True)
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            proc.wait()
        finally:
            timer.cancel()
        res.wall = time.perf_counter() - t0
        if timed_out:
            res.error = "timed out after %gs" % timeout
    res.stdout = out_path.read_bytes()
    res.stderr = err_path.read_bytes()
    if res.error:
        return res
    try:
        status, utime, stime, maxrss = stat_path.read_text().split()
    except (OSError, ValueError):
        res.error = "the launcher failed (status %d): %s" % (
            proc.returncode, res.stderr.decode("utf-8", "replace").strip())
        return res
    res.returncode = int(status)
    res.cpu = float(utime) + float(stime)
    res.maxrss = int(maxrss)  # KiB on Linux
    if res.returncode == 127 and b"No such file" in res.stderr:
        res.error = "cannot run %s: %s" % (cmd[0], res.stderr.decode("utf-8", "replace").strip())
    return res


def describe_failure(cmd, r):
    text = "command: " + shlex.join(cmd) + "\n"
    if r.error:
        return text + r.error
    if r.returncode < 0:
        text += "killed by signal %d\n" % -r.returncode
    else:
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


def fmt_mb(kib):
    if kib is None:
        return "-"
    mb = kib / 1024.0
    return "%.1f" % mb if mb < 100 else "%.0f" % mb


def print_table(header, rows):
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]

    def line(cells):
        out = []
        for i, cell in enumerate(cells):
            left = i == 0 or (i == len(cells) - 1 and header[-1] == "outputs")
            out.append(cell.ljust(widths[i]) if left else cell.rjust(widths[i]))
        return "  ".join(out).rstrip()

    say(line(header))
    say(line(["-" * w for w in widths]))
    for r in rows:
        say(line(r))


def ocaml_setup(a):
    """(ocamlopt path or None, flags list, description) for this run."""
    if a.no_ocaml:
        return None, [], "skipped (--no-ocaml)"
    exe = shutil.which(a.ocamlopt)
    if not exe:
        return None, [], "not found (%s): OCaml versions not run (see bench/setup.sh)" % a.ocamlopt
    config = tool_output([exe, "-config"])
    flambda = any(l.replace(" ", "") == "flambda:true" for l in config)
    if a.ocamlflags is not None:
        flags = shlex.split(a.ocamlflags)
    else:
        # -O3 only means something with flambda (without it ocamlopt accepts and ignores it);
        # -unsafe is never used: bounds checks stay on, as in the other safe languages.
        flags = ["-O3"] if flambda else ["-inline", "200"]
    version = first_line([exe, "-version"])
    return exe, flags, "%s %s X.ml -o X   [OCaml %s, flambda %s]" % (
        exe, shlex.join(flags), version, "yes" if flambda else "no")


def main(argv):
    a = parse_args(argv)
    cc = a.cc or ("cc" if shutil.which("cc") else "clang-19")
    py = a.python or shutil.which("python3") or sys.executable
    use_flc = not a.skip_flc
    use_py = not a.no_python
    ocamlopt, ocamlflags, ocaml_desc = ocaml_setup(a)
    benches = [b for b in BENCHMARKS if not a.only or b[0] in a.only]

    peer_tools = {}
    for impl in IMPLS:
        if impl["optional"] and impl["key"] in a.peers:
            peer_tools[impl["key"]] = shutil.which(impl["tool"])

    script = os.path.relpath(Path(__file__).resolve(), Path.cwd())
    say("# reproduce: " + shlex.join(["python3", script] + list(argv)))
    say("# repo:      %s (git %s)" % (REPO, git_describe()))
    if use_flc:
        try:
            built = time.strftime("%Y-%m-%d %H:%M", time.localtime(os.path.getmtime(a.flc)))
        except OSError:
            built = "?"
        say("# flc:       %s build %s X.fl -o X   [%s, built %s]"
            % (a.flc, a.flc_flags, first_line([a.flc, "--version"]), built))
    else:
        say("# flc:       skipped (--skip-flc)")
    say("# C:         %s %s X.c -o X -lm   [%s]" % (cc, a.cflags, first_line([cc, "--version"])))
    say("# OCaml:     " + ocaml_desc)
    if use_py:
        say("# Python:    %s X.py   [%s]" % (py, first_line([py, "--version"])))
    else:
        say("# Python:    skipped (--no-python)")
    for key, tool in peer_tools.items():
        if not tool:
            say("# %-10s not found (%s): not run (see bench/setup.sh)"
                % (key + ":", next(i["tool"] for i in IMPLS if i["key"] == key)))
            continue
        if key == "PyPy":
            ver = " ".join(l.strip() for l in tool_output([tool, "--version"]))
            say("# PyPy:      %s X.py   [%s]" % (tool, ver))
        elif key == "LuaJIT":
            say("# LuaJIT:    %s X.lua   [%s]" % (tool, first_line([tool, "-v"])))
        elif key == "Chez":
            say("# Chez:      %s: (compile-file \"X.ss\"), then %s --script X.so   [Chez Scheme %s]"
                % (tool, tool, first_line([tool, "--version"])))
        elif key == "SBCL":
            say("# SBCL:      %s: (compile-file \"X.lisp\"), then %s --script X.fasl   [%s]"
                % (tool, tool, first_line([tool, "--version"])))
    say("# machine:   %s %s, %s, %s CPUs, load average %s"
        % (platform.system(), platform.machine(), cpu_model(), os.cpu_count(),
           " ".join("%.2f" % x for x in os.getloadavg())))
    say("# timing:    median %s seconds per process (start to exit) of %d run(s)%s%s"
        % ("CPU (user+sys)" if a.cpu else "wall-clock", a.runs,
           ", CPython %d run(s)" % a.python_runs if use_py and a.python_runs != a.runs else "",
           "; --quick: REDUCED SIZES, times not meaningful" if a.quick else ""))
    say("# memory:    peak resident set size of the process (ru_maxrss from wait4), max over runs")
    say()

    if use_flc and not (os.path.isfile(a.flc) and os.access(a.flc, os.X_OK)):
        loud("flc not found or not executable: %s\n(build the project first, or pass --flc PATH)"
             % a.flc)
        return 1
    if not shutil.which(cc):
        loud("C compiler not found: %s (pass --cc)" % cc)
        return 1

    tmp = Path(tempfile.mkdtemp(prefix="flc-bench-"))
    global MEASURE
    try:
        MEASURE = build_measure(cc, tmp)
    except RuntimeError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        loud(str(e))
        return 1
    failed = False
    rows = []
    columns = []  # implementations that took part in at least one benchmark
    all_cmds = []
    try:
        for name, _what, full_args, quick_args in benches:
            args = list(quick_args if a.quick else full_args)
            src = {ext: BENCH_DIR / (name + ext) for ext in (".fl", ".c", ".ml", ".py", ".lua",
                                                             ".ss", ".lisp")}
            bdir = tmp / name
            bdir.mkdir()
            # ---- builds: (impl, build command or None, run command)
            plan = []
            if use_flc:
                exe = str(bdir / name)
                plan.append(("flc", [a.flc, "build"] + shlex.split(a.flc_flags)
                             + [str(src[".fl"]), "-o", exe], [exe] + args, exe))
            exe = str(bdir / (name + "-c"))
            plan.append(("C", [cc] + shlex.split(a.cflags) + [str(src[".c"]), "-o", exe, "-lm"],
                         [exe] + args, exe))
            if ocamlopt and src[".ml"].is_file():
                # Compile a copy: ocamlopt writes .cmi/.cmx/.o next to its source.
                ml = bdir / (name + ".ml")
                shutil.copyfile(src[".ml"], ml)
                exe = str(bdir / (name + "-ml"))
                plan.append(("OCaml", [ocamlopt] + ocamlflags + [ml.name, "-o", exe],
                             [exe] + args, exe))
            if use_py and src[".py"].is_file():
                plan.append(("Python", None, [py, str(src[".py"])] + args, None))
            tool = peer_tools.get("PyPy")
            if tool and src[".py"].is_file():
                plan.append(("PyPy", None, [tool, str(src[".py"])] + args, None))
            tool = peer_tools.get("LuaJIT")
            if tool and src[".lua"].is_file():
                plan.append(("LuaJIT", None, [tool, str(src[".lua"])] + args, None))
            tool = peer_tools.get("Chez")
            if tool and src[".ss"].is_file():
                so = bdir / (name + ".so")
                plan.append(("Chez", [tool, "-q"],
                             [tool, "--script", str(so)] + args, str(so)))
            tool = peer_tools.get("SBCL")
            if tool and src[".lisp"].is_file():
                fasl = bdir / (name + ".fasl")
                plan.append(("SBCL", [tool, "--noinform", "--non-interactive", "--no-sysinit",
                                      "--no-userinit", "--eval",
                                      '(compile-file "%s" :output-file "%s")' % (src[".lisp"], fasl)],
                             [tool, "--script", str(fasl)] + args, str(fasl)))

            cmds = {}
            build_failed = []
            for impl, build, run, product in plan:
                if impl not in columns:
                    columns.append(impl)
                if build is None:
                    cmds[impl] = run
                    continue
                if impl == "Chez":
                    # compile-file reads the program from the expression given on stdin.
                    expr = '(compile-file "%s" "%s")' % (src[".ss"], product)
                    say("building %-11s %-6s %s <<< %s" % (name, impl, shlex.join(build), expr))
                    r = run_chez_compile(build, expr, a.timeout, bdir)
                else:
                    say("building %-11s %-6s %s" % (name, impl, shlex.join(build)))
                    r = run_measured(build, a.timeout, str(bdir), tmp)
                if r.error or r.returncode != 0 or not os.path.isfile(product):
                    loud("BUILD FAILED: %s (%s)\n%s" % (name, impl, describe_failure(build, r)))
                    build_failed.append(impl)
                else:
                    cmds[impl] = run
            all_cmds.append((name, cmds))

            # ---- run (interleaved)
            times = {impl: [] for impl in cmds}
            rss = {impl: [] for impl in cmds}
            outputs = {}
            run_failed = set()
            nruns = max(a.runs, a.python_runs if "Python" in cmds else 0)
            for i in range(nruns):
                for impl in IMPL_KEYS:
                    if impl not in cmds or impl in run_failed:
                        continue
                    limit = a.python_runs if impl == "Python" else a.runs
                    if i >= limit:
                        continue
                    say("running  %-11s %-6s run %d/%d" % (name, impl, i + 1, limit))
                    r = run_measured(cmds[impl], a.timeout, str(BENCH_DIR), tmp)
                    if r.error or r.returncode != 0:
                        loud("RUN FAILED: %s (%s)\n%s"
                             % (name, impl, describe_failure(cmds[impl], r)))
                        run_failed.add(impl)
                        continue
                    if impl in outputs and outputs[impl] != r.stdout:
                        loud("OUTPUT CHANGED BETWEEN RUNS: %s (%s)\nfirst run:\n%s\nrun %d:\n%s"
                             % (name, impl, show_output(outputs[impl]), i + 1,
                                show_output(r.stdout)))
                        run_failed.add(impl)
                        continue
                    outputs[impl] = r.stdout
                    times[impl].append(r.cpu if a.cpu else r.wall)
                    rss[impl].append(r.maxrss)

            # ---- compare outputs
            problems = []
            if build_failed:
                problems.append("BUILD FAILED: " + ",".join(build_failed))
            if run_failed:
                problems.append("RUN FAILED: " + ",".join(sorted(run_failed, key=IMPL_KEYS.index)))
            ref_impl = "C" if "C" in outputs else next(iter(outputs), None)
            mismatched = [impl for impl in outputs if outputs[impl] != outputs[ref_impl]]
            if mismatched:
                problems.append("OUTPUT MISMATCH: " + ",".join(mismatched))
                msg = "OUTPUT MISMATCH in %s\n" % name
                for impl in IMPL_KEYS:
                    if impl in outputs:
                        msg += "%s output:\n%s\n" % (impl, show_output(outputs[impl]))
                loud(msg)
            if problems:
                failed = True
                status = "; ".join(problems)
            elif len(outputs) < 2:
                status = "ok (only one implementation run; nothing compared)"
            else:
                status = "ok"
            ok = lambda impl: impl not in run_failed and impl not in mismatched
            medians = {impl: statistics.median(t) for impl, t in times.items() if t and ok(impl)}
            peaks = {impl: max(m) for impl, m in rss.items() if m and ok(impl)}
            rows.append((name, medians, peaks, status))
    finally:
        if a.keep:
            say("build directory kept: %s" % tmp)
            for name, cmds in all_cmds:
                for impl in IMPL_KEYS:
                    if impl in cmds:
                        say("  %-11s %-6s %s" % (name, impl, shlex.join(cmds[impl])))
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    cols = [k for k in IMPL_KEYS if k in columns]
    # ---- time table
    say()
    say("Median %s seconds:" % ("CPU" if a.cpu else "wall-clock"))
    say()
    header = ["benchmark"] + cols + ["flc/C", "flc/OCaml", "outputs"]
    table = []
    for name, med, _peaks, status in rows:
        table.append([name] + [fmt_secs(med.get(c)) for c in cols]
                     + [fmt_ratio(med.get("flc"), med.get("C")),
                        fmt_ratio(med.get("flc"), med.get("OCaml")), status])
    print_table(header, table)
    # ---- memory table
    say()
    say("Peak resident set size, MB (ru_maxrss; interpreters include their own runtime):")
    say()
    header = ["benchmark"] + cols + ["flc/C", "flc/OCaml"]
    table = []
    for name, _med, peaks, _status in rows:
        table.append([name] + [fmt_mb(peaks.get(c)) for c in cols]
                     + [fmt_ratio(peaks.get("flc"), peaks.get("C")),
                        fmt_ratio(peaks.get("flc"), peaks.get("OCaml"))])
    print_table(header, table)
    say()
    for name, what, full_args, quick_args in benches:
        say("  %-11s %s" % (name, what))
    say()
    say("flc/C, flc/OCaml: flc time (or memory) divided by C's, OCaml's "
        "(lower is better for flc; 1.00x = the same).")
    if a.quick:
        say("NOTE: --quick used reduced sizes; these times only show that the plumbing works.")
    if failed:
        loud("SOME BENCHMARKS FAILED (see above): build failure, run failure or output mismatch")
        return 1
    return 0


def run_chez_compile(cmd, expr, timeout, cwd):
    """Chez Scheme's compile-file, fed on stdin (scheme -q reads expressions from stdin)."""
    res = Result()
    try:
        r = subprocess.run(cmd, input=expr.encode(), capture_output=True, timeout=timeout,
                           cwd=str(cwd))
    except subprocess.TimeoutExpired:
        res.error = "timed out after %gs" % timeout
        return res
    except OSError as e:
        res.error = str(e)
        return res
    res.returncode, res.stdout, res.stderr = r.returncode, r.stdout, r.stderr
    return res


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
