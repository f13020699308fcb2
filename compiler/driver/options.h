// What the user asked for on the command line (filled by main.cpp, read by every driver piece).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace fl::driver {

enum class Command { Build, Run, Check };
enum class Emit { Tokens, Ast, Core, Typed, Effects, Tir, Llvm, Asm, Obj, Exe };

struct Options {
  Command command = Command::Build;
  std::string input;
  bool timeReport = false;            // --time-report: a table of the compile steps' times
  // The source text when it was read before the pipeline runs: `-` (standard input) or a file
  // that cannot be read twice (/dev/stdin, a pipe); inputName then names it in diagnostics.
  std::optional<std::string> inputText;
  std::string inputName;
  std::string output;                 // build: -o (default: input without .fl); "-" = stdout for dumps
  std::vector<std::string> programArgs;  // run: arguments after FILE
  std::vector<std::string> includeDirs;
  std::vector<std::string> libraryArgs;  // -lNAME / -LDIR in command-line order (define-foreign)
  Emit emit = Emit::Exe;
  int optLevel = 2;
  std::string target;                 // empty = host
  bool staticLink = false;
  bool debugInfo = false;
  bool backtrace = true;              // --no-backtrace: no line tables, no backtrace on uncaught errors
  bool printResult = false;
  bool jsonErrors = false;
  std::string color = "auto";         // auto | always | never
  bool warnings = true;
  std::vector<std::string> warningOptions;  // -WKIND, -Wno-KIND, -Werror=KIND ... in order (after "-W")
  bool verbose = false;
  bool llvmPasses = true;
  bool checkContracts = false;        // --contracts=check
  std::vector<std::string> dumpAfter; // --dump-after=PASS: the TIR after that pass ("all": every pass)
  bool verifyTir = false;             // --verify-tir (or FLC_VERIFY_TIR=1): verify TIR after every pass
  bool remarks = false;               // --remarks: operations left generic, after the optimizer
};

}  // namespace fl::driver
