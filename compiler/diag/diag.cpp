#include "diag/diag.h"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "base/suggest.h"

namespace fl::diag {

namespace {
constexpr KindInfo kKinds[] = {
#define DIAG(id, code, sev, fmt) {#id, code, Severity::sev, fmt},
#define WARN_FLAG(id, kind)
#include "diag/diagnostics.def"
#undef WARN_FLAG
#undef DIAG
};

struct WarnFlag {
  Id id;
  const char* kind;
};
constexpr WarnFlag kWarnFlags[] = {
#define DIAG(id, code, sev, fmt)
#define WARN_FLAG(id, kind) {Id::id, kind},
#include "diag/diagnostics.def"
#undef WARN_FLAG
#undef DIAG
};

// The index of a kind in kWarnFlags' list of distinct kinds, or -1.
int kindIndex(std::string_view kind) {
  std::vector<std::string> kinds = warningKinds();
  for (size_t i = 0; i < kinds.size(); ++i)
    if (kinds[i] == kind) return static_cast<int>(i);
  return -1;
}

const char* severityName(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

constexpr const char* kReset = "\x1b[0m";
constexpr const char* kBold = "\x1b[1m";
const char* severityColour(Severity s) {
  switch (s) {
    case Severity::Error: return "\x1b[1;31m";
    case Severity::Warning: return "\x1b[1;35m";
    case Severity::Note: return "\x1b[1;36m";
  }
  return "";
}
}  // namespace

const KindInfo& info(Id id) { return kKinds[static_cast<size_t>(id)]; }

std::string clipText(std::string_view s) {
  size_t cps = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (++cps > kQuoteLimit) return std::string(s.substr(0, i)) + "...";
  }
  return std::string(s);
}

const char* warningKind(Id id) {
  for (const WarnFlag& w : kWarnFlags)
    if (w.id == id) return w.kind;
  return nullptr;
}

std::vector<std::string> warningKinds() {
  std::vector<std::string> kinds;
  for (const WarnFlag& w : kWarnFlags)
    if (std::find(kinds.begin(), kinds.end(), w.kind) == kinds.end()) kinds.push_back(w.kind);
  return kinds;
}

bool Engine::applyWarningOption(std::string_view opt, std::string* error) {
  std::vector<std::string> kinds = warningKinds();
  kindEnabled_.resize(kinds.size(), true);
  kindError_.resize(kinds.size(), -1);
  bool negated = opt.substr(0, 3) == "no-";
  std::string_view rest = negated ? opt.substr(3) : opt;
  if (rest == "error") {
    werror_ = !negated;
    return true;
  }
  bool isError = rest.substr(0, 6) == "error=";
  std::string_view kind = isError ? rest.substr(6) : rest;
  int k = kindIndex(kind);
  if (k < 0) {
    *error = "unknown warning option '-W" + std::string(opt) + "'";
    Suggester s(kind);
    for (const std::string& name : kinds) s.consider(name);
    if (!s.best().empty())
      *error += "; did you mean '-W" + std::string(negated ? "no-" : "") + (isError ? "error=" : "") + s.best() + "'?";
    else
      *error += " (warning kinds: " + [&] {
        std::string all;
        for (const std::string& name : kinds) all += (all.empty() ? "" : ", ") + name;
        return all;
      }() + ")";
    return false;
  }
  if (isError) kindError_[k] = negated ? 0 : 1;
  else kindEnabled_[k] = !negated;
  if (isError && !negated) kindEnabled_[k] = true;  // -Werror=KIND also turns KIND on
  return true;
}

Diagnostic& Engine::add(Id id, Span span, std::string msg) {
  Severity sev = info(id).severity;
  if (sev == Severity::Warning) {
    const char* kind = warningKind(id);
    int k = kind ? kindIndex(kind) : -1;
    bool enabled = k < 0 || static_cast<size_t>(k) >= kindEnabled_.size() || kindEnabled_[k];
    if (!warnings_ || !enabled) {
      lastDropped_ = true;
      return dropped_ = Diagnostic{id, sev, span, std::move(msg), {}};
    }
    int8_t asError = k >= 0 && static_cast<size_t>(k) < kindError_.size() ? kindError_[k] : -1;
    bool promote = asError < 0 ? werror_ : asError == 1;
    if (kind) msg += std::string(" [-W") + (promote ? "error=" : "") + kind + "]";
    if (promote) sev = Severity::Error;
  }
  if (sev == Severity::Error) {
    ++errors_;
    if (errors_ > errorLimit_) {
      lastDropped_ = true;
      return dropped_ = Diagnostic{id, sev, span, std::move(msg), {}};
    }
  } else if (sev == Severity::Warning) {
    ++warnings_count_;
  }
  lastDropped_ = false;
  diags_.push_back(Diagnostic{id, sev, span, std::move(msg), {}});
  return diags_.back();
}

void Engine::note(Span span, std::string message) {
  if (lastDropped_) dropped_.notes.push_back(Note{span, std::move(message)});
  else if (!diags_.empty()) diags_.back().notes.push_back(Note{span, std::move(message)});
}

void Engine::flush() {
  // Steps report in their own order; users read diagnostics in source order.
  std::stable_sort(diags_.begin(), diags_.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.span.begin < b.span.begin; });
  for (const Diagnostic& d : diags_) {
    std::string s = render(d);
    fwrite(s.data(), 1, s.size(), stderr);
  }
  if (format_ == Format::Console && errors_ > errorLimit_) {
    std::string s = "note: " + std::to_string(errors_ - errorLimit_) + " more errors not shown\n";
    fwrite(s.data(), 1, s.size(), stderr);
  }
  diags_.clear();
  fflush(stderr);
}

