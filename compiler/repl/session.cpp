#include "repl/session.h"


#include <cstdio>
#include <filesystem>

#include "codegen/codegen.h"
#include "codegen/target.h"
#include "diag/diag.h"
#include "driver/compile.h"
#include "driver/paths.h"
#include "expand/expand.h"
#include "infer/infer.h"
#include "lower/lower.h"
#include "modules/loader.h"
#include "optimize/lift.h"
#include "optimize/optimize.h"
#include "resolve/resolve.h"
#include "tir/build.h"
#include "tir/must_fail.h"
#include "tir/tir.h"
#include "fluentai/rt.h"
#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/ThreadSafeModule.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/raw_ostream.h"

namespace fl::repl {

namespace fs = std::filesystem;

std::string sharedRuntimePath() {
  fs::path a = driver::runtimeLibraryPath(codegen::hostTarget().multiarch);
  return a.replace_filename("libflrt.so").string();
}

Session::Session(const driver::Options& opts) : opts_(opts) {}
Session::~Session() = default;

bool Session::start(std::string* error) {
  std::string path = sharedRuntimePath();
  if (!fs::exists(path)) {
    *error = "the runtime for flc repl is missing: " + path;
    return false;
  }
  std::string dlError;
  llvm::sys::DynamicLibrary lib = llvm::sys::DynamicLibrary::getPermanentLibrary(path.c_str(), &dlError);
  if (!lib.isValid()) {
    *error = "cannot load " + path + ": " + dlError;
    return false;
  }
  replMain_ = reinterpret_cast<decltype(replMain_)>(lib.getAddressOfSymbol("flrt_repl_main"));
  replEval_ = reinterpret_cast<decltype(replEval_)>(lib.getAddressOfSymbol("flrt_repl_eval"));
  if (!replMain_ || !replEval_) {
    *error = path + " is not a runtime for flc repl (no flrt_repl_main)";
    return false;
  }

  std::string tmError;
  tm_ = codegen::createTargetMachine(codegen::hostTarget(), opts_.optLevel, tmError);
  if (!tm_) {
    *error = tmError;
    return false;
  }
  // The JIT's "process symbols" are libflrt.so's (and those of the libraries it needs: libc,
  // libm): flc's own copy of the runtime, which the optimizer uses, must never be reached from
  // an entry.
  auto jit = llvm::orc::LLJITBuilder()
                 .setProcessSymbolsJITDylibSetup([path](llvm::orc::LLJIT& j) -> llvm::Expected<llvm::orc::JITDylibSP> {
                   auto& jd = j.getExecutionSession().createBareJITDylib("<libflrt.so>");
                   auto gen = llvm::orc::DynamicLibrarySearchGenerator::Load(path.c_str(),
                                                                             j.getDataLayout().getGlobalPrefix());
                   if (!gen) return gen.takeError();
                   jd.addGenerator(std::move(*gen));
                   return &jd;
                 })
                 .create();
  if (!jit) {
    *error = llvm::toString(jit.takeError());
    return false;
  }
  jit_ = std::move(*jit);
  return true;
}

void Session::runOnProgramStack(void (*loop)(void*), void* arg, int argc, char** argv) {
  replMain_(argc, argv, loop, arg);
}

// What later entries see of this one (ast::SessionScope): its names (and which are imports),
// the modules it ran with their exports, the qualifiers it imported, its constructors.
void Session::remember(const ast::Module& module, const modules::Program& program) {
  scope_.slots = static_cast<uint32_t>(module.globals.size());
  const ast::FileUnit& main = module.files.back();
  for (const auto& [sym, var] : main.scope) {
    const ast::Var& v = module.vars[var];
    if (v.kind != ast::VarKind::Global) continue;
    std::string name(names_.str(Sym{sym}));
    scope_.names[name] = v.slot;
    if (main.imported.count(sym)) scope_.imported.insert(name);
    else scope_.imported.erase(name);
  }
  for (size_t i = 0; i + 1 < module.files.size(); ++i) {
    auto& exports = scope_.modules[program.files[i].canonical];
    for (const auto& [name, var] : module.files[i].exports) exports[name] = module.vars[var].slot;
  }
  for (const auto& [q, files] : main.qualifiers) {
    if (files.size() != 1) continue;  // ambiguous: reported when used
    auto& exports = scope_.qualified[q];
    exports.clear();
    for (const auto& [name, var] : module.files[files[0]].exports) exports[name] = module.vars[var].slot;
  }
  scope_.ctors = main.ctors;
}

bool Session::eval(const std::string& name, const std::string& text, Mode mode) {
  diag::Engine diags(sm_);
  driver::configureDiagnostics(opts_, diags);
  auto failed = [&] {
    diags.flush();
    return false;
  };
  const SourceFile& file = sm_.file(sm_.addFile(name, text));
  parse::Forest forest;
  modules::Options modOpts{opts_.includeDirs, modules::defaultStdlibDir()};
  modules::Program program = modules::load(file, modOpts, sm_, forest, names_, diags);
  if (diags.hasErrors()) return failed();
  if (modules::topLevelForms(forest, program.files.back().topLevel, names_).empty()) return true;

  scope_.printValues = mode == Mode::Run;
  ast::Module module = expand::expand(forest, program, names_, diags, opts_.checkContracts, &scope_);
  resolve::resolve(module, names_, diags);
  // define-foreign symbols: the JIT finds those of libc and libm (what libflrt.so links; the
  // REPL takes no -l)
  driver::checkForeignSymbols(opts_, module, diags);
  if (diags.hasErrors()) return failed();
  if (module.globals.size() > FLRT_REPL_MAX_GLOBALS) {
    diags.report(diag::Id::CodegenFailed, Span{}, "this session has more than " +
                                                      std::to_string(FLRT_REPL_MAX_GLOBALS) + " global variables");
    return failed();
  }

  if (mode == Mode::Type || mode == Mode::Effects) {
    infer::Program typed = infer::infer(module, names_);
    const ast::Node& body = module[module.files.back().body];
    ast::NodeId last = body.kids.back();
    infer::TypeId t = typed.typeOf(typed.init, last);
    std::string out = mode == Mode::Type ? typed.types.show(t) : infer::effectsToString(typed.effectsOf(typed.init, last));
    if (mode == Mode::Type && typed.types.bits(t) == infer::TFn)  // each function it may be, as specialised
      for (infer::Callee c : typed.types.get(t).callees)
        if (!(c & infer::kBuiltinCallee))
          for (infer::InstanceId i : typed.byLambda[c]) out += "\n  " + infer::signature(typed, module, names_, i);
    diags.flush();
    printf("%s\n", out.c_str());
    fflush(stdout);
    return true;
  }

  // Handlers of later entries may intercept this entry's effects (:type and :effects above
  // describe the expression as written, with only its own handlers).
  module.handledEffects = ~0u;
  if (opts_.optLevel > 0) optimize::liftLambdas(module);
  infer::Program typed = infer::infer(module, names_);
  tir::Program tirProgram = tir::build(module, std::move(typed), names_);
  tir::warnMustFail(tirProgram, names_, diags);
  auto verified = [&](const std::string& after) {
    if (!opts_.verifyTir) return true;
    std::vector<std::string> problems = tir::verify(tirProgram);
    for (const std::string& p : problems)
      diags.report(diag::Id::CodegenFailed, Span{}, "invalid TIR after " + after + ": " + p);
    return problems.empty();
  };
  if (!verified("build")) return failed();
  if (opts_.optLevel > 0 && !optimize::run(tirProgram, verified)) return failed();

  auto context = std::make_unique<llvm::LLVMContext>();
  lower::Options lowerOpts;
  lowerOpts.backtrace = false;
  lowerOpts.moduleName = name;
  lowerOpts.mainName = "flrepl.entry." + std::to_string(++entries_);
  std::unique_ptr<llvm::Module> ir = lower::lower(tirProgram, names_, sm_, *context, *tm_, lowerOpts);
  std::string verifyErrors;
  llvm::raw_string_ostream vos(verifyErrors);
  if (llvm::verifyModule(*ir, &vos)) {
    diags.report(diag::Id::CodegenFailed, Span{}, "invalid LLVM IR:\n" + vos.str());
    return failed();
  }
  if (opts_.llvmPasses) codegen::optimizeModule(*ir, *tm_, opts_.optLevel);
  diags.flush();  // warnings, before the entry's output

  if (llvm::Error e = jit_->addIRModule(llvm::orc::ThreadSafeModule(std::move(ir), std::move(context)))) {
    fprintf(stderr, "error: cannot JIT-compile this entry: %s\n", llvm::toString(std::move(e)).c_str());
    return false;
  }
  auto entry = jit_->lookup(lowerOpts.mainName);
  if (!entry) {
    fprintf(stderr, "error: cannot JIT-compile this entry: %s\n", llvm::toString(entry.takeError()).c_str());
    return false;
  }

  // From now on the entry's names exist (unbound until its defines run), whatever the run does.
  remember(module, program);
  fflush(stdout);
  fflush(stderr);
  return replEval_(entry->toPtr<void (*)(void)>()) == 0;
}

}  // namespace fl::repl
