// Unit tests of the parser (LANGUAGE.md §1.4, §19): datum shapes and spans, quote, datum comments,
// unbalanced and mismatched brackets with recovery, deep nesting, and the ast dump / toSource.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "base/source.h"
#include "diag/diag.h"
#include "lex/lexer.h"
#include "parse/parser.h"

namespace fl::parse {
namespace {

struct Parsed {
  SourceManager sm;
  diag::Engine diags{sm};
  Interner names;
  Forest forest;
  std::vector<DatumId> roots;

  explicit Parsed(std::string text) {
    const SourceFile& file = sm.file(sm.addFile("t.fl", std::move(text)));
    std::vector<lex::Token> tokens = lex::lex(file, diags);
    roots = parse(tokens, forest, names, diags);
  }
  const Datum& operator[](DatumId id) const { return forest[id]; }
  const Datum& root(size_t i) const { return forest[roots.at(i)]; }
  std::string_view text(DatumId id) const { return sm.text(forest[id].span); }
  std::string source(DatumId id) const { return toSource(forest, id, names); }
  // All top-level datums written back, separated by spaces.
  std::string all() const {
    std::string out;
    for (DatumId r : roots) out += (out.empty() ? "" : " ") + source(r);
    return out;
  }
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const diag::Diagnostic& d : diags.diagnostics()) out.push_back(diag::info(d.id).code);
    return out;
  }
  const diag::Diagnostic& diag(size_t i) const { return diags.diagnostics().at(i); }
  std::string where(Span s) const { return sm.describe(s.begin); }
  std::string where(size_t i) const { return where(diag(i).span); }
  std::string sym(DatumId id) const { return std::string(names.str(forest[id].sym)); }
};

using Codes = std::vector<std::string>;

TEST(ParseDatum, AtomsOfEveryKind) {
  Parsed p("42 1.5 \"s\\n\" #t false nil foo :key geo.area .. ..=");
  ASSERT_TRUE(p.codes().empty());
  ASSERT_EQ(p.roots.size(), 11u);
  DatumKind kinds[] = {DatumKind::Integer, DatumKind::Float,   DatumKind::String,    DatumKind::Bool,
                       DatumKind::Bool,    DatumKind::Nil,     DatumKind::Symbol,    DatumKind::Keyword,
                       DatumKind::Qualified, DatumKind::RangeOp, DatumKind::RangeOp};
  for (size_t i = 0; i < 11; ++i) EXPECT_EQ(p.root(i).kind, kinds[i]) << i;
  EXPECT_EQ(p.root(0).i, 42);
  EXPECT_EQ(p.root(1).f, 1.5);
  EXPECT_EQ(p.forest.strings[p.root(2).str], "s\n");
  EXPECT_TRUE(p.root(3).b);
  EXPECT_FALSE(p.root(4).b);
  EXPECT_EQ(p.sym(p.roots[6]), "foo");
  EXPECT_EQ(p.sym(p.roots[7]), "key");
  EXPECT_EQ(p.sym(p.roots[8]), "geo.area");
  EXPECT_EQ(p.sym(p.roots[9]), "..");
  EXPECT_EQ(p.sym(p.roots[10]), "..=");
  EXPECT_EQ(p.text(p.roots[2]), "\"s\\n\"");
}

TEST(ParseDatum, ListsBracketsAndNesting) {
  Parsed p("(print-line [1 (+ 1 1) 3]) () []");
  ASSERT_TRUE(p.codes().empty());
  ASSERT_EQ(p.roots.size(), 3u);
  DatumId call = p.roots[0];
  EXPECT_EQ(p[call].kind, DatumKind::List);
  ASSERT_EQ(p.forest.size(call), 2u);
  DatumId lit = p.forest.child(call, 1);
  EXPECT_EQ(p[lit].kind, DatumKind::Bracket);
  EXPECT_EQ(p.forest.size(lit), 3u);
  EXPECT_TRUE(p.forest.isList(lit));
  EXPECT_TRUE(p.forest.isSymbol(p.forest.child(call, 0), p.names.intern("print-line")));
  EXPECT_EQ(p.text(p.forest.child(lit, 1)), "(+ 1 1)");
  EXPECT_EQ(p.root(1).kind, DatumKind::List);
  EXPECT_EQ(p.root(1).numChildren, 0u);
  EXPECT_EQ(p.root(2).kind, DatumKind::Bracket);
  std::vector<DatumId> kids(p.forest.begin(lit), p.forest.end(lit));
  EXPECT_EQ(kids.size(), 3u);
}

