// Values: fixnum/boxed Int boundaries, truthiness, equality, hashing, generic arithmetic and
// ordering slow paths, closures and flrt_call.
#include <math.h>

#include "test_util.h"

using namespace flt;

TEST(Values, FixnumBoundaries) {
  EXPECT_TRUE(fl_is_fixnum(flrt_box_int(FL_FIXNUM_MAX)));
  EXPECT_TRUE(fl_is_fixnum(flrt_box_int(FL_FIXNUM_MIN)));
  EXPECT_FALSE(fl_is_fixnum(flrt_box_int(FL_FIXNUM_MAX + 1)));
  EXPECT_FALSE(fl_is_fixnum(flrt_box_int(FL_FIXNUM_MIN - 1)));
  for (int64_t i : {INT64_MIN, INT64_MIN + 1, FL_FIXNUM_MIN - 1, FL_FIXNUM_MIN, (int64_t)-1, (int64_t)0,
                    (int64_t)1, FL_FIXNUM_MAX, FL_FIXNUM_MAX + 1, INT64_MAX}) {
    fl_value v = flrt_box_int(i);
    EXPECT_TRUE(flrt_is_int(v));
    EXPECT_EQ(flrt_unbox_int(v), i);
    EXPECT_EQ(flrt_unbox_float(v), (double)i);
    EXPECT_EQ(W(v), std::to_string(i));
  }
  EXPECT_EQ(fl_obj(flrt_box_int(INT64_MAX))->kind, FL_K_INT);
}

TEST(Values, ArithmeticAcrossTheFixnumBoundary) {
  fl_value max = flrt_box_int(FL_FIXNUM_MAX);
  fl_value up = flrt_add(max, I(1));
  EXPECT_FALSE(fl_is_fixnum(up));
  EXPECT_EQ(flrt_unbox_int(up), FL_FIXNUM_MAX + 1);
  fl_value back = flrt_sub(up, I(1));
  EXPECT_TRUE(fl_is_fixnum(back));
  EXPECT_TRUE(flrt_equal(back, max));
  EXPECT_EQ(flrt_unbox_int(flrt_mul(I(FL_FIXNUM_MAX), I(2))), FL_FIXNUM_MAX * 2);
  EXPECT_EQ(raised([] { flrt_add(I(INT64_MAX), I(1)); }), "overflow");
  EXPECT_EQ(raised([] { flrt_sub(I(INT64_MIN), I(1)); }), "overflow");
  EXPECT_EQ(raised([] { flrt_mul(I(INT64_MIN), I(-1)); }), "overflow");
  EXPECT_EQ(raised([] { flrt_div(I(INT64_MIN), I(-1)); }), "overflow");
  EXPECT_EQ(raised([] { flrt_neg(I(INT64_MIN)); }), "overflow");
  EXPECT_EQ(flrt_unbox_int(flrt_neg(I(INT64_MAX))), -INT64_MAX);
}

TEST(Values, GenericArithmetic) {
  EXPECT_EQ(W(flrt_add(I(1), F(2.5))), "3.5");
  EXPECT_EQ(W(flrt_add(S("ab"), S("cd"))), "\"abcd\"");
  EXPECT_EQ(raised([] { flrt_add(S("a"), I(1)); }), "type-error");
  EXPECT_EQ(raised([] { flrt_add(FL_NIL, I(1)); }), "type-error");
  EXPECT_EQ(raised([] { flrt_sub(S("a"), S("b")); }), "type-error");
  EXPECT_EQ(W(flrt_div(I(7), I(2))), "3");
  EXPECT_EQ(W(flrt_div(I(-7), I(2))), "-3");
  EXPECT_EQ(W(flrt_div(I(1), F(0.0))), "inf");
  EXPECT_EQ(raised([] { flrt_div(I(1), I(0)); }), "division-by-zero");
  EXPECT_EQ(W(flrt_neg(F(0.0))), "-0");
  EXPECT_EQ(raised([] { flrt_neg(S("x")); }), "type-error");
}

