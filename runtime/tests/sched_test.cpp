// Tasks, channels, select and deadlock (§14): the scheduler switching stacks under the test
// runner's thread, with collections while tasks are suspended.
#include <set>

#include "test_util.h"

using namespace flt;

static fl_value fn0(fl_array_entry entry, fl_value free0 = FL_NIL) {
  fl_value f = flrt_make_closure(nullptr, entry, 0, "thunk", 1);
  ((fl_function *)fl_obj(f))->free[0] = free0;
  return f;
}

TEST(Sched, SpawnedTaskRunsWhenAwaited) {
  fl_value p = CALL(SPAWN, fn0([](fl_function *, int64_t, const fl_value *) -> fl_value { return I(42); }));
  EXPECT_TRUE(fl_has_kind(p, FL_K_PROMISE));
  EXPECT_EQ(W(CALL(AWAIT, p)), "42");
  EXPECT_EQ(W(CALL(AWAIT, p)), "42");  // the same result again
  EXPECT_EQ(raised([] { CALL(AWAIT, I(1)); }), "type-error");
}

TEST(Sched, RendezvousChannelKeepsSendOrder) {
  fl_value c = CALL(CHAN, I(0));
  CALL(SPAWN, fn0([](fl_function *self, int64_t, const fl_value *) -> fl_value {
         for (int i = 1; i <= 3; i++) CALL(SEND, self->free[0], I(i * 10));
         return FL_NIL;
       }, c));
  EXPECT_EQ(W(CALL(RECV, c)), "10");
  EXPECT_EQ(W(CALL(RECV, c)), "20");
  EXPECT_EQ(W(CALL(TRY_RECV, c)), "(#f nil)");  // the sender is not running: nothing offered
  EXPECT_EQ(W(CALL(RECV, c)), "30");
}

TEST(Sched, BufferedChannelAndTryOperations) {
  fl_value c = CALL(CHAN, I(2));
  EXPECT_EQ(CALL(TRY_SEND, c, I(1)), FL_TRUE);
  EXPECT_EQ(CALL(TRY_SEND, c, I(2)), FL_TRUE);
  EXPECT_EQ(CALL(TRY_SEND, c, I(3)), FL_FALSE);
  EXPECT_EQ(W(CALL(TRY_RECV, c)), "(#t 1)");
  EXPECT_EQ(W(CALL(RECV, c)), "2");
  EXPECT_EQ(raised([] { CALL(CHAN, I(-1)); }), "value-error");
  EXPECT_EQ(raised([] { CALL(RECV, I(1)); }), "type-error");
}

TEST(Sched, EveryTaskBlockedIsDeadlockInTheMainTask) {
  fl_value c = CALL(CHAN);
  EXPECT_EQ(raised([&] { CALL(RECV, c); }), "deadlock");
  EXPECT_EQ(raised([&] { CALL(SELECT, FL_FALSE, I(0), c, FL_NIL); }), "deadlock");
  // the stale waits left behind do not match later operations
  EXPECT_EQ(CALL(TRY_SEND, c, I(5)), FL_TRUE);
  EXPECT_EQ(W(CALL(RECV, c)), "5");
}

TEST(Sched, SelectTakesTheFirstReadyBranchOrDefault) {
  fl_value a = CALL(CHAN), b = CALL(CHAN);
  CALL(SEND, b, S("x"));
  EXPECT_EQ(W(CALL(SELECT, FL_FALSE, I(0), a, FL_NIL, I(0), b, FL_NIL)), "(1 \"x\")");
  EXPECT_EQ(W(CALL(SELECT, FL_TRUE, I(0), a, FL_NIL)), "(-1 nil)");
  EXPECT_EQ(W(CALL(SELECT, FL_TRUE, I(0), a, FL_NIL, I(1), b, I(7))), "(1 nil)");
  EXPECT_EQ(W(CALL(RECV, b)), "7");
}

