"""Stack-guard sweep (docs/runtime-abi.md, "Stack overflow"): runs EXE MODE DATA DEPTH for the
depths around the deepest one that still fits in a small stack, so the recursion ends at every
distance from the guard, then makes a runtime call with a large frame. Each run must either
finish normally or report `error: stack-overflow` with status 1 -- never die from a signal.

usage: stack_guard_sweep.py EXE MODE DATA   (see stack_guard_prog.py; prints `sweep ok`)"""
import os
import subprocess
import sys

exe, mode, data = sys.argv[1:4]
env = dict(os.environ, FLRT_STACK_MB="2", FLRT_TASK_STACK_MB="2")


def run(depth):
    p = subprocess.run([exe, mode, data, str(depth)], env=env, capture_output=True, text=True)
    if p.returncode == 0 and "corrupted" not in p.stdout:
        return "ok"
    if p.returncode == 1 and p.stderr.startswith("error: stack-overflow"):
        return "overflow"
    sys.exit("depth %d: status %d, stderr %r" % (depth, p.returncode, p.stderr[:200]))


lo, hi = 0, 1 << 20  # run(lo) fits; find the first depth that overflows
if run(hi) != "overflow":
    sys.exit("no overflow at depth %d" % hi)
while hi - lo > 1:
    mid = (lo + hi) // 2
    if run(mid) == "ok":
        lo = mid
    else:
        hi = mid
frame = max(1, (2 << 20) // hi)  # bytes of stack per recursion level, roughly
# The first overflow comes from the large frame reaching the guard; deeper recursions leave less
# and less room above the guard, until the recursion itself overflows. Every depth in that range
# (160 KiB of stack, more than any frame the runtime may have) is run, a few levels apart.
span = (160 << 10) // frame
step = max(1, span // 1500)
runs = 0
for depth in range(max(0, hi - 8), hi + span, step):
    run(depth)
    runs += 1
print("sweep ok" if runs > 100 else "sweep too short: %d runs" % runs)
