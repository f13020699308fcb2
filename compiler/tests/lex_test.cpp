// Unit tests of the lexer (LANGUAGE.md §1.1-§1.2): every token kind, literal boundaries, escapes,
// comments, UTF-8 handling, error positions and recovery, and the --emit=tokens dump.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "base/source.h"
#include "diag/diag.h"
#include "lex/lexer.h"
#include "lex/literal.h"

namespace fl::lex {
namespace {

// One source file lexed into tokens, with its diagnostics kept for inspection.
struct Lexed {
  SourceManager sm;
  diag::Engine diags{sm};
  const SourceFile* file = nullptr;
  std::vector<Token> tokens;

  explicit Lexed(std::string text) {
    file = &sm.file(sm.addFile("t.fl", std::move(text)));
    tokens = lex(*file, diags);
  }
  // Tokens without the final Eof.
  size_t count() const { return tokens.size() - 1; }
  const Token& operator[](size_t i) const { return tokens[i]; }
  std::string_view text(const Token& t) const { return sm.text(t.span); }
  LineCol pos(const Token& t) const { return sm.lineCol(t.span.begin); }
  // The error codes in report order.
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const diag::Diagnostic& d : diags.diagnostics()) out.push_back(diag::info(d.id).code);
    return out;
  }
  const diag::Diagnostic& diag(size_t i) const { return diags.diagnostics().at(i); }
  std::string where(size_t i) const { return sm.describe(diag(i).span.begin); }
};

using Codes = std::vector<std::string>;

// Lexes one atom and expects exactly one token of that kind and no errors.
Token single(const std::string& src, TokenKind kind) {
  Lexed l(src);
  EXPECT_TRUE(l.codes().empty()) << src;
  EXPECT_EQ(l.count(), 1u) << src;
  EXPECT_EQ(l[0].kind, kind) << src << " is " << tokenKindName(l[0].kind);
  EXPECT_EQ(l.text(l[0]), src);
  return l[0];
}

// Lexes one atom and expects it rejected with `code` and an Error token.
void rejected(const std::string& src, const std::string& code) {
  Lexed l(src);
  EXPECT_EQ(l.codes(), Codes{code}) << src;
  ASSERT_EQ(l.count(), 1u) << src;
  EXPECT_EQ(l[0].kind, TokenKind::Error) << src;
  EXPECT_EQ(l[0].text, src);
}

TEST(LexPunctuation, AllKindsWithSpans) {
  Lexed l("( ) [ ] ' #;");
  ASSERT_EQ(l.count(), 6u);
  TokenKind kinds[] = {TokenKind::LParen, TokenKind::RParen, TokenKind::LBracket,
                       TokenKind::RBracket, TokenKind::Quote, TokenKind::DatumComment};
  for (size_t i = 0; i < 6; ++i) EXPECT_EQ(l[i].kind, kinds[i]);
  EXPECT_EQ(l.text(l[5]), "#;");
  EXPECT_EQ(l.pos(l[4]).col, 9u);
  EXPECT_EQ(l.tokens.back().kind, TokenKind::Eof);
  EXPECT_TRUE(l.codes().empty());
}

TEST(LexPunctuation, DelimitersEndAtoms) {
  Lexed l("a(b)c[d]e'f\"s\"g;comment\nh");
  std::vector<std::string> texts;
  for (size_t i = 0; i < l.count(); ++i) texts.emplace_back(l.text(l[i]));
  EXPECT_EQ(texts, (std::vector<std::string>{"a", "(", "b", ")", "c", "[", "d", "]", "e", "'", "f", "\"s\"", "g", "h"}));
  EXPECT_TRUE(l.codes().empty());
}

TEST(LexEof, EmptyAndWhitespaceOnly) {
  for (const char* src : {"", " \t\r\n ", "; only a comment", "#| block |#"}) {
    Lexed l(src);
    ASSERT_EQ(l.tokens.size(), 1u) << src;
    EXPECT_EQ(l[0].kind, TokenKind::Eof);
    EXPECT_EQ(l[0].span.begin, l.file->base + l.file->text.size());
    EXPECT_TRUE(l.codes().empty());
  }
}