// 40 tasks each build a list of 5,000 strings, suspending (recv!) in the middle, while the
// main task collects garbage: nothing a suspended task holds may be freed.
TEST(Sched, CollectionsWhileTasksAreSuspended) {
  fl_value go = CALL(CHAN, I(0)), done = CALL(CHAN, I(0));
  fl_value chans = L({go, done});
  for (int t = 0; t < 40; t++)
    CALL(SPAWN, fn0([](fl_function *self, int64_t, const fl_value *) -> fl_value {
           fl_value go = flrt_list_first(self->free[0]), done = flrt_list_first(flrt_list_rest(self->free[0]));
           fl_value acc = FL_EMPTY;
           for (int i = 0; i < 5000; i++) {
             acc = flrt_cons(S("item" + std::to_string(i)), acc);
             if (i == 2500) CALL(RECV, go);
           }
           CALL(SEND, done, acc);
           return FL_NIL;
         }, chans));
  for (int t = 0; t < 40; t++) {
    flrt_gc_collect();
    CALL(SEND, go, I(t));
  }
  for (int t = 0; t < 40; t++) {
    flrt_gc_collect();
    fl_value l = CALL(RECV, done);
    ASSERT_EQ(flrt_list_length(l), 5000);
    ASSERT_EQ(W(flrt_list_first(l)), "\"item4999\"");
    ASSERT_EQ(W(flrt_list_nth(l, 4999)), "\"item0\"");
    ASSERT_EQ(W(flrt_list_nth(l, 2000)), "\"item2999\"");
  }
}

// Spawned tasks share one stack: a task that blocks has its frames copied off it and back
// before it runs again, at the same addresses. Tasks blocked at different depths, with
// pointers into their own frames (a try frame) and heap values only their frames hold, resume
// in another order than they blocked, with collections in between.
static int64_t (*volatile descend_ptr)(fl_value, int64_t, int64_t);
static int64_t descend(fl_value chans, int64_t depth, int64_t id) {
  volatile int64_t mark[8];
  for (int i = 0; i < 8; i++) mark[i] = id * 1000 + depth + i;
  fl_value held = S("held " + std::to_string(id) + "/" + std::to_string(depth));
  int64_t below = 0;
  if (depth > 0) {
    below = descend_ptr(chans, depth - 1, id);
  } else {
    flrt_try_frame f;  // its address is in the runtime's try chain while the task is blocked
    flrt_try_push(&f);
    if (_setjmp(f.jb) == 0) {
      CALL(RECV, flrt_list_first(chans));
      flrt_raise(I(id));
    }
    below = flrt_int_of(f.thrown) == id ? 1 : -1000000;
  }
  for (int i = 0; i < 8; i++)
    if (mark[i] != id * 1000 + depth + i) return -1000000;
  if (W(held) != "\"held " + std::to_string(id) + "/" + std::to_string(depth) + "\"") return -1000000;
  return below + 1;
}

TEST(Sched, BlockedTasksKeepTheirFramesOnTheSharedStack) {
  descend_ptr = descend;
  fl_value go = CALL(CHAN, I(0)), done = CALL(CHAN, I(0));
  fl_value chans = L({go, done});
  const int kTasks = 6;
  for (int t = 0; t < kTasks; t++)
    CALL(SPAWN, fn0([](fl_function *self, int64_t, const fl_value *) -> fl_value {
           fl_value chans = flrt_list_first(self->free[0]);
           int64_t id = flrt_int_of(flrt_list_first(flrt_list_rest(self->free[0])));
           int64_t depth = id * 700;  // 0 .. 3,500 frames deep
           int64_t r = descend(chans, depth, id);
           CALL(SEND, flrt_list_first(flrt_list_rest(chans)), L({I(id), I(r - depth)}));
           return FL_NIL;
         }, L({chans, I(t)})));
  std::set<int64_t> seen;
  for (int t = 0; t < kTasks; t++) {
    flrt_gc_collect();
    CALL(SEND, go, I(t));  // wakes the longest-blocked receiver; it runs at the next switch
    fl_value r = CALL(RECV, done);
    EXPECT_EQ(W(flrt_list_first(flrt_list_rest(r))), "2") << "task " << W(flrt_list_first(r));
    seen.insert(flrt_int_of(flrt_list_first(r)));
  }
  EXPECT_EQ(seen.size(), (size_t)kTasks);
}
