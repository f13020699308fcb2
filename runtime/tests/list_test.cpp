// Lists: the VList layout of rt.h, in-place cons, sharing, unboxed representations, large lists.
#include <cstring>
#include <vector>

#include "test_util.h"

using namespace flt;

static std::vector<int64_t> ints(fl_value l) {
  std::vector<int64_t> out;
  flrt_list_iter it;
  flrt_iter_init(&it, l);
  fl_value x;
  while (flrt_iter_next(&it, &x)) out.push_back(flrt_unbox_int(x));
  return out;
}

TEST(Lists, ListValueEncoding) {
  fl_value l = L({I(1), I(2), I(3)});
  ASSERT_TRUE(fl_is_list_ptr(l));
  fl_list_block *b = fl_list_block_of(l);
  EXPECT_EQ(b->hdr.kind, FL_K_LISTBLOCK);
  EXPECT_EQ(b->elem, FL_ELEM_INT);  // all Ints: unboxed
  EXPECT_EQ(b->cap, 3u);
  EXPECT_EQ(fl_list_index_of(l), 0u);
  EXPECT_EQ((int64_t)b->slots[2], 3);
  fl_value t = flrt_list_tail(l);
  EXPECT_EQ(fl_list_block_of(t), b);
  EXPECT_EQ(fl_list_index_of(t), 1u);
  EXPECT_EQ(flrt_list_length(t), 2);
  EXPECT_EQ(flrt_list_tail(flrt_list_tail(t)), FL_EMPTY);
  EXPECT_EQ(L({}), FL_EMPTY);
  EXPECT_EQ(fl_list_block_of(L({F(1.0), F(2.0)}))->elem, FL_ELEM_FLOAT);
  EXPECT_EQ(fl_list_block_of(L({I(1), F(2.0)}))->elem, FL_ELEM_VALUE);
  EXPECT_EQ(fl_list_block_of(L({I(INT64_MAX)}))->elem, FL_ELEM_INT);  // boxed Ints too
  EXPECT_EQ(W(L({I(INT64_MAX)})), "(9223372036854775807)");
}

TEST(Lists, ConsFillsTheFrontSlotInPlace) {
  fl_value l = flrt_cons(I(3), FL_EMPTY);
  fl_list_block *b = fl_list_block_of(l);
  EXPECT_EQ(b->elem, FL_ELEM_INT);
  EXPECT_EQ(b->cap, 4u);
  fl_value l2 = flrt_cons(I(2), l);
  fl_value l3 = flrt_cons(I(1), l2);
  EXPECT_EQ(fl_list_block_of(l3), b);  // same block
  EXPECT_EQ(fl_list_index_of(l3), 1u);
  EXPECT_EQ(b->front, 1u);
  EXPECT_EQ(W(l3), "(1 2 3)");
  EXPECT_EQ(W(l2), "(2 3)");  // older lists are unchanged
  EXPECT_EQ(W(l), "(3)");
}

// A block is extended (a new block of double capacity) only once: every later cons onto the same
// full list is a branch off a shared tail and starts a small block (issue 9: 10,000 conses onto
// one 100,000-element list took 5.4 GB).
TEST(Lists, ConsOntoAFullSharedListStartsSmallBlocks) {
  fl_value base = CALL(RANGE, I(1000));  // full blocks
  fl_value first = flrt_cons(I(-1), base);
  uint32_t doubled = fl_list_block_of(first)->cap;
  EXPECT_GT(doubled, 4u);
  for (int i = 0; i < 100; i++) {
    fl_value l = flrt_cons(I(i), base);
    EXPECT_EQ(fl_list_block_of(l)->cap, 3u);
    EXPECT_EQ(flrt_list_length(l), 1001);
    EXPECT_EQ(W(flrt_list_head(l)), std::to_string(i));
  }
  EXPECT_EQ(W(flrt_list_head(first)), "-1");
  // consing onto the newest list of a block keeps filling it, then doubles: O(log n) blocks
  fl_value l = FL_EMPTY;
  for (int i = 0; i < 100000; i++) l = flrt_cons(I(i), l);
  int blocks = 0;
  for (fl_value p = l; p != FL_EMPTY; p = fl_list_block_of(p)->rest) blocks++;
  EXPECT_LE(blocks, 20);
}

