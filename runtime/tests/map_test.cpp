// Persistent maps: a randomized model test (order, replacement, removal, persistence of old
// versions), large maps, keys whose hashes collide.
#include <math.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

#include "test_util.h"

using namespace flt;

struct Model {
  std::vector<std::pair<std::string, std::string>> entries;  // write forms, insertion order
  std::string keys() const {
    std::string s = "(";
    for (size_t i = 0; i < entries.size(); i++) s += (i ? " " : "") + entries[i].first;
    return s + ")";
  }
  std::string printed() const {
    std::string s = "{";
    for (size_t i = 0; i < entries.size(); i++)
      s += (i ? ", " : "") + entries[i].first + " " + entries[i].second;
    return s + "}";
  }
};

TEST(Maps, RandomOperationsMatchAModel) {
  static fl_value versions[40];
  static bool registered = false;
  if (!registered) flrt_register_roots(versions, 40);
  registered = true;
  std::vector<Model> models(40);
  for (auto &v : versions) v = flrt_map_new();
  std::mt19937 rng(11);
  for (int step = 0; step < 20000; step++) {
    int from = rng() % 40, to = rng() % 40;
    int key = rng() % 60;
    fl_value k = key < 40 ? I(key) : S("k" + std::to_string(key));
    std::string kw = key < 40 ? std::to_string(key) : "\"k" + std::to_string(key) + "\"";
    Model m = models[from];
    if (rng() % 3) {  // set
      int val = rng() % 1000;
      versions[to] = flrt_map_set(versions[from], k, I(val));
      bool found = false;
      for (auto &e : m.entries)
        if (e.first == kw) {
          e.second = std::to_string(val);
          found = true;
        }
      if (!found) m.entries.push_back({kw, std::to_string(val)});
    } else {  // remove
      versions[to] = flrt_map_remove(versions[from], k);
      for (size_t i = 0; i < m.entries.size(); i++)
        if (m.entries[i].first == kw) m.entries.erase(m.entries.begin() + i);
    }
    models[to] = m;
    if (step % 97 == 0) {
      for (int i = 0; i < 40; i++) {
        ASSERT_EQ(W(versions[i]), models[i].printed()) << "version " << i << " step " << step;
        ASSERT_EQ(flrt_map_count(versions[i]), (int64_t)models[i].entries.size());
        ASSERT_EQ(W(CALL(MAP_KEYS, versions[i])), models[i].keys());
      }
    }
  }
  for (auto &v : versions) v = FL_NIL;
}

TEST(Maps, LargeMaps) {
  const int n = 100000;
  fl_value m = flrt_map_new();
  for (int i = 0; i < n; i++) m = flrt_map_set(m, I(i * 7), S(std::to_string(i)));
  EXPECT_EQ(flrt_map_count(m), n);
  for (int i = 0; i < n; i += 997) {
    fl_value v;
    ASSERT_TRUE(flrt_map_lookup(m, F(i * 7.0), &v));
    EXPECT_EQ(str_of(v), std::to_string(i));
  }
  fl_value v;
  EXPECT_FALSE(flrt_map_lookup(m, I(3), &v));
  // remove all but the last 10 keys: order is kept, the map stays compact
  fl_value r = m;
  for (int i = 0; i < n - 10; i++) r = flrt_map_remove(r, I(i * 7));
  EXPECT_EQ(W(CALL(MAP_VALUES, r)),
            "(\"99990\" \"99991\" \"99992\" \"99993\" \"99994\" \"99995\" \"99996\" \"99997\" \"99998\" \"99999\")");
  EXPECT_LE(((flrt_map *)fl_obj(r))->next_seq, 64);
  EXPECT_EQ(flrt_map_count(m), n);  // the original is unchanged
  EXPECT_TRUE(flrt_equal(CALL(MAP_MERGE, r, m), m));  // same entries, another order
  EXPECT_TRUE(flrt_equal(CALL(MAP_MERGE, m, r), m));
  EXPECT_FALSE(flrt_equal(r, m));
  EXPECT_EQ(flrt_hash(CALL(MAP_MERGE, r, m)), flrt_hash(m));
}

