#!/usr/bin/env bash
# Runs every test: lit suites by compiler step, the cross (qemu-aarch64) suite and the GoogleTest
# unit tests (through lit). Builds first if needed. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="${FLC_BUILD_TYPE:-RelWithDebInfo}" >/dev/null || exit 1
fi
cmake --build build -j "${FLC_JOBS:-2}" || exit 1

LIT=/usr/lib/llvm-19/build/utils/lit/lit.py
log=$(mktemp)
python3 "$LIT" -sv --no-gtest-sharding build/test "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
count() { grep -E "^ *$1 *: *[0-9]+" "$log" | sed -E 's/.*: *([0-9]+).*/\1/' | head -n1; }
ok=0; bad=0
for k in "Passed" "Expectedly Failed"; do n=$(count "$k"); ok=$((ok + ${n:-0})); done
for k in "Failed" "Unexpectedly Passed" "Unresolved" "Timed Out"; do n=$(count "$k"); bad=$((bad + ${n:-0})); done
rm -f "$log"
echo "$ok passed, $bad failed"
exit "$status"
