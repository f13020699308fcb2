// Core runtime microbenchmarks: allocation, cons/head/tail, string building, maps. See
// bench/README.md for the command.
#include <benchmark/benchmark.h>

#include <stdio.h>

#include "internal.h"

namespace {

fl_value builtin(int id) { return flrt_builtin_value(id, nullptr); }

// Small-object allocation: one 16-byte boxed Float per item (the size-class fast path; the
// collector runs every few MiB and frees them all).
void AllocBoxedFloat(benchmark::State &state) {
  double d = 0.5;
  for (auto _ : state) {
    for (int i = 0; i < 1000; i++) benchmark::DoNotOptimize(flrt_box_float(d += 1.0));
  }
  state.SetItemsProcessed(state.iterations() * 1000);
}

// Allocation of objects of a given size (bytes), zeroed, with the header filled in.
void AllocObject(benchmark::State &state) {
  size_t bytes = (size_t)state.range(0);
  for (auto _ : state) {
    for (int i = 0; i < 100; i++) benchmark::DoNotOptimize(flrt_alloc_obj(bytes, FL_K_RAW, 0));
  }
  state.SetItemsProcessed(state.iterations() * 100);
  state.SetBytesProcessed(state.iterations() * 100 * (int64_t)bytes);
}

// Building a list of 1000 Ints by cons (in place into the front slots of VList blocks), then
// walking it with head and tail.
void ConsHeadTail(benchmark::State &state) {
  const int n = 1000;
  for (auto _ : state) {
    fl_value l = FL_EMPTY;
    for (int i = 0; i < n; i++) l = flrt_cons(fl_make_fixnum(i), l);
    int64_t s = 0;
    for (fl_value x = l; x != FL_EMPTY; x = flrt_list_tail(x)) s += fl_fixnum_value(flrt_list_head(x));
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations() * n);
}

// Consing onto one shared tail many times (each cons after the first starts a small block).
void ConsSharedTail(benchmark::State &state) {
  fl_value tail = FL_EMPTY;
  for (int i = 0; i < 100; i++) tail = flrt_cons(fl_make_fixnum(i), tail);
  for (auto _ : state) {
    for (int i = 0; i < 1000; i++) benchmark::DoNotOptimize(flrt_cons(fl_make_fixnum(i), tail));
  }
  state.SetItemsProcessed(state.iterations() * 1000);
  benchmark::DoNotOptimize(tail);
}

// (string-append acc piece) 10,000 times: in-place extension of the accumulator's buffer.
void StringAppend(benchmark::State &state) {
  fl_value piece = flrt_cstring("abcdefgh,");
  const int n = 10000;
  for (auto _ : state) {
    fl_value acc = flrt_cstring("");
    for (int i = 0; i < n; i++) {
      fl_value args[2] = {acc, piece};
      acc = flb_STRING_APPEND(nullptr, 2, args);
    }
    benchmark::DoNotOptimize(acc);
  }
  state.SetItemsProcessed(state.iterations() * n);
}

fl_value key(int i) {
  char buf[32];
  int len = snprintf(buf, sizeof buf, "key-%d", i);
  return flrt_string_from(buf, len);
}

// map-get on a map of 10,000 String keys.
void MapGet(benchmark::State &state) {
  const int n = 10000;
  fl_value m = flrt_map_new();
  for (int i = 0; i < n; i++) m = flrt_map_set(m, key(i), fl_make_fixnum(i));
  fl_value keys = FL_EMPTY;  // fresh strings: no identity shortcut, the hash is cached
  for (int i = n - 1; i >= 0; i--) keys = flrt_cons(key(i), keys);
  for (auto _ : state) {
    int64_t s = 0;
    for (fl_value k = keys; k != FL_EMPTY; k = flrt_list_tail(k)) {
      fl_value v;
      if (flrt_map_lookup(m, flrt_list_head(k), &v)) s += fl_fixnum_value(v);
    }
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations() * n);
  benchmark::DoNotOptimize(m);
}

// map-set: building a map of 10,000 Int keys from empty (persistent: every set copies a path).
void MapSet(benchmark::State &state) {
  const int n = 10000;
  for (auto _ : state) {
    fl_value m = flrt_map_new();
    for (int i = 0; i < n; i++) m = flrt_map_set(m, fl_make_fixnum(i), fl_make_fixnum(i));
    benchmark::DoNotOptimize(m);
  }
  state.SetItemsProcessed(state.iterations() * n);
}

// (map-get m k) through the builtin, Int keys.
void MapGetBuiltin(benchmark::State &state) {
  const int n = 10000;
  fl_value m = flrt_map_new();
  for (int i = 0; i < n; i++) m = flrt_map_set(m, fl_make_fixnum(i), fl_make_fixnum(i));
  fl_value get = builtin(FL_B_MAP_GET);
  for (auto _ : state) {
    for (int i = 0; i < n; i++) {
      fl_value args[2] = {m, fl_make_fixnum(i)};
      benchmark::DoNotOptimize(flrt_call(get, 2, args));
    }
  }
  state.SetItemsProcessed(state.iterations() * n);
  benchmark::DoNotOptimize(m);
}

}  // namespace

BENCHMARK(AllocBoxedFloat);
BENCHMARK(AllocObject)->Arg(32)->Arg(256)->Arg(4096)->Arg(65536);
BENCHMARK(ConsHeadTail);
BENCHMARK(ConsSharedTail);
BENCHMARK(StringAppend);
BENCHMARK(MapGet);
BENCHMARK(MapSet);
BENCHMARK(MapGetBuiltin);