TEST(Values, UnboxingChecksTypes) {
  EXPECT_EQ(flrt_unbox_float(F(1.5)), 1.5);
  EXPECT_EQ(flrt_unbox_float(I(3)), 3.0);
  EXPECT_EQ(raised([] { flrt_unbox_int(F(1.0)); }), "type-error");
  EXPECT_EQ(raised([] { flrt_unbox_int(FL_NIL); }), "type-error");
  EXPECT_EQ(raised([] { flrt_unbox_float(S("1")); }), "type-error");
  EXPECT_EQ(raised_message([] { flrt_unbox_int(S("x")); }), "expected an int, got \"x\"");
}

TEST(Values, Truthiness) {
  for (fl_value v : {FL_FALSE, FL_NIL, FL_EMPTY, I(0), F(0.0), F(-0.0), S(""), flrt_map_new()})
    EXPECT_FALSE(flrt_truthy(v)) << W(v);
  for (fl_value v : {FL_TRUE, I(1), I(-1), I(INT64_MIN), F(NAN), F(0.5), S("0"), S("false"),
                     L({I(0)}), flrt_make_error(S("k"), S("m")),
                     flrt_builtin_value(FL_B_ADD, nullptr), flrt_map_set(flrt_map_new(), I(1), I(2))})
    EXPECT_TRUE(flrt_truthy(v)) << W(v);
}

TEST(Values, Equality) {
  EXPECT_TRUE(flrt_equal(I(1), F(1.0)));
  EXPECT_TRUE(flrt_equal(F(0.0), F(-0.0)));
  EXPECT_FALSE(flrt_equal(F(NAN), F(NAN)));
  fl_value nan = F(NAN);
  EXPECT_FALSE(flrt_equal(nan, nan));
  EXPECT_TRUE(flrt_equal(I(INT64_MAX), I(INT64_MAX)));
  EXPECT_FALSE(flrt_equal(I(INT64_MAX), I(INT64_MAX - 1)));
  EXPECT_FALSE(flrt_equal(I(1), S("1")));
  EXPECT_FALSE(flrt_equal(FL_NIL, FL_EMPTY));
  EXPECT_FALSE(flrt_equal(FL_FALSE, FL_NIL));
  EXPECT_TRUE(flrt_equal(S("héllo"), S("héllo")));
  EXPECT_FALSE(flrt_equal(S("a"), S("ab")));
  EXPECT_TRUE(flrt_equal(flrt_intern_symbol(S("a")), flrt_intern_symbol(S("a"))));
  EXPECT_FALSE(flrt_equal(flrt_intern_symbol(S("a")), flrt_intern_keyword(S("a"))));
  EXPECT_FALSE(flrt_equal(flrt_intern_symbol(S("a")), S("a")));
  // lists of different representations compare by value
  EXPECT_TRUE(flrt_equal(L({I(1), I(2)}), L({F(1.0), F(2.0)})));
  EXPECT_TRUE(flrt_equal(L({I(1), S("x")}), flrt_cons(I(1), L({S("x")}))));
  EXPECT_FALSE(flrt_equal(L({I(1), I(2)}), L({I(1), I(2), I(3)})));
  EXPECT_FALSE(flrt_equal(L({L({I(1)})}), L({L({I(2)})})));
  // tagged values, errors, maps
  fl_value t1 = CALL(MAKE_TAGGED, S("Some"), I(1)), t2 = CALL(MAKE_TAGGED, S("Some"), F(1.0));
  EXPECT_TRUE(flrt_equal(t1, t2));
  EXPECT_FALSE(flrt_equal(t1, CALL(MAKE_TAGGED, S("Some"))));
  EXPECT_FALSE(flrt_equal(t1, CALL(MAKE_TAGGED, S("Other"), I(1))));
  EXPECT_TRUE(flrt_equal(flrt_make_error(S("k"), S("m")), flrt_make_error(S("k"), S("m"))));
  EXPECT_FALSE(flrt_equal(flrt_make_error(S("k"), S("m")), flrt_make_error(S("k"), S("n"))));
  fl_value m1 = flrt_map_set(flrt_map_set(flrt_map_new(), S("a"), I(1)), S("b"), I(2));
  fl_value m2 = flrt_map_set(flrt_map_set(flrt_map_new(), S("b"), F(2.0)), S("a"), I(1));
  EXPECT_TRUE(flrt_equal(m1, m2));  // order irrelevant
  EXPECT_FALSE(flrt_equal(m1, flrt_map_set(m2, S("a"), I(3))));
  // functions: identity
  fl_value f = flrt_builtin_value(FL_B_ADD, nullptr);
  EXPECT_TRUE(flrt_equal(f, f));
  EXPECT_FALSE(flrt_equal(f, flrt_builtin_value(FL_B_SUB, nullptr)));
}

