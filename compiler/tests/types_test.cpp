// Unit tests for the type lattice of infer/types.h.
#include <gtest/gtest.h>

#include "infer/types.h"

using namespace fl::infer;

TEST(TypeTable, JoinIsUnionOfKinds) {
  TypeTable t;
  EXPECT_EQ(t.join(t.intT(), t.intT()), t.intT());
  EXPECT_EQ(t.join(t.bottom(), t.floatT()), t.floatT());
  TypeId num = t.join(t.intT(), t.floatT());
  EXPECT_EQ(num, t.numberT());
  EXPECT_EQ(t.show(num), "Int|Float");
  EXPECT_EQ(t.join(num, t.any()), t.any());
  EXPECT_EQ(t.show(t.any()), "Any");
  EXPECT_EQ(t.show(t.bottom()), "Never");
}

TEST(TypeTable, ListElementsJoin) {
  TypeTable t;
  TypeId li = t.listOf(t.intT());
  TypeId lf = t.listOf(t.floatT());
  EXPECT_EQ(t.show(li), "List<Int>");
  EXPECT_EQ(t.join(li, lf), t.listOf(t.numberT()));
  // The empty list joins to the other list's element type.
  EXPECT_EQ(t.join(t.emptyList(), li), li);
  EXPECT_EQ(t.elem(t.join(li, t.nilT())), t.intT());
}

TEST(TypeTable, ListDepthIsBounded) {
  TypeTable t;
  TypeId x = t.intT();
  for (int i = 0; i < 10; ++i) x = t.listOf(x);
  // Widening keeps the lattice finite: deep nesting ends in Any.
  EXPECT_LE(t.show(x).size(), std::string("List<List<Any>>").size());
}

TEST(TypeTable, FunctionSetsWidenWhenLarge) {
  TypeTable t;
  TypeId f = t.fnOf({1});
  TypeId g = t.fnOf({2});
  EXPECT_EQ(t.get(t.join(f, g)).callees.size(), 2u);
  TypeId acc = f;
  for (Callee c = 2; c < 10; ++c) acc = t.join(acc, t.fnOf({c}));
  EXPECT_TRUE(t.get(acc).callees.empty());  // any function
  EXPECT_EQ(acc, t.anyFn());
}

TEST(TypeTable, HashConsing) {
  TypeTable t;
  EXPECT_EQ(t.listOf(t.stringT()), t.listOf(t.stringT()));
  EXPECT_EQ(t.fnOf({3, 1}), t.fnOf({1, 3}));
  EXPECT_EQ(t.without(t.numberT(), TFloat), t.intT());
}
