// Vectors (§20.1): slot representations and their changes, checked against a std::vector model
// under random operations with collections in between; printing of cycles; errors.
#include <random>
#include <vector>

#include "test_util.h"

using namespace flt;

static uint32_t elem_kind(fl_value v) { return ((fl_vector *)fl_obj(v))->hdr.aux; }

TEST(Vector, RepresentationFollowsTheElements) {
  EXPECT_EQ(elem_kind(CALL(VECTOR, I(1), I(2))), FL_ELEM_INT);
  EXPECT_EQ(elem_kind(CALL(VECTOR, F(1.5), F(2))), FL_ELEM_FLOAT);
  EXPECT_EQ(elem_kind(CALL(VECTOR, I(1), F(2))), FL_ELEM_VALUE);
  EXPECT_EQ(elem_kind(CALL(MAKE_VECTOR, I(3), F(0.5))), FL_ELEM_FLOAT);
  fl_value b = CALL(MAKE_VECTOR, I(20), B(true));
  EXPECT_EQ(elem_kind(b), FL_ELEM_BOOL);
  CALL(VECTOR_SET, b, I(3), B(false));
  EXPECT_EQ(elem_kind(b), FL_ELEM_BOOL);
  CALL(VECTOR_SET, b, I(19), S("s"));  // bytes widen to tagged words in place
  EXPECT_EQ(elem_kind(b), FL_ELEM_VALUE);
  EXPECT_EQ(W(b), "#[#t #t #t #f #t #t #t #t #t #t #t #t #t #t #t #t #t #t #t \"s\"]");
  EXPECT_EQ(elem_kind(CALL(LIST_TO_VECTOR, L({B(true), B(false)}))), FL_ELEM_BOOL);
  EXPECT_EQ(W(CALL(VECTOR_COPY, CALL(VECTOR, B(true), B(false), B(true)), I(1))), "#[#f #t]");
  EXPECT_EQ(W(CALL(VECTOR_TO_LIST, CALL(VECTOR, B(false), B(true)))), "(#f #t)");
  fl_value v = CALL(MAKE_VECTOR, I(3), I(7));
  EXPECT_EQ(elem_kind(v), FL_ELEM_INT);
  CALL(VECTOR_SET, v, I(1), I(INT64_MIN));  // a boxed Int still fits Int slots
  EXPECT_EQ(elem_kind(v), FL_ELEM_INT);
  CALL(VECTOR_SET, v, I(2), F(2.5));
  EXPECT_EQ(elem_kind(v), FL_ELEM_VALUE);
  EXPECT_EQ(W(v), "#[7 -9223372036854775808 2.5]");
  CALL(VECTOR_FILL, v, F(1));
  EXPECT_EQ(elem_kind(v), FL_ELEM_FLOAT);
  EXPECT_EQ(W(v), "#[1 1 1]");  // integral Floats print without a point (§5.1)
}

TEST(Vector, RandomOperationsMatchAModelAcrossCollections) {
  std::mt19937_64 rng(42);
  const int n = 64;
  fl_value v = CALL(MAKE_VECTOR, I(n), I(0));
  std::vector<std::string> model(n, "0");
  for (int step = 0; step < 20000; step++) {
    int i = (int)(rng() % n);
    fl_value x;
    switch (rng() % 5) {
      case 4: x = B(rng() % 2 == 0); break;
      case 0: x = I((int64_t)(rng() % 1000)); break;
      case 1: x = F((double)(rng() % 1000) + 0.5); break;
      case 2: x = S("s" + std::to_string(rng() % 100)); break;
      default: x = L({I(1), F(2.5)}); break;
    }
    model[i] = W(x);
    CALL(VECTOR_SET, v, I(i), x);
    if (step % 997 == 0) {
      flrt_gc_collect();
      bool bools = step % 2 == 0;  // back to Int or Bool slots now and then
      CALL(VECTOR_FILL, v, bools ? B(false) : I(0));
      std::fill(model.begin(), model.end(), bools ? "#f" : "0");
    }
    if (step % 101 == 0) {
      flrt_gc_collect();
      for (int k = 0; k < n; k++) ASSERT_EQ(W(CALL(VECTOR_REF, v, I(k))), model[k]) << "step " << step;
    }
  }
}

TEST(Vector, CyclesPrintAsEllipsis) {
  fl_value v = CALL(VECTOR, I(1), I(2));
  CALL(VECTOR_SET, v, I(0), L({v}));
  EXPECT_EQ(W(v), "#[(#[...]) 2]");
  EXPECT_EQ(W(v), "#[(#[...]) 2]");  // the mark is cleared after printing
}

TEST(Vector, Errors) {
  fl_value v = CALL(VECTOR, I(1));
  EXPECT_EQ(raised([&] { CALL(VECTOR_REF, v, I(1)); }), "index-error");
  EXPECT_EQ(raised([&] { CALL(VECTOR_REF, v, F(0)); }), "type-error");
  EXPECT_EQ(raised([&] { CALL(VECTOR_REF, L({I(1)}), I(0)); }), "type-error");
  EXPECT_EQ(raised([&] { CALL(MAKE_VECTOR, I(-1)); }), "value-error");
  EXPECT_EQ(raised([&] { CALL(VECTOR_COPY, v, I(0), I(2)); }), "index-error");
  EXPECT_EQ(raised([&] { CALL(LENGTH, v); }), "");
}