TEST(ParseDatum, SpansCoverTheWholeText) {
  Parsed p("  (a\n   [b 'c] \"x y\")  'd '(e) ''f");
  ASSERT_TRUE(p.codes().empty());
  EXPECT_EQ(p.text(p.roots[0]), "(a\n   [b 'c] \"x y\")");
  DatumId bracket = p.forest.child(p.roots[0], 1);
  EXPECT_EQ(p.text(bracket), "[b 'c]");
  EXPECT_EQ(p.text(p.forest.child(bracket, 1)), "'c");
  EXPECT_EQ(p.text(p.forest.child(p.roots[0], 2)), "\"x y\"");
  EXPECT_EQ(p.text(p.roots[1]), "'d");
  EXPECT_EQ(p.text(p.roots[2]), "'(e)");
  EXPECT_EQ(p.text(p.roots[3]), "''f");
  EXPECT_EQ(p.where(p.root(0).span), "t.fl:1:3");
  EXPECT_EQ(p.where(p[bracket].span), "t.fl:2:4");
}

TEST(ParseQuote, OneChild) {
  Parsed p("'sym ' (a b) ''x");
  ASSERT_TRUE(p.codes().empty());
  ASSERT_EQ(p.roots.size(), 3u);
  EXPECT_EQ(p.root(0).kind, DatumKind::Quote);
  ASSERT_EQ(p.forest.size(p.roots[0]), 1u);
  EXPECT_EQ(p.sym(p.forest.child(p.roots[0], 0)), "sym");
  EXPECT_EQ(p[p.forest.child(p.roots[1], 0)].kind, DatumKind::List);
  DatumId inner = p.forest.child(p.roots[2], 0);
  EXPECT_EQ(p[inner].kind, DatumKind::Quote);
  EXPECT_EQ(p.text(p.roots[1]), "' (a b)");
}

TEST(ParseTopLevel, AppendsToForest) {
  Parsed p("(a) (b)");
  EXPECT_EQ(p.forest.topLevel, p.roots);
  // A second file appends after the first.
  const SourceFile& second = p.sm.file(p.sm.addFile("u.fl", "c d"));
  auto tokens = lex::lex(second, p.diags);
  std::vector<DatumId> more = parse(tokens, p.forest, p.names, p.diags);
  EXPECT_EQ(more.size(), 2u);
  EXPECT_EQ(p.forest.topLevel.size(), 4u);
  EXPECT_EQ(p.sm.describe(p.forest[more[1]].span.begin), "u.fl:1:3");
}

TEST(ParseDatumComment, SkipsTheNextDatum) {
  EXPECT_EQ(Parsed("#;(hidden) x").all(), "x");
  EXPECT_EQ(Parsed("(a #;b c)").all(), "(a c)");
  EXPECT_EQ(Parsed("(a #;(b (c)) d)").all(), "(a d)");
  EXPECT_EQ(Parsed("#;'a b").all(), "b");
  EXPECT_EQ(Parsed("'#;a b").all(), "'b");
  EXPECT_EQ(Parsed("#;#;a b c").all(), "c");      // §19: #; #; a b skips both
  EXPECT_EQ(Parsed("#; #; a b c").all(), "c");
  EXPECT_EQ(Parsed("#;#;#;a b c d").all(), "d");
  EXPECT_EQ(Parsed("#;(#;x) y").all(), "y");
  EXPECT_EQ(Parsed("[1 #;2 3]").all(), "[1 3]");
  EXPECT_EQ(Parsed("#| a #| nested |# comment |# (print-line #;(hidden) \"ok\")").all(), "(print-line \"ok\")");
}

TEST(ParseDatumComment, LeavesNoGarbageInTheForest) {
  Parsed p("#;(a (b \"s\") 'c) x");
  EXPECT_EQ(p.forest.datums.size(), 1u);
  EXPECT_TRUE(p.forest.children.empty());
  EXPECT_TRUE(p.forest.strings.empty());
}

