// Strings: in-place concatenation, shared substrings, code-point lengths, UTF-8 repair.
#include "gc/heap.h"
#include <random>

#include "test_util.h"

using namespace flt;

TEST(Strings, ConcatenationExtendsBuffersWithoutChangingOlderStrings) {
  fl_value a = S(std::string(100, 'a'));
  fl_value ab = flrt_string_concat(a, S("b"));  // new buffer
  fl_value abc = flrt_string_concat(ab, S("c"));  // in place
  EXPECT_EQ(flrt_str(abc)->data, flrt_str(ab)->data);
  fl_value abd = flrt_string_concat(ab, S("d"));  // ab is no longer at the end: copy
  EXPECT_NE(flrt_str(abd)->data, flrt_str(ab)->data);
  EXPECT_EQ(str_of(ab), std::string(100, 'a') + "b");
  EXPECT_EQ(str_of(abc), std::string(100, 'a') + "bc");
  EXPECT_EQ(str_of(abd), std::string(100, 'a') + "bd");
  EXPECT_EQ(str_of(a), std::string(100, 'a'));
  EXPECT_EQ(flrt_str(abd)->data[flrt_str(abd)->len], 0);  // the newest string is NUL-terminated
}

TEST(Strings, RepeatedAppendIsLinear) {
  size_t pages_before = flrt_H.pages_in_use;
  fl_value acc = S("");
  std::string expect;
  for (int i = 0; i < 200000; i++) {
    fl_value piece = S(std::to_string(i % 10));
    fl_value args[2] = {acc, piece};
    acc = flb_STRING_APPEND(nullptr, 2, args);
    expect += std::to_string(i % 10);
  }
  EXPECT_EQ(str_of(acc), expect);
  // the accumulated strings share a few buffers rather than 200000 copies (quadratic: 20 GB)
  EXPECT_LT(flrt_H.pages_in_use * FLRT_PAGE_SIZE, pages_before * FLRT_PAGE_SIZE + ((size_t)64 << 20));
  EXPECT_EQ(flrt_string_cplen(flrt_str(acc)), 200000);
}

TEST(Strings, AppendingSeveralPiecesPerStepIsLinear) {
  // (string-append acc (number->string i) ",") and (str acc i ","): the pieces after the
  // accumulator extend its buffer in place
  fl_value acc = S(std::string(70, 'x'));
  std::string expect(70, 'x');
  const char *prev = nullptr;
  int in_place = 0;
  for (int i = 0; i < 20000; i++) {
    fl_value args[3] = {acc, S(std::to_string(i)), S(",")};
    fl_value str_args[3] = {acc, I(i), S(",")};
    acc = i % 2 ? flb_STRING_APPEND(nullptr, 3, args) : flb_STR(nullptr, 3, str_args);
    expect += std::to_string(i) + ",";
    in_place += flrt_str(acc)->data == prev;
    prev = flrt_str(acc)->data;
  }
  EXPECT_EQ(str_of(acc), expect);
  EXPECT_GT(in_place, 19900);  // all but the steps that outgrow the buffer
  EXPECT_EQ(str_of(CALL(STRING_APPEND, S(""), S("a"), S("b"))), "ab");
  EXPECT_EQ(str_of(CALL(STRING_APPEND, S("a"), S(""), S(""))), "a");
  EXPECT_EQ(str_of(CALL(STR, S("n="), I(5), S(" "), F(1.5))), "n=5 1.5");
  EXPECT_EQ(flrt_string_cplen(flrt_str(CALL(STRING_APPEND, S("é"), S("ü"), S("x")))), 3);
}

TEST(Strings, SubstringsShareLongParents) {
  std::string text(1000, 'x');
  text[500] = 'y';
  fl_value s = S(text);
  fl_value sub = CALL(SUBSTRING, s, I(400), I(900));
  EXPECT_EQ(str_of(sub), text.substr(400, 500));
  EXPECT_EQ(flrt_str(sub)->data, flrt_str(s)->data + 400);  // a view
  fl_value small = CALL(SUBSTRING, s, I(499), I(502));
  EXPECT_EQ(str_of(small), "xyx");
  EXPECT_NE(flrt_str(small)->data, flrt_str(s)->data + 499);  // short pieces are copied
  // a view that ends at its buffer's end can be extended in place without harm
  fl_value built = flrt_string_concat(S(std::string(80, 'p')), S("q"));
  fl_value view = CALL(SUBSTRING, built, I(10));
  fl_value ext = flrt_string_concat(view, S("r"));
  EXPECT_EQ(str_of(ext), std::string(70, 'p') + "qr");
  EXPECT_EQ(str_of(built), std::string(80, 'p') + "q");
  fl_value ext2 = flrt_string_concat(built, S("z"));
  EXPECT_EQ(str_of(ext2), std::string(80, 'p') + "qz");
  EXPECT_EQ(str_of(ext), std::string(70, 'p') + "qr");
}

