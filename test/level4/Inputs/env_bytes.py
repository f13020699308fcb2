# Runs COMMAND with environment variables whose values are arbitrary bytes (hex), which a lit
# RUN line cannot write: env_bytes.py NAME=HEX... -- COMMAND ARG...
import os
import sys

split = sys.argv.index('--')
for assignment in sys.argv[1:split]:
    name, value = assignment.split('=', 1)
    os.environb[name.encode()] = bytes.fromhex(value)
os.execvp(sys.argv[split + 1], sys.argv[split + 1:])
