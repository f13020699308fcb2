// Recovery from a closer that does not match the innermost open bracket. Three readings are
// possible; each is tried on the tokens that follow and the one that parses furthest wins:
//   Enclosing  the closer belongs to an enclosing opener; the lists inside it were left unclosed
//              (`(let [(x 1) (y 2] body)`)
//   Typo       the closer is a typo for the innermost opener's (`(define (f x] body)`)
//   Stray      the closer is extra and the right one follows (`(print-line ])`)
// Internal to the parser.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "lex/lexer.h"

namespace fl::parse {

enum class CloserFix { Enclosing, Typo, Stray };

// `open` holds the kinds of the open brackets (LParen/LBracket), outermost first; `closer` is the
// index of the mismatching closer in `tokens`; `enclosing` is the index in `open` of the innermost
// opener that the closer matches, if any.
CloserFix chooseCloserFix(const std::vector<lex::Token>& tokens, size_t closer,
                          const std::vector<lex::TokenKind>& open, std::optional<size_t> enclosing);

}  // namespace fl::parse
