// Source manager: every loaded file lives in one 32-bit offset space, so a Span is two offsets.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace fl {

// A half-open byte range [begin, end) in the global source address space. Offset 0 is "nowhere".
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool valid() const { return begin != 0; }
  static Span cover(Span a, Span b) { return {a.begin < b.begin ? a.begin : b.begin, a.end > b.end ? a.end : b.end}; }
};

struct SourceFile {
  uint32_t id;
  std::string path;       // as given by the user (used in diagnostics)
  std::string text;
  uint32_t base;          // global offset of text[0]
  std::vector<uint32_t> lineStarts;  // byte index of each line start
};

struct LineCol {
  uint32_t line = 0;  // 1-based
  uint32_t col = 0;   // 1-based, in code points
};

class SourceManager {
 public:
  SourceManager();
  // Takes ownership of the text; returns the file id.
  uint32_t addFile(std::string path, std::string text);
  // Reads a file from disk; returns nullptr if it cannot be read.
  const SourceFile* loadFile(const std::string& path, std::string* error);

  const SourceFile& file(uint32_t id) const { return *files_[id]; }
  const SourceFile* fileAt(uint32_t offset) const;
  LineCol lineCol(uint32_t offset) const;
  // The text of the line containing offset (without the newline).
  std::string_view lineText(uint32_t offset) const;
  std::string_view text(Span s) const;
  // "path:line:col"
  std::string describe(uint32_t offset) const;

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
  // The last column computed: queries that move forward on the same line continue from it, so
  // positions on a very long line cost their distance, not the line's length each time.
  struct ColumnCache {
    const SourceFile* file = nullptr;
    uint32_t lineStart = 0, offset = 0, column = 0;
  };
  mutable ColumnCache column_;
  uint32_t next_ = 1;
};

// Number of code points in a UTF-8 byte range (invalid bytes count as one each).
uint32_t countCodePoints(std::string_view s);

}  // namespace fl
