#include "lex/atom.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <locale.h>
#include <string>

namespace fl::lex {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAlpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool isOperatorChar(char c) {
  switch (c) {
    case '+': case '-': case '*': case '/': case '=': case '<': case '>': case '!': case '?': return true;
    default: return false;
  }
}
// [A-Za-z_] and [A-Za-z0-9_-]: module names and keywords.
bool isIdentStart(char c) { return isAlpha(c) || c == '_'; }
bool isIdentChar(char c) { return isIdentStart(c) || isDigit(c) || c == '-'; }
// SYM = [A-Za-z_+\-*/=<>!?][A-Za-z0-9_+\-*/=<>!?:]*
bool isSymStart(char c) { return isIdentStart(c) || isOperatorChar(c); }
bool isSymChar(char c) { return isSymStart(c) || isDigit(c) || c == ':'; }

// A cursor over the atom for the hand-written regexes below.
struct Scan {
  std::string_view s;
  size_t i = 0;
  bool done() const { return i == s.size(); }
  bool eat(char c) {
    if (i < s.size() && s[i] == c) return ++i, true;
    return false;
  }
  template <typename Pred>
  size_t eatWhile(Pred p) {
    size_t start = i;
    while (i < s.size() && p(s[i])) ++i;
    return i - start;
  }
};

bool matchesInteger(std::string_view a) {  // -?[0-9]+
  Scan sc{a};
  sc.eat('-');
  return sc.eatWhile(isDigit) > 0 && sc.done();
}

bool eatExponent(Scan& sc) {  // [eE][+-]?[0-9]+
  if (!sc.eat('e') && !sc.eat('E')) return false;
  if (!sc.eat('+')) sc.eat('-');
  return sc.eatWhile(isDigit) > 0;
}

bool matchesFloat(std::string_view a) {  // -?[0-9]+(\.[0-9]+([eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)
  Scan sc{a};
  sc.eat('-');
  if (sc.eatWhile(isDigit) == 0) return false;
  if (sc.eat('.')) {
    if (sc.eatWhile(isDigit) == 0) return false;
    if (sc.done()) return true;
    return eatExponent(sc) && sc.done();
  }
  return eatExponent(sc) && sc.done();
}

bool matchesKeyword(std::string_view a) {  // :[A-Za-z_][A-Za-z0-9_-]*
  Scan sc{a};
  if (!sc.eat(':') || sc.done() || !isIdentStart(a[sc.i])) return false;
  ++sc.i;
  sc.eatWhile(isIdentChar);
  return sc.done();
}

bool matchesSymbol(std::string_view a) {
  if (a.empty() || !isSymStart(a[0])) return false;
  for (char c : a.substr(1))
    if (!isSymChar(c)) return false;
  return true;
}

bool matchesQualified(std::string_view a) {  // [A-Za-z_][A-Za-z0-9_-]*\.SYM
  Scan sc{a};
  if (sc.done() || !isIdentStart(a[0])) return false;
  ++sc.i;
  sc.eatWhile(isIdentChar);
  return sc.eat('.') && matchesSymbol(a.substr(sc.i));
}

// Value of a matched Integer; false if it is outside the 64-bit range.
bool integerValue(std::string_view a, int64_t* out) {
  bool negative = a[0] == '-';
  uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  uint64_t magnitude = 0;
  for (char c : a.substr(negative ? 1 : 0)) {
    uint64_t digit = static_cast<uint64_t>(c - '0');
    if (magnitude > (limit - digit) / 10) return false;
    magnitude = magnitude * 10 + digit;
  }
  // Two's complement negation of the magnitude: also right for -2^63.
  *out = negative ? static_cast<int64_t>(~magnitude + 1) : static_cast<int64_t>(magnitude);
  return true;
}

// strtod in the "C" locale, whatever the process locale is: the nearest double.
double parseDouble(std::string_view a) {
  static locale_t cLocale = newlocale(LC_ALL_MASK, "C", locale_t{});
  std::string text(a);
  return strtod_l(text.c_str(), nullptr, cLocale);
}

}  // namespace

AtomError classifyAtom(std::string_view a, Token& tok) {
  if (a == "#t" || a == "true" || a == "#f" || a == "false") {
    tok.kind = TokenKind::Bool;
    tok.b = a == "#t" || a == "true";
    return AtomError::None;
  }
  if (a == "nil") {
    tok.kind = TokenKind::Nil;
    return AtomError::None;
  }
  if (matchesInteger(a)) {
    tok.kind = TokenKind::Integer;
    return integerValue(a, &tok.i) ? AtomError::None : AtomError::IntOverflow;
  }
  if (matchesFloat(a)) {
    tok.kind = TokenKind::Float;
    tok.f = parseDouble(a);
    return std::isinf(tok.f) ? AtomError::FloatOverflow : AtomError::None;
  }
  TokenKind kind;
  if (a == ".." || a == "..=") kind = TokenKind::RangeOp;
  else if (a == ".") kind = TokenKind::Dot;
  else if (matchesKeyword(a)) kind = TokenKind::Keyword;
  else if (matchesQualified(a)) kind = TokenKind::Qualified;
  else if (matchesSymbol(a)) kind = TokenKind::Symbol;
  else return AtomError::NoMatch;
  tok.kind = kind;
  tok.text = std::string(kind == TokenKind::Keyword ? a.substr(1) : a);
  return AtomError::None;
}

const char* badAtomHint(std::string_view a) {
  if (a.find("#\\") != std::string_view::npos)
    return "there are no character literals; use a one-character string such as \"a\"";
  if (a[0] == '#') return "'#' only starts #t, #f, a #| block comment |# or a #; datum comment";
  if (a.find_first_of("{}") != std::string_view::npos)
    return "braces are not part of FluentAI syntax; use ( ) or [ ]";
  if (a.find_first_of("`,@") != std::string_view::npos)
    return "'`', ',' and '@' are not part of FluentAI syntax (there is no quasiquote; separate items with spaces)";
  // Number-like atoms such as 2. .5 1.e3 1e
  Scan sc{a};
  sc.eat('-');
  bool digits = sc.eatWhile(isDigit) > 0;
  bool dot = sc.eat('.');
  digits = sc.eatWhile(isDigit) > 0 || digits;
  if (digits && sc.done() == false && (a[sc.i] == 'e' || a[sc.i] == 'E')) {
    ++sc.i;
    if (!sc.eat('+')) sc.eat('-');
    sc.eatWhile(isDigit);
  }
  if (digits && sc.done() && (dot || a.find_first_of("eE") != std::string_view::npos))
    return "a Float needs digits on both sides of '.' and after the exponent mark, as in 2.0, 0.5, 1.0e3";
  if (isDigit(a[0]) || (a[0] == '-' && a.size() > 1 && isDigit(a[1]) && !matchesSymbol(a)))
    return "a name cannot start with a digit; separate numbers and operators with spaces, as in (- 1 2)";
  if (std::count(a.begin(), a.end(), '.') > 1 && a.find("..") == std::string_view::npos)
    return "a qualified name has exactly one '.', as in module.name";
  return nullptr;
}

}  // namespace fl::lex