TEST(ParseDatumComment, WithoutADatum) {
  Parsed inList("(a #;)");
  EXPECT_EQ(inList.codes(), Codes{"E0205"});
  EXPECT_EQ(inList.where(0), "t.fl:1:4");
  EXPECT_EQ(inList.all(), "(a)");
  Parsed atEnd("x #;");
  EXPECT_EQ(atEnd.codes(), Codes{"E0205"});
  EXPECT_EQ(atEnd.all(), "x");
  // The second #; has no datum; that erroneous datum is what the first one skips: one error.
  Parsed twoAtEnd("x #; #;");
  EXPECT_EQ(twoAtEnd.codes(), Codes{"E0205"});
}

TEST(ParseQuote, WithoutADatum) {
  Parsed inList("(a ')");
  EXPECT_EQ(inList.codes(), Codes{"E0206"});
  EXPECT_EQ(inList.where(0), "t.fl:1:4");
  EXPECT_EQ(inList.all(), "(a)");
  Parsed atEnd("x '");
  EXPECT_EQ(atEnd.codes(), Codes{"E0206"});
  Parsed quoteComment("(a '#;b)");
  EXPECT_EQ(quoteComment.codes(), Codes{"E0206"});
  // A dangling quote inside a datum comment: one error, not two.
  Parsed commented("(#; ')");
  EXPECT_EQ(commented.codes(), Codes{"E0206"});
}

TEST(ParseUnbalanced, UnclosedAtEndOfFile) {
  Parsed p("(define (f x)\n  (+ x 1)\n");
  EXPECT_EQ(p.codes(), Codes{"E0201"});
  EXPECT_EQ(p.diag(0).message, "unclosed '('");
  EXPECT_EQ(p.where(0), "t.fl:1:1");  // at the opener
  ASSERT_EQ(p.diag(0).notes.size(), 1u);
  EXPECT_EQ(p.diag(0).notes[0].message, "the end of the file is reached with it still open");
  EXPECT_EQ(p.where(p.diag(0).notes[0].span), "t.fl:3:1");
  // The datum is kept, spanning to the end of the file.
  ASSERT_EQ(p.roots.size(), 1u);
  EXPECT_EQ(p.root(0).numChildren, 3u);
  EXPECT_EQ(p.all(), "(define (f x) (+ x 1))");
}

TEST(ParseUnbalanced, SeveralUnclosedGiveOneError) {
  Parsed p("[a (b (c (d (e");
  EXPECT_EQ(p.codes(), Codes{"E0201"});
  EXPECT_EQ(p.diag(0).message, "unclosed '('");
  EXPECT_EQ(p.where(0), "t.fl:1:13");  // one line: the innermost opener
  ASSERT_EQ(p.diag(0).notes.size(), 5u);  // the end, three other openers and a count of the rest
  EXPECT_EQ(p.diag(0).notes[0].message, "the end of the file is reached with 5 lists open");
  EXPECT_EQ(p.where(p.diag(0).notes[1].span), "t.fl:1:10");
  EXPECT_EQ(p.diag(0).notes[1].message, "'(' opened here is unclosed too");
  EXPECT_EQ(p.diag(0).notes[4].message, "and 1 more unclosed '(' or '['");
  EXPECT_EQ(p.all(), "[a (b (c (d (e))))]");
}

TEST(ParseUnbalanced, UnexpectedCloserIsSkipped) {
  Parsed p("(a)) (b)\n]");
  EXPECT_EQ(p.codes(), (Codes{"E0202", "E0202"}));
  EXPECT_EQ(p.diag(0).message, "unexpected ')'");
  EXPECT_EQ(p.where(0), "t.fl:1:4");
  EXPECT_EQ(p.diag(1).message, "unexpected ']'");
  EXPECT_EQ(p.where(1), "t.fl:2:1");
  EXPECT_EQ(p.all(), "(a) (b)");
}

TEST(ParseUnbalanced, MismatchedCloserIsATypo) {
  Parsed p("(define (f x] (+ x 1))\n(g)");
  EXPECT_EQ(p.codes(), Codes{"E0203"});
  EXPECT_EQ(p.diag(0).message, "'(' closed by ']'");
  EXPECT_EQ(p.where(0), "t.fl:1:13");
  ASSERT_EQ(p.diag(0).notes.size(), 1u);
  EXPECT_EQ(p.where(p.diag(0).notes[0].span), "t.fl:1:9");
  EXPECT_EQ(p.all(), "(define (f x) (+ x 1)) (g)");
}

