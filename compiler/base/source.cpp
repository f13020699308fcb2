#include "base/source.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace fl {

SourceManager::SourceManager() = default;

uint32_t SourceManager::addFile(std::string path, std::string text) {
  auto f = std::make_unique<SourceFile>();
  f->id = static_cast<uint32_t>(files_.size());
  f->path = std::move(path);
  f->text = std::move(text);
  f->base = next_;
  f->lineStarts.push_back(0);
  for (uint32_t i = 0; i < f->text.size(); ++i)
    if (f->text[i] == '\n') f->lineStarts.push_back(i + 1);
  // +1 so that an end-of-file span of an empty file is still distinct from the next file.
  next_ += static_cast<uint32_t>(f->text.size()) + 1;
  files_.push_back(std::move(f));
  return files_.back()->id;
}

const SourceFile* SourceManager::loadFile(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error) *error = "cannot open file";
    return nullptr;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    if (error) *error = "cannot read file";
    return nullptr;
  }
  return files_[addFile(path, ss.str())].get();
}

const SourceFile* SourceManager::fileAt(uint32_t offset) const {
  if (offset == 0 || files_.empty()) return nullptr;
  auto it = std::upper_bound(files_.begin(), files_.end(), offset,
                             [](uint32_t off, const std::unique_ptr<SourceFile>& f) { return off < f->base; });
  if (it == files_.begin()) return nullptr;
  return (it - 1)->get();
}

LineCol SourceManager::lineCol(uint32_t offset) const {
  const SourceFile* f = fileAt(offset);
  if (!f) return {};
  uint32_t idx = offset - f->base;
  auto it = std::upper_bound(f->lineStarts.begin(), f->lineStarts.end(), idx);
  uint32_t line = static_cast<uint32_t>(it - f->lineStarts.begin());
  uint32_t start = f->lineStarts[line - 1];
  idx = std::min<uint32_t>(idx, static_cast<uint32_t>(f->text.size()));
  uint32_t from = start, column = 0;
  if (column_.file == f && column_.lineStart == start && column_.offset <= idx) {
    from = column_.offset;
    column = column_.column;
  }
  column += static_cast<uint32_t>(countCodePoints(std::string_view(f->text).substr(from, idx - from)));
  column_ = {f, start, idx, column};
  return {line, column + 1};
}

std::string_view SourceManager::lineText(uint32_t offset) const {
  const SourceFile* f = fileAt(offset);
  if (!f) return {};
  uint32_t idx = offset - f->base;
  auto it = std::upper_bound(f->lineStarts.begin(), f->lineStarts.end(), idx);
  uint32_t start = *(it - 1);
  std::string_view t(f->text);
  size_t end = t.find('\n', start);
  if (end == std::string_view::npos) end = t.size();
  std::string_view line = t.substr(start, end - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::string_view SourceManager::text(Span s) const {
  const SourceFile* f = fileAt(s.begin);
  if (!f) return {};
  uint32_t b = s.begin - f->base, e = std::min<uint32_t>(s.end - f->base, f->text.size());
  if (e < b) e = b;
  return std::string_view(f->text).substr(b, e - b);
}

std::string SourceManager::describe(uint32_t offset) const {
  const SourceFile* f = fileAt(offset);
  if (!f) return "<unknown>";
  LineCol lc = lineCol(offset);
  return f->path + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.col);
}

uint32_t countCodePoints(std::string_view s) {
  uint32_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace fl