TEST(LexBool, AllSpellings) {
  EXPECT_TRUE(single("#t", TokenKind::Bool).b);
  EXPECT_TRUE(single("true", TokenKind::Bool).b);
  EXPECT_FALSE(single("#f", TokenKind::Bool).b);
  EXPECT_FALSE(single("false", TokenKind::Bool).b);
  single("True", TokenKind::Symbol);
  single("truex", TokenKind::Symbol);
  rejected("#true", "E0106");
  rejected("#tx", "E0106");
}

TEST(LexNil, NilAndLookalikes) {
  single("nil", TokenKind::Nil);
  EXPECT_EQ(single("Nil", TokenKind::Symbol).text, "Nil");
  single("nil?", TokenKind::Symbol);
}

TEST(LexInteger, Values) {
  EXPECT_EQ(single("0", TokenKind::Integer).i, 0);
  EXPECT_EQ(single("42", TokenKind::Integer).i, 42);
  EXPECT_EQ(single("007", TokenKind::Integer).i, 7);
  EXPECT_EQ(single("-5", TokenKind::Integer).i, -5);
  EXPECT_EQ(single("-0", TokenKind::Integer).i, 0);
  EXPECT_EQ(single("0000000000000000000000000001", TokenKind::Integer).i, 1);
}

TEST(LexInteger, RangeBoundaries) {
  EXPECT_EQ(single("9223372036854775807", TokenKind::Integer).i, INT64_MAX);
  EXPECT_EQ(single("-9223372036854775808", TokenKind::Integer).i, INT64_MIN);
  rejected("9223372036854775808", "E0107");
  rejected("-9223372036854775809", "E0107");
  rejected("18446744073709551616", "E0107");
  rejected("99999999999999999999999999999", "E0107");
  Lexed l("9223372036854775808");
  EXPECT_EQ(l.diag(0).message, "integer literal '9223372036854775808' is out of the 64-bit range");
}

TEST(LexFloat, Values) {
  EXPECT_EQ(single("1.5", TokenKind::Float).f, 1.5);
  EXPECT_EQ(single("-2.0", TokenKind::Float).f, -2.0);
  EXPECT_EQ(single("1e5", TokenKind::Float).f, 1e5);
  EXPECT_EQ(single("1E5", TokenKind::Float).f, 1e5);
  EXPECT_EQ(single("1e+5", TokenKind::Float).f, 1e5);
  EXPECT_EQ(single("1.5e-3", TokenKind::Float).f, 1.5e-3);
  EXPECT_EQ(single("2.50", TokenKind::Float).f, 2.5);
  EXPECT_EQ(single("007.5", TokenKind::Float).f, 7.5);
  EXPECT_EQ(single("0.1", TokenKind::Float).f, 0.1);
  EXPECT_EQ(single("1e3", TokenKind::Float).f, 1000.0);
  double negZero = single("-0.0", TokenKind::Float).f;
  EXPECT_EQ(negZero, 0.0);
  EXPECT_TRUE(std::signbit(negZero));
}

TEST(LexFloat, NearestDouble) {
  // 2^53 + 1 is not representable: round to even.
  EXPECT_EQ(single("9007199254740993.0", TokenKind::Float).f, 9007199254740992.0);
  EXPECT_EQ(single("2.2250738585072014e-308", TokenKind::Float).f, 2.2250738585072014e-308);
  EXPECT_EQ(single("1.7976931348623157e308", TokenKind::Float).f, 1.7976931348623157e308);
  EXPECT_EQ(single("4.9e-324", TokenKind::Float).f, 4.9e-324);
  // Underflow is not an error: the nearest double is 0.
  EXPECT_EQ(single("1e-400", TokenKind::Float).f, 0.0);
}

TEST(LexFloat, OverflowToInfinityIsAnError) {
  rejected("1e309", "E0108");
  rejected("-1e309", "E0108");
  rejected("1.8e308", "E0108");
  Lexed l("1e999");
  EXPECT_EQ(l.diag(0).message, "float literal '1e999' is out of range");
}

TEST(LexFloat, MalformedNumbersAreErrors) {
  for (const char* src : {"2.", ".5", "1.e3", "-.5", "1e", "1e+", "1.5e", "1.2.3", "-2.", "1..2", "0x10", "1_000"})
    rejected(src, "E0106");
  Lexed l("2.");
  EXPECT_EQ(l.diag(0).message, "invalid token '2.'");
  ASSERT_EQ(l.diag(0).notes.size(), 1u);
  EXPECT_NE(l.diag(0).notes[0].message.find("digits on both sides"), std::string::npos);
}

