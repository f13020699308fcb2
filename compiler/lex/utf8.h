// UTF-8 helpers for the lexer: strict decoding (RFC 3629: no overlongs, no surrogates, nothing above
// U+10FFFF) and encoding of a code point.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fl::lex {

// Decodes the code point starting at text[at]. Returns its length in bytes (1-4) and stores the code
// point in *cp, or returns 0 if the bytes at `at` are not a valid UTF-8 sequence.
unsigned decodeUtf8(std::string_view text, size_t at, uint32_t* cp);

// Appends the UTF-8 encoding of a Unicode scalar value.
void appendUtf8(std::string& out, uint32_t cp);

inline bool isSurrogate(uint32_t cp) { return cp >= 0xD800 && cp <= 0xDFFF; }

}  // namespace fl::lex
