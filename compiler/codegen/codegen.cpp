#include "codegen/codegen.h"

#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/Analysis/LoopAnalysisManager.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/StandardInstrumentations.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

namespace fl::codegen {

// LLVM's optimizations are superlinear on very large functions (a generated 8000-clause cond,
// a table built by code); such a function is compiled as at -O0 so that compile time stays
// linear in program size (docs/architecture.md, "Compile time"). Ordinary functions are far below.
constexpr size_t kMaxOptimizedInstructions = 12000;
constexpr size_t kMaxOptimizedBlocks = 1200;

size_t markHugeFunctions(llvm::Module& m) {
  size_t marked = 0;
  for (llvm::Function& f : m) {
    if (f.isDeclaration() || f.hasFnAttribute(llvm::Attribute::AlwaysInline)) continue;
    if (f.getInstructionCount() <= kMaxOptimizedInstructions && f.size() <= kMaxOptimizedBlocks) continue;
    f.addFnAttr(llvm::Attribute::OptimizeNone);
    f.addFnAttr(llvm::Attribute::NoInline);
    ++marked;
  }
  return marked;
}

void optimizeModule(llvm::Module& m, llvm::TargetMachine& tm, int optLevel) {
  if (optLevel > 0) markHugeFunctions(m);
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  // The standard instrumentations make passes skip `optnone` functions.
  llvm::PassInstrumentationCallbacks pic;
  llvm::StandardInstrumentations si(m.getContext(), false);
  si.registerCallbacks(pic, &mam);
  llvm::PassBuilder pb(&tm, llvm::PipelineTuningOptions(), std::nullopt, &pic);
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::OptimizationLevel level = optLevel <= 0   ? llvm::OptimizationLevel::O0
                                  : optLevel == 1 ? llvm::OptimizationLevel::O1
                                  : optLevel == 2 ? llvm::OptimizationLevel::O2
                                                  : llvm::OptimizationLevel::O3;
  llvm::ModulePassManager mpm =
      optLevel <= 0 ? pb.buildO0DefaultPipeline(level) : pb.buildPerModuleDefaultPipeline(level);
  mpm.run(m, mam);
}

namespace {
bool emitTo(llvm::Module& m, llvm::TargetMachine& tm, FileKind kind, llvm::raw_pwrite_stream& os, std::string& error) {
  llvm::legacy::PassManager pm;
  auto ft = kind == FileKind::Object ? llvm::CodeGenFileType::ObjectFile : llvm::CodeGenFileType::AssemblyFile;
  if (tm.addPassesToEmitFile(pm, os, nullptr, ft)) {
    error = "the target cannot emit this file type";
    return false;
  }
  pm.run(m);
  return true;
}
}  // namespace

bool emitFile(llvm::Module& m, llvm::TargetMachine& tm, FileKind kind, const std::string& path, std::string& error) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, kind == FileKind::Object ? llvm::sys::fs::OF_None : llvm::sys::fs::OF_Text);
  if (ec) {
    error = ec.message();
    return false;
  }
  if (!emitTo(m, tm, kind, os, error)) return false;
  os.close();
  if (os.has_error()) {
    error = os.error().message();
    os.clear_error();
    return false;
  }
  return true;
}

bool emitToString(llvm::Module& m, llvm::TargetMachine& tm, FileKind kind, std::string& out, std::string& error) {
  llvm::SmallString<0> buf;
  llvm::raw_svector_ostream os(buf);
  if (!emitTo(m, tm, kind, os, error)) return false;
  out.assign(buf.begin(), buf.end());
  return true;
}

}  // namespace fl::codegen