TEST(LexSymbol, SignsAndOperators) {
  EXPECT_EQ(single("-x", TokenKind::Symbol).text, "-x");
  single("->", TokenKind::Symbol);
  single("+5", TokenKind::Symbol);
  single("-5a", TokenKind::Symbol);
  single("-", TokenKind::Symbol);
  single("+", TokenKind::Symbol);
  single("*", TokenKind::Symbol);
  single("/", TokenKind::Symbol);
  single("<=", TokenKind::Symbol);
  single("!=", TokenKind::Symbol);
  single("set!", TokenKind::Symbol);
  single("null?", TokenKind::Symbol);
  single("_", TokenKind::Symbol);
  single("x1", TokenKind::Symbol);
  single("Some", TokenKind::Symbol);
  single("string->list", TokenKind::Symbol);
  EXPECT_EQ(single("io:print", TokenKind::Symbol).text, "io:print");
  single("spec:contract", TokenKind::Symbol);
  single("a:", TokenKind::Symbol);
}

TEST(LexSymbol, InvalidAtoms) {
  for (const char* src : {"1-2", "x.y.z", "a,b", "{}", "`x", "@x", "#\\a", "5a", "...", "a.", ".a", "#", "a|b",
                          "x$", "a~b", "%", "&rest", "1.x", "|#"})
    rejected(src, "E0106");
}

TEST(LexSymbol, ControlCharactersAreShownEscaped) {
  Lexed l(std::string("a\fb \x01 c\0d", 9));
  EXPECT_EQ(l.codes(), (Codes{"E0106", "E0106", "E0106"}));
  EXPECT_EQ(l.diag(0).message, "invalid token 'a\\u{c}b'");
  ASSERT_EQ(l.diag(0).notes.size(), 1u);
  EXPECT_EQ(l.diag(0).notes[0].message, "U+000C is a control character; only space, tab, CR and LF separate tokens");
  EXPECT_EQ(l.diag(2).message, "invalid token 'c\\u{0}d'");
  EXPECT_EQ(dumpTokens(l.tokens, l.sm), "1:1 error a\\u{c}b\n1:5 error \\u{1}\n1:7 error c\\u{0}d\n1:10 eof\n");
}

TEST(LexSymbol, HashParenIsAnErrorThenAParen) {
  Lexed l("#(1)");
  EXPECT_EQ(l.codes(), Codes{"E0106"});
  EXPECT_EQ(l.diag(0).message, "invalid token '#'");
  ASSERT_EQ(l.count(), 4u);
  EXPECT_EQ(l[0].kind, TokenKind::Error);
  EXPECT_EQ(l[1].kind, TokenKind::LParen);
}

TEST(LexRangeOp, BothForms) {
  EXPECT_EQ(single("..", TokenKind::RangeOp).text, "..");
  EXPECT_EQ(single("..=", TokenKind::RangeOp).text, "..=");
  rejected("...", "E0106");
  rejected("..<", "E0106");
}

TEST(LexDot, LoneFullStopIsAToken) {  // rest parameters (§20.3)
  EXPECT_EQ(single(".", TokenKind::Dot).text, ".");
  rejected(".a", "E0106");
}

TEST(LexKeyword, NameWithoutColon) {
  EXPECT_EQ(single(":name", TokenKind::Keyword).text, "name");
  EXPECT_EQ(single(":a-b_c1", TokenKind::Keyword).text, "a-b_c1");
  EXPECT_EQ(single(":_", TokenKind::Keyword).text, "_");
  for (const char* src : {":", ":1", "::a", ":a:b", ":a.b", ":-a", ":a?"}) rejected(src, "E0106");
}

TEST(LexQualified, WholeTextIsKept) {
  EXPECT_EQ(single("geo.area", TokenKind::Qualified).text, "geo.area");
  single("math-utils.pi", TokenKind::Qualified);
  single("m.+", TokenKind::Qualified);
  single("m.set!", TokenKind::Qualified);
  single("m.a:b", TokenKind::Qualified);
  single("_m.x", TokenKind::Qualified);
  single("M1.x", TokenKind::Qualified);
  rejected("m.1", "E0106");
  rejected("m.:k", "E0106");
  rejected("-m.x", "E0106");
}

