// Unit tests for compiler/base: the source manager's offsets, lines and code-point columns, and
// the interner, "did you mean" suggestions.
#include <gtest/gtest.h>

#include "base/interner.h"
#include "base/source.h"
#include "base/suggest.h"

using namespace fl;

TEST(SourceManager, LinesAndCodePointColumns) {
  SourceManager sm;
  uint32_t id = sm.addFile("a.fl", "(x)\n\"héllo\" y\r\nlast");
  const SourceFile& f = sm.file(id);
  EXPECT_EQ(sm.lineCol(f.base + 0).line, 1u);
  EXPECT_EQ(sm.lineCol(f.base + 0).col, 1u);
  // 'y' is after "héllo" + space: 9 bytes but 8 code points into line 2.
  uint32_t y = f.base + static_cast<uint32_t>(f.text.find('y'));
  EXPECT_EQ(sm.lineCol(y).line, 2u);
  EXPECT_EQ(sm.lineCol(y).col, 9u);
  EXPECT_EQ(sm.lineText(y), "\"héllo\" y");  // the \r is not part of the line
  EXPECT_EQ(sm.describe(f.base + static_cast<uint32_t>(f.text.find("last"))), "a.fl:3:1");
}

TEST(SourceManager, FilesHaveDisjointOffsets) {
  SourceManager sm;
  const SourceFile& a = sm.file(sm.addFile("a.fl", "abc"));
  const SourceFile& b = sm.file(sm.addFile("b.fl", ""));
  const SourceFile& c = sm.file(sm.addFile("c.fl", "z"));
  EXPECT_EQ(sm.fileAt(a.base + 2)->path, "a.fl");
  EXPECT_EQ(sm.fileAt(b.base)->path, "b.fl");
  EXPECT_EQ(sm.fileAt(c.base)->path, "c.fl");
  EXPECT_EQ(sm.fileAt(0), nullptr);
  EXPECT_EQ(sm.text(Span{a.base + 1, a.base + 3}), "bc");
}

TEST(SourceManager, MissingFileReportsError) {
  SourceManager sm;
  std::string err;
  EXPECT_EQ(sm.loadFile("/nonexistent/file.fl", &err), nullptr);
  EXPECT_FALSE(err.empty());
}

TEST(CodePoints, CountsUtf8Sequences) {
  EXPECT_EQ(countCodePoints(""), 0u);
  EXPECT_EQ(countCodePoints("abc"), 3u);
  EXPECT_EQ(countCodePoints("λx"), 2u);
  EXPECT_EQ(countCodePoints("😀"), 1u);
}

TEST(Interner, EqualNamesEqualIds) {
  Interner in;
  Sym a = in.intern("print-line");
  Sym b = in.intern(std::string("print-") + "line");
  Sym c = in.intern("car");
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_EQ(in.str(c), "car");
  EXPECT_FALSE(in.intern(""));  // the empty name is id 0
  // Stable views even after many insertions.
  std::string_view v = in.str(a);
  for (int i = 0; i < 10000; ++i) in.intern("n" + std::to_string(i));
  EXPECT_EQ(v, "print-line");
}

// ---- "did you mean" (base/suggest.h)

TEST(Suggest, EditDistanceCountsTranspositionsOnce) {
  EXPECT_EQ(fl::editDistance("lamda", "lambda", 5), 1u);
  EXPECT_EQ(fl::editDistance("recieve", "receive", 5), 1u);
  EXPECT_EQ(fl::editDistance("abc", "abc", 5), 0u);
  EXPECT_EQ(fl::editDistance("kitten", "sitting", 5), 3u);
  EXPECT_GT(fl::editDistance("a", "abcdefgh", 2), 2u);  // beyond the limit: limit + 1
}

TEST(Suggest, PicksTheClosestWithinAThirdOfTheLength) {
  fl::Suggester s("string-apend");
  for (const char* c : {"string-append", "string-split", "append", "string-length"}) s.consider(c);
  EXPECT_EQ(s.best(), "string-append");
  fl::Suggester far("zzzzqqq");
  far.consider("zip");
  EXPECT_EQ(far.best(), "");
  fl::Suggester tiny("y");  // too short to guess
  tiny.consider("x");
  EXPECT_EQ(tiny.best(), "");
}
