// The diagnostics engine: kinds come from diagnostics.def; output is either the console format
//   file:LINE:COL: error[CODE]: message
//    LINE | source line
//         |     ^~~~~
// (colour only on a terminal) or one JSON object per line (--error-format=json).
#pragma once

#include <cstdint>
#include <fmt/format.h>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "base/source.h"

namespace fl::diag {

enum class Severity : uint8_t { Error, Warning, Note };

enum class Id : uint16_t {
#define DIAG(id, code, sev, fmt) id,
#define WARN_FLAG(id, kind)
#include "diag/diagnostics.def"
#undef WARN_FLAG
#undef DIAG
  Count_
};

struct KindInfo {
  const char* name;
  const char* code;
  Severity severity;
  const char* format;
};
const KindInfo& info(Id id);
// The -W kind of a warning ("arity" for -Warity), or nullptr.
const char* warningKind(Id id);
// Every warning kind, in diagnostics.def order.
std::vector<std::string> warningKinds();

struct Note {
  Span span;
  std::string message;
};

struct Diagnostic {
  Id id;
  Severity severity;
  Span span;
  std::string message;
  std::vector<Note> notes;
};

enum class Format { Console, Json };

// A message quotes at most a line's worth of any one name or token: longer text (a 1 MB
// literal) is cut to its first kQuoteLimit code points (the snippet's width), marked "...".
constexpr size_t kQuoteLimit = 160;
std::string clipText(std::string_view s);
template <typename T>
decltype(auto) clip(T&& v) {
  if constexpr (std::is_convertible_v<T, std::string_view>) return clipText(std::string_view(v));
  else return std::forward<T>(v);
}

class Engine {
 public:
  explicit Engine(const SourceManager& sm) : sm_(sm) {}

  const SourceManager& sources() const { return sm_; }
  void setFormat(Format f) { format_ = f; }
  void setColor(bool c) { color_ = c; }
  void setWarningsEnabled(bool w) { warnings_ = w; }
  void setWarningsAsErrors(bool w) { werror_ = w; }
  // Applies one -W option, as written after "-W": "KIND", "no-KIND", "error", "no-error",
  // "error=KIND", "no-error=KIND". Later options override earlier ones. Returns false, with a
  // message, for an unknown option or kind.
  bool applyWarningOption(std::string_view option, std::string* error);
  // Stop recording after this many errors (later reports are counted but dropped).
  void setErrorLimit(unsigned n) { errorLimit_ = n; }

  template <typename... Args>
  Diagnostic& report(Id id, Span span, Args&&... args) {
    const KindInfo& k = info(id);
    std::string msg;
    if constexpr (sizeof...(Args) == 0) msg = k.format;
    else msg = fmt::format(fmt::runtime(k.format), clip(std::forward<Args>(args))...);
    return add(id, span, std::move(msg));
  }
  // Adds a note to the last diagnostic reported.
  void note(Span span, std::string message);

  unsigned errorCount() const { return errors_; }
  unsigned warningCount() const { return warnings_count_; }
  bool hasErrors() const { return errors_ != 0; }
  const std::vector<Diagnostic>& diagnostics() const { return diags_; }

  // Writes every pending diagnostic to stderr (in report order) and clears the list.
  void flush();
  std::string render(const Diagnostic& d) const;

 private:
  Diagnostic& add(Id id, Span span, std::string msg);
  std::string renderConsole(const Diagnostic& d) const;
  std::string renderJson(const Diagnostic& d) const;
  void renderSnippet(std::string& out, Span span, const char* colour) const;

  const SourceManager& sm_;
  std::vector<Diagnostic> diags_;
  Diagnostic dropped_;  // sink for reports beyond the limit or disabled warnings
  bool lastDropped_ = false;  // the last report went to dropped_: so do its notes
  Format format_ = Format::Console;
  bool color_ = false;
  bool warnings_ = true;
  bool werror_ = false;
  // Per warning kind (index into warningKinds()): shown, and -Werror=KIND (1) / -Wno-error=KIND (0).
  std::vector<bool> kindEnabled_;
  std::vector<int8_t> kindError_;  // -1: follows --Werror
  unsigned errorLimit_ = 50;
  unsigned errors_ = 0;
  unsigned warnings_count_ = 0;
};

std::string jsonEscape(std::string_view s);

}  // namespace fl::diag
