// Spelling of literal values as source text: strings in write form (LANGUAGE.md §5) and floats in a
// form that reads back as the same Float token. Used by the token and datum dumps and by toSource.
#pragma once

#include <string>
#include <string_view>

namespace fl::lex {

// `"` + text + `"`, escaping \" \\ \n \t \r \0 and other code points below U+0020 and U+007F as
// \u{h} (lowercase hex); everything else verbatim.
std::string writeString(std::string_view text);

// The text with line breaks, tabs and other control characters escaped (\n \t \r \u{h}), so that
// raw source text such as a rejected atom can be shown on one line.
std::string escapeControls(std::string_view text);

// Shortest round-trip spelling that lexes as a Float again: positional for 1e-6 <= |x| < 1e21
// (1.5, 1000.0, -0.0, 0.0015), otherwise with an exponent (1e21, 1.5e-7, 5e-324).
// Non-finite values (never produced by the lexer) are spelled inf, -inf, nan.
std::string floatLiteral(double value);

}  // namespace fl::lex
