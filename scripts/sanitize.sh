#!/usr/bin/env bash
# The sanitizer build (docs/testing.md): configures build-san/ with FLC_SANITIZE=ON -- flc,
# libflrt, the unit tests and every executable that flc links run under AddressSanitizer +
# UndefinedBehaviorSanitizer -- builds it and runs the runtime and compiler unit tests plus a
# slice of the lit suites. Needs what scripts/setup.sh installs (libclang-rt-19-dev among it).
#   scripts/sanitize.sh                 unit tests + the default slice
#   scripts/sanitize.sh test/level2     unit tests + the lit directories given
# Ends with lit's summary and "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
if [ ! -f build-san/build.ninja ]; then
  # clang for everything (one ASan runtime; it compiles the instrumented tests much faster than g++)
  cmake -S . -B build-san -G Ninja -DCMAKE_BUILD_TYPE=Debug -DFLC_SANITIZE=ON \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 >/dev/null || exit 1
fi
cmake --build build-san -j "${FLC_JOBS:-2}" || exit 1

suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(test/run test/level3 test/stdlib)
dirs=(build-san/test/unit)
for s in "${suites[@]}"; do dirs+=("build-san/${s%/}"); done

LIT=/usr/lib/llvm-19/build/utils/lit/lit.py
log=$(mktemp)
python3 "$LIT" -s --no-gtest-sharding "${dirs[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
count() { grep -E "^ *$1 *: *[0-9]+" "$log" | sed -E 's/.*: *([0-9]+).*/\1/' | head -n1; }
ok=0; bad=0
for k in "Passed" "Expectedly Failed"; do n=$(count "$k"); ok=$((ok + ${n:-0})); done
for k in "Failed" "Unexpectedly Passed" "Unresolved" "Timed Out"; do n=$(count "$k"); bad=$((bad + ${n:-0})); done
rm -f "$log"
echo "$ok passed, $bad failed"
exit "$status"
