// The back end: the LLVM optimization pipeline for -O0..-O3 and object/assembly emission.
#pragma once

#include <string>

#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"

namespace fl::codegen {

// Runs LLVM's standard new-pass-manager pipeline for the level (O0 still runs the always-inliner).
void optimizeModule(llvm::Module& m, llvm::TargetMachine& tm, int optLevel);

enum class FileKind { Object, Assembly };
// Emits the module; returns false with `error` set on failure.
bool emitFile(llvm::Module& m, llvm::TargetMachine& tm, FileKind kind, const std::string& path, std::string& error);
bool emitToString(llvm::Module& m, llvm::TargetMachine& tm, FileKind kind, std::string& out, std::string& error);

}  // namespace fl::codegen