// An element the newest block cannot hold (a Float onto Int slots, an Int onto Float slots)
// starts a block of tagged slots, which then takes both: alternating elements stay compact.
TEST(Lists, MixedElementsShareOneTaggedBlock) {
  fl_value l = FL_EMPTY;
  for (int i = 0; i < 1000; i++) l = flrt_cons(i % 2 ? F(i + 0.5) : I(i), l);
  int blocks = 0;
  size_t slots = 0;
  for (fl_value p = l; p != FL_EMPTY; p = fl_list_block_of(p)->rest) {
    blocks++;
    slots += fl_list_block_of(p)->cap;
  }
  EXPECT_LE(blocks, 12);
  EXPECT_LE(slots, 4100u);  // doubling blocks: under 4 slots per element
  EXPECT_EQ(flrt_list_length(l), 1000);
  EXPECT_EQ(W(flrt_list_head(l)), "999.5");
  EXPECT_EQ(W(flrt_list_nth(l, 998)), "1.5");
  EXPECT_EQ(W(flrt_list_nth(l, 999)), "0");
}

TEST(Lists, ConsOntoASharedTailTwiceKeepsBothLists) {
  fl_value tail = L({I(2), I(3)});  // exact block, front 0: full
  fl_value tail2 = flrt_cons(I(1), tail);
  fl_value a = flrt_cons(I(10), tail2);  // fills tail2's block in place
  fl_value b = flrt_cons(I(20), tail2);  // slot taken: must start a new block
  fl_value c = flrt_cons(I(30), tail2);
  EXPECT_EQ(W(a), "(10 1 2 3)");
  EXPECT_EQ(W(b), "(20 1 2 3)");
  EXPECT_EQ(W(c), "(30 1 2 3)");
  EXPECT_EQ(W(tail2), "(1 2 3)");
  EXPECT_EQ(fl_list_block_of(a), fl_list_block_of(tail2));
  EXPECT_NE(fl_list_block_of(b), fl_list_block_of(tail2));
  EXPECT_EQ(fl_list_block_of(b)->cap, 3u);  // a branch starts small (one 64-byte cell)
  // extending each branch further keeps the others intact
  fl_value a2 = flrt_cons(I(11), a), b2 = flrt_cons(I(21), b), b3 = flrt_cons(I(22), b);
  EXPECT_EQ(W(a2), "(11 10 1 2 3)");
  EXPECT_EQ(W(b2), "(21 20 1 2 3)");
  EXPECT_EQ(W(b3), "(22 20 1 2 3)");
  EXPECT_EQ(W(a), "(10 1 2 3)");
  EXPECT_EQ(flrt_list_length(b3), 5);
}

TEST(Lists, ConsWithMixedElementKinds) {
  fl_value l = flrt_cons(F(1.5), FL_EMPTY);
  l = flrt_cons(I(2), l);                      // Int onto a Float block: new block
  l = flrt_cons(S("s"), l);
  l = flrt_cons(F(2.5), l);
  EXPECT_EQ(W(l), "(2.5 \"s\" 2 1.5)");
  EXPECT_EQ(flrt_list_length(l), 4);
  EXPECT_TRUE(flrt_equal(l, L({F(2.5), S("s"), I(2), F(1.5)})));
}

TEST(Lists, ConsBuildsGeometricBlocks) {
  fl_value l = FL_EMPTY;
  const int n = 300000;
  for (int i = n - 1; i >= 0; i--) l = flrt_cons(I(i), l);
  EXPECT_EQ(flrt_list_length(l), n);
  int blocks = 0;
  uint32_t max_cap = 0;
  for (fl_value x = l; x != FL_EMPTY; x = fl_list_block_of(x)->rest) {
    blocks++;
    max_cap = std::max(max_cap, fl_list_block_of(x)->cap);
    EXPECT_EQ(fl_list_block_of(x)->elem, FL_ELEM_INT);
  }
  EXPECT_LE(blocks, 20);
  EXPECT_EQ(max_cap, FL_LIST_MAX_CAP);
  for (int64_t i : {0, 1, 4, 100, 65535, 65536, 200000, n - 1}) EXPECT_EQ(flrt_unbox_int(flrt_list_nth(l, i)), i);
  EXPECT_EQ(flrt_list_length(flrt_list_drop(l, 123456)), n - 123456);
  EXPECT_EQ(flrt_unbox_int(flrt_list_head(flrt_list_drop(l, 123456))), 123456);
  std::vector<int64_t> v = ints(l);
  for (int i = 0; i < n; i++) ASSERT_EQ(v[i], i);
}

