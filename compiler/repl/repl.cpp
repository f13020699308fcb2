#include "repl/repl.h"

#include <unistd.h>

#include <cerrno>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/suggest.h"
#include "diag/diag.h"
#include "lex/lexer.h"
#include "parse/parser.h"
#include "repl/session.h"

// libedit's readline interface (Debian: libedit-dev)
#include <editline/readline.h>

namespace fl::repl {

namespace {

constexpr const char* kPrompt = "fl> ";
constexpr const char* kMorePrompt = "... ";
constexpr const char* kName = "<repl>";

const char* const kHelp =
    "Enter FluentAI forms; each is compiled and run as it is entered. Definitions persist, an\n"
    "expression prints its value (write form), an error is printed and the session goes on.\n"
    "A form continues over several lines until its parentheses balance.\n"
    "  :type EXPR      the inferred type of EXPR (EXPR is not run)\n"
    "  :effects EXPR   the inferred effects of EXPR (EXPR is not run)\n"
    "  :load FILE      run every form of FILE in this session\n"
    "  :help           this text\n"
    "  :quit           end the session (also end of input, Ctrl-D)\n";

const char* const kCommands[] = {":type", ":effects", ":load", ":help", ":quit"};

// The text ends inside a list, a string or a block comment: more lines are needed.
bool incomplete(const std::string& text) {
  SourceManager sm;
  Interner names;
  diag::Engine diags(sm);
  std::vector<lex::Token> tokens = lex::lex(sm.file(sm.addFile(kName, text)), diags);
  parse::Forest forest;
  parse::parse(tokens, forest, names, diags);
  for (const diag::Diagnostic& d : diags.diagnostics())
    if (d.id == diag::Id::UnclosedParen || d.id == diag::Id::UnterminatedString ||
        d.id == diag::Id::UnterminatedBlockComment)
      return true;
  return false;
}

// `text` with everything outside [begin, end) blanked (newlines kept), so that the form keeps
// its lines and columns in diagnostics.
std::string onlyRange(const std::string& text, uint32_t begin, uint32_t end) {
  std::string out = text;
  for (size_t i = 0; i < out.size(); ++i)
    if ((i < begin || i >= end) && out[i] != '\n') out[i] = ' ';
  return out;
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

class Loop {
 public:
  Loop(Session& session, bool interactive) : session_(session), interactive_(interactive) {}

  void run() {
    if (interactive_) {
      using_history();
      if (const char* h = historyPath()) read_history(h);
      printf("flc %s repl: :help for commands, :quit or Ctrl-D to leave\n", FLC_VERSION);
      fflush(stdout);
    }
    std::string buffer;
    std::string line;
    while (readLine(buffer.empty() ? kPrompt : kMorePrompt, line)) {
      buffer += line;
      buffer += '\n';
      if (blank(buffer)) {
        buffer.clear();
        continue;
      }
      size_t start = buffer.find_first_not_of(" \t\r\n");
      bool command = buffer[start] == ':';
      std::string body = command ? commandArgument(buffer, start) : buffer;
      if (incomplete(body)) continue;
      if (interactive_) remember(buffer);
      bool go = command ? runCommand(buffer, start) : evalForms(buffer);
      buffer.clear();
      if (!go) break;
    }
    if (!buffer.empty() && !blank(buffer)) evalForms(buffer);  // input ended inside a form: report it
    if (interactive_) printf("\n");
  }

 private:
  static const char* historyPath() {
    static std::string path;
    if (const char* h = getenv("FLC_HISTORY")) {
      if (!*h) return nullptr;
      path = h;
    } else if (const char* home = getenv("HOME"); home && *home) {
      path = std::string(home) + "/.flc_history";
    } else {
      return nullptr;
    }
    return path.c_str();
  }

  void remember(const std::string& entry) {
    std::string e = entry;
    while (!e.empty() && (e.back() == '\n' || e.back() == ' ')) e.pop_back();
    add_history(e.c_str());
    if (const char* h = historyPath()) write_history(h);
  }

  bool readLine(const char* prompt, std::string& line) {
    if (interactive_) {
      char* l = readline(prompt);
      if (!l) return false;
      line = l;
      free(l);
      return true;
    }
    // Byte by byte, without stdio's buffer: what the session does not read is left for the
    // program's read-line.
    line.clear();
    char c;
    bool any = false;
    for (;;) {
      ssize_t n = read(STDIN_FILENO, &c, 1);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      any = true;
      if (c == '\n') break;
      line += c;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return any;
  }

  // The text after a command's name (blanked command name, so columns stay right).
  static std::string commandArgument(const std::string& buffer, size_t start) {
    size_t end = buffer.find_first_of(" \t\r\n", start);
    if (end == std::string::npos) end = buffer.size();
    return onlyRange(buffer, static_cast<uint32_t>(end), static_cast<uint32_t>(buffer.size()));
  }

  // One entry for everything entered at once (definitions on one line may refer to each other);
  // each top-level expression prints its value.
  bool evalForms(const std::string& text) {
    session_.eval(kName, text, Mode::Run);
    return true;
  }

  bool runCommand(const std::string& buffer, size_t start) {
    size_t end = buffer.find_first_of(" \t\r\n", start);
    std::string name = buffer.substr(start, end == std::string::npos ? std::string::npos : end - start);
    std::string arg = commandArgument(buffer, start);
    std::string trimmed = arg.substr(arg.find_first_not_of(" \t\r\n") == std::string::npos ? arg.size()
                                                                                               : arg.find_first_not_of(" \t\r\n"));
    while (!trimmed.empty() && (trimmed.back() == '\n' || trimmed.back() == ' ' || trimmed.back() == '\t'))
      trimmed.pop_back();
    if (name == ":quit" || name == ":q") return false;
    if (name == ":help" || name == ":h" || name == ":?") {
      fputs(kHelp, stdout);
      fflush(stdout);
      return true;
    }
    if (name == ":type" || name == ":t" || name == ":effects") {
      if (trimmed.empty()) {
        fprintf(stderr, "error: %s needs an expression, e.g. %s (+ 1 2)\n", name.c_str(), name.c_str());
        return true;
      }
      session_.eval(kName, arg, name == ":effects" ? Mode::Effects : Mode::Type);
      return true;
    }
    if (name == ":load" || name == ":l") {
      if (trimmed.size() >= 2 && trimmed.front() == '"' && trimmed.back() == '"') trimmed = trimmed.substr(1, trimmed.size() - 2);
      if (trimmed.empty()) {
        fprintf(stderr, "error: :load needs a file, e.g. :load examples/hello.fl\n");
        return true;
      }
      std::error_code ec;
      if (std::filesystem::is_directory(trimmed, ec)) {
        fprintf(stderr, "error: cannot load '%s': it is a directory\n", trimmed.c_str());
        return true;
      }
      std::ifstream in(trimmed, std::ios::binary);
      if (!in) {
        fprintf(stderr, "error: cannot read '%s'\n", trimmed.c_str());
        return true;
      }
      std::ostringstream ss;
      ss << in.rdbuf();
      session_.eval(trimmed, ss.str(), Mode::Load);
      return true;
    }
    Suggester s(name);
    for (const char* c : kCommands) s.consider(c);
    fprintf(stderr, "error: unknown command '%s'%s; :help lists the commands\n", name.c_str(),
            s.best().empty() ? "" : (" (did you mean '" + s.best() + "'?)").c_str());
    return true;
  }

  Session& session_;
  bool interactive_;
};

void runLoop(void* arg) { static_cast<Loop*>(arg)->run(); }

}  // namespace

int runRepl(const driver::Options& opts) {
  Session session(opts);
  std::string error;
  if (!session.start(&error)) {
    fprintf(stderr, "error: %s\n", error.c_str());
    return 2;
  }
  Loop loop(session, isatty(STDIN_FILENO) != 0);
  static char arg0[] = "flc-repl";
  static char* argv[] = {arg0, nullptr};
  session.runOnProgramStack(runLoop, &loop, 1, argv);
  return 0;
}

}  // namespace fl::repl