std::string Engine::render(const Diagnostic& d) const {
  return format_ == Format::Json ? renderJson(d) : renderConsole(d);
}

void Engine::renderSnippet(std::string& out, Span span, const char* colour) const {
  if (!span.valid() || !sm_.fileAt(span.begin)) return;
  LineCol lc = sm_.lineCol(span.begin);
  std::string_view line = sm_.lineText(span.begin);
  std::string num = std::to_string(lc.line);
  std::string pad(num.size(), ' ');
  // The underlined part of the span on this line (at least one caret).
  std::string_view rest = sm_.text(span);
  size_t nl = rest.find('\n');
  if (nl != std::string_view::npos) rest = rest.substr(0, nl);
  uint32_t width = std::max<uint32_t>(countCodePoints(rest), 1);
  // Very long lines are shown as a window around the column, marked with "...".
  constexpr uint32_t kMaxShown = 160, kContext = 60;
  uint32_t col = lc.col - 1;  // in code points
  uint32_t total = countCodePoints(line);
  uint32_t first = 0, last = total;
  if (total > kMaxShown) {
    first = col > kContext ? col - kContext : 0;
    last = std::min(total, first + kMaxShown);
  }
  std::string shown;
  uint32_t cp = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) != 0x80) ++cp;
    if (cp - 1 < first || cp - 1 >= last) continue;
    shown += (c == '\t') ? ' ' : static_cast<char>(c);
  }
  std::string prefix = first > 0 ? "..." : "";
  out += " " + num + " | " + prefix + shown + (last < total ? "..." : "") + "\n " + pad + " | ";
  out += std::string(prefix.size() + (col - first), ' ');
  width = std::min(width, last > col ? last - col : 1u);
  if (colour) out += colour;
  out += '^';
  out += std::string(width - 1, '~');
  if (colour) out += kReset;
  out += '\n';
}

std::string Engine::renderConsole(const Diagnostic& d) const {
  std::string out;
  const KindInfo& k = info(d.id);
  if (d.span.valid()) {
    if (color_) out += kBold;
    out += sm_.describe(d.span.begin) + ": ";
    if (color_) out += kReset;
  }
  if (color_) out += severityColour(d.severity);
  out += severityName(d.severity);
  if (d.severity != Severity::Note) {
    out += '[';
    out += k.code;
    out += ']';
  }
  if (color_) out += kReset;
  out += ": ";
  if (color_) out += kBold;
  out += d.message;
  if (color_) out += kReset;
  out += '\n';
  renderSnippet(out, d.span, color_ ? severityColour(d.severity) : nullptr);
  for (const Note& n : d.notes) {
    if (n.span.valid()) out += sm_.describe(n.span.begin) + ": ";
    if (color_) out += severityColour(Severity::Note);
    out += "note";
    if (color_) out += kReset;
    out += ": " + n.message + "\n";
    renderSnippet(out, n.span, color_ ? severityColour(Severity::Note) : nullptr);
  }
  return out;
}

std::string jsonEscape(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

namespace {
std::string jsonLocation(const SourceManager& sm, Span span) {
  if (!span.valid() || !sm.fileAt(span.begin)) return "null";
  LineCol b = sm.lineCol(span.begin);
  LineCol e = sm.lineCol(span.end > span.begin ? span.end : span.begin);
  return "{\"file\":\"" + jsonEscape(sm.fileAt(span.begin)->path) + "\",\"line\":" + std::to_string(b.line) +
         ",\"column\":" + std::to_string(b.col) + ",\"end_line\":" + std::to_string(e.line) +
         ",\"end_column\":" + std::to_string(e.col) + "}";
}
}  // namespace

std::string Engine::renderJson(const Diagnostic& d) const {
  const KindInfo& k = info(d.id);
  std::string out = "{\"severity\":\"";
  out += severityName(d.severity);
  out += "\",\"code\":\"";
  out += k.code;
  out += "\",\"message\":\"" + jsonEscape(d.message) + "\",\"location\":" + jsonLocation(sm_, d.span) +
         ",\"notes\":[";
  for (size_t i = 0; i < d.notes.size(); ++i) {
    if (i) out += ',';
    out += "{\"message\":\"" + jsonEscape(d.notes[i].message) + "\",\"location\":" + jsonLocation(sm_, d.notes[i].span) + "}";
  }
  out += "]}\n";
  return out;
}

}  // namespace fl::diag
