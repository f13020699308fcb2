// The collector: roots (stack, registers, registered ranges), interior pointers, static objects,
// memory reuse, and a randomized stress test against a shadow model.
#include <stdlib.h>

#include <random>
#include <string>
#include <vector>

#include "gc/heap.h"
#include "test_util.h"

using namespace flt;

// Allocates and drops about `mb` megabytes of short-lived lists and strings.
__attribute__((noinline)) static void churn(int mb) {
  for (int i = 0; i < mb * 128; i++) {
    fl_value l = CALL(RANGE, I(1000));  // ~8 KiB
    l = flrt_cons(S("garbage"), l);
    (void)l;
  }
}

static fl_value build_structure() {
  fl_value f = flrt_make_closure(nullptr, nullptr, 1, "f", 2);
  ((fl_function *)fl_obj(f))->free[0] = S("captured");
  ((fl_function *)fl_obj(f))->free[1] = flrt_make_box(L({F(1.5), I(INT64_MAX)}));
  fl_value m = flrt_map_set(flrt_map_set(flrt_map_new(), S("k"), L({I(1)})), I(2), S("v"));
  fl_value big = flrt_string_concat(S(std::string(100, 'b')), S("!"));  // buffered string
  fl_value parts[] = {S("héllo"), I(FL_FIXNUM_MAX + 1), F(0.25),
                      CALL(MAKE_TAGGED, S("Some"), L({S("x")})), flrt_make_error(S("k"), S("msg")),
                      flrt_intern_symbol(S("sym")), flrt_intern_keyword(S("kw")), m, f, big,
                      CALL(SUBSTRING, big, I(3)), CALL(RANGE, I(70000))};
  return flrt_list_from_array(parts, sizeof parts / sizeof parts[0]);
}

TEST(GC, ReachableDataSurvivesCollections) {
  fl_value s = build_structure();
  std::string before = W(s);
  for (int i = 0; i < 5; i++) {
    churn(4);
    flrt_gc_collect();
  }
  EXPECT_EQ(W(s), before);
  fl_function *f = (fl_function *)fl_obj(flrt_list_nth(s, 8));
  EXPECT_EQ(W(f->free[0]), "\"captured\"");
  EXPECT_EQ(W(((fl_box *)fl_obj(f->free[1]))->value), "(1.5 9223372036854775807)");
}

TEST(GC, GarbageIsReclaimed) {
  flrt_gc_collect();
  size_t base = flrt_H.pages_in_use;
  for (int round = 0; round < 10; round++) churn(16);  // 160 MiB allocated in total
  flrt_gc_collect();
  EXPECT_LT((flrt_H.pages_in_use - std::min(base, flrt_H.pages_in_use)) * FLRT_PAGE_SIZE,
            (size_t)32 << 20);
  EXPECT_LT(flrt_H.peak_bytes, (size_t)512 << 20);
}

TEST(GC, FreedCellsAreReused) {
  flrt_gc_collect();
  // after a collection the free lists are used before fresh pages are taken
  size_t pages = flrt_H.pages_in_use;
  churn(1);
  flrt_gc_collect();
  for (int i = 0; i < 1000; i++) flrt_box_float(i);
  EXPECT_LE(flrt_H.pages_in_use, pages + 2);
}

static fl_value roots[4];

TEST(GC, RegisteredRootsKeepValues) {
  static bool registered = false;
  if (!registered) flrt_register_roots(roots, 4);
  registered = true;
  roots[0] = S("rooted string");
  roots[1] = CALL(RANGE, I(10));
  roots[2] = FL_UNBOUND;
  roots[3] = 0;
  churn(8);
  flrt_gc_collect();
  EXPECT_EQ(W(roots[0]), "\"rooted string\"");
  EXPECT_EQ(W(roots[1]), "(0 1 2 3 4 5 6 7 8 9)");
  roots[0] = roots[1] = FL_NIL;
}

// Only a pointer into the middle of an object (or a list value with an index) refers to it.
__attribute__((noinline)) static const char *string_interior() {
  fl_value s = S(std::string(200, 'z') + "END");
  return flrt_str(s)->data + 150;
}

TEST(GC, InteriorPointersKeepObjectsAlive) {
  const char *volatile p = string_interior();
  fl_value mid = flrt_list_drop(CALL(RANGE, I(5000)), 4000);  // index 4000 in the block
  churn(8);
  flrt_gc_collect();
  churn(8);
  EXPECT_EQ(std::string(p, 53), std::string(50, 'z') + "END");
  EXPECT_EQ(flrt_list_length(mid), 1000);
  EXPECT_EQ(W(flrt_list_head(mid)), "4000");
}

