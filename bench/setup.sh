#!/usr/bin/env bash
# Bench-only setup: installs the peer language implementations that bench/run.py compares flc
# with (OCaml native compiler, hyperfine, LuaJIT, Chez Scheme, SBCL, PyPy). Debian 12 packages,
# skipping those already installed; uses sudo when not root. Never called by scripts/setup.sh or
# by the tests: the compiler and its tests need none of these.
set -euo pipefail

PACKAGES=(ocaml-nox hyperfine luajit chezscheme sbcl pypy3)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "bench/setup.sh: already installed: ${PACKAGES[*]}"
else
  echo "bench/setup.sh: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# What run.py will find (a missing one is simply not measured).
for tool in ocamlopt luajit scheme sbcl pypy3 hyperfine; do
  if command -v "$tool" >/dev/null 2>&1; then
    printf '  %-9s %s\n' "$tool" "$(command -v "$tool")"
  else
    printf '  %-9s not found\n' "$tool"
  fi
done
