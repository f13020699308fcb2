// flc: the FluentAI native compiler. See `flc --help` and docs/driver.md.
#include <cstring>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "base/suggest.h"
#include "codegen/target.h"
#include "diag/diag.h"
#include "driver/compile.h"
#include "driver/options.h"
#include "driver/run.h"
#include "repl/repl.h"
#include "spdlog/sinks/stdout_color_sinks.h"
#include "spdlog/spdlog.h"

using namespace fl::driver;

namespace {

// `flc run [options] FILE [program args...]`: everything after FILE belongs to the program.
// Returns the index of FILE in argv (0 if this is not a run command line).
int findRunFile(int argc, char** argv) {
  static const std::set<std::string> kTakesValue = {"-o", "-I", "--target", "--log-level", "--emit",
                                                     "--error-format", "--color", "--contracts", "--dump-after", "-W",
                                                     "-l", "-L"};
  bool seenRun = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--") return seenRun && i + 1 < argc ? i + 1 : 0;
    if (!a.empty() && a[0] == '-') {
      if (kTakesValue.count(a)) ++i;
      continue;
    }
    if (!seenRun) {
      if (a != "run") return 0;
      seenRun = true;
      continue;
    }
    return i;
  }
  return 0;
}

// -l / -L keep their command-line order, as for a C linker (define-foreign, §20.7).
void addLibraryOptions(CLI::App* cmd, Options& o) {
  cmd->add_option_function<std::string>(
         "-l", [&o](const std::string& v) { o.libraryArgs.push_back("-l" + v); },
         "link library NAME (libNAME.so or .a) for define-foreign functions; also -lNAME")
      ->trigger_on_parse()
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option_function<std::string>(
         "-L", [&o](const std::string& v) { o.libraryArgs.push_back("-L" + v); },
         "search DIR for -l libraries (before the system directories; also the executable's run-time search path); also -LDIR")
      ->trigger_on_parse()
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

void addWarningOptions(CLI::App* cmd, Options& o) {
  std::string kinds;
  for (const std::string& k : fl::diag::warningKinds()) kinds += (kinds.empty() ? "" : ", ") + k;
  cmd->add_flag("!-w", o.warnings, "disable all warnings");
  // Both kinds of option go to one list, in command-line order (later ones override earlier ones).
  cmd->add_flag_function(
         "--Werror", [&o](int64_t) { o.warningOptions.push_back("error"); },
         "treat warnings as errors (also -Werror)")
      ->trigger_on_parse();
  cmd->add_option_function<std::string>(
         "-W", [&o](const std::string& v) { o.warningOptions.push_back(v); },
         "-WKIND / -Wno-KIND: show or hide one kind of warning; -Werror=KIND / -Wno-error=KIND: make "
         "one kind an error or not; -Werror: all warnings are errors. Kinds: " + kinds)
      ->trigger_on_parse()
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->option_text("KIND");
}

void addCompileOptions(CLI::App* cmd, Options& o, bool withOutput) {
  cmd->add_option("file", o.input, "FluentAI source file (.fl), or - for standard input")->required();
  if (withOutput) cmd->add_option("-o,--output", o.output, "output file (default: FILE without .fl; '-' = stdout for dumps)");
  cmd->add_option("-O", o.optLevel, "optimization level 0-3 (-O0 .. -O3, default 2)")->check(CLI::Range(0, 3));
  cmd->add_option("--target", o.target, "target triple: x86_64-linux-gnu (host) or aarch64-linux-gnu");
  cmd->add_flag("--static", o.staticLink, "link a static executable");
  cmd->add_flag("-g", o.debugInfo, "emit DWARF debug information (source lines of every function)");
  cmd->add_flag("!--no-backtrace", o.backtrace,
                "an uncaught error prints no backtrace (and the executable has no line tables; at run time "
                "FLRT_BACKTRACE=0 also hides it)");
  cmd->add_option("-I", o.includeDirs, "module search directory (after the importing file's directory)");
  addLibraryOptions(cmd, o);
  cmd->add_option_function<std::string>(
         "--contracts", [&o](const std::string& v) { o.checkContracts = v == "check"; },
         "check :requires/:ensures/:invariant at run time: check or off (default off)")
      ->check(CLI::IsMember({"check", "off"}));
  cmd->add_flag("--print-result", o.printResult,
                "after a normal finish, print the value of the last top-level form (write form)");
  addWarningOptions(cmd, o);
  cmd->add_flag("!--no-llvm-passes", o.llvmPasses,
                "skip LLVM's optimization pipeline (flc's own optimizer still runs at -O1 and above)");
  cmd->add_option("--dump-after", o.dumpAfter,
                  "print the TIR to stderr after the named optimizer pass (see docs/tir.md; 'build' is the TIR "
                  "infer builds, 'all' every pass)");
  cmd->add_flag("--time-report", o.timeReport, "print the time of each compile step as a table on stderr");
  cmd->add_flag("--verify-tir", o.verifyTir, "check the TIR's invariants after it is built and after every pass");
  cmd->add_flag("--remarks", o.remarks,
                "list on stderr every operation left generic (boxed arithmetic, unknown call, closure "
                "allocation, unbound check, boxed Float) with its location and why (docs/remarks.md)");
}

// After a command line CLI11 rejected: "did you mean" for an unknown option or subcommand (the
// closest name the command accepts, by edit distance).
void suggestForMistypedArgument(CLI::App& app, const std::vector<char*>& args) {
  std::vector<std::string> options, commands;
  auto addOptions = [&](const CLI::App* a) {
    for (const CLI::Option* opt : a->get_options()) {
      for (const std::string& l : opt->get_lnames()) options.push_back("--" + l);
      for (const std::string& s : opt->get_snames()) options.push_back("-" + s);
    }
  };
  addOptions(&app);
  for (const CLI::App* sub : app.get_subcommands({})) {
    commands.push_back(sub->get_name());
    addOptions(sub);
  }
  bool sawCommand = false;
  for (size_t i = 1; i < args.size(); ++i) {
    std::string a = args[i];
    if (a.size() > 1 && a[0] == '-') {
      std::string name = a.substr(0, a.find('='));
      if (name.size() < 4 || std::find(options.begin(), options.end(), name) != options.end()) continue;
      if (name[1] != '-') continue;  // short options take their value attached (-O2, -lm)
      fl::Suggester s(name);
      for (const std::string& o : options) s.consider(o);
      if (!s.best().empty()) fprintf(stderr, "flc: unknown option '%s'; did you mean '%s'?\n", name.c_str(), s.best().c_str());
      return;
    }
    if (sawCommand) continue;
    sawCommand = true;
    if (std::find(commands.begin(), commands.end(), a) != commands.end()) continue;
    fl::Suggester s(a);
    for (const std::string& c : commands) s.consider(c);
    if (!s.best().empty()) fprintf(stderr, "flc: unknown command '%s'; did you mean '%s'?\n", a.c_str(), s.best().c_str());
    return;
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  int runFile = findRunFile(argc, argv);
  int cliArgc = runFile ? runFile + 1 : argc;
  if (runFile)
    for (int i = runFile + 1; i < argc; ++i) o.programArgs.push_back(argv[i]);
  // A literal "--" before FILE is ours, not the program's.
  std::vector<char*> cliArgv(argv, argv + cliArgc);
  cliArgv.erase(std::remove_if(cliArgv.begin() + 1, cliArgv.end(), [](char* a) { return strcmp(a, "--") == 0; }),
                cliArgv.end());

  CLI::App app{"flc - the FluentAI native compiler: compiles .fl programs to native executables\n"
               "for x86-64 and AArch64 Linux."};
  app.set_version_flag("--version", "flc " FLC_VERSION " (LLVM 19, host " FLC_HOST_TRIPLE ")");
  app.require_subcommand(1);
  app.fallthrough();  // global options (-v, --error-format, ...) may also follow the subcommand
  std::string logLevel = "warn";
  bool verbose = false;
  std::string errorFormat = "human";
  app.add_flag("-v,--verbose", verbose, "trace the compiler's steps and print the linker command line");
  app.add_option("--log-level", logLevel, "compiler log level: trace, debug, info, warn, error, off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  app.add_option("--error-format", errorFormat, "diagnostics format: human or json (one object per line)")
      ->check(CLI::IsMember({"human", "json"}));
  app.add_option("--color", o.color, "colour diagnostics: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));

  std::string emit = "exe";
  CLI::App* build = app.add_subcommand("build", "compile FILE into an executable (or a dump with --emit)");
  addCompileOptions(build, o, true);
  build->add_option("--emit", emit,
                    "stop after a step and write its result: tokens, ast, core, typed, effects, tir (after the "
                    "optimizer), llvm, asm, obj, exe")
      ->check(CLI::IsMember({"tokens", "ast", "core", "typed", "effects", "tir", "llvm", "asm", "obj", "exe"}));

  CLI::App* run = app.add_subcommand("run", "compile FILE (cached) and run it: flc run [options] FILE [args...]");
  addCompileOptions(run, o, false);

  CLI::App* check = app.add_subcommand("check", "parse, resolve and infer FILE; report diagnostics only");
  check->add_option("file", o.input, "FluentAI source file (.fl), or - for standard input")->required();
  check->add_option("-I", o.includeDirs, "module search directory (after the importing file's directory)");
  addLibraryOptions(check, o);  // where define-foreign symbols are looked up
  addWarningOptions(check, o);
  check->add_flag("--time-report", o.timeReport, "print the time of each compile step as a table on stderr");

  CLI::App* repl = app.add_subcommand(
      "repl", "an interactive session: each form entered is compiled (JIT) and run; :help lists its commands");
  repl->add_option("-O", o.optLevel, "optimization level 0-3 (-O0 .. -O3, default 2)")->check(CLI::Range(0, 3));
  repl->add_option("-I", o.includeDirs, "module search directory (after the current directory)");
  repl->add_option_function<std::string>(
          "--contracts", [&o](const std::string& v) { o.checkContracts = v == "check"; },
          "check :requires/:ensures/:invariant at run time: check or off (default off)")
      ->check(CLI::IsMember({"check", "off"}));
  addWarningOptions(repl, o);

  try {
    app.parse(static_cast<int>(cliArgv.size()), cliArgv.data());
  } catch (const CLI::ParseError& e) {
    int status = app.exit(e);
    suggestForMistypedArgument(app, cliArgv);
    return status;
  }

  o.verbose = verbose;
  {
    fl::SourceManager sm;
    fl::diag::Engine probe(sm);
    for (const std::string& w : o.warningOptions) {
      std::string err;
      if (!probe.applyWarningOption(w, &err)) {
        fprintf(stderr, "error: %s\n", err.c_str());
        return 1;
      }
    }
  }
  if (const char* v = getenv("FLC_VERIFY_TIR"); v && *v && strcmp(v, "0") != 0) o.verifyTir = true;
  o.jsonErrors = errorFormat == "json";
  auto logger = spdlog::stderr_color_mt("flc");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("flc: %l: %v");
  spdlog::set_level(spdlog::level::from_str(verbose && logLevel == "warn" ? "info" : logLevel));

  static const std::pair<const char*, Emit> kEmits[] = {
      {"tokens", Emit::Tokens}, {"ast", Emit::Ast},   {"core", Emit::Core}, {"typed", Emit::Typed},
      {"effects", Emit::Effects}, {"tir", Emit::Tir},   {"llvm", Emit::Llvm}, {"asm", Emit::Asm},
      {"obj", Emit::Obj},       {"exe", Emit::Exe}};
  for (auto [name, e] : kEmits)
    if (emit == name) o.emit = e;
  std::string readError;
  preloadInput(o, &readError);  // `-`, /dev/stdin, pipes: read once (an unreadable file is reported later)

  if (repl->parsed()) return fl::repl::runRepl(o);
  if (check->parsed()) {
    o.command = Command::Check;
    return compileOnLargeStack(o, "");
  }
  if (run->parsed()) {
    o.command = Command::Run;
    if (!o.target.empty()) {
      std::string err;
      auto t = fl::codegen::parseTarget(o.target, err);
      if (!t || !t->isHost) {
        fprintf(stderr, "error: flc run runs programs for the host only; use flc build --target=%s\n", o.target.c_str());
        return 1;
      }
    }
    return runProgram(o);
  }
  o.command = Command::Build;
  std::string out = o.output;
  if (out.empty()) {
    std::filesystem::path p(o.input);
    if (o.input == "-") out = o.emit == Emit::Obj ? "a.o" : "a.out";
    else if (o.emit == Emit::Obj) out = p.replace_extension(".o").filename().string();
    else if (o.emit == Emit::Exe) out = p.extension() == ".fl" ? p.stem().string() : p.filename().string() + ".out";
  }
  return compileOnLargeStack(o, out);
}
