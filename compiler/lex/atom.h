// Classification of one atom by the table of LANGUAGE.md §1.1 (first matching row wins, the
// whole atom must match). Internal to the lexer.
#pragma once

#include <string_view>

#include "lex/lexer.h"

namespace fl::lex {

enum class AtomError {
  None,          // tok holds the kind and value
  NoMatch,       // no row of the table matches (E0106)
  IntOverflow,   // an Integer outside [-2^63, 2^63-1] (E0107)
  FloatOverflow, // a Float that rounds to +-inf (E0108)
};

// Sets tok.kind and the value fields for an ASCII atom.
AtomError classifyAtom(std::string_view atom, Token& tok);

// A one-line hint for a rejected atom (shown as a note), or nullptr.
const char* badAtomHint(std::string_view atom);

}  // namespace fl::lex