TEST(LexString, PlainAndRaw) {
  EXPECT_EQ(single("\"hello\"", TokenKind::String).text, "hello");
  EXPECT_EQ(single("\"\"", TokenKind::String).text, "");
  EXPECT_EQ(single("\"a;b#|c|#d#;e(f)'\"", TokenKind::String).text, "a;b#|c|#d#;e(f)'");
  EXPECT_EQ(single("\"line1\nline2\"", TokenKind::String).text, "line1\nline2");
  EXPECT_EQ(single("\"crlf\r\n\"", TokenKind::String).text, "crlf\r\n");
  EXPECT_EQ(single("\"tab\there\"", TokenKind::String).text, "tab\there");
  EXPECT_EQ(single("\"λ→😀\"", TokenKind::String).text, "λ→😀");
}

TEST(LexString, EveryEscape) {
  EXPECT_EQ(single(R"("\n")", TokenKind::String).text, "\n");
  EXPECT_EQ(single(R"("\t")", TokenKind::String).text, "\t");
  EXPECT_EQ(single(R"("\r")", TokenKind::String).text, "\r");
  EXPECT_EQ(single(R"("\\")", TokenKind::String).text, "\\");
  EXPECT_EQ(single(R"("\"")", TokenKind::String).text, "\"");
  EXPECT_EQ(single(R"("a\0b")", TokenKind::String).text, std::string("a\0b", 3));
  EXPECT_EQ(single(R"("a\"b")", TokenKind::String).text, "a\"b");
  EXPECT_EQ(single(R"("\\n")", TokenKind::String).text, "\\n");
}

TEST(LexString, UnicodeEscapes) {
  EXPECT_EQ(single(R"("\u{41}")", TokenKind::String).text, "A");
  EXPECT_EQ(single(R"("\u{3bb}x")", TokenKind::String).text, "λx");
  EXPECT_EQ(single(R"("\u{3BB}")", TokenKind::String).text, "λ");
  EXPECT_EQ(single(R"("\u{0}")", TokenKind::String).text, std::string("\0", 1));
  EXPECT_EQ(single(R"("\u{000041}")", TokenKind::String).text, "A");
  EXPECT_EQ(single(R"("\u{7f}")", TokenKind::String).text, "\x7f");
  EXPECT_EQ(single(R"("\u{80}")", TokenKind::String).text, "\xc2\x80");
  EXPECT_EQ(single(R"("\u{7FF}")", TokenKind::String).text, "\xdf\xbf");
  EXPECT_EQ(single(R"("\u{800}")", TokenKind::String).text, "\xe0\xa0\x80");
  EXPECT_EQ(single(R"("\u{D7FF}")", TokenKind::String).text, "\xed\x9f\xbf");
  EXPECT_EQ(single(R"("\u{E000}")", TokenKind::String).text, "\xee\x80\x80");
  EXPECT_EQ(single(R"("\u{FFFF}")", TokenKind::String).text, "\xef\xbf\xbf");
  EXPECT_EQ(single(R"("\u{1F600}")", TokenKind::String).text, "😀");
  EXPECT_EQ(single(R"("\u{10FFFF}")", TokenKind::String).text, "\xf4\x8f\xbf\xbf");
}