TEST(GC, StaticObjectsAreNeverMarked) {
  static FLRT_STATIC_STRING(lit, "static");
  fl_value l = flrt_cons(flrt_ptr_value(&lit), FL_EMPTY);
  fl_value car = flrt_builtin_value(FL_B_HEAD, "car");
  fl_value l2 = flrt_cons(car, l);
  flrt_gc_collect();
  EXPECT_EQ(lit.hdr.gc, 0);
  EXPECT_EQ(lit.hdr.flags, FL_OBJ_STATIC);
  EXPECT_EQ(fl_obj(car)->gc, 0);
  EXPECT_EQ(W(l2), "(#<function car> \"static\")");
}

// Objects allocated but not yet given a header are scanned conservatively.
TEST(GC, UninitializedObjectsAreScannedConservatively) {
  uint64_t *raw = (uint64_t *)flrt_alloc(48);
  raw[2] = S("held by a raw object");
  churn(8);
  flrt_gc_collect();
  EXPECT_EQ(W(raw[2]), "\"held by a raw object\"");
}

// Randomized: a registered root array of lists/strings built with sharing, mutated at random
// while collections run often; every root is compared with a shadow copy of its write form.
TEST(GC, StressAgainstShadowModel) {
  static fl_value slots[64];
  static bool registered = false;
  if (!registered) flrt_register_roots(slots, 64);
  registered = true;
  std::vector<std::string> shadow(64, "()");
  for (auto &s : slots) s = FL_EMPTY;
  size_t old_min = flrt_H.min_trigger;
  flrt_H.min_trigger = 256 << 10;  // collect every 256 KiB
  flrt_H.trigger = flrt_H.min_trigger;
  std::mt19937 rng(7);
  uint64_t collections_before = flrt_H.collections;
  for (int step = 0; step < 20000; step++) {
    int i = rng() % 64, j = rng() % 64;
    switch (rng() % 6) {
      case 0:  // cons onto another slot's list (sharing tails)
        if (flrt_is_list(slots[j])) {
          int64_t x = rng() % 100;
          slots[i] = flrt_cons(I(x), slots[j]);
          shadow[i] = shadow[j] == "()" ? "(" + std::to_string(x) + ")"
                                        : "(" + std::to_string(x) + " " + shadow[j].substr(1);
        }
        break;
      case 1: {  // a fresh string
        std::string t(rng() % 300, 'a' + rng() % 26);
        slots[i] = S(t);
        shadow[i] = "\"" + t + "\"";
        break;
      }
      case 2:  // a list holding another slot's value
        slots[i] = L({slots[j], F(0.5)});
        shadow[i] = "(" + shadow[j] + " 0.5)";
        break;
      case 3:  // tail
        if (fl_is_list_ptr(slots[j])) {
          slots[i] = flrt_list_tail(slots[j]);
          fl_value w = flrt_write_string(slots[i]);
          shadow[i] = str_of(w);
        }
        break;
      case 4:  // string append onto another slot's string
        if (flrt_is_string(slots[j])) {
          slots[i] = flrt_string_concat(slots[j], S("+"));
          shadow[i] = shadow[j].substr(0, shadow[j].size() - 1) + "+\"";
        }
        break;
      default:  // garbage
        CALL(RANGE, I(rng() % 2000));
        break;
    }
    if (step % 1000 == 0)
      for (int k = 0; k < 64; k++) ASSERT_EQ(W(slots[k]), shadow[k]) << "slot " << k << " step " << step;
  }
  for (int k = 0; k < 64; k++) EXPECT_EQ(W(slots[k]), shadow[k]) << "slot " << k;
  EXPECT_GT(flrt_H.collections - collections_before, 20u);
  flrt_H.min_trigger = old_min;
  flrt_H.trigger = old_min;
  for (auto &s : slots) s = FL_NIL;
}

// On the program stack (what main() uses), values held in frames survive collections.
static void program_body() {
  fl_value s = build_structure();
  std::string before = W(s);
  for (int i = 0; i < 3; i++) {
    churn(8);
    flrt_gc_collect();
  }
  flrt_exit(W(s) == before && flrt_H.collections > 0 ? 0 : 1);
}

TEST(GCDeathTest, ProgramStackIsARoot) {
  EXPECT_EXIT(flrt_run_on_program_stack(program_body), testing::ExitedWithCode(0), "");
}

