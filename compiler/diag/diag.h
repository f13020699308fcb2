// The diagnostics engine: kinds come from diagnostics.def; output is either the console format
//   file:LINE:COL: error[CODE]: message
//    LINE | source line
//         |     ^~~~~
// (colour only on a terminal) or one JSON object per line (--error-format=json).
#pragma once

#include <cstdint>
#include <fmt/format.h>
#include <string>
#include <vector>

#include "base/source.h"

namespace fl::diag {

enum class Severity : uint8_t { Error, Warning, Note };

enum class Id : uint16_t {
#define DIAG(id, code, sev, fmt) id,
#include "diag/diagnostics.def"
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

class Engine {
 public:
  explicit Engine(const SourceManager& sm) : sm_(sm) {}

  void setFormat(Format f) { format_ = f; }
  void setColor(bool c) { color_ = c; }
  void setWarningsEnabled(bool w) { warnings_ = w; }
  void setWarningsAsErrors(bool w) { werror_ = w; }
  // Stop recording after this many errors (later reports are counted but dropped).
  void setErrorLimit(unsigned n) { errorLimit_ = n; }

  template <typename... Args>
  Diagnostic& report(Id id, Span span, Args&&... args) {
    const KindInfo& k = info(id);
    std::string msg;
    if constexpr (sizeof...(Args) == 0) msg = k.format;
    else msg = fmt::format(fmt::runtime(k.format), std::forward<Args>(args)...);
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
  Format format_ = Format::Console;
  bool color_ = false;
  bool warnings_ = true;
  bool werror_ = false;
  unsigned errorLimit_ = 50;
  unsigned errors_ = 0;
  unsigned warnings_count_ = 0;
};

std::string jsonEscape(std::string_view s);

}  // namespace fl::diag
