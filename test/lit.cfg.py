# lit configuration for flc. Tests are .fl programs (and .test scripts) with `; RUN:` lines.
# Substitutions:
#   %flc        the compiler under test (build/bin/flc), with a per-run cache directory
#   %flref      the reference interpreter (shared/tools/flref.py), for differential tests
#   %qemu-aarch64  runs an AArch64 executable (cross suite only)
#   %objroot    the build directory (cmake --install in driver/install.test)
#   %flrt-unit-tests-aarch64  the runtime's GoogleTest binary for AArch64 (feature aarch64-unit-tests)
import os
import shutil

import lit.formats

config.name = "flc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".fl", ".test"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py.in", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.flc_obj_root, "test")

# FileCheck, not, count come from LLVM 19.
config.environment["PATH"] = os.pathsep.join(
    [config.flc_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])
# Runs must not depend on the developer's environment.
for var in ["FLRT_GC_STATS", "NO_COLOR", "FLC_CACHE_DIR"]:
    config.environment.pop(var, None)
cache_dir = os.path.join(config.test_exec_root, "flc-cache")
config.environment["FLC_CACHE_DIR"] = cache_dir
# Every compile in the tests checks the TIR's invariants after it is built and after every pass.
config.environment["FLC_VERIFY_TIR"] = "1"

flc = os.path.join(config.flc_tools_dir, "flc")
config.substitutions.append(("%flc", flc))
# The reference interpreter lives outside the repository; tests that use it say REQUIRES: flref.
flref = os.path.normpath(os.path.join(config.flc_src_root, "..", "shared", "tools", "flref.py"))
if os.path.exists(flref):
    config.available_features.add("flref")
config.substitutions.append(("%flref", config.python_executable + " " + flref))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%host-triple", config.host_triple))
config.substitutions.append(("%objroot", config.flc_obj_root))
# a C compiler for tests that build C libraries (define-foreign, §20.7); setup.sh installs clang-19
config.substitutions.append(("%clang", "/usr/lib/llvm-19/bin/clang"))

# A sanitizer build (FLC_SANITIZE, scripts/sanitize.sh): flc and the executables it links run
# under ASan + UBSan. Tests that measure memory or stack limits say UNSUPPORTED: asan.
if getattr(config, "flc_sanitize", "OFF") in ("ON", "1", "TRUE"):
    config.available_features.add("asan")
    # LLVM keeps some allocations until exit, and the runtime never frees the heap it reserves.
    # use_sigaltstack=0: LLVM installs its own alternate signal stack in flc, which ASan would
    # try to unmap at thread exit.
    config.environment["ASAN_OPTIONS"] = "detect_leaks=0:use_sigaltstack=0"
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"

# The debugger tests (driver/gdb.test, driver/lldb.test) need gdb and lldb (scripts/setup.sh
# installs them) and a machine that lets them trace a process (ptrace): probed once here.
import subprocess


def debugger_runs(cmd, expect):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return expect in out.stdout + out.stderr
    except (OSError, subprocess.TimeoutExpired):
        return False


gdb = shutil.which("gdb")
if gdb and debugger_runs([gdb, "-batch", "-nx", "-ex", "run", "--args", "/bin/true"], "exited normally"):
    config.available_features.add("gdb")
lldb = shutil.which("lldb-19") or shutil.which("lldb")
if lldb and debugger_runs([lldb, "--batch", "-o", "run", "--", "/bin/true"], "exited with status = 0"):
    config.available_features.add("lldb")
    config.substitutions.append(("%lldb", lldb))

# flc repl loads the runtime as a shared library, which the sanitizer build does not make.
if getattr(config, "flc_sanitize", "OFF") not in ("ON", "1", "TRUE"):
    config.available_features.add("repl")

if config.host_triple.startswith("x86_64"):
    config.available_features.add("x86_64-host")

# Cross suite: needs qemu-aarch64 and the Debian arm64 cross sysroot.
qemu = shutil.which("qemu-aarch64") or shutil.which("qemu-aarch64-static")
sysroot = "/usr/aarch64-linux-gnu"
if qemu and os.path.isdir(sysroot) and os.path.exists(
        os.path.join(config.flc_obj_root, "lib", "fluentai", "aarch64-linux-gnu", "libflrt.a")):
    config.available_features.add("aarch64-run")
    config.substitutions.append(("%qemu-aarch64", "%s -L %s" % (qemu, sysroot)))
    # The runtime's unit tests built for AArch64 (runtime/tests/CMakeLists.txt), when CMake found
    # the cross C++ library and the googletest sources.
    if getattr(config, "flrt_aarch64_unit_tests", "") == "ON":
        config.available_features.add("aarch64-unit-tests")
        config.substitutions.append(("%flrt-unit-tests-aarch64",
                                     os.path.join(config.flc_tools_dir, "flrt_unit_tests_aarch64")))