TEST(Lists, WriterSplitsLongListsIntoFullBlocks) {
  const int64_t n = 3 * FL_LIST_MAX_CAP + 5;
  fl_value l = CALL(RANGE, I(n));
  EXPECT_EQ(flrt_list_length(l), n);
  fl_list_block *b = fl_list_block_of(l);
  EXPECT_EQ(b->cap, 5u);
  EXPECT_EQ(b->rest_len, 3 * FL_LIST_MAX_CAP);
  EXPECT_EQ(fl_list_block_of(b->rest)->cap, FL_LIST_MAX_CAP);
  EXPECT_EQ(flrt_unbox_int(flrt_list_nth(l, n - 1)), n - 1);
  fl_value r = CALL(REVERSE, l);
  EXPECT_EQ(flrt_unbox_int(flrt_list_head(r)), n - 1);
  EXPECT_EQ(flrt_unbox_int(flrt_list_nth(r, n - 1)), 0);
  EXPECT_EQ(W(CALL(SUM, l)), std::to_string(n * (n - 1) / 2));
  EXPECT_TRUE(flrt_equal(CALL(REVERSE, r), l));
  EXPECT_EQ(W(CALL(LAST, l)), std::to_string(n - 1));
  fl_value s = CALL(LIST_SLICE, l, I(65530), I(65540));
  EXPECT_EQ(W(s), "(65530 65531 65532 65533 65534 65535 65536 65537 65538 65539)");
  fl_value t = CALL(TAKE, I(70000), l);
  EXPECT_EQ(flrt_list_length(t), 70000);
  EXPECT_EQ(flrt_unbox_int(flrt_list_nth(t, 69999)), 69999);
}

TEST(Lists, AppendSharesTheLastList) {
  fl_value last = L({I(3), I(4)});
  fl_value r = CALL(APPEND, L({I(1)}), L({I(2)}), last);
  EXPECT_EQ(W(r), "(1 2 3 4)");
  EXPECT_EQ(flrt_list_drop(r, 2), last);
  fl_value big = CALL(RANGE, I(100000));
  fl_value r2 = CALL(APPEND, big, big);
  EXPECT_EQ(flrt_list_length(r2), 200000);
  EXPECT_EQ(flrt_unbox_int(flrt_list_nth(r2, 150000)), 50000);
}

TEST(Lists, ElementKindsAndVec) {
  EXPECT_EQ(flrt_list_elem_kind(L({I(1), I(2)}), 2), FL_ELEM_INT);
  EXPECT_EQ(flrt_list_elem_kind(L({I(1), F(2)}), 1), FL_ELEM_INT);
  EXPECT_EQ(flrt_list_elem_kind(L({I(1), F(2)}), 2), FL_ELEM_VALUE);
  EXPECT_EQ(flrt_list_elem_kind(FL_EMPTY, 0), FL_ELEM_VALUE);
  flrt_vec v;
  flrt_vec_init(&v, 0);
  for (int i = 0; i < 1000; i++) flrt_vec_push(&v, F(i * 0.5));
  fl_value l = flrt_vec_to_list(&v, FL_EMPTY);
  EXPECT_EQ(fl_list_block_of(l)->elem, FL_ELEM_FLOAT);
  EXPECT_EQ(W(flrt_list_nth(l, 999)), "499.5");
  fl_value with_rest = flrt_vec_to_list(&v, L({S("end")}));
  EXPECT_EQ(flrt_list_length(with_rest), 1001);
  EXPECT_EQ(W(flrt_list_nth(with_rest, 1000)), "\"end\"");
}

TEST(Lists, BuiltinsKeepSharing) {
  fl_value l = L({I(1), I(2), I(3)});
  EXPECT_EQ(CALL(DROP, I(1), l), flrt_list_tail(l));
  EXPECT_EQ(CALL(TAIL, l), flrt_list_tail(l));
  EXPECT_EQ(CALL(LIST_SLICE, l, I(1)), flrt_list_tail(l));
  EXPECT_EQ(CALL(TAKE, I(5), l), l);
  fl_value c = CALL(CONS, I(0), l);
  EXPECT_EQ(flrt_list_tail(c), l);
}

