#!/usr/bin/env bash
# run_examples_installed.sh INSTALLED_FLC BUILD_FLC EXAMPLES_DIR: builds and runs every example
# with the installed flc (in a scratch directory) and compares the executable's standard output,
# standard error and exit status with those of the build tree's flc. Prints "examples run the same: N".
set -u
installed=$1 reference=$2 dir=$3
n=0 bad=0
for f in "$dir"/*.fl; do
  name=$(basename "$f" .fl)
  "$installed" build "$f" -o "./ex-$name" || { echo "FAIL: installed flc cannot build $f"; bad=1; continue; }
  "./ex-$name" > "ex-$name.out" 2> "ex-$name.err" < /dev/null; a=$?
  "$reference" build "$f" -o "./ref-$name" 2> /dev/null || { echo "FAIL: reference flc cannot build $f"; bad=1; continue; }
  "./ref-$name" > "ex-$name.ref.out" 2> "ex-$name.ref.err" < /dev/null; b=$?
  if [ $a -ne $b ] || ! cmp -s "ex-$name.out" "ex-$name.ref.out" || ! cmp -s "ex-$name.err" "ex-$name.ref.err"; then
    echo "FAIL: $f (exit $a, reference $b)"; diff "ex-$name.out" "ex-$name.ref.out" | head; bad=1; continue
  fi
  n=$((n + 1))
done
[ $bad -eq 0 ] && echo "examples run the same: $n"
exit $bad
