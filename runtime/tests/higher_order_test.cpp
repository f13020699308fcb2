// §12.4 higher-order builtins and §12.9 tagged values and errors, called with function values.
#include "test_util.h"

using namespace flt;

static fl_value fn(int id, const char *name = nullptr) { return flrt_builtin_value(id, name); }

// A closure counting its calls in free[0] (a box), returning its argument times 10.
static fl_value times10(fl_function *self, int64_t argc, const fl_value *argv) {
  fl_box *count = (fl_box *)fl_obj(self->free[0]);
  count->value = flrt_add(count->value, I(1));
  return flrt_mul(argv[0], I(10));
}

TEST(HigherOrder, MapFilterFold) {
  EXPECT_EQ(W(CALL(MAP, fn(FL_B_HEAD, "car"), L({L({I(1), I(2)}), L({I(3)})}))), "(1 3)");
  EXPECT_EQ(W(CALL(MAP, fn(FL_B_MUL), L({I(1), I(2), I(3)}), L({I(4), I(5)}))), "(4 10)");
  EXPECT_EQ(W(CALL(MAP, fn(FL_B_ADD), L({I(1)}), L({I(2)}), L({I(3)}))), "(6)");
  EXPECT_EQ(W(CALL(MAP, I(5), FL_EMPTY)), "()");  // never called
  EXPECT_EQ(raised([] { CALL(MAP, I(5), L({I(1)})); }), "type-error");
  EXPECT_EQ(raised([] { CALL(MAP, fn(FL_B_CONS), L({I(1)})); }), "arity-error");
  EXPECT_EQ(W(CALL(FILTER, fn(FL_B_ODD_P), CALL(RANGE, I(6)))), "(1 3 5)");
  EXPECT_EQ(W(CALL(FOLD, fn(FL_B_ADD), I(0), L({I(1), I(2), I(3)}))), "6");
  EXPECT_EQ(W(CALL(FOLD, fn(FL_B_SUB), I(10), L({I(1), I(2)}))), "7");
  EXPECT_EQ(W(CALL(FOLD_RIGHT, fn(FL_B_CONS), FL_EMPTY, L({I(1), I(2)}))), "(1 2)");
  EXPECT_EQ(W(CALL(FOLD_RIGHT, fn(FL_B_SUB), I(0), L({I(1), I(2), I(3)}))), "2");
  EXPECT_EQ(W(CALL(REDUCE, fn(FL_B_MAX), L({I(3), I(9), I(2)}))), "9");
  EXPECT_EQ(raised([] { CALL(REDUCE, fn(FL_B_MAX), FL_EMPTY); }), "empty-list");
  EXPECT_EQ(W(CALL(FIND, fn(FL_B_EVEN_P), L({I(1), I(4), I(6)}))), "4");
  EXPECT_EQ(W(CALL(FIND, fn(FL_B_EVEN_P), L({I(1)}))), "nil");
  EXPECT_EQ(CALL(ANY_P, fn(FL_B_EVEN_P), L({I(1), I(3)})), FL_FALSE);
  EXPECT_EQ(CALL(ALL_P, fn(FL_B_EVEN_P), FL_EMPTY), FL_TRUE);
  EXPECT_EQ(CALL(NONE_P, fn(FL_B_EVEN_P), L({I(1), I(3)})), FL_TRUE);
  // any? stops at the first decisive element
  EXPECT_EQ(CALL(ANY_P, fn(FL_B_EVEN_P), L({I(2), S("not an int")})), FL_TRUE);
  EXPECT_EQ(raised([] { CALL(ALL_P, fn(FL_B_EVEN_P), L({I(2), S("x")})); }), "type-error");
  EXPECT_EQ(W(CALL(FOR_EACH, fn(FL_B_INT_P), L({I(1)}))), "nil");
}

TEST(HigherOrder, CallsHappenInOrderOncePerElement) {
  fl_value count = flrt_make_box(I(0));
  fl_value c = flrt_make_closure(nullptr, times10, 1, "t10", 1);
  ((fl_function *)fl_obj(c))->free[0] = count;
  EXPECT_EQ(W(CALL(MAP, c, CALL(RANGE, I(1000)))), W(CALL(MAP, c, CALL(RANGE, I(1000)))));
  EXPECT_EQ(W(((fl_box *)fl_obj(count))->value), "2000");
  EXPECT_EQ(W(CALL(FLAT_MAP, fn(FL_B_LIST), L({I(1), I(2)}))), "(1 2)");
  EXPECT_EQ(W(CALL(FLAT_MAP, fn(FL_B_REVERSE), L({L({I(1), I(2)}), L({I(3)})}))), "(2 1 3)");
}

TEST(HigherOrder, SortIsStable) {
  EXPECT_EQ(W(CALL(SORT, L({I(3), I(1), I(2)}))), "(1 2 3)");
  EXPECT_EQ(W(CALL(SORT, L({S("b"), S("a")}), fn(FL_B_GT))), "(\"b\" \"a\")");
  EXPECT_EQ(W(CALL(SORT, L({I(2), F(1.5), I(1), F(2.0)}))), "(1 1.5 2 2)");
  EXPECT_EQ(W(CALL(SORT, L({F(2.0), I(2)}))), "(2 2)");
  EXPECT_EQ(raised([] { CALL(SORT, L({I(1), S("a")})); }), "type-error");
  EXPECT_EQ(W(CALL(SORT, FL_EMPTY)), "()");
  // stability: sort pairs by their first element only
  fl_value pairs = L({L({I(2), S("a")}), L({I(1), S("b")}), L({I(2), S("c")}), L({I(1), S("d")})});
  fl_value heads_less = flrt_make_closure(nullptr, [](fl_function *, int64_t, const fl_value *a) -> fl_value {
    return fl_bool(flrt_less(flrt_list_head(a[0]), flrt_list_head(a[1])));
  }, 2, "heads<", 0);
  EXPECT_EQ(W(CALL(SORT, pairs, heads_less)), "((1 \"b\") (1 \"d\") (2 \"a\") (2 \"c\"))");
  fl_value big = CALL(REVERSE, CALL(RANGE, I(100000)));
  EXPECT_TRUE(flrt_equal(CALL(SORT, big), CALL(RANGE, I(100000))));
}

