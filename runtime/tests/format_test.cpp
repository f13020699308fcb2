// string-format's flags, widths and precisions (LANGUAGE.md §20.5) where the generated
// BuiltinCases cannot reach: huge sizes, comparisons with C's %.Nf, code-point widths.
#include <math.h>
#include <stdio.h>

#include "test_util.h"

using namespace flt;

namespace {

std::string format(const std::string &fmt, fl_value arg) { return str_of(call(FL_B_STRING_FORMAT, {S(fmt), arg})); }

std::string c_fixed(double x, int prec) {
  int n = snprintf(nullptr, 0, "%.*f", prec, x);
  std::string out((size_t)n + 1, '\0');
  snprintf(out.data(), out.size(), "%.*f", prec, x);
  out.resize((size_t)n);
  return out;
}

}  // namespace

TEST(StringFormat, PrecisionIsCsFixedNotation) {
  const double xs[] = {0.0, -0.0, 0.5, 2.5, -2.5, 0.125, 2.675, 1e-7, -1.5e-7, 1e22, -1e300,
                       5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, M_PI, 1.0 / 3};
  for (double x : xs)
    for (int prec : {0, 1, 2, 3, 6, 17, 20, 40, 100, 400, 1074, 1075, 1100, 1500}) {
      std::string fmt = "~." + std::to_string(prec) + "f";
      EXPECT_EQ(format(fmt, F(x)), c_fixed(x, prec)) << fmt << " " << std::hexfloat << x;
    }
}

TEST(StringFormat, NonFiniteIgnoresPrecisionAndZeroFlag) {
  EXPECT_EQ(format("~.3f", F(NAN)), "NaN");
  EXPECT_EQ(format("~.3f", F(INFINITY)), "inf");
  EXPECT_EQ(format("~07.1f", F(-INFINITY)), "   -inf");
  EXPECT_EQ(format("~-7.1f", F(NAN)), "NaN    ");
}

TEST(StringFormat, HugeWidthsAndPrecisionsAreBuiltOnTheHeap) {
  std::string s = format("~100000d", I(-42));
  ASSERT_EQ(s.size(), 100000u);
  EXPECT_EQ(s.find_first_not_of(' '), 100000u - 3);
  EXPECT_EQ(s.substr(s.size() - 3), "-42");

  s = format("~0100000x", I(-255));
  ASSERT_EQ(s.size(), 100000u);
  EXPECT_EQ(s[0], '-');
  EXPECT_EQ(s.find_first_not_of('0', 1), 100000u - 2);

  fl_value v = call(FL_B_STRING_FORMAT, {S("~-1000000a"), S("\xce\xbb")});  // 2 bytes, then spaces
  EXPECT_EQ(flrt_string_cplen(flrt_str(v)), 1000000);
  EXPECT_EQ(flrt_str(v)->len, 1000001);

  s = format("~.100000f", F(0.5));  // past the 1074 exact decimals: zeros
  ASSERT_EQ(s.size(), 100002u);
  EXPECT_EQ(s.substr(0, 3), "0.5");
  EXPECT_EQ(s.find_first_not_of('0', 3), std::string::npos);
}

TEST(StringFormat, WidthCountsCodePoints) {
  fl_value v = call(FL_B_STRING_FORMAT, {S("~6a|~-6s"), S("\xf0\x9f\x98\x80x"), S("\xe6\x97\xa5")});
  EXPECT_EQ(str_of(v), "    \xf0\x9f\x98\x80x|\"\xe6\x97\xa5\"   ");
  EXPECT_EQ(flrt_string_cplen(flrt_str(v)), 13);
}

TEST(StringFormat, LongDigitStringsAreParsedWithoutOverflow) {
  EXPECT_EQ(raised([] { call(FL_B_STRING_FORMAT, {S("~99999999999999999999999999.2d"), I(1)}); }), "value-error");
  EXPECT_EQ(raised([] { call(FL_B_STRING_FORMAT, {S("~.99999999999999999999999999d"), I(1)}); }), "value-error");
}

// Widths and precisions saturate while parsing: a result that large is out of memory (as for
// string-pad-left), never a wrapped size.
TEST(StringFormatDeathTest, ImpossibleSizesAreOutOfMemory) {
  EXPECT_EXIT(call(FL_B_STRING_FORMAT, {S("~99999999999999999999999999d"), I(1)}), testing::ExitedWithCode(1),
              "^error: out-of-memory");
  EXPECT_EXIT(call(FL_B_STRING_FORMAT, {S("~.99999999999999999999999999f"), F(1.0)}), testing::ExitedWithCode(1),
              "^error: out-of-memory");
}

TEST(StringFormat, MalformedDirectiveMessagesQuoteIt) {
  EXPECT_EQ(raised_message([] { call(FL_B_STRING_FORMAT, {S("ab~05s"), S("x")}); }), "string-format: bad directive ~05s");
  EXPECT_EQ(raised_message([] { call(FL_B_STRING_FORMAT, {S("~5\xce\xbb"), I(1)}); }),
            "string-format: bad directive ~5\xce\xbb");
  EXPECT_EQ(raised_message([] { call(FL_B_STRING_FORMAT, {S("~-")}); }), "string-format: bad directive ~-");
  EXPECT_EQ(raised_message([] { call(FL_B_STRING_FORMAT, {S("~q")}); }), "string-format: unknown directive ~q");
}
