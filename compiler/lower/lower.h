// lower: TIR -> LLVM IR (DESIGN.md §1, §3). Every TIR function becomes one `tailcc` function whose
// parameters and result use the representations TIR chose (i64 for Int, double for Float, i1 for
// Bool, the tagged 64-bit word otherwise); Box and Unbox nodes are the conversions. Calls in tail
// position are `musttail` calls.
#pragma once

#include <memory>
#include <string>

#include "base/source.h"
#include "tir/tir.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"

namespace fl::lower {

struct Options {
  bool printResult = false;  // fl_program_main prints the last top-level value (--print-result)
  bool debugInfo = false;    // -g: DWARF line tables (one subprogram per instance)
  bool debugSpill = false;   // -g -O0: every variable also lives in a stack slot (visible everywhere)
  bool backtrace = true;     // line tables only without -g, for the runtime's backtraces (docs/driver.md)
  std::string moduleName;
  // The top level's function: fl_program_main in an executable; each REPL entry (a
  // tir::Program::sessionEntry) names its own, since they all live in one process.
  std::string mainName = "fl_program_main";
};

std::unique_ptr<llvm::Module> lower(const tir::Program& p, const Interner& names, const SourceManager& sm,
                                    llvm::LLVMContext& ctx, llvm::TargetMachine& tm, const Options& opts);

}  // namespace fl::lower
