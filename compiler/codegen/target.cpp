#include "codegen/target.h"

#include <mutex>

#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

namespace fl::codegen {

namespace {
void initTargets() {
  static std::once_flag once;
  std::call_once(once, [] {
    LLVMInitializeX86TargetInfo();
    LLVMInitializeX86Target();
    LLVMInitializeX86TargetMC();
    LLVMInitializeX86AsmPrinter();
    LLVMInitializeAArch64TargetInfo();
    LLVMInitializeAArch64Target();
    LLVMInitializeAArch64TargetMC();
    LLVMInitializeAArch64AsmPrinter();
  });
}
}  // namespace

std::optional<Target> parseTarget(const std::string& spelled, std::string& error) {
  llvm::Triple t(llvm::Triple::normalize(spelled));
  if (t.getOS() != llvm::Triple::Linux) {
    error = "only Linux targets are supported";
    return std::nullopt;
  }
  Target out;
  switch (t.getArch()) {
    case llvm::Triple::x86_64:
      out.llvmTriple = "x86_64-unknown-linux-gnu";
      out.multiarch = "x86_64-linux-gnu";
      break;
    case llvm::Triple::aarch64:
      out.llvmTriple = "aarch64-unknown-linux-gnu";
      out.multiarch = "aarch64-linux-gnu";
      break;
    default:
      error = "supported architectures are x86_64 and aarch64";
      return std::nullopt;
  }
  if (t.getEnvironment() != llvm::Triple::GNU && t.getEnvironment() != llvm::Triple::UnknownEnvironment) {
    error = "only the GNU C library environment is supported";
    return std::nullopt;
  }
  out.isHost = out.multiarch == FLC_HOST_TRIPLE;
  return out;
}

Target hostTarget() {
  std::string err;
  return *parseTarget(FLC_HOST_TRIPLE, err);
}

std::unique_ptr<llvm::TargetMachine> createTargetMachine(const Target& t, int optLevel, std::string& error) {
  initTargets();
  const llvm::Target* target = llvm::TargetRegistry::lookupTarget(t.llvmTriple, error);
  if (!target) return nullptr;
  llvm::TargetOptions opts;
  llvm::CodeGenOptLevel level = optLevel <= 0   ? llvm::CodeGenOptLevel::None
                                : optLevel == 1 ? llvm::CodeGenOptLevel::Less
                                : optLevel == 2 ? llvm::CodeGenOptLevel::Default
                                                : llvm::CodeGenOptLevel::Aggressive;
  std::string cpu = t.llvmTriple.starts_with("x86_64") ? "x86-64" : "generic";
  std::unique_ptr<llvm::TargetMachine> tm(
      target->createTargetMachine(t.llvmTriple, cpu, "", opts, llvm::Reloc::PIC_, std::nullopt, level));
  if (!tm) error = "cannot create a target machine for " + t.llvmTriple;
  return tm;
}

}  // namespace fl::codegen