TEST(ParseUnbalanced, MismatchedCloserClosesTheEnclosingMatch) {
  Parsed p("(let [(x 1) (y 2] y)\n(h)");
  EXPECT_EQ(p.codes(), Codes{"E0203"});
  EXPECT_EQ(p.diag(0).message, "'(' closed by ']'");
  EXPECT_EQ(p.where(p.diag(0).notes.at(0).span), "t.fl:1:13");
  EXPECT_EQ(p.all(), "(let [(x 1) (y 2)] y) (h)");
  // The unclosed inner list ends at its last token, the bracket at the closer.
  DatumId bindings = p.forest.child(p.roots[0], 1);
  EXPECT_EQ(p.text(bindings), "[(x 1) (y 2]");
  EXPECT_EQ(p.text(p.forest.child(bindings, 1)), "(y 2");
}

TEST(ParseUnbalanced, StrayCloserBeforeTheRightOne) {
  Parsed p("(print-line ]) (a (b]) c)");
  EXPECT_EQ(p.codes(), (Codes{"E0202", "E0202"}));
  EXPECT_EQ(p.diag(0).message, "unexpected ']'");
  EXPECT_EQ(p.where(0), "t.fl:1:13");
  EXPECT_EQ(p.all(), "(print-line) (a (b) c)");
}

TEST(ParseUnbalanced, LookaheadChoosesTheReadingThatParsesFurthest) {
  // A typo although an enclosing '(' matches: closing the '(' would leave a ')' over.
  Parsed typo("(print-line (let ((a [1 2)) a)))");
  EXPECT_EQ(typo.codes(), Codes{"E0203"});
  EXPECT_EQ(typo.diag(0).message, "'[' closed by ')'");
  EXPECT_EQ(typo.all(), "(print-line (let ((a [1 2]) a)))");
  // An unclosed '[' although the ')' could be a typo for ']': the next line is a new form.
  Parsed unclosed("(print-line [1 2 3)\n(print-line \"next\")");
  EXPECT_EQ(unclosed.codes(), Codes{"E0203"});
  EXPECT_EQ(unclosed.all(), "(print-line [1 2 3]) (print-line \"next\")");
  // Far from the end of the file, the reading that gets back to the top level wins.
  std::string forms;
  for (int i = 0; i < 1000; ++i) forms += "(f [x y] (g x))\n";
  Parsed big("(print-line [1 2 3)\n" + forms);
  EXPECT_EQ(big.codes(), Codes{"E0203"});
  EXPECT_EQ(big.roots.size(), 1001u);
}

TEST(ParseUnbalanced, LaterFormsStillParse) {
  // The ']' after 'a' is read as stray: then the ')' two lines down closes the '(' of (a.
  Parsed p("(a]\n(b c)\n)\n[d)\n(e)");
  EXPECT_EQ(p.codes(), (Codes{"E0202", "E0203"}));
  EXPECT_EQ(p.all(), "(a (b c)) [d] (e)");
}

TEST(ParseRecovery, RejectedTokensProduceNoDatumAndNoCascade) {
  Parsed p("(f 2. x) '1-2 (g '.5) #; 1e999 y");
  EXPECT_EQ(p.codes(), (Codes{"E0106", "E0106", "E0106", "E0108"}));
  EXPECT_EQ(p.all(), "(f x) (g) y");
}

TEST(ParseRecovery, UnterminatedStringDoesNotReportUnclosedLists) {
  Parsed p("(define (f)\n  (print \"abc)\n(f)\n");
  EXPECT_EQ(p.codes(), Codes{"E0102"});
  Parsed comment("(a #| no end");
  EXPECT_EQ(comment.codes(), Codes{"E0105"});
  Parsed quoted("(a '\"no end");
  EXPECT_EQ(quoted.codes(), Codes{"E0102"});
}

std::string nested(size_t depth, const char* open = "(", const char* close = ")") {
  std::string s;
  for (size_t i = 0; i < depth; ++i) s += open;
  for (size_t i = 0; i < depth; ++i) s += close;
  return s;
}

