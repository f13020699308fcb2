// Unit tests for the diagnostics engine: console rendering with caret lines, JSON, ordering and
// limits.
#include <gtest/gtest.h>

#include "diag/diag.h"

using namespace fl;

namespace {
struct Fixture {
  SourceManager sm;
  const SourceFile* f;
  diag::Engine engine{sm};
  Fixture() { f = &sm.file(sm.addFile("t.fl", "(print-line zz)\n(if)\n")); }
  Span at(std::string_view needle, uint32_t len) {
    uint32_t off = f->base + static_cast<uint32_t>(f->text.find(needle));
    return {off, off + len};
  }
};
}  // namespace

TEST(Diag, ConsoleFormatWithCaret) {
  Fixture x;
  diag::Diagnostic& d = x.engine.report(diag::Id::UnboundVariable, x.at("zz", 2), "zz");
  EXPECT_EQ(x.engine.render(d),
            "t.fl:1:13: error[E0301]: unbound variable zz\n"
            " 1 | (print-line zz)\n"
            "   |             ^~\n");
  EXPECT_EQ(x.engine.errorCount(), 1u);
}

TEST(Diag, NotesAreRendered) {
  Fixture x;
  x.engine.report(diag::Id::UnclosedParen, x.at("(if)", 1), "(");
  x.engine.note(x.at("(print", 1), "'(' opened here");
  std::string s = x.engine.render(x.engine.diagnostics().back());
  EXPECT_NE(s.find("t.fl:1:1: note: '(' opened here\n"), std::string::npos);
}

TEST(Diag, JsonFormat) {
  Fixture x;
  x.engine.setFormat(diag::Format::Json);
  diag::Diagnostic& d = x.engine.report(diag::Id::UnboundVariable, x.at("zz", 2), "zz");
  EXPECT_EQ(x.engine.render(d),
            "{\"severity\":\"error\",\"code\":\"E0301\",\"message\":\"unbound variable zz\",\"location\":{\"file\":"
            "\"t.fl\",\"line\":1,\"column\":13,\"end_line\":1,\"end_column\":15},\"notes\":[]}\n");
  EXPECT_EQ(diag::jsonEscape("a\"b\\\n\x01"), "a\\\"b\\\\\\n\\u0001");
}

TEST(Diag, WarningsCanBeDisabledOrPromoted) {
  Fixture x;
  x.engine.setWarningsEnabled(false);
  x.engine.report(diag::Id::ArityMismatch, x.at("(if)", 4), "if", "1 argument", "0 arguments");
  EXPECT_EQ(x.engine.diagnostics().size(), 0u);
  x.engine.setWarningsEnabled(true);
  x.engine.setWarningsAsErrors(true);
  x.engine.report(diag::Id::ArityMismatch, x.at("(if)", 4), "if", "1 argument", "0 arguments");
  EXPECT_TRUE(x.engine.hasErrors());
}

TEST(Diag, WarningKindsOneAtATime) {
  Fixture x;
  std::string err;
  ASSERT_TRUE(x.engine.applyWarningOption("no-arity", &err));
  x.engine.report(diag::Id::ArityMismatch, x.at("(if)", 4), "if", "1 argument", "0 arguments");
  EXPECT_EQ(x.engine.diagnostics().size(), 0u);
  ASSERT_TRUE(x.engine.applyWarningOption("error=arity", &err));  // also turns the kind back on
  x.engine.report(diag::Id::ArityMismatch, x.at("(if)", 4), "if", "1 argument", "0 arguments");
  ASSERT_EQ(x.engine.diagnostics().size(), 1u);
  EXPECT_EQ(x.engine.diagnostics()[0].severity, diag::Severity::Error);
  EXPECT_NE(x.engine.diagnostics()[0].message.find("[-Werror=arity]"), std::string::npos);
  ASSERT_TRUE(x.engine.applyWarningOption("error", &err));
  ASSERT_TRUE(x.engine.applyWarningOption("no-error=non-exhaustive", &err));
  x.engine.report(diag::Id::NonExhaustive, x.at("(if)", 4), "T", "A");
  EXPECT_EQ(x.engine.diagnostics()[1].severity, diag::Severity::Warning);
  EXPECT_FALSE(x.engine.applyWarningOption("no-aritty", &err));
  EXPECT_EQ(err, "unknown warning option '-Wno-aritty'; did you mean '-Wno-arity'?");
  for (const std::string& k : diag::warningKinds()) EXPECT_TRUE(x.engine.applyWarningOption("no-" + k, &err));
}

TEST(Diag, NotesOfAHiddenWarningAreHiddenToo) {
  Fixture x;
  x.engine.report(diag::Id::UnboundVariable, x.at("zz", 2), "zz");
  std::string err;
  ASSERT_TRUE(x.engine.applyWarningOption("no-arity", &err));
  x.engine.report(diag::Id::ArityMismatch, x.at("(if)", 4), "if", "1 argument", "0 arguments");
  x.engine.note(Span{}, "belongs to the hidden warning");
  ASSERT_EQ(x.engine.diagnostics().size(), 1u);
  EXPECT_TRUE(x.engine.diagnostics()[0].notes.empty());
}

TEST(Diag, LongArgumentsAreClipped) {
  Fixture x;
  std::string name(1000, 'a');
  x.engine.report(diag::Id::UnboundVariable, x.at("zz", 2), name);
  EXPECT_EQ(x.engine.diagnostics()[0].message, "unbound variable " + std::string(diag::kQuoteLimit, 'a') + "...");
}

TEST(Diag, ErrorLimitCountsButDrops) {
  Fixture x;
  x.engine.setErrorLimit(2);
  for (int i = 0; i < 5; ++i) x.engine.report(diag::Id::UnboundVariable, x.at("zz", 2), "zz");
  EXPECT_EQ(x.engine.errorCount(), 5u);
  EXPECT_EQ(x.engine.diagnostics().size(), 2u);
}

TEST(Diag, EveryKindHasACode) {
  for (uint16_t i = 0; i < static_cast<uint16_t>(diag::Id::Count_); ++i) {
    const diag::KindInfo& k = diag::info(static_cast<diag::Id>(i));
    EXPECT_EQ(std::string(k.code).size(), 5u) << k.name;
  }
}

TEST(Diag, LongLinesShowAWindowAroundTheColumn) {
  SourceManager sm;
  std::string line = "(f " + std::string(500, 'x') + " zz " + std::string(500, 'y') + ")";
  const SourceFile& f = sm.file(sm.addFile("long.fl", line + "\n"));
  diag::Engine engine(sm);
  uint32_t off = f.base + static_cast<uint32_t>(line.find("zz"));
  std::string s = engine.render(engine.report(diag::Id::UnboundVariable, Span{off, off + 2}, "zz"));
  // The window starts 60 code points before the column and shows at most 160.
  std::string expectedLine = " 1 | ..." + std::string(60, 'x').substr(0, 59) + " zz " + std::string(97, 'y') + "...\n";
  EXPECT_NE(s.find(expectedLine), std::string::npos) << s;
  EXPECT_NE(s.find("\n   | " + std::string(63, ' ') + "^~\n"), std::string::npos) << s;
}
