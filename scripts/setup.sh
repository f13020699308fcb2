#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: install what the build and the tests need (skipping
# what is present), configure and build flc, then compile and run examples/hello.fl.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  cmake ninja-build g++ python3 git
  llvm-19-dev liblld-19-dev llvm-19-tools lld-19 clang-19 libclang-rt-19-dev
  zlib1g-dev libzstd-dev
  libcli11-dev libspdlog-dev libfmt-dev libgtest-dev libbenchmark-dev
  qemu-user libc6-dev-arm64-cross libgcc-12-dev-arm64-cross libstdc++-12-dev-arm64-cross
  libc6-dev libgcc-12-dev
  gdb lldb-19 python3-lldb-19
  libedit-dev pkg-config
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="${FLC_BUILD_TYPE:-RelWithDebInfo}" >/dev/null
cmake --build build -j "${FLC_JOBS:-2}"

echo "setup: build/bin/flc is ready; compiling and running examples/hello.fl"
build/bin/flc run examples/hello.fl
