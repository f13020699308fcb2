// The --emit=tokens dump (format: docs/dumps.md).
#include <fmt/format.h>

#include "lex/lexer.h"
#include "lex/line_cursor.h"
#include "lex/literal.h"

namespace fl::lex {

const char* tokenKindName(TokenKind k) {
  static constexpr const char* kNames[] = {
#define TOKEN(kind, name) name,
#include "lex/tokens.def"
#undef TOKEN
  };
  return kNames[static_cast<size_t>(k)];
}

namespace {

std::string tokenValue(const Token& t) {
  switch (t.kind) {
    case TokenKind::LParen: return "(";
    case TokenKind::RParen: return ")";
    case TokenKind::LBracket: return "[";
    case TokenKind::RBracket: return "]";
    case TokenKind::Quote: return "'";
    case TokenKind::DatumComment: return "#;";
    case TokenKind::String: return writeString(t.text);
    case TokenKind::Bool: return t.b ? "#t" : "#f";
    case TokenKind::Nil: return "nil";
    case TokenKind::Integer: return std::to_string(t.i);
    case TokenKind::Float: return floatLiteral(t.f);
    case TokenKind::Keyword: return ":" + t.text;
    case TokenKind::RangeOp:
    case TokenKind::Dot:
    case TokenKind::Qualified:
    case TokenKind::Symbol: return t.text;
    case TokenKind::Error: return escapeControls(t.text);
    case TokenKind::Eof: return "";
  }
  return "";
}

}  // namespace

std::string dumpTokens(const std::vector<Token>& tokens, const SourceManager& sm) {
  std::string out;
  LineColCursor cursor(sm);
  for (const Token& t : tokens) {
    LineCol lc = cursor.at(t.span.begin);
    std::string value = tokenValue(t);
    out += fmt::format("{}:{} {}", lc.line, lc.col, tokenKindName(t.kind));
    if (!value.empty()) out += " " + value;
    out += '\n';
  }
  return out;
}

}  // namespace fl::lex