TEST(LexString, BadUnicodeEscapes) {
  struct Case {
    const char* src;
    const char* message;
  } cases[] = {
      {R"("\u{110000}")", "invalid unicode escape: '\\u{110000}' is beyond U+10FFFF"},
      {R"("\u{D800}")", "invalid unicode escape: '\\u{D800}' is a surrogate, not a Unicode scalar value"},
      {R"("\u{dfff}")", "invalid unicode escape: '\\u{dfff}' is a surrogate, not a Unicode scalar value"},
      {R"("\u{}")", "invalid unicode escape: '\\u{}' must have 1 to 6 hex digits"},
      {R"("\u{0000041}")", "invalid unicode escape: '\\u{0000041}' must have 1 to 6 hex digits"},
      {R"("\u41")", "invalid unicode escape: expected '{' after '\\u', as in \\u{3bb}"},
      {R"("\u{41")", "invalid unicode escape: expected '}' after the hex digits"},
      {R"("\u{x}")", "invalid unicode escape: expected hex digits after '\\u{'"},
  };
  for (const Case& c : cases) {
    Lexed l(c.src);
    ASSERT_EQ(l.codes(), Codes{"E0104"}) << c.src;
    EXPECT_EQ(l.diag(0).message, c.message);
    EXPECT_EQ(l.where(0), "t.fl:1:2") << c.src;
    ASSERT_EQ(l.count(), 1u);
    EXPECT_EQ(l[0].kind, TokenKind::String);  // the string itself is kept
  }
  Lexed l(R"("ab\u{D800}cd")");
  EXPECT_EQ(l[0].text, "abcd");
  EXPECT_EQ(l.sm.text(l.diag(0).span), "\\u{D800}");
}

TEST(LexString, BadEscapes) {
  Lexed l(R"("bad \q escape")");
  EXPECT_EQ(l.codes(), Codes{"E0103"});
  EXPECT_EQ(l.diag(0).message, "invalid escape sequence '\\q' in string literal");
  EXPECT_EQ(l.where(0), "t.fl:1:6");
  EXPECT_EQ(l.sm.text(l.diag(0).span), "\\q");
  EXPECT_EQ(l[0].kind, TokenKind::String);
  EXPECT_EQ(l[0].text, "bad  escape");

  for (const char* src : {R"("\a")", R"("\x41")", R"("\U{41}")", R"("\ ")", R"("\'")"}) {
    Lexed e(src);
    EXPECT_EQ(e.codes(), Codes{"E0103"}) << src;
  }
  Lexed nonAscii("\"\\λ\"");
  EXPECT_EQ(nonAscii.diag(0).message, "invalid escape sequence '\\λ' in string literal");
  Lexed newline("\"a\\\nb\"");
  EXPECT_EQ(newline.diag(0).message, "invalid escape sequence '\\<newline>' in string literal");
}

TEST(LexString, SeveralErrorsInOneString) {
  Lexed l(R"("\q \u{D800} \w" after)");
  EXPECT_EQ(l.codes(), (Codes{"E0103", "E0104", "E0103"}));
  ASSERT_EQ(l.count(), 2u);
  EXPECT_EQ(l[1].kind, TokenKind::Symbol);
}

TEST(LexString, Unterminated) {
  Lexed l("(print \"abc\n(more)");
  EXPECT_EQ(l.codes(), Codes{"E0102"});
  EXPECT_EQ(l.where(0), "t.fl:1:8");
  ASSERT_EQ(l.count(), 3u);
  EXPECT_EQ(l[2].kind, TokenKind::Error);
  EXPECT_TRUE(l[2].unterminated);
  Lexed backslash("\"abc\\");
  EXPECT_EQ(backslash.codes(), Codes{"E0102"});
}

TEST(LexComment, LineComments) {
  Lexed l("a ; comment ( \" [\nb;c\n;; end");
  ASSERT_EQ(l.count(), 2u);
  EXPECT_EQ(l[0].text, "a");
  EXPECT_EQ(l[1].text, "b");
  EXPECT_EQ(l.pos(l[1]).line, 2u);
}

TEST(LexComment, BlockCommentsNest) {
  Lexed l("#| a #| nested |# comment |# x #||# y #|#|#||#|#|# z");
  ASSERT_EQ(l.count(), 3u);
  EXPECT_EQ(l[0].text, "x");
  EXPECT_EQ(l[1].text, "y");
  EXPECT_EQ(l[2].text, "z");
  EXPECT_TRUE(l.codes().empty());
  Lexed multi("#| line1\nline2 |#\n  w");
  EXPECT_EQ(multi.pos(multi[0]).line, 3u);
  EXPECT_EQ(multi.pos(multi[0]).col, 3u);
}

TEST(LexComment, UnterminatedBlockComment) {
  Lexed l("x #| a #| b");
  EXPECT_EQ(l.codes(), Codes{"E0105"});
  EXPECT_EQ(l.where(0), "t.fl:1:3");
  ASSERT_EQ(l.diag(0).notes.size(), 1u);
  EXPECT_EQ(l.sm.describe(l.diag(0).notes[0].span.begin), "t.fl:1:8");
  ASSERT_EQ(l.count(), 2u);
  EXPECT_TRUE(l[1].unterminated);
  Lexed simple("#| never closed");
  EXPECT_EQ(simple.codes(), Codes{"E0105"});
  EXPECT_TRUE(simple.diag(0).notes.empty());
}

TEST(LexComment, DatumCommentIsAToken) {
  Lexed l("#;(a) #; b #;#;c");
  std::vector<TokenKind> kinds;
  for (size_t i = 0; i < l.count(); ++i) kinds.push_back(l[i].kind);
  EXPECT_EQ(kinds, (std::vector<TokenKind>{TokenKind::DatumComment, TokenKind::LParen, TokenKind::Symbol,
                                           TokenKind::RParen, TokenKind::DatumComment, TokenKind::Symbol,
                                           TokenKind::DatumComment, TokenKind::DatumComment, TokenKind::Symbol}));
}

TEST(LexUtf8, ColumnsCountCodePoints) {
  Lexed l("\"λλ\" x\n\"😀\"\ty");
  ASSERT_EQ(l.count(), 4u);
  EXPECT_EQ(l.pos(l[1]).col, 6u);
  EXPECT_EQ(l.pos(l[3]).line, 2u);
  EXPECT_EQ(l.pos(l[3]).col, 5u);
  Lexed e("\"λλ\" 2.");
  EXPECT_EQ(e.where(0), "t.fl:1:6");
}

TEST(LexUtf8, NonAsciiOutsideStrings) {
  Lexed l("(a λ)\n(x→y)\n; λ in a comment is fine\n#| λ |#");
  EXPECT_EQ(l.codes(), (Codes{"E0109", "E0109"}));
  EXPECT_EQ(l.where(0), "t.fl:1:4");
  EXPECT_EQ(l.where(1), "t.fl:2:3");
  EXPECT_EQ(l.sm.text(l.diag(1).span), "→");
  Lexed nbsp("a\xc2\xa0" "b");
  EXPECT_EQ(nbsp.codes(), Codes{"E0109"});
  ASSERT_EQ(nbsp.diag(0).notes.size(), 1u);
  EXPECT_NE(nbsp.diag(0).notes[0].message.find("U+00A0 looks like a space"), std::string::npos);
  Lexed bom("\xef\xbb\xbf(a)");
  EXPECT_EQ(bom.codes(), Codes{"E0109"});
}

TEST(LexUtf8, InvalidUtf8Anywhere) {
  struct Case {
    std::string src;
    const char* where;
  } cases[] = {
      {"; comment \xff\n a", "t.fl:1:11"},       // in a comment
      {"#| \xc0\x80 |#", "t.fl:1:4"},            // overlong, in a block comment
      {"\"ab\xed\xa0\x80\"", "t.fl:1:4"},        // encoded surrogate, in a string
      {"x \x80", "t.fl:1:3"},                    // lone continuation byte
      {"a\xf5\x80\x80\x80", "t.fl:1:2"},         // beyond U+10FFFF, inside an atom
      {"\"\xe2\x82\"", "t.fl:1:2"},              // truncated sequence
      {"\xf4\x90\x80\x80", "t.fl:1:1"},          // U+110000
  };
  for (const Case& c : cases) {
    Lexed l(c.src);
    EXPECT_EQ(l.codes(), Codes{"E0101"}) << c.where;
    EXPECT_EQ(l.where(0), c.where);
  }
  // Reported in source order with the other lexical errors.
  Lexed mixed("2. \xff 3.");
  EXPECT_EQ(mixed.codes(), (Codes{"E0106", "E0101", "E0106"}));
  Lexed two("\xff x \xfe\xfe");
  EXPECT_EQ(two.codes(), (Codes{"E0101", "E0101"}));
  EXPECT_EQ(two.sm.text(two.diag(1).span), "\xfe\xfe");
}

TEST(LexRecovery, SeveralErrorsInOneRun) {
  Lexed l("(a 2. 1-2 \"ok\" .5 λ 99999999999999999999 1e999 b)");
  EXPECT_EQ(l.codes(), (Codes{"E0106", "E0106", "E0106", "E0109", "E0107", "E0108"}));
  EXPECT_EQ(l.where(0), "t.fl:1:4");
  EXPECT_EQ(l.where(1), "t.fl:1:7");
  EXPECT_EQ(l.where(2), "t.fl:1:16");
  EXPECT_EQ(l.where(3), "t.fl:1:19");
  std::vector<TokenKind> kinds;
  for (size_t i = 0; i < l.count(); ++i) kinds.push_back(l[i].kind);
  using K = TokenKind;
  EXPECT_EQ(kinds, (std::vector<K>{K::LParen, K::Symbol, K::Error, K::Error, K::String, K::Error, K::Error,
                                   K::Error, K::Error, K::Symbol, K::RParen}));
}

TEST(LexRecovery, LineAndColumnOfLaterLines) {
  Lexed l("(ok)\n  (also ok)\n\t\t1-2\r\n x");
  EXPECT_EQ(l.codes(), Codes{"E0106"});
  EXPECT_EQ(l.where(0), "t.fl:3:3");
  EXPECT_EQ(l.pos(l.tokens[l.count() - 1]).line, 4u);
}

TEST(LexDump, Format) {
  Lexed l("(define x 'a) ; c\n[\"a\\\"b\\n\" :k geo.area .. 1.5 1e3 -7 #t nil #;]");
  EXPECT_EQ(dumpTokens(l.tokens, l.sm),
            "1:1 lparen (\n"
            "1:2 symbol define\n"
            "1:9 symbol x\n"
            "1:11 quote '\n"
            "1:12 symbol a\n"
            "1:13 rparen )\n"
            "2:1 lbracket [\n"
            "2:2 string \"a\\\"b\\n\"\n"
            "2:11 keyword :k\n"
            "2:14 qualified geo.area\n"
            "2:23 range-op ..\n"
            "2:26 float 1.5\n"
            "2:30 float 1000.0\n"
            "2:34 integer -7\n"
            "2:37 bool #t\n"
            "2:40 nil nil\n"
            "2:44 datum-comment #;\n"
            "2:46 rbracket ]\n"
            "2:47 eof\n");
}

TEST(LexDump, ErrorTokensStayOnOneLine) {
  Lexed l("2. \"abc\ndef");
  EXPECT_EQ(dumpTokens(l.tokens, l.sm), "1:1 error 2.\n1:4 error \"\n2:4 eof\n");
}

TEST(LexLiteral, WriteString) {
  EXPECT_EQ(writeString("a\"b"), "\"a\\\"b\"");
  EXPECT_EQ(writeString(std::string("\\\n\t\r\0", 5)), "\"\\\\\\n\\t\\r\\0\"");
  EXPECT_EQ(writeString("\x01\x1f\x7f"), "\"\\u{1}\\u{1f}\\u{7f}\"");
  EXPECT_EQ(writeString("λ é"), "\"λ é\"");
}

TEST(LexLiteral, FloatLiteralReadsBackAsFloat) {
  EXPECT_EQ(floatLiteral(1.5), "1.5");
  EXPECT_EQ(floatLiteral(1000.0), "1000.0");
  EXPECT_EQ(floatLiteral(1e5), "100000.0");
  EXPECT_EQ(floatLiteral(-0.0), "-0.0");
  EXPECT_EQ(floatLiteral(0.0), "0.0");
  EXPECT_EQ(floatLiteral(0.1), "0.1");
  EXPECT_EQ(floatLiteral(1.5e-3), "0.0015");
  EXPECT_EQ(floatLiteral(1e-7), "1e-7");
  EXPECT_EQ(floatLiteral(1e-6), "0.000001");
  EXPECT_EQ(floatLiteral(1e20), "100000000000000000000.0");
  EXPECT_EQ(floatLiteral(1e21), "1e21");
  EXPECT_EQ(floatLiteral(-1.5e-7), "-1.5e-7");
  EXPECT_EQ(floatLiteral(5e-324), "5e-324");
  EXPECT_EQ(floatLiteral(1.7976931348623157e308), "1.7976931348623157e308");
  EXPECT_EQ(floatLiteral(1.5e300), "1.5e300");
  for (double v : {1.5, 1000.0, 0.1, 1e21, 1.5e-7, 123456.789, 5e-324, 1.7976931348623157e308, 1e-7, 9.999e20}) {
    Lexed l(floatLiteral(v));
    ASSERT_EQ(l[0].kind, TokenKind::Float) << v;
    EXPECT_EQ(l[0].f, v);
  }
}

TEST(LexPerformance, LongLineOfParens) {
  std::string src(100000, '(');
  src.append(100000, ')');
  Lexed l(src);
  EXPECT_EQ(l.count(), 200000u);
  EXPECT_EQ(dumpTokens(l.tokens, l.sm).size() > 0, true);
}

}  // namespace
}  // namespace fl::lex
