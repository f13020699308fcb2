#include "lex/line_cursor.h"

namespace fl::lex {

LineCol LineColCursor::at(uint32_t offset) {
  const SourceFile* f = sm_.fileAt(offset);
  if (!f) return {};
  if (f != file_ || offset < offset_) {
    file_ = f;
    offset_ = offset;
    lc_ = sm_.lineCol(offset);
    return lc_;
  }
  const std::string& text = f->text;
  for (uint32_t i = offset_ - f->base, end = offset - f->base; i < end && i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++lc_.line;
      lc_.col = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++lc_.col;
    }
  }
  offset_ = offset;
  return lc_;
}

}  // namespace fl::lex
