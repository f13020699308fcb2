#include "driver/compile.h"

#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "ast/ast.h"
#include "codegen/codegen.h"
#include "codegen/target.h"
#include "diag/diag.h"
#include "driver/paths.h"
#include "driver/timing.h"
#include "expand/expand.h"
#include "infer/infer.h"
#include "lex/lexer.h"
#include "link/link.h"
#include "modules/loader.h"
#include "lower/lower.h"
#include "optimize/lift.h"
#include "optimize/optimize.h"
#include "optimize/remarks.h"
#include "parse/parser.h"
#include "resolve/resolve.h"
#include "tir/build.h"
#include "tir/must_fail.h"
#include "tir/tir.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"
#include "spdlog/spdlog.h"

namespace fl::driver {

namespace {

constexpr int kExitOk = 0;
constexpr int kExitCompileError = 1;
constexpr int kExitInternal = 2;

// Writes a text dump to the -o file, or stdout when -o is absent or "-".
int writeDump(const Options& o, const std::string& text, diag::Engine& diags) {
  if (o.output.empty() || o.output == "-") {
    fwrite(text.data(), 1, text.size(), stdout);
    fflush(stdout);
  } else {
    std::ofstream out(o.output, std::ios::binary);
    out << text;
    if (!out) {
      diags.report(diag::Id::CannotWriteOutput, Span{}, o.output, "write failed");
      diags.flush();
      return kExitCompileError;
    }
  }
  diags.flush();
  return diags.hasErrors() ? kExitCompileError : kExitOk;
}

}  // namespace

void configureDiagnostics(const Options& o, diag::Engine& diags) {
  bool color = o.color == "always" ||
               (o.color == "auto" && !o.jsonErrors && isatty(STDERR_FILENO) && !getenv("NO_COLOR"));
  diags.setFormat(o.jsonErrors ? diag::Format::Json : diag::Format::Console);
  diags.setColor(color);
  diags.setWarningsEnabled(o.warnings);
  for (const std::string& w : o.warningOptions) {
    std::string err;
    diags.applyWarningOption(w, &err);  // validated by the command line
  }
}

// define-foreign symbols must be defined by a library the link uses (§20.7): libc, libm, -l.
void checkForeignSymbols(const Options& o, const ast::Module& module, diag::Engine& diags) {
  if (module.foreigns.empty()) return;
  std::string error;
  codegen::Target target = codegen::hostTarget();
  if (!o.target.empty()) {
    auto t = codegen::parseTarget(o.target, error);
    if (!t) return;  // reported when the target is needed
    target = *t;
  }
  for (const ast::Foreign& f : module.foreigns) {
    std::string searched;
    if (!link::findSymbol(target, o.libraryArgs, f.symbol, searched))
      diags.report(diag::Id::ForeignSymbolMissing, f.span, f.symbol, searched);
  }
}

bool preloadInput(Options& o, std::string* error) {
  struct stat st;
  bool special = o.input == "-" || (stat(o.input.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode));
  if (!special) return true;
  std::ostringstream ss;
  if (o.input == "-") {
    ss << std::cin.rdbuf();
  } else {
    std::ifstream in(o.input, std::ios::binary);
    if (!in) {
      *error = "cannot open file";
      return false;
    }
    ss << in.rdbuf();
  }
  o.inputText = ss.str();
  o.inputName = o.input == "-" ? "<stdin>" : o.input;
  return true;
}

// The main file: read now, or the text preloadInput already read.
static const SourceFile* loadInput(SourceManager& sm, const Options& o, std::string* error) {
  if (o.inputText) return &sm.file(sm.addFile(o.inputName, *o.inputText));
  return sm.loadFile(o.input, error);
}

int compile(const Options& o, const std::string& exePath) {
  SourceManager sm;
  Interner names;
  diag::Engine diags(sm);
  configureDiagnostics(o, diags);
  auto fail = [&]() {
    diags.flush();
    return kExitCompileError;
  };

  StepTimer timer(o.verbose, o.timeReport);
  std::string readError;
  const SourceFile* file = loadInput(sm, o, &readError);
  if (!file) {
    diags.report(diag::Id::CannotReadFile, Span{}, o.input, readError);
    return fail();
  }

  // lex + parse (dumps of the main file)
  if (o.emit == Emit::Tokens || o.emit == Emit::Ast) {
    std::vector<lex::Token> tokens = lex::lex(*file, diags);
    if (o.emit == Emit::Tokens) return writeDump(o, lex::dumpTokens(tokens, sm), diags);
    parse::Forest forest;
    std::vector<parse::DatumId> top = parse::parse(tokens, forest, names, diags);
    return writeDump(o, parse::dumpDatums(forest, top, names, sm), diags);
  }

  // lex + parse of the main file and every module it imports (§13)
  parse::Forest forest;
  modules::Options modOpts{o.includeDirs, modules::defaultStdlibDir()};
  modules::Program program = modules::load(*file, modOpts, sm, forest, names, diags);
  timer.done("parse", std::to_string(program.files.size()) + " file(s)"); // lex, parse, modules
  if (diags.hasErrors()) return fail();

  // expand + resolve
  ast::Module module = expand::expand(forest, program, names, diags, o.checkContracts);
  resolve::resolve(module, names, diags);
  checkForeignSymbols(o, module, diags);
  timer.done("resolve", std::to_string(module.nodes.size()) + " nodes, " + std::to_string(module.lambdas.size()) +
                            " lambdas");  // expand + resolve
  if (o.emit == Emit::Core) return writeDump(o, ast::dumpModule(module, names, sm), diags);
  if (diags.hasErrors()) return fail();

  // lambda lifting (before infer: the former captures are then specialised like arguments)
  if (o.optLevel > 0 && o.command != Command::Check) {
    size_t lifted = optimize::liftLambdas(module);
    timer.done("lift", std::to_string(lifted) + " lambdas");
  }

  // infer
  infer::Program typed = infer::infer(module, names);
  timer.done("infer", std::to_string(typed.instances.size()) + " instances");
  if (o.emit == Emit::Typed) return writeDump(o, infer::dumpTyped(typed, module, names, sm), diags);
  if (o.emit == Emit::Effects) return writeDump(o, infer::dumpEffects(typed, module, names), diags);

  // TIR: built from the typed program, rewritten by the optimizer's passes
  tir::Program tirProgram = tir::build(module, std::move(typed), names);
  tir::warnMustFail(tirProgram, names, diags);  // -Warity: from the types, before any rewriting
  if (o.command == Command::Check) {
    diags.flush();
    return diags.hasErrors() ? kExitCompileError : kExitOk;
  }
  auto checkTir = [&](const std::string& after) {
    bool wanted = std::find(o.dumpAfter.begin(), o.dumpAfter.end(), after) != o.dumpAfter.end() ||
                  std::find(o.dumpAfter.begin(), o.dumpAfter.end(), "all") != o.dumpAfter.end();
    if (wanted) {
      std::string text = "; TIR after " + after + "\n" + tir::dump(tirProgram, names, sm);
      fwrite(text.data(), 1, text.size(), stderr);
    }
#ifdef NDEBUG
    if (!o.verifyTir) return true;
#endif
    std::vector<std::string> problems = tir::verify(tirProgram);
    if (problems.empty()) return true;
    std::string all;
    for (const std::string& p : problems) all += "\n  " + p;
    diags.report(diag::Id::CodegenFailed, Span{}, "invalid TIR after " + after + ":" + all);
    return false;
  };
  if (!checkTir("build")) return fail();
  timer.done("tir");
  // optimize: the passes of optimize/passes.def, each TIR -> TIR (flc's own optimizer runs at -O1
  // and above only, so -O0 output follows the source one to one)
  if (o.optLevel > 0 && !optimize::run(tirProgram, checkTir)) return fail();
  if (o.optLevel > 0) timer.done("optimize");
  if (o.remarks) {
    std::string text = optimize::formatRemarks(optimize::remarks(tirProgram, names), sm);
    fwrite(text.data(), 1, text.size(), stderr);
  }
  if (o.emit == Emit::Tir) return writeDump(o, tir::dump(tirProgram, names, sm), diags);

  // lower + LLVM
  std::string error;
  codegen::Target target = codegen::hostTarget();
  if (!o.target.empty()) {
    auto t = codegen::parseTarget(o.target, error);
    if (!t) {
      diags.report(diag::Id::UnknownTarget, Span{}, o.target, error);
      return fail();
    }
    target = *t;
  }
  std::unique_ptr<llvm::TargetMachine> tm = codegen::createTargetMachine(target, o.optLevel, error);
  if (!tm) {
    diags.report(diag::Id::UnknownTarget, Span{}, o.target, error);
    return fail();
  }
  llvm::LLVMContext context;
  lower::Options lowerOpts;
  lowerOpts.printResult = o.printResult;
  lowerOpts.debugInfo = o.debugInfo;
  lowerOpts.backtrace = o.backtrace;
  lowerOpts.debugSpill = o.debugInfo && o.optLevel == 0;
  lowerOpts.moduleName = o.input;
  std::unique_ptr<llvm::Module> ir = lower::lower(tirProgram, names, sm, context, *tm, lowerOpts);
  timer.done("lower", std::to_string(ir->size()) + " LLVM functions");
  std::string verifyErrors;
  llvm::raw_string_ostream vos(verifyErrors);
  if (llvm::verifyModule(*ir, &vos)) {
    vos.flush();
    diags.report(diag::Id::CodegenFailed, Span{}, "invalid LLVM IR:\n" + verifyErrors);
    return fail();
  }
  if (o.llvmPasses) {
    codegen::optimizeModule(*ir, *tm, o.optLevel);
    timer.done("llvm-opt");
  }
  if (o.emit == Emit::Llvm) {
    std::string text;
    llvm::raw_string_ostream os(text);
    ir->print(os, nullptr);
    os.flush();
    return writeDump(o, text, diags);
  }
  if (o.emit == Emit::Asm) {
    std::string text;
    if (!codegen::emitToString(*ir, *tm, codegen::FileKind::Assembly, text, error)) {
      diags.report(diag::Id::CodegenFailed, Span{}, error);
      return fail();
    }
    return writeDump(o, text, diags);
  }

  std::string objPath = o.emit == Emit::Obj ? exePath : exePath + ".o";
  if (!codegen::emitFile(*ir, *tm, codegen::FileKind::Object, objPath, error)) {
    diags.report(diag::Id::CannotWriteOutput, Span{}, objPath, error);
    return fail();
  }
  timer.done("codegen");
  if (o.emit == Emit::Obj) {
    diags.flush();
    return kExitOk;
  }

  // link
  link::Job job;
  job.target = target;
  job.objects = {objPath};
  job.output = exePath;
  job.staticLink = o.staticLink;
  job.libraryArgs = o.libraryArgs;
  job.keepDebugInfo = o.debugInfo || o.backtrace;
  job.debugHelpers = o.debugInfo;  // the line tables backtraces read
  job.runtimeLib = runtimeLibraryPath(target.multiarch);
  if (!std::filesystem::exists(job.runtimeLib)) {
    diags.report(diag::Id::RuntimeNotFound, Span{}, target.multiarch, job.runtimeLib);
    std::filesystem::remove(objPath);
    return fail();
  }
  std::string linkLog;
  bool linked = link::run(job, error, o.verbose ? &linkLog : nullptr);
  timer.done("link");
  if (o.verbose) spdlog::info("link: {}", linkLog.substr(0, linkLog.size() - 1));
  std::error_code ec;
  std::filesystem::remove(objPath, ec);
  if (!linked) {
    diags.report(diag::Id::LinkFailed, Span{}, error);
    return fail();
  }
  diags.flush();
  return diags.hasErrors() ? kExitCompileError : kExitOk;
}

std::vector<std::string> programFiles(const Options& o) {
  SourceManager sm;
  Interner names;
  diag::Engine silent(sm);
  std::string err;
  const SourceFile* file = loadInput(sm, o, &err);
  if (!file) return {};
  parse::Forest forest;
  modules::Options modOpts{o.includeDirs, modules::defaultStdlibDir()};
  modules::Program program = modules::load(*file, modOpts, sm, forest, names, silent);
  std::vector<std::string> out;
  for (const modules::File& f : program.files) out.push_back(f.source->path);
  return out;
}

namespace {
struct ThreadArgs {
  const Options* opts;
  const std::string* exePath;
  int result = kExitInternal;
};
void* compileThread(void* p) {
  auto* a = static_cast<ThreadArgs*>(p);
  a->result = compile(*a->opts, *a->exePath);
  return nullptr;
}
}  // namespace

int compileOnLargeStack(const Options& opts, const std::string& exePath) {
  constexpr size_t kStackSize = size_t(1) << 30;  // virtual; only touched pages are committed
  ThreadArgs args{&opts, &exePath};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, kStackSize);
  pthread_t thread;
  if (pthread_create(&thread, &attr, compileThread, &args) != 0) {
    pthread_attr_destroy(&attr);
    return compile(opts, exePath);
  }
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  return args.result;
}

}  // namespace fl::driver
