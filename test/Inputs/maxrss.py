"""Runs a command and prints its peak resident set size in MiB as `maxrss-mib: N` after its
own output (lit tests use it to check that loops run in constant stack / bounded memory)."""
import resource
import subprocess
import sys

status = subprocess.call(sys.argv[1:])
kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print("maxrss-mib: %d" % (kib // 1024), flush=True)
sys.exit(status)