TEST(Values, HashIsConsistentWithEquality) {
  std::vector<std::pair<fl_value, fl_value>> equal_pairs = {
      {I(1), F(1.0)},
      {F(0.0), F(-0.0)},
      {S("abc"), flrt_string_concat(S("ab"), S("c"))},
      {L({I(1), I(2)}), L({F(1.0), F(2.0)})},
      {L({S("x"), L({I(3)})}), L({S("x"), L({F(3.0)})})},
      {flrt_intern_symbol(S("s")), flrt_intern_symbol(S("s"))},
      {CALL(MAKE_TAGGED, S("P"), I(1)), CALL(MAKE_TAGGED, S("P"), F(1.0))},
      {flrt_make_error(S("k"), S("m")), flrt_make_error(S("k"), S("m"))},
      {flrt_map_set(flrt_map_set(flrt_map_new(), I(1), I(2)), I(3), I(4)),
       flrt_map_set(flrt_map_set(flrt_map_new(), I(3), I(4)), F(1.0), I(2))},
  };
  for (auto &p : equal_pairs) {
    ASSERT_TRUE(flrt_equal(p.first, p.second)) << W(p.first);
    EXPECT_EQ(flrt_hash(p.first), flrt_hash(p.second)) << W(p.first);
  }
  EXPECT_NE(flrt_hash(S("a")), flrt_hash(S("b")));
  EXPECT_NE(flrt_hash(I(1)), flrt_hash(I(2)));
}

TEST(Values, Ordering) {
  EXPECT_TRUE(flrt_less(I(1), I(2)));
  EXPECT_FALSE(flrt_less(I(2), I(2)));
  EXPECT_TRUE(flrt_less_eq(I(2), I(2)));
  EXPECT_TRUE(flrt_less(I(1), F(1.5)));
  EXPECT_TRUE(flrt_less(I(INT64_MAX - 1), I(INT64_MAX)));  // exact, not via double
  EXPECT_FALSE(flrt_less(F(NAN), I(1)));
  EXPECT_FALSE(flrt_less_eq(F(NAN), F(NAN)));
  EXPECT_TRUE(flrt_less(S("abc"), S("abd")));
  EXPECT_TRUE(flrt_less(S("ab"), S("abc")));
  EXPECT_TRUE(flrt_less(S("z"), S("é")));  // code point order
  EXPECT_EQ(raised([] { flrt_less(I(1), S("2")); }), "type-error");
  EXPECT_EQ(raised([] { flrt_less(FL_NIL, FL_NIL); }), "type-error");
  EXPECT_EQ(raised([] { flrt_less_eq(L({}), L({})); }), "type-error");
}

TEST(Values, TypeNames) {
  EXPECT_STREQ(flrt_type_name(I(1)), "int");
  EXPECT_STREQ(flrt_type_name(I(INT64_MAX)), "int");
  EXPECT_STREQ(flrt_type_name(F(1)), "float");
  EXPECT_STREQ(flrt_type_name(FL_TRUE), "bool");
  EXPECT_STREQ(flrt_type_name(FL_NIL), "nil");
  EXPECT_STREQ(flrt_type_name(S("")), "string");
  EXPECT_STREQ(flrt_type_name(FL_EMPTY), "list");
  EXPECT_STREQ(flrt_type_name(L({I(1)})), "list");
  EXPECT_STREQ(flrt_type_name(flrt_map_new()), "map");
  EXPECT_STREQ(flrt_type_name(flrt_intern_keyword(S("k"))), "keyword");
  EXPECT_STREQ(flrt_type_name(flrt_builtin_value(FL_B_HEAD, "car")), "function");
  EXPECT_STREQ(flrt_type_name(flrt_make_error(S("k"), S("m"))), "error");
  EXPECT_STREQ(flrt_type_name(CALL(MAKE_TAGGED, S("T"))), "tagged");
}

