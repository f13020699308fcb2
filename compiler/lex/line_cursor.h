// Line/column lookup for many increasing offsets, as dumps need: SourceManager::lineCol counts code
// points from the line start on every call, which is quadratic on long lines; the cursor walks the
// text once when offsets come in increasing order (and falls back to lineCol otherwise).
#pragma once

#include <cstdint>

#include "base/source.h"

namespace fl::lex {

class LineColCursor {
 public:
  explicit LineColCursor(const SourceManager& sm) : sm_(sm) {}
  LineCol at(uint32_t offset);

 private:
  const SourceManager& sm_;
  const SourceFile* file_ = nullptr;
  uint32_t offset_ = 0;  // global offset the cursor is at
  LineCol lc_;
};

}  // namespace fl::lex