TEST(ParseDepth, AtTheLimitIsFine) {
  Parsed p(nested(kMaxDepth));
  EXPECT_TRUE(p.codes().empty());
  ASSERT_EQ(p.roots.size(), 1u);
  size_t depth = 1;
  for (DatumId d = p.roots[0]; p.forest.size(d) == 1; d = p.forest.child(d, 0)) ++depth;
  EXPECT_EQ(depth, kMaxDepth);
  EXPECT_EQ(p.source(p.roots[0]), nested(kMaxDepth));
  std::string dump = dumpDatums(p.forest, p.roots, p.names, p.sm);
  EXPECT_EQ(std::count(dump.begin(), dump.end(), '\n'), static_cast<long>(kMaxDepth));
}

TEST(ParseDepth, OneBeyondTheLimit) {
  Parsed p("(ok) " + nested(kMaxDepth + 1) + " (after)");
  EXPECT_EQ(p.codes(), Codes{"E0204"});
  EXPECT_EQ(p.diag(0).message, "nesting is deeper than 10000 levels");
  EXPECT_EQ(p.where(0), "t.fl:1:" + std::to_string(6 + kMaxDepth));
  // The too-deep datum is dropped; its neighbours are kept.
  EXPECT_EQ(p.roots.size(), 3u);
  EXPECT_EQ(p.source(p.roots[2]), "(after)");
}

TEST(ParseDepth, HundredThousandBalancedParens) {
  Parsed p(nested(100000) + " x");
  EXPECT_EQ(p.codes(), Codes{"E0204"});
  ASSERT_EQ(p.roots.size(), 2u);
  EXPECT_EQ(p.source(p.roots[1]), "x");
}

TEST(ParseDepth, HundredThousandOpenParens) {
  Parsed p(std::string(100000, '('));
  EXPECT_EQ(p.codes(), (Codes{"E0204", "E0201"}));
  ASSERT_EQ(p.roots.size(), 1u);
}

TEST(ParseDepth, HundredThousandBracketsAndQuotes) {
  Parsed brackets(nested(100000, "[", "]"));
  EXPECT_EQ(brackets.codes(), Codes{"E0204"});
  Parsed quotes(std::string(100000, '\'') + "x y");
  EXPECT_EQ(quotes.codes(), Codes{"E0204"});
  EXPECT_EQ(quotes.source(quotes.roots.back()), "y");
  Parsed mixed(nested(50000, "('", ")"));
  EXPECT_EQ(mixed.codes(), Codes{"E0204"});
  Parsed comments(std::string(200000, '#') + "x");  // not comments: one bad atom
  EXPECT_EQ(comments.codes(), Codes{"E0106"});
  std::string manyComments;
  for (int i = 0; i < 100000; ++i) manyComments += "#;";
  for (int i = 0; i < 100000; ++i) manyComments += "x ";
  manyComments += "kept";
  Parsed dc(manyComments);
  EXPECT_TRUE(dc.codes().empty());
  EXPECT_EQ(dc.all(), "kept");
}

TEST(ParseDump, Format) {
  Parsed p("(define x 'a) ; c\n[\"a\\\"b\" :k geo.area (.. 1 2) 1.5 -7 #t nil]");
  EXPECT_EQ(dumpDatums(p.forest, p.roots, p.names, p.sm),
            "1:1 List\n"
            "  1:2 Symbol define\n"
            "  1:9 Symbol x\n"
            "  1:11 Quote\n"
            "    1:12 Symbol a\n"
            "2:1 Bracket\n"
            "  2:2 String \"a\\\"b\"\n"
            "  2:9 Keyword :k\n"
            "  2:12 Qualified geo.area\n"
            "  2:21 List\n"
            "    2:22 RangeOp ..\n"
            "    2:25 Integer 1\n"
            "    2:27 Integer 2\n"
            "  2:30 Float 1.5\n"
            "  2:34 Integer -7\n"
            "  2:37 Bool #t\n"
            "  2:40 Nil nil\n");
}

TEST(ParseToSource, RoundTrips) {
  const char* src = "(a [b 'c] \"s\\n\\\"\" :k 1.5 1000.0 -0.0 -7 nil #t #f geo.area ..= () [] ''x)";
  Parsed p(src);
  ASSERT_TRUE(p.codes().empty());
  EXPECT_EQ(p.all(), src);
  Parsed again(p.all());
  EXPECT_EQ(again.all(), src);
  EXPECT_EQ(Parsed("( a\n b )").all(), "(a b)");
  EXPECT_EQ(Parsed("1e3 true").all(), "1000.0 #t");
}

}  // namespace
}  // namespace fl::parse
