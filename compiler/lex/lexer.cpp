// The lexer proper: whitespace, comments, punctuation, strings and atoms (LANGUAGE.md §1.1-§1.2).
#include "lex/lexer.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "lex/atom.h"
#include "lex/literal.h"
#include "lex/utf8.h"

namespace fl::lex {

namespace {

bool isWhitespace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
// Characters that end an atom besides whitespace.
bool isDelimiter(char c) {
  switch (c) {
    case '(': case ')': case '[': case ']': case '"': case '\'': case ';': return true;
    default: return isWhitespace(c);
  }
}
bool isHexDigit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Readable spelling of the character after a backslash, for the bad-escape message.
std::string escapeForMessage(std::string_view escaped) {
  switch (escaped.empty() ? 0 : escaped[0]) {
    case '\n': return "\\<newline>";
    case '\r': return "\\<carriage return>";
    case '\t': return "\\<tab>";
    default: break;
  }
  unsigned char c = static_cast<unsigned char>(escaped[0]);
  if (c < 0x20 || c == 0x7F) return fmt::format("\\<U+{:04X}>", c);
  return "\\" + std::string(escaped);
}

// A code point outside strings that looks like whitespace deserves a hint.
bool looksLikeSpace(uint32_t cp) {
  return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

class Lexer {
 public:
  Lexer(const SourceFile& file, diag::Engine& diags) : file_(file), src_(file.text), diags_(diags) {}

  std::vector<Token> run() {
    findInvalidUtf8();
    // A first line `#!/usr/bin/env -S flc run` makes the file an executable script.
    if (src_.substr(0, 2) == "#!") {
      size_t nl = src_.find('\n');
      pos_ = nl == std::string_view::npos ? src_.size() : nl + 1;
    }
    while (pos_ < src_.size()) {
      reportInvalidUtf8Before(pos_);
      char c = src_[pos_];
      if (isWhitespace(c)) {
        ++pos_;
      } else if (c == ';') {
        size_t nl = src_.find('\n', pos_);
        pos_ = nl == std::string_view::npos ? src_.size() : nl + 1;
      } else if (c == '#' && peek(1) == '|') {
        blockComment();
      } else if (c == '#' && peek(1) == ';') {
        emit(TokenKind::DatumComment, pos_, pos_ + 2);
        pos_ += 2;
      } else if (c == '(' || c == ')' || c == '[' || c == ']' || c == '\'') {
        static constexpr TokenKind kinds[] = {TokenKind::LParen, TokenKind::RParen, TokenKind::LBracket,
                                              TokenKind::RBracket, TokenKind::Quote};
        emit(kinds[std::string_view("()[]'").find(c)], pos_, pos_ + 1);
        ++pos_;
      } else if (c == '"') {
        stringLiteral();
      } else {
        atom();
      }
    }
    reportInvalidUtf8Before(src_.size());
    emit(TokenKind::Eof, src_.size(), src_.size());
    return std::move(tokens_);
  }

 private:
  char peek(size_t ahead) const { return pos_ + ahead < src_.size() ? src_[pos_ + ahead] : '\0'; }
  Span span(size_t begin, size_t end) const {
    return {file_.base + static_cast<uint32_t>(begin), file_.base + static_cast<uint32_t>(end)};
  }
  Token& emit(TokenKind kind, size_t begin, size_t end) {
    Token& t = tokens_.emplace_back();
    t.kind = kind;
    t.span = span(begin, end);
    return t;
  }
  Token& emitError(size_t begin, size_t end, std::string_view text) {
    Token& t = emit(TokenKind::Error, begin, end);
    t.text = std::string(text);
    return t;
  }

  // Finds the runs of bytes that are not valid UTF-8, wherever they are (also in comments). Each
  // run gets one E0101, reported when the lexer reaches it so that errors stay in source order.
  void findInvalidUtf8() {
    size_t i = 0;
    while (i < src_.size()) {
      uint32_t cp;
      if (static_cast<unsigned char>(src_[i]) < 0x80) {
        ++i;
        continue;
      }
      if (unsigned len = decodeUtf8(src_, i, &cp)) {
        i += len;
        continue;
      }
      size_t start = i++;
      while (i < src_.size() && static_cast<unsigned char>(src_[i]) >= 0x80 && decodeUtf8(src_, i, &cp) == 0) ++i;
      if (invalidUtf8_.empty()) invalidUtf8_.assign(src_.size(), false);
      for (size_t k = start; k < i; ++k) invalidUtf8_[k] = true;
      invalidRuns_.push_back({start, i});
    }
  }
  void reportInvalidUtf8Before(size_t end) {
    for (; nextInvalidRun_ < invalidRuns_.size() && invalidRuns_[nextInvalidRun_].first < end; ++nextInvalidRun_)
      diags_.report(diag::Id::InvalidUtf8, span(invalidRuns_[nextInvalidRun_].first, invalidRuns_[nextInvalidRun_].second));
  }
  bool isInvalidUtf8(size_t i) const { return !invalidUtf8_.empty() && invalidUtf8_[i]; }

  // #| ... |#, nesting. Unterminated: E0105 at the outermost opener (and a note at the innermost
  // unclosed one); the comment runs to the end of the file.
  void blockComment() {
    std::vector<size_t> openers{pos_};
    size_t i = pos_ + 2;
    while (i < src_.size() && !openers.empty()) {
      if (src_[i] == '#' && i + 1 < src_.size() && src_[i + 1] == '|') {
        openers.push_back(i);
        i += 2;
      } else if (src_[i] == '|' && i + 1 < src_.size() && src_[i + 1] == '#') {
        openers.pop_back();
        i += 2;
      } else {
        ++i;
      }
    }
    if (!openers.empty()) {
      diags_.report(diag::Id::UnterminatedBlockComment, span(pos_, pos_ + 2));
      if (openers.size() > 1)
        diags_.note(span(openers.back(), openers.back() + 2), "the nested comment opened here is not closed either");
      emitError(pos_, src_.size(), "#|").unterminated = true;
    }
    pos_ = i;
  }

  // "..." with the escapes of §1.2. A bad escape is reported and left out; the token stays a String.
  void stringLiteral() {
    size_t begin = pos_++;
    std::string value;
    while (true) {
      if (pos_ >= src_.size()) {
        diags_.report(diag::Id::UnterminatedString, span(begin, begin + 1));
        emitError(begin, src_.size(), "\"").unterminated = true;
        return;
      }
      char c = src_[pos_];
      if (c == '"') break;
      if (c != '\\') {
        value += c;
        ++pos_;
        continue;
      }
      if (pos_ + 1 >= src_.size()) {
        ++pos_;  // a backslash at the end of the file: the string is unterminated
        continue;
      }
      escape(value);
    }
    ++pos_;
    emit(TokenKind::String, begin, pos_).text = std::move(value);
  }

  // At a backslash inside a string: decodes one escape into `value` and moves past it.
  void escape(std::string& value) {
    size_t begin = pos_;
    char e = src_[pos_ + 1];
    pos_ += 2;
    switch (e) {
      case 'n': value += '\n'; return;
      case 't': value += '\t'; return;
      case 'r': value += '\r'; return;
      case '\\': value += '\\'; return;
      case '"': value += '"'; return;
      case '0': value += '\0'; return;
      case 'u': unicodeEscape(begin, value); return;
      default: break;
    }
    // Not an escape. Span the whole code point after the backslash.
    size_t after = pos_ - 1;
    uint32_t cp;
    unsigned len = decodeUtf8(src_, after, &cp);
    if (len == 0) return;  // invalid UTF-8: already reported
    pos_ = after + len;
    diags_.report(diag::Id::BadEscape, span(begin, pos_), escapeForMessage(src_.substr(after, len)));
  }

  // After "\u" (begin = the backslash): {H...} with 1-6 hex digits naming a Unicode scalar value.
  void unicodeEscape(size_t begin, std::string& value) {
    if (peek(0) != '{') {
      diags_.report(diag::Id::BadUnicodeEscape, span(begin, pos_), "expected '{' after '\\u', as in \\u{3bb}");
      return;
    }
    ++pos_;
    size_t digitsBegin = pos_;
    while (pos_ < src_.size() && isHexDigit(src_[pos_])) ++pos_;
    size_t digits = pos_ - digitsBegin;
    if (peek(0) != '}') {
      diags_.report(diag::Id::BadUnicodeEscape, span(begin, pos_),
                    digits == 0 ? "expected hex digits after '\\u{'" : "expected '}' after the hex digits");
      return;
    }
    ++pos_;
    std::string_view written = src_.substr(begin, pos_ - begin);
    if (digits == 0 || digits > 6) {
      diags_.report(diag::Id::BadUnicodeEscape, span(begin, pos_),
                    fmt::format("'{}' must have 1 to 6 hex digits", written));
      return;
    }
    uint32_t cp = static_cast<uint32_t>(std::stoul(std::string(src_.substr(digitsBegin, digits)), nullptr, 16));
    if (cp > 0x10FFFF) {
      diags_.report(diag::Id::BadUnicodeEscape, span(begin, pos_),
                    fmt::format("'{}' is beyond U+10FFFF", written));
    } else if (isSurrogate(cp)) {
      diags_.report(diag::Id::BadUnicodeEscape, span(begin, pos_),
                    fmt::format("'{}' is a surrogate, not a Unicode scalar value", written));
    } else {
      appendUtf8(value, cp);
    }
  }

  void atom() {
    size_t begin = pos_;
    while (pos_ < src_.size() && !isDelimiter(src_[pos_])) ++pos_;
    std::string_view text = src_.substr(begin, pos_ - begin);
    // Non-ASCII never makes a valid atom: report the first such character (unless it is invalid
    // UTF-8, which is already reported) rather than the atom.
    for (size_t i = begin; i < pos_; ++i) {
      if (static_cast<unsigned char>(src_[i]) < 0x80) continue;
      if (isInvalidUtf8(i)) {
        emitError(begin, pos_, text);
        return;
      }
      uint32_t cp;
      unsigned len = decodeUtf8(src_, i, &cp);
      diags_.report(diag::Id::NonAsciiOutsideString, span(i, i + len));
      if (cp == 0xFEFF)
        diags_.note(Span{}, "U+FEFF is a byte order mark; save the file as UTF-8 without one");
      else if (looksLikeSpace(cp))
        diags_.note(Span{}, fmt::format("U+{:04X} looks like a space, but only space, tab, CR and LF separate tokens", cp));
      emitError(begin, pos_, text);
      return;
    }
    Token tok;
    switch (classifyAtom(text, tok)) {
      case AtomError::None:
        tok.span = span(begin, pos_);
        tokens_.push_back(std::move(tok));
        return;
      case AtomError::NoMatch:
        diags_.report(diag::Id::BadAtom, span(begin, pos_), escapeControls(text));
        if (auto control = std::find_if(text.begin(), text.end(), [](char c) { return c < 0x20 || c == 0x7F; });
            control != text.end())
          diags_.note(Span{}, fmt::format("U+{:04X} is a control character; only space, tab, CR and LF separate tokens",
                                          static_cast<unsigned>(*control)));
        else if (const char* hint = badAtomHint(text))
          diags_.note(Span{}, hint);
        break;
      case AtomError::IntOverflow:
        diags_.report(diag::Id::IntegerOutOfRange, span(begin, pos_), text);
        break;
      case AtomError::FloatOverflow:
        diags_.report(diag::Id::FloatOutOfRange, span(begin, pos_), text);
        break;
    }
    emitError(begin, pos_, text);
  }

  const SourceFile& file_;
  std::string_view src_;
  diag::Engine& diags_;
  size_t pos_ = 0;
  std::vector<Token> tokens_;
  std::vector<bool> invalidUtf8_;  // per byte; empty when the whole file is valid
  std::vector<std::pair<size_t, size_t>> invalidRuns_;  // [begin, end) byte ranges
  size_t nextInvalidRun_ = 0;                           // the first one not reported yet
};

}  // namespace

std::vector<Token> lex(const SourceFile& file, diag::Engine& diags) { return Lexer(file, diags).run(); }

}  // namespace fl::lex