// Long non-ASCII strings get a sparse code-point index (every 32nd code point): random lookups
// in any order, on strings of every length around the stride, across collections (which drop
// the index), agree with a plain scan.
TEST(Strings, SparseCodePointIndexMatchesAScan) {
  std::mt19937 rng(7);
  const char *pieces[] = {"a", "\xc3\xa9", "\xe6\x97\xa5", "\xf0\x9f\x98\x80", "z"};
  for (int len : {255, 256, 300, 640, 4096, 70001}) {
    std::string text;
    std::vector<int64_t> offs;  // byte offset of each code point, then the end
    for (int k = 0; k < len; k++) {
      offs.push_back((int64_t)text.size());
      text += pieces[rng() % 5];
    }
    offs.push_back((int64_t)text.size());
    fl_value s = S(text);
    for (int q = 0; q < 2000; q++) {
      int64_t cp = rng() % (len + 1);
      ASSERT_EQ(flrt_string_byte_offset(flrt_str(s), cp), offs[cp]) << len << " " << cp;
      if (q % 500 == 0) flrt_gc_collect();
    }
    for (int64_t cp = len; cp >= 0; cp -= 37) ASSERT_EQ(flrt_string_byte_offset(flrt_str(s), cp), offs[cp]);
  }
}

TEST(Strings, CodePointIndexing) {
  fl_value s = S("aé日😀z");
  EXPECT_EQ(flrt_string_cplen(flrt_str(s)), 5);
  EXPECT_EQ(flrt_str(s)->len, 11);
  EXPECT_EQ(flrt_string_byte_offset(flrt_str(s), 0), 0);
  EXPECT_EQ(flrt_string_byte_offset(flrt_str(s), 2), 3);
  EXPECT_EQ(flrt_string_byte_offset(flrt_str(s), 4), 10);
  EXPECT_EQ(flrt_string_byte_offset(flrt_str(s), 5), 11);
  EXPECT_EQ(W(CALL(STRING_REF, s, I(3))), "\"😀\"");
  EXPECT_EQ(W(CALL(SUBSTRING, s, I(1), I(4))), "\"é日😀\"");
  EXPECT_EQ(W(CALL(STRING_REVERSE, s)), "\"z😀日éa\"");
  EXPECT_EQ(W(CALL(STRING_TO_LIST, s)), "(\"a\" \"é\" \"日\" \"😀\" \"z\")");
  EXPECT_EQ(flrt_utf8_count("a\xc3\xa9\xe6\x97\xa5\xf0\x9f\x98\x80zzzzzzzzz", 19), 13);
}

TEST(Strings, IndexingByCodePointWalksForward) {
  std::string text;
  for (int i = 0; i < 20000; i++) text += (i % 3 == 0) ? "é" : (i % 3 == 1 ? "a" : "日");
  fl_value s = S(text);
  std::string back;
  for (int i = 0; i < 20000; i++) back += str_of(CALL(STRING_REF, s, I(i)));  // linear overall
  EXPECT_EQ(back, text);
  EXPECT_EQ(str_of(CALL(STRING_REF, s, I(1))), "a");  // going backwards restarts the scan
  EXPECT_EQ(str_of(CALL(SUBSTRING, s, I(19998), I(20000))), "éa");
  flrt_gc_collect();
  EXPECT_EQ(str_of(CALL(STRING_REF, s, I(5))), "日");
}

TEST(Strings, CharStrings) {
  EXPECT_EQ(flrt_char_string('a'), flrt_char_string('a'));  // ASCII ones are static
  EXPECT_TRUE(flrt_is_static(flrt_char_string('a')));
  EXPECT_EQ(str_of(flrt_char_string(0x3bb)), "λ");
  EXPECT_EQ(str_of(flrt_char_string(0x1F600)), "😀");
  EXPECT_EQ(str_of(flrt_char_string(0)), std::string("\0", 1));
}

TEST(Strings, StaticStringsAreNeverWritten) {
  static FLRT_STATIC_STRING(lit, "héllo");
  fl_value s = flrt_ptr_value(&lit);
  EXPECT_EQ(flrt_string_cplen(&lit), 5);
  EXPECT_EQ(lit.cplen, -1);  // not cached in a static object
  EXPECT_NE(flrt_string_hash(&lit), 0u);
  EXPECT_EQ(lit.hash, 0u);
  EXPECT_EQ(W(CALL(STRING_UPCASE, s)), "\"HéLLO\"");
  EXPECT_EQ(str_of(flrt_string_concat(s, S("!"))), "héllo!");
}

TEST(Strings, Utf8Repair) {
  auto fix = [](const std::string &in) { return str_of(flrt_string_from_external(in.data(), in.size())); };
  EXPECT_EQ(fix("plain"), "plain");
  EXPECT_EQ(fix("é😀"), "é😀");
  EXPECT_EQ(fix("a\xff" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(fix("\xe6\x97"), "\xEF\xBF\xBD");          // truncated sequence: one U+FFFD
  EXPECT_EQ(fix("\xe6\x97z"), "\xEF\xBF\xBDz");
  EXPECT_EQ(fix("\xed\xa0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(fix("\xc0\xaf"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong
  EXPECT_EQ(fix("\xf4\x90\x80\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(Strings, ComparisonIsByCodePoint) {
  EXPECT_LT(flrt_string_cmp(flrt_str(S("a")), flrt_str(S("b"))), 0);
  EXPECT_LT(flrt_string_cmp(flrt_str(S("z")), flrt_str(S("é"))), 0);
  EXPECT_LT(flrt_string_cmp(flrt_str(S("é")), flrt_str(S("😀"))), 0);
  EXPECT_EQ(flrt_string_cmp(flrt_str(S("")), flrt_str(S(""))), 0);
  EXPECT_GT(flrt_string_cmp(flrt_str(S("ab")), flrt_str(S("a"))), 0);
}
