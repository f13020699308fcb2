// Debugger and backtrace support: flrt_debug_write (what tools/gdb and tools/lldb print) and the
// reader of the running executable (error/dwarf.h). Backtraces end to end: test/run/backtrace*.fl.
#include <string>

#include "error/dwarf.h"
#include "test_util.h"

using namespace flt;

extern "C" const char *flrt_debug_write(fl_value v);

TEST(Debug, WritesValuesInWriteForm) {
  EXPECT_STREQ(flrt_debug_write(L({I(1), I(2), I(3)})), "(1 2 3)");
  EXPECT_STREQ(flrt_debug_write(S("n=7")), "\"n=7\"");
  EXPECT_STREQ(flrt_debug_write(F(2.5)), "2.5");
  EXPECT_STREQ(flrt_debug_write(FL_NIL), "nil");
}

TEST(Debug, LongValuesAreCut) {
  fl_value big = S(std::string(10000, 'x'));
  std::string text = flrt_debug_write(big);
  EXPECT_EQ(text.size(), 4095u);
  EXPECT_EQ(text.substr(0, 3), "\"xx");
}

TEST(Backtrace, ReadsTheRunningExecutable) {
  flrt_image im;
  ASSERT_TRUE(flrt_image_load(&im));  // finds its own symbol and so the load bias
  EXPECT_NE(im.syms, nullptr);
  size_t len = 0;
  // A runtime function is not a FluentAI frame.
  uint64_t pc = (uint64_t)(uintptr_t)&flrt_debug_write - (uint64_t)im.bias;
  EXPECT_EQ(flrt_image_fl_function(&im, pc, &len), nullptr);
  // No inline records or line rows come from units flc did not emit (or are skipped safely).
  flrt_inlined chain[4];
  int omitted = -1;
  EXPECT_GE(flrt_image_inlined(&im, pc, chain, 4, &omitted), 0);
  EXPECT_GE(omitted, 0);
  flrt_place place;
  flrt_image_place(&im, &pc, &place, 1);
  flrt_image_unload(&im);
  EXPECT_EQ(im.data, nullptr);
}