static fl_value add_free(fl_function *self, int64_t argc, const fl_value *argv) {
  return flrt_add(argv[0], self->free[0]);
}

TEST(Values, ClosuresAndCalls) {
  fl_value c = flrt_make_closure(nullptr, add_free, 1, "adder", 1);
  fl_function *f = (fl_function *)fl_obj(c);
  EXPECT_EQ(f->hdr.kind, FL_K_FUNCTION);
  EXPECT_EQ(f->hdr.aux, 1u);
  EXPECT_EQ(f->free[0], 0u);  // zeroed, filled by the caller
  f->free[0] = I(10);
  fl_value arg = I(5);
  EXPECT_EQ(W(flrt_call(c, 1, &arg)), "15");
  EXPECT_EQ(W(c), "#<function adder>");
  EXPECT_EQ(W(flrt_make_closure(nullptr, add_free, 1, nullptr, 0)), "#<function>");
  EXPECT_EQ(raised([&] { flrt_call(c, 0, nullptr); }), "arity-error");
  EXPECT_EQ(raised_message([&] { flrt_call(c, 2, &arg); }), "adder: wrong number of arguments (2)");
  EXPECT_EQ(raised([&] { flrt_call(I(1), 1, &arg); }), "type-error");
  EXPECT_EQ(raised_message([&] { flrt_call(S("f"), 0, nullptr); }), "not a function: \"f\"");
  // builtins check their row's arity
  EXPECT_EQ(raised([] { CALL(CONS, I(1)); }), "arity-error");
  EXPECT_EQ(raised([] { CALL(NEWLINE, I(1)); }), "arity-error");
  EXPECT_EQ(W(CALL(ADD, I(1), I(2), I(3), I(4), I(5))), "15");
}

TEST(Values, BuiltinObjects) {
  fl_value car = flrt_builtin_value(FL_B_HEAD, "car");
  fl_value head = flrt_builtin_value(FL_B_HEAD, "head");
  EXPECT_EQ(W(car), "#<function car>");
  EXPECT_EQ(W(head), "#<function head>");
  EXPECT_EQ(W(flrt_builtin_value(FL_B_HEAD, nullptr)), "#<function head>");
  EXPECT_EQ(W(flrt_builtin_value(FL_B_HEAD, "first")), "#<function first>");
  EXPECT_EQ(W(flrt_builtin_value(FL_B_EQUAL, "eq?")), "#<function eq?>");
  EXPECT_EQ(head, flrt_ptr_value(&flrt_builtin_obj_HEAD));
  EXPECT_TRUE(flrt_is_static(car));
  fl_function *f = (fl_function *)fl_obj(car);
  EXPECT_EQ(f->min_arity, 1);
  EXPECT_EQ(f->max_arity, 1);
  EXPECT_EQ(f->array_entry, flb_HEAD);
  EXPECT_EQ(f->fixed_entry, nullptr);
  fl_value l = L({I(7), I(8)});
  EXPECT_EQ(W(flrt_call(car, 1, &l)), "7");
  fl_function *plus = (fl_function *)fl_obj(flrt_builtin_value(FL_B_ADD, nullptr));
  EXPECT_EQ(plus->min_arity, 0);
  EXPECT_EQ(plus->max_arity, -1);
  // every row has an entry and a name
#define FL_BUILTIN(id, nm, mn, mx, effects, level)          \
  EXPECT_EQ(flrt_builtin_obj_##id.array_entry, flb_##id);   \
  EXPECT_STREQ(flrt_builtin_obj_##id.name, nm);             \
  EXPECT_EQ(flrt_builtin_obj_##id.min_arity, mn);           \
  EXPECT_EQ(flrt_builtin_obj_##id.max_arity, mx);
#include "fluentai/builtins.def"
#undef FL_BUILTIN
}

