// One `flc repl` session: each entry is compiled by the ordinary pipeline as a program of its
// own (an ast::Module::sessionEntry that sees the earlier entries' names and constructors),
// JIT-compiled with LLVM's ORC LLJIT, and run in this process by libflrt.so, the runtime built
// as a shared library, which holds every entry's globals and heap. docs/repl.md describes it.
#pragma once

#include <memory>
#include <string>

#include "ast/ast.h"
#include "base/interner.h"
#include "base/source.h"
#include "driver/options.h"
#include "modules/loader.h"

namespace llvm {
class TargetMachine;
namespace orc {
class LLJIT;
}
}  // namespace llvm

namespace fl::repl {

enum class Mode {
  Run,      // compile and run; print the value of an expression
  Load,     // compile and run a file's forms; print nothing
  Type,     // print the inferred type of the last form (nothing runs)
  Effects,  // print its inferred effects (nothing runs)
};

class Session {
 public:
  explicit Session(const driver::Options& opts);
  ~Session();

  // Loads libflrt.so and creates the JIT. False (with a message) if either fails.
  bool start(std::string* error);
  // Runs loop(arg) on the runtime's program stack (flrt_repl_main); returns when it returns.
  void runOnProgramStack(void (*loop)(void*), void* arg, int argc, char** argv);

  // Compiles `text` (named `name` in diagnostics) as the next entry and, in Run and Load mode,
  // runs it. Diagnostics and runtime errors are reported on stderr. False when it did not
  // compile or its run raised an error.
  bool eval(const std::string& name, const std::string& text, Mode mode);

 private:
  void remember(const ast::Module& module, const modules::Program& program);

  driver::Options opts_;
  SourceManager sm_;
  Interner names_;
  ast::SessionScope scope_;
  std::unique_ptr<llvm::TargetMachine> tm_;
  std::unique_ptr<llvm::orc::LLJIT> jit_;
  void (*replMain_)(int, char**, void (*)(void*), void*) = nullptr;
  int (*replEval_)(void (*)(void)) = nullptr;
  unsigned entries_ = 0;
};

// The path of libflrt.so for the host, next to libflrt.a (driver/paths.h).
std::string sharedRuntimePath();

}  // namespace fl::repl
