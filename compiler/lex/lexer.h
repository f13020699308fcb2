// lex: source text -> tokens (LANGUAGE.md §1.1-§1.2). Errors are reported to the diagnostics
// engine with positions; the lexer recovers and continues, so one run reports several errors.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/source.h"
#include "diag/diag.h"

namespace fl::lex {

enum class TokenKind : uint8_t {
#define TOKEN(kind, name) kind,
#include "lex/tokens.def"
#undef TOKEN
};
const char* tokenKindName(TokenKind k);

struct Token {
  TokenKind kind;
  Span span;
  // Decoded value: Integer -> i; Float -> f; Bool -> b; String -> text (escapes decoded);
  // Symbol/Keyword/Qualified/RangeOp -> text (Keyword without its ':'); Error -> the rejected source
  // text (an atom, or the `"` / `#|` that opens an unterminated string / block comment).
  int64_t i = 0;
  double f = 0;
  bool b = false;
  std::string text;
  bool unterminated = false;  // Error: a string or block comment that runs to the end of the file
};

// Tokenizes one file (its text in the source manager). The result always ends with Eof.
std::vector<Token> lex(const SourceFile& file, diag::Engine& diags);

// Writes the --emit=tokens dump: one token per line, "LINE:COL kind value" (docs/dumps.md).
std::string dumpTokens(const std::vector<Token>& tokens, const SourceManager& sm);

}  // namespace fl::lex
