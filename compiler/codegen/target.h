// Targets flc compiles for: the x86-64 host and AArch64 Linux (glibc). A Target names the LLVM
// triple, the Debian multiarch name used for the runtime and sysroot paths, and its machine.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "llvm/Target/TargetMachine.h"

namespace fl::codegen {

struct Target {
  std::string llvmTriple;   // x86_64-unknown-linux-gnu
  std::string multiarch;    // x86_64-linux-gnu: lib/fluentai/<multiarch>/libflrt.a
  bool isHost = false;
};

// Accepts x86_64/aarch64 triples in their usual spellings ("aarch64-linux-gnu",
// "aarch64-unknown-linux-gnu", "arm64-linux-gnu", ...). Returns nullopt with `error` set otherwise.
std::optional<Target> parseTarget(const std::string& spelled, std::string& error);
Target hostTarget();

// Creates the TargetMachine (PIC, generic CPU) at the given optimization level 0..3.
std::unique_ptr<llvm::TargetMachine> createTargetMachine(const Target& t, int optLevel, std::string& error);

}  // namespace fl::codegen
