// Printing (§5): floats (§5.1), write and display forms of every kind of value.
#include <math.h>
#include <stdlib.h>

#include <random>

#include "test_util.h"

using namespace flt;

static std::string fmt(double d) {
  char buf[FLRT_FLOAT_BUF];
  return std::string(buf, flrt_format_float(d, buf));
}

TEST(PrintFloat, Specials) {
  EXPECT_EQ(fmt(NAN), "NaN");
  EXPECT_EQ(fmt(-NAN), "NaN");
  EXPECT_EQ(fmt(INFINITY), "inf");
  EXPECT_EQ(fmt(-INFINITY), "-inf");
  EXPECT_EQ(fmt(0.0), "0");
  EXPECT_EQ(fmt(-0.0), "-0");
}

TEST(PrintFloat, Table) {
  EXPECT_EQ(fmt(0.1), "0.1");
  EXPECT_EQ(fmt(1e21), "1000000000000000000000");
  EXPECT_EQ(fmt(1.5e-7), "0.00000015");
  EXPECT_EQ(fmt(3.0), "3");
  EXPECT_EQ(fmt(2.5), "2.5");
  EXPECT_EQ(fmt(123.456), "123.456");
  EXPECT_EQ(fmt(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(fmt(5e-324), "0." + std::string(323, '0') + "5");
  EXPECT_EQ(fmt(1.7976931348623157e308), "17976931348623157" + std::string(292, '0'));
  EXPECT_EQ(fmt(-1.7976931348623157e308), "-17976931348623157" + std::string(292, '0'));
  EXPECT_EQ(fmt(100.0), "100");
  EXPECT_EQ(fmt(1e-5), "0.00001");
  EXPECT_EQ(fmt(9007199254740993.0), "9007199254740992");
  static const struct {
    double d;
    const char *s;
  } table[] = {
#include "float_table.inc"
  };
  for (auto &e : table) EXPECT_EQ(fmt(e.d), e.s) << std::hexfloat << e.d;
}

// Shortest round trip on random bit patterns: reads back exactly, and no digit string with one
// digit less does (checked by rounding the printed digits with printf at that precision).
TEST(PrintFloat, RandomRoundTrip) {
  std::mt19937_64 rng(42);
  for (int i = 0; i < 20000; i++) {
    uint64_t bits = rng();
    double d;
    memcpy(&d, &bits, 8);
    if (isnan(d) || isinf(d)) continue;
    std::string s = fmt(d);
    ASSERT_EQ(s.find('e'), std::string::npos);
    ASSERT_EQ(strtod(s.c_str(), nullptr), d) << s;
    std::string digits;
    for (char c : s)
      if (c >= '0' && c <= '9') digits += c;
    size_t a = digits.find_first_not_of('0'), b = digits.find_last_not_of('0');
    int n = (int)(b - a + 1);
    ASSERT_LE(n, 17);
    if (n > 1) {
      char buf[64];
      snprintf(buf, sizeof buf, "%.*e", n - 2, d);
      EXPECT_NE(strtod(buf, nullptr), d) << s << " has a shorter form " << buf;
    }
  }
}

TEST(Print, WriteAndDisplayForms) {
  EXPECT_EQ(W(I(42)), "42");
  EXPECT_EQ(W(I(-7)), "-7");
  EXPECT_EQ(W(I(INT64_MIN)), "-9223372036854775808");
  EXPECT_EQ(W(F(2.5)), "2.5");
  EXPECT_EQ(W(FL_TRUE), "#t");
  EXPECT_EQ(W(FL_FALSE), "#f");
  EXPECT_EQ(W(FL_NIL), "nil");
  EXPECT_EQ(W(FL_EMPTY), "()");
  EXPECT_EQ(W(S("a\"b")), "\"a\\\"b\"");
  EXPECT_EQ(D(S("a\"b")), "a\"b");
  EXPECT_EQ(W(S("x\ny\t\r\\")), "\"x\\ny\\t\\r\\\\\"");
  EXPECT_EQ(W(S(std::string("a\0b", 3))), "\"a\\0b\"");
  EXPECT_EQ(W(S("\x01\x1f\x7f")), "\"\\u{1}\\u{1f}\\u{7f}\"");
  EXPECT_EQ(W(S("λ é \xc2\x80")), "\"λ é \xc2\x80\"");  // U+0080 is verbatim
  EXPECT_EQ(W(L({I(1), S("a"), L({I(2)})})), "(1 \"a\" (2))");
  EXPECT_EQ(D(L({S("hi")})), "(\"hi\")");  // nested strings are always written
  EXPECT_EQ(D(L({S("hi"), flrt_intern_symbol(S("hi")), F(1.0), FL_NIL, FL_TRUE})),
            "(\"hi\" hi 1 nil #t)");
  EXPECT_EQ(W(flrt_intern_symbol(S("foo"))), "foo");
  EXPECT_EQ(W(flrt_intern_keyword(S("k"))), ":k");
  EXPECT_EQ(W(CALL(MAKE_TAGGED, S("Some"), I(5))), "Some(5)");
  EXPECT_EQ(W(CALL(MAKE_TAGGED, S("Pair"), I(1), S("a"))), "Pair(1 \"a\")");
  EXPECT_EQ(W(CALL(MAKE_TAGGED, S("None"))), "None");
  EXPECT_EQ(W(CALL(MAKE_TAGGED, S("Some"), L({CALL(MAKE_TAGGED, S("None"))}))), "Some((None))");
  fl_value m = flrt_map_set(flrt_map_set(flrt_map_new(), S("a"), I(1)), S("b"), L({I(2), I(3)}));
  EXPECT_EQ(W(m), "{\"a\" 1, \"b\" (2 3)}");
  EXPECT_EQ(W(flrt_map_new()), "{}");
  EXPECT_EQ(W(flrt_map_set(m, S("a"), I(9))), "{\"a\" 9, \"b\" (2 3)}");  // keeps position
  EXPECT_EQ(W(flrt_builtin_value(FL_B_HEAD, "car")), "#<function car>");
  EXPECT_EQ(W(flrt_make_error(S("user-error"), S("boom"))), "#<error user-error \"boom\">");
  EXPECT_EQ(D(flrt_make_error(S("k"), S("a\nb"))), "#<error k \"a\\nb\">");
}

TEST(Print, ListsOfEveryRepresentation) {
  EXPECT_EQ(W(CALL(RANGE, I(5))), "(0 1 2 3 4)");
  EXPECT_EQ(W(L({F(1.5), F(-0.0), F(NAN)})), "(1.5 -0 NaN)");
  EXPECT_EQ(W(flrt_cons(S("x"), CALL(RANGE, I(2)))), "(\"x\" 0 1)");
  EXPECT_EQ(W(flrt_cons(I(INT64_MAX), L({I(INT64_MIN)}))),
            "(9223372036854775807 -9223372036854775808)");
}

TEST(Print, DeeplyNestedLists) {
  fl_value v = FL_EMPTY;
  for (int i = 0; i < 2000; i++) v = L({v});
  std::string w = W(v);
  EXPECT_EQ(w.size(), 4002u);
  EXPECT_EQ(w.substr(0, 3), "(((");
}

TEST(Print, QuotedValuesInMessagesAreCutOff) {
  fl_value big = CALL(RANGE, I(100000));
  std::string q = str_of(flrt_quote_value(big));
  EXPECT_LE(q.size(), 210u);
  EXPECT_EQ(q.substr(q.size() - 3), "...");
  EXPECT_EQ(raised([&] { CALL(ADD, big, I(1)); }), "type-error");
}

TEST(Print, ResultLine) {
  EXPECT_EQ(capture_stdout([] { flrt_print_result(L({S("a"), F(0.5)})); }), "(\"a\" 0.5)\n");
  EXPECT_EQ(capture_stdout([] { flrt_print_result(FL_NIL); }), "nil\n");
}
