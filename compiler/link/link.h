// link: objects + libflrt.a + libc -> executable, with lld's ELF driver in-process (lld::lldMain).
// Each target has a recipe (crt files, dynamic linker, library paths) found on this machine:
// the host's own glibc/gcc files, or Debian's arm64 cross packages for aarch64-linux-gnu.
#pragma once

#include <string>
#include <vector>

#include "codegen/target.h"

namespace fl::link {

struct Job {
  codegen::Target target;
  std::vector<std::string> objects;
  std::string runtimeLib;  // path of libflrt.a for the target
  std::string output;
  bool staticLink = false;
  std::vector<std::string> libraryArgs;  // -LDIR / -lNAME from the command line, in order (§20.7)
  bool debugHelpers = false;             // -g: keep flrt_debug_write for tools/gdb/flc_gdb.py
  bool keepDebugInfo = false;            // -g or backtraces: else --strip-debug (the runtime has no DWARF)
};

// Where a define-foreign symbol is defined (§20.7): looks it up in libc, libm, then the -l
// libraries of `libraryArgs` (searched in the -L directories, then the target's), reading
// their symbol tables. Returns false with the libraries it searched in `searched` when none
// defines it; libraries it cannot read do not count against the symbol.
bool findSymbol(const codegen::Target& target, const std::vector<std::string>& libraryArgs, const std::string& symbol,
                std::string& searched);

// Builds the ld.lld command line for the job; returns false with `error` if a needed file is
// missing on this machine.
bool buildCommand(const Job& job, std::vector<std::string>& args, std::string& error);

// Runs lld in-process. `log` receives the command line when non-null (-v).
bool run(const Job& job, std::string& error, std::string* log);

}  // namespace fl::link