TEST(HigherOrder, ApplyComposePartial) {
  EXPECT_EQ(W(CALL(APPLY, fn(FL_B_MAX), L({I(3), I(9), I(2)}))), "9");
  EXPECT_EQ(W(CALL(APPLY, fn(FL_B_ADD), I(1), I(2), L({I(3)}))), "6");
  EXPECT_EQ(W(CALL(APPLY, fn(FL_B_LIST), FL_NIL)), "()");
  EXPECT_EQ(raised([] { CALL(APPLY, fn(FL_B_CONS), L({I(1)})); }), "arity-error");
  EXPECT_EQ(raised([] { CALL(APPLY, fn(FL_B_ADD), I(1)); }), "type-error");
  EXPECT_EQ(W(flrt_apply(fn(FL_B_LIST), L({I(1), S("b")}))), "(1 \"b\")");
  EXPECT_EQ(W(flrt_apply(fn(FL_B_ADD), FL_NIL)), "0");
  EXPECT_EQ(raised([] { flrt_apply(fn(FL_B_CONS), L({I(1)})); }), "arity-error");
  EXPECT_EQ(raised([] { flrt_apply(I(3), FL_EMPTY); }), "type-error");
  EXPECT_EQ(raised([] { flrt_apply(fn(FL_B_LIST), I(3)); }), "type-error");
  fl_value inc_then_double = CALL(COMPOSE, CALL(PARTIAL, fn(FL_B_MUL), I(2)), CALL(PARTIAL, fn(FL_B_ADD), I(1)));
  fl_value five = I(5);
  EXPECT_EQ(W(flrt_call(inc_then_double, 1, &five)), "12");
  EXPECT_EQ(W(inc_then_double), "#<function>");
  fl_value id = CALL(COMPOSE);
  EXPECT_EQ(W(flrt_call(id, 1, &five)), "5");
  EXPECT_EQ(raised([&] { flrt_call(id, 0, nullptr); }), "arity-error");
  fl_value three[3] = {I(1), I(2), I(3)};
  EXPECT_EQ(W(flrt_call(CALL(COMPOSE, fn(FL_B_LIST)), 3, three)), "(1 2 3)");
  EXPECT_EQ(W(flrt_call(CALL(PARTIAL, fn(FL_B_LIST)), 0, nullptr)), "()");
  EXPECT_EQ(W(CALL(IDENTITY, S("x"))), "\"x\"");
}

TEST(TaggedAndErrors, Builtins) {
  fl_value p = CALL(MAKE_TAGGED, S("Point"), I(1), I(2));
  EXPECT_EQ(W(p), "Point(1 2)");
  EXPECT_EQ(W(CALL(TAGGED_TAG, p)), "\"Point\"");
  EXPECT_EQ(W(CALL(TAGGED_VALUES, p)), "(1 2)");
  EXPECT_EQ(CALL(TAGGED_P, p), FL_TRUE);
  EXPECT_EQ(W(CALL(MAKE_TAGGED, flrt_intern_symbol(S("None")))), "None");
  fl_value e = CALL(MAKE_ERROR, flrt_intern_symbol(S("bad-input")), S("n<0"));
  EXPECT_EQ(W(CALL(LIST, CALL(ERROR_KIND, e), CALL(ERROR_MESSAGE, e))), "(\"bad-input\" \"n<0\")");
  EXPECT_EQ(W(CALL(MAKE_ERROR, S("boom"))), "#<error user-error \"boom\">");
  EXPECT_EQ(W(CALL(MAKE_ERROR, S("k"), L({I(1)}))), "#<error k \"(1)\">");
  EXPECT_EQ(raised_message([] { CALL(ERROR, S("boom")); }), "boom");
  EXPECT_EQ(raised([] { CALL(ERROR, flrt_intern_keyword(S("my-kind")), S("m")); }), "my-kind");
}

TEST(TaggedAndErrors, AccessorsAndConstructorFunctions) {
  fl_value p = CALL(MAKE_TAGGED, S("Rect"), I(2), I(3));
  EXPECT_EQ(W(CALL(TAGGED_FIELD, p, S("Rect"), I(2), I(1), S("Rect-h"))), "3");
  EXPECT_EQ(raised_message([&] { CALL(TAGGED_FIELD, p, S("Circle"), I(1), I(0), S("Circle-r")); }),
            "Circle-r: expected a Circle value, got Rect(2 3)");
  EXPECT_EQ(raised([] { CALL(TAGGED_FIELD, I(5), S("Rect"), I(2), I(0), S("Rect-w")); }), "type-error");
  EXPECT_EQ(raised([&] { CALL(TAGGED_FIELD, p, S("Rect"), I(3), I(2), S("Rect-x")); }), "type-error");
  fl_value just = flrt_make_closure(nullptr, flrt_ctor_entry, 1, "Just", 1);
  ((fl_function *)fl_obj(just))->free[0] = S("Just");
  EXPECT_EQ(W(CALL(MAP, just, L({I(1), I(2)}))), "(Just(1) Just(2))");
  EXPECT_EQ(W(just), "#<function Just>");
  EXPECT_EQ(raised([&] { flrt_call(just, 0, nullptr); }), "arity-error");
}