// The builder behind compiled map/filter loops: raw stores at cur, flrt_lb_grow when full.
static void lb_push(fl_list_builder *lb, uint64_t raw) {
  if (lb->cur == lb->end) flrt_lb_grow(lb);
  *lb->cur++ = raw;
}

TEST(Lists, BuilderWithExactHintFillsWholeBlocks) {
  const int64_t n = 2 * FL_LIST_MAX_CAP + 7;
  fl_list_builder lb;
  flrt_lb_init(&lb, FL_ELEM_INT, n);
  for (int64_t i = 0; i < n; i++) lb_push(&lb, (uint64_t)(i * 3));
  fl_value l = flrt_lb_finish(&lb);
  EXPECT_EQ(flrt_list_length(l), n);
  fl_list_block *b = fl_list_block_of(l);
  EXPECT_EQ(b->elem, FL_ELEM_INT);
  EXPECT_EQ(b->front, 0u);  // no slide: the blocks were sized to the hint
  EXPECT_EQ(b->rest_len, n - FL_LIST_MAX_CAP);
  std::vector<int64_t> v = ints(l);
  for (int64_t i = 0; i < n; i++) ASSERT_EQ(v[i], i * 3);
  EXPECT_TRUE(flrt_equal(l, CALL(RANGE, I(0), I(3 * n), I(3))));
}

TEST(Lists, BuilderOfUnknownLengthSlidesTheLastBlock) {
  for (int64_t n : {INT64_C(0), INT64_C(1), INT64_C(15), INT64_C(16), INT64_C(17), INT64_C(1000), INT64_C(3) * FL_LIST_MAX_CAP + 11}) {
    fl_list_builder lb;
    flrt_lb_init(&lb, FL_ELEM_FLOAT, 0);
    for (int64_t i = 0; i < n; i++) {
      double d = (double)i + 0.5;
      uint64_t raw;
      memcpy(&raw, &d, 8);
      lb_push(&lb, raw);
    }
    fl_value l = flrt_lb_finish(&lb);
    ASSERT_EQ(flrt_list_length(l), n);
    if (n == 0) {
      EXPECT_EQ(l, FL_EMPTY);
      continue;
    }
    EXPECT_EQ(W(flrt_list_nth(l, 0)), "0.5");
    EXPECT_EQ(W(flrt_list_nth(l, n - 1)), std::to_string(n - 1) + ".5");
    fl_value t = flrt_list_drop(l, n - 1);
    EXPECT_EQ(flrt_list_tail(t), FL_EMPTY);
    EXPECT_EQ(W(CALL(SUM, l)), W(F((double)n * (double)n / 2.0)));
  }
}

TEST(Lists, BuilderHintLargerThanTheResult) {
  fl_list_builder lb;
  flrt_lb_init(&lb, FL_ELEM_INT, 100);
  for (int64_t i = 0; i < 40; i++) lb_push(&lb, (uint64_t)i);
  fl_value l = flrt_lb_finish(&lb);
  EXPECT_EQ(flrt_list_length(l), 40);
  EXPECT_EQ(W(CALL(TAKE, I(3), l)), "(0 1 2)");
  EXPECT_EQ(W(CALL(LAST, l)), "39");
  fl_list_builder none;
  flrt_lb_init(&none, FL_ELEM_VALUE, 100);
  EXPECT_EQ(flrt_lb_finish(&none), FL_EMPTY);
}

TEST(Lists, BuilderValuesSurviveCollections) {
  fl_list_builder lb;
  flrt_lb_init(&lb, FL_ELEM_VALUE, 0);
  const int64_t n = 20000;
  for (int64_t i = 0; i < n; i++) {
    lb_push(&lb, S(std::to_string(i)));
    if (i % 5000 == 0) flrt_gc_collect();
  }
  flrt_gc_collect();
  fl_value l = flrt_lb_finish(&lb);
  flrt_gc_collect();
  ASSERT_EQ(flrt_list_length(l), n);
  for (int64_t i = 0; i < n; i += 997) ASSERT_EQ(W(flrt_list_nth(l, i)), "\"" + std::to_string(i) + "\"");
  EXPECT_EQ(W(flrt_list_nth(l, n - 1)), "\"19999\"");
}
