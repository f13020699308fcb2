// flc repl's side of the runtime (runtime/start/repl.cpp): the session's globals, and entries
// whose errors and stack overflows end the entry, not the process.
#include "test_util.h"

using namespace flt;

TEST(Repl, OpenSlotsAreUnboundRoots) {
  flrt_repl_open_slots(5, 8);
  for (int i = 5; i < 8; i++) EXPECT_EQ(flrt_repl_globals[i], FL_UNBOUND);
  flrt_repl_globals[6] = L({I(1), S("kept")});
  flrt_gc_collect();
  EXPECT_EQ(W(flrt_repl_globals[6]), "(1 \"kept\")");
}

static void returns() { flrt_sb_puts(&flrt_stdout, "ran\n"); }
static void raises() {
  flrt_current_loc = "entry.fl:3:7";
  CALL(HEAD, FL_EMPTY);
}
static void raises_in_handler_and_try() {
  static flrt_handler_frame frame;  // left pushed: the entry ends before it pops it
  memset(&frame, 0, sizeof frame);
  flrt_handler_push(&frame);
  flrt_try_frame f;
  flrt_try_push(&f);  // caught here: the report comes from the frame's owner, not the REPL
  if (_setjmp(f.jb) == 0) flrt_raise(I(1));
  flrt_current_loc = nullptr;
  flrt_raise(S("thrown"));
}

TEST(Repl, AnEntryThatRaisesIsReportedAndTheSessionGoesOn) {
  auto [status, err] = in_child([] {
    flrt_try_frame *try_before = flrt_try_top_get();
    flrt_handler_frame *handlers_before = flrt_handler_top;
    int first = flrt_repl_eval(raises);
    int second = flrt_repl_eval(raises_in_handler_and_try);
    bool restored = flrt_try_top_get() == try_before && flrt_handler_top == handlers_before;
    std::string out = capture_stdout([] { EXPECT_EQ(flrt_repl_eval(returns), 0); });
    return first == 1 && second == 1 && restored && out == "ran\n" ? 0 : 1;
  });
  EXPECT_EQ(status, 0);
  EXPECT_EQ(err, "error: empty-list: head of an empty list\n  at entry.fl:3:7\nerror: uncaught-throw: \"thrown\"\n");
}

static void overflows() { recurse_forever(); }
static int session_status;
static void session(void *) {
  int first = flrt_repl_eval(overflows);
  int second = flrt_repl_eval(overflows);  // the guard still works after the first overflow
  int third = flrt_repl_eval(returns);
  session_status = first == 1 && second == 1 && third == 0 ? 0 : 1;
}

// (Not under AddressSanitizer, whose own report of the overflowing 1 GiB stack gets in the way.)
#ifndef FLRT_TEST_ASAN
TEST(Repl, AStackOverflowEndsTheEntry) {
  auto [status, err] = in_child([] {
    static char arg0[] = "repl-test";
    static char *argv[] = {arg0, nullptr};
    session_status = 2;
    flrt_repl_main(1, argv, session, nullptr);
    return session_status;
  });
  EXPECT_EQ(status, 0);
  EXPECT_EQ(err, "error: stack-overflow: stack depth limit exceeded\nerror: stack-overflow: stack depth limit exceeded\n");
}
#endif
