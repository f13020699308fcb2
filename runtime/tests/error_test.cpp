// Errors: raising through try frames, the uncaught hook, and the uncaught report (§10.3).
#include <setjmp.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_util.h"

using namespace flt;

TEST(Errors, FailBuildsAnErrorValue) {
  flrt_try_frame f;
  flrt_try_push(&f);
  if (_setjmp(f.jb) == 0) {
    flrt_fail(FL_ERR_INDEX, "index %d out of range", 7);
    FAIL() << "flrt_fail returned";
  }
  ASSERT_TRUE(fl_has_kind(f.thrown, FL_K_ERROR));
  EXPECT_EQ(W(f.thrown), "#<error index-error \"index 7 out of range\">");
}

TEST(Errors, EveryKindHasItsName) {
  const char *names[] = {"type-error", "arity-error", "overflow", "division-by-zero", "index-error",
                         "empty-list", "value-error", "io-error", "unbound", "contract-violation",
                         "deadlock", "stack-overflow", "user-error"};
  for (int k = 0; k < FL_ERR_COUNT_; k++) {
    EXPECT_STREQ(flrt_error_kind_names[k], names[k]);
    EXPECT_EQ(raised([k] { flrt_fail(k, "x"); }), names[k]);
  }
}

TEST(Errors, NestedFramesUnwindInnermostFirst) {
  flrt_try_frame outer, inner;
  volatile int stage = 0;
  flrt_try_push(&outer);
  if (_setjmp(outer.jb) == 0) {
    flrt_try_push(&inner);
    if (_setjmp(inner.jb) == 0) {
      flrt_raise(I(1));
    } else {
      stage = 1;
      EXPECT_EQ(W(inner.thrown), "1");
      flrt_raise(S("again"));  // rethrow reaches the outer frame
    }
  } else {
    EXPECT_EQ(stage, 1);
    EXPECT_EQ(W(outer.thrown), "\"again\"");
    stage = 2;
  }
  EXPECT_EQ(stage, 2);
  // popped frames are gone: a new raise reaches a new frame
  EXPECT_EQ(raised([] { flrt_raise(FL_NIL); }), "throw:nil");
}

TEST(Errors, PopWithoutRaise) {
  flrt_try_frame f;
  flrt_try_push(&f);
  flrt_try_pop(&f);
  EXPECT_EQ(raised([] { flrt_fail(FL_ERR_VALUE, "v"); }), "value-error");
}

TEST(Errors, CatchRestoresTheLocation) {
  flrt_current_loc = "a.fl:1:1";
  std::string k = raised([] {
    flrt_current_loc = "a.fl:9:9";
    flrt_fail(FL_ERR_VALUE, "x");
  });
  EXPECT_EQ(k, "value-error");
  EXPECT_STREQ(flrt_current_loc, "a.fl:1:1");
  flrt_current_loc = nullptr;
}

TEST(Errors, MessagesOfHelpers) {
  EXPECT_EQ(raised_message([] { flrt_fail_unbound("y", "p.fl:1:2"); }),
            "variable y used before its definition ran");
  EXPECT_EQ(raised_message([] { flrt_fail_at(FL_ERR_CONTRACT, "p.fl:3:4", "contract of f violated"); }),
            "contract of f violated");
  EXPECT_EQ(raised_message([] { flrt_fail_arity(flrt_builtin_value(FL_B_HEAD, "car"), 3); }),
            "car: wrong number of arguments (3)");
  EXPECT_EQ(raised_message([] { flrt_type_error("head", "a list", I(5)); }), "head: expected a list, got 5");
  std::string big(2000, 'x');
  EXPECT_EQ(raised_message([&] { flrt_fail(FL_ERR_USER, "%s", big.c_str()); }), big);
  flrt_current_loc = nullptr;
}

static jmp_buf hook_jb;
static fl_value hooked;
static void hook(fl_value v) {
  hooked = v;
  longjmp(hook_jb, 1);
}

TEST(Errors, UncaughtHookSeesTheValue) {
  flrt_uncaught_hook = hook;
  if (setjmp(hook_jb) == 0) {
    CALL(HEAD, FL_EMPTY);
    FAIL() << "head of () returned";
  }
  flrt_uncaught_hook = nullptr;
  ASSERT_TRUE(fl_has_kind(hooked, FL_K_ERROR));
  EXPECT_EQ(str_of(((fl_error_obj *)fl_obj(hooked))->kind), "empty-list");
}

TEST(ErrorsDeathTest, UncaughtErrorReport) {
  EXPECT_EXIT(
      {
        flrt_current_loc = nullptr;
        flrt_sb_puts(&flrt_stdout, "buffered\n");
        CALL(QUOTIENT, I(1), I(0));
      },
      testing::ExitedWithCode(1), "^error: division-by-zero: quotient: division by zero\n$");
  EXPECT_EXIT(
      {
        flrt_current_loc = "prog.fl:3:7";
        CALL(ERROR, S("boom"));
      },
      testing::ExitedWithCode(1), "^error: user-error: boom\n  at prog.fl:3:7\n$");
  EXPECT_EXIT(
      {
        flrt_current_loc = nullptr;
        flrt_raise(L({I(42), S("x")}));
      },
      testing::ExitedWithCode(1), "^error: uncaught-throw: \\(42 \"x\"\\)\n$");
}

// Standard output is flushed before the report is written.
TEST(ErrorsDeathTest, StdoutIsFlushedBeforeTheReport) {
  auto [status, out] = in_child(
      [] {
        flrt_current_loc = nullptr;
        fl_value s = S("before");
        flb_PRINT_LINE(nullptr, 1, &s);
        CALL(HEAD, FL_EMPTY);
        return 99;
      },
      true);
  EXPECT_EQ(status, 1);
  EXPECT_EQ(out, "before\nerror: empty-list: head of an empty list\n");
}