TEST(Maps, CollidingHashes) {
  // NaN keys all hash alike and are never equal to each other: each one is a new entry.
  fl_value m = flrt_map_new();
  for (int i = 0; i < 5; i++) m = flrt_map_set(m, F(NAN), I(i));
  m = flrt_map_set(m, I(1), S("one"));
  EXPECT_EQ(flrt_map_count(m), 6);
  EXPECT_EQ(W(m), "{NaN 0, NaN 1, NaN 2, NaN 3, NaN 4, 1 \"one\"}");
  fl_value v;
  EXPECT_FALSE(flrt_map_lookup(m, F(NAN), &v));
  EXPECT_TRUE(flrt_map_lookup(m, F(1.0), &v));
  EXPECT_EQ(flrt_map_count(flrt_map_remove(m, F(NAN))), 6);
}

TEST(Maps, UpdateCallsTheFunction) {
  fl_value m = CALL(MAKE_MAP, S("n"), I(1));
  fl_value inc = CALL(PARTIAL, flrt_builtin_value(FL_B_ADD, nullptr), I(1));
  EXPECT_EQ(W(CALL(MAP_UPDATE, m, S("n"), inc)), "{\"n\" 2}");
  EXPECT_EQ(W(CALL(MAP_UPDATE, m, S("z"), inc, I(10))), "{\"n\" 1, \"z\" 11}");
  EXPECT_EQ(raised([&] { CALL(MAP_UPDATE, m, S("z"), inc); }), "type-error");  // (+ 1 nil)
  EXPECT_EQ(raised([&] { CALL(MAP_UPDATE, m, S("n"), I(5)); }), "type-error");
}

// Order-trie nodes are filled in place by the newest map (an insert appends its entry to the
// nodes it shares with the map it came from): maps derived from one map each keep their own
// entries, in order, however their inserts interleave, and the older maps never see the newer
// entries.
TEST(Maps, MapsDerivedFromOneMapKeepTheirOwnOrder) {
  fl_value base = flrt_map_new();
  for (int i = 0; i < 40; i++) base = flrt_map_set(base, I(i), I(i));
  fl_value a = flrt_map_set(base, S("a"), I(1));  // fills slot 40 in place
  fl_value b = flrt_map_set(base, S("b"), I(2));  // slot 40 taken: copies the path
  fl_value a2 = flrt_map_set(a, S("a2"), I(3));
  fl_value b2 = flrt_map_set(b, S("b2"), I(4));
  fl_value a3 = flrt_map_set(a, S("a3"), I(5));   // a's next slot is taken by a2
  auto tail_keys = [](fl_value m) {
    std::string w = W(CALL(MAP_KEYS, m));
    return w.substr(w.find("39") + 2);
  };
  EXPECT_EQ(tail_keys(base), ")");
  EXPECT_EQ(tail_keys(a), " \"a\")");
  EXPECT_EQ(tail_keys(b), " \"b\")");
  EXPECT_EQ(tail_keys(a2), " \"a\" \"a2\")");
  EXPECT_EQ(tail_keys(b2), " \"b\" \"b2\")");
  EXPECT_EQ(tail_keys(a3), " \"a\" \"a3\")");
  EXPECT_EQ(flrt_map_count(a3), 42);
  EXPECT_FALSE(flrt_equal(a2, a3));
  // 2000 more inserts on each branch, alternating, across new levels of the trie
  for (int i = 0; i < 2000; i++) {
    a2 = flrt_map_set(a2, I(1000 + i), I(i));
    b2 = flrt_map_set(b2, I(5000 + i), I(i));
  }
  EXPECT_EQ(flrt_map_count(a2), 2042);
  EXPECT_EQ(flrt_map_count(b2), 2042);
  std::string ka = W(CALL(MAP_KEYS, a2)), kb = W(CALL(MAP_KEYS, b2));
  EXPECT_NE(ka.find("\"a2\" 1000 1001"), std::string::npos);
  EXPECT_EQ(ka.find("5000"), std::string::npos);
  EXPECT_NE(kb.find("\"b2\" 5000 5001"), std::string::npos);
  EXPECT_EQ(kb.find("1000 "), std::string::npos);
  EXPECT_EQ(tail_keys(a), " \"a\")");
}
