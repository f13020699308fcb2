#include "lex/literal.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace fl::lex {

namespace {
std::string hex(unsigned value) {
  char buf[16];
  snprintf(buf, sizeof buf, "%x", value);
  return buf;
}
}  // namespace

std::string writeString(std::string_view text) {
  std::string out = "\"";
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\0': out += "\\0"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\u{" + hex(c) + "}";
        } else {
          out += ch;
        }
    }
  }
  out += '"';
  return out;
}

std::string escapeControls(std::string_view text) {
  std::string out;
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\r') out += "\\r";
    else if (c < 0x20 || c == 0x7F) out += "\\u{" + hex(c) + "}";
    else out += ch;
  }
  return out;
}

std::string floatLiteral(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  // Like JavaScript's Number#toString: positional for 1e-6 <= |x| < 1e21, else an exponent.
  double magnitude = std::fabs(value);
  bool positional = magnitude == 0 || (magnitude >= 1e-6 && magnitude < 1e21);
  char buf[400];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value,
                                 positional ? std::chars_format::fixed : std::chars_format::scientific);
  std::string out(buf, ec == std::errc() ? end : buf);
  if (positional) {
    // Integral values come out as "1000", which would read back as an Int.
    if (out.find('.') == std::string::npos) out += ".0";
    return out;
  }
  // "1.5e-07" -> "1.5e-7", "1e+21" -> "1e21".
  size_t e = out.find('e');
  std::string mantissa = out.substr(0, e + 1);
  bool negative = out[e + 1] == '-';
  size_t digits = out.find_first_not_of("+-0", e + 1);
  return mantissa + (negative ? "-" : "") + out.substr(digits);
}

}  // namespace fl::lex