TEST(GCDeathTest, StatsAtExit) {
  EXPECT_EXIT(
      {
        setenv("FLRT_GC_STATS", "1", 1);
        churn(4);
        flrt_gc_collect();
        flrt_exit(0);
      },
      testing::ExitedWithCode(0),
      "^gc: [0-9]+ collections, total pause [0-9.]+ ms, max pause [0-9.]+ ms, peak heap [0-9.]+ MiB, "
      "max live [0-9.]+ MiB, allocated [0-9.]+ MiB, peak RSS [0-9.]+ MiB\n$");
}

// A tagged value with raw Float fields (as the compiler builds them): the collector skips the raw
// words (they may look like heap addresses), printing, equality, hashing and tagged-values see
// ordinary Floats.
static fl_value raw_tagged(double x, fl_value label) {
  fl_tagged *t = (fl_tagged *)flrt_alloc_obj(sizeof(fl_tagged) + 2 * 8, FL_K_TAGGED, 2u | (1u << FL_TAGGED_COUNT_BITS));
  t->tag = S("P");
  memcpy(&t->fields[0], &x, 8);
  t->fields[1] = label;
  return flrt_ptr_value(t);
}

TEST(GC, RawFloatFieldsAreSkippedAndReadAsFloats) {
  fl_value garbage = S("only reachable through a raw word");
  double looks_like_pointer;
  uint64_t addr = garbage;
  memcpy(&looks_like_pointer, &addr, 8);
  fl_value p = raw_tagged(looks_like_pointer, S("label"));
  fl_value q = raw_tagged(2.5, S("label"));
  fl_value boxed = CALL(MAKE_TAGGED, S("P"), F(2.5), S("label"));
  churn(4);
  flrt_gc_collect();
  EXPECT_EQ(W(q), "P(2.5 \"label\")");
  EXPECT_EQ(W(CALL(TAGGED_VALUES, q)), "(2.5 \"label\")");
  EXPECT_TRUE(flrt_equal(q, boxed));
  EXPECT_EQ(flrt_hash(q), flrt_hash(boxed));
  EXPECT_FALSE(flrt_equal(p, q));
  EXPECT_EQ(fl_tagged_count((fl_tagged *)fl_obj(p)), 2u);
}

// Marking counts live cells per page: pages left without any are released at once, pages with
// some are swept only when their size class needs cells, and every dead cell is found again.
static fl_value keep[200];  // registered roots must stay where they are

TEST(GC, LazySweepingReusesPartlyLivePages) {
  flrt_register_roots(keep, 200);
  flrt_gc_collect();
  for (int i = 0; i < 20000; i++) {
    fl_value f = flrt_box_float(i + 0.5);
    if (i % 100 == 0) keep[i / 100] = f;  // one in 100 cells survives: every page partly live
  }
  flrt_gc_collect();
  size_t pages = flrt_H.pages_in_use;
  for (int i = 0; i < 19000; i++) flrt_box_float(-1.0);  // fits in the swept cells
  EXPECT_LE(flrt_H.pages_in_use, pages + 1);
  for (int k = 0; k < 200; k++) EXPECT_EQ(flrt_float_of(keep[k]), k * 100 + 0.5);
  flrt_gc_collect();
  for (int k = 0; k < 200; k++) EXPECT_EQ(flrt_float_of(keep[k]), k * 100 + 0.5);
  for (int k = 0; k < 200; k++) keep[k] = FL_NIL;
  flrt_gc_collect();
  EXPECT_LT(flrt_H.pages_in_use, pages);  // the Floats' pages are released without a sweep
}

// Many references to few objects: marking pushes objects unmarked (and marks them as they come
// off the stack) only while the mark stack is short; beyond that it marks at push time, so the
// stack stays bounded by the number of objects. Both paths keep everything reachable.
TEST(GC, ManyReferencesToFewObjects) {
  static fl_value keep[1];
  flrt_register_roots(keep, 1);
  fl_value objs[3] = {S("first shared"), F(2.5), CALL(MAKE_TAGGED, S("T"), S("inner"))};
  std::vector<fl_value> items;
  for (int i = 0; i < 300000; i++) items.push_back(objs[i % 3]);
  keep[0] = flrt_list_from_array(items.data(), (int64_t)items.size());
  items.clear();
  churn(4);
  flrt_gc_collect();
  churn(4);
  flrt_gc_collect();
  EXPECT_EQ(flrt_list_length(keep[0]), 300000);
  EXPECT_EQ(W(flrt_list_nth(keep[0], 299997)), "\"first shared\"");
  EXPECT_EQ(W(flrt_list_nth(keep[0], 299998)), "2.5");
  EXPECT_EQ(W(flrt_list_nth(keep[0], 299999)), "T(\"inner\")");
  keep[0] = FL_NIL;
}
