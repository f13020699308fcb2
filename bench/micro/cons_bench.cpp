// cons microbenchmarks (issue 9, item 1): time and bytes allocated per cons when a list is built
// by consing onto its own newest block (the linear case), onto one shared tail (every cons after
// the first starts a small block: O(1) memory), and with alternating Int and Float elements
// (one block of tagged slots takes both). `bytes_per_cons` counts what the allocator handed out.
#include <benchmark/benchmark.h>

#include "gc/heap.h"
#include "internal.h"

namespace {

constexpr int64_t kN = 1000000;

uint64_t allocated() { return flrt_H.total_allocated + flrt_H.allocated; }

void report(benchmark::State &state, uint64_t before, uint64_t conses) {
  state.SetItemsProcessed((int64_t)conses);
  state.counters["bytes_per_cons"] = (double)(allocated() - before) / (double)conses;
}

__attribute__((noinline)) fl_value build_linear() {
  fl_value l = FL_EMPTY;
  for (int64_t i = 0; i < kN; i++) l = flrt_cons(flrt_box_int(i), l);
  return l;
}

void ConsLinear(benchmark::State &state) {
  uint64_t before = allocated(), n = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(flrt_list_length(build_linear()));
    n += kN;
  }
  report(state, before, n);
}

void ConsShared(benchmark::State &state) {
  fl_value v = flrt_box_int(100000);
  fl_value base = flrt_call(flrt_builtin_value(FL_B_RANGE, nullptr), 1, &v);
  uint64_t before = allocated(), n = 0;
  for (auto _ : state) {
    for (int64_t i = 0; i < kN; i++) benchmark::DoNotOptimize(flrt_cons(flrt_box_int(i), base));
    n += kN;
  }
  report(state, before, n);
  benchmark::DoNotOptimize(base);
}

__attribute__((noinline)) fl_value build_mixed() {
  fl_value l = FL_EMPTY;
  for (int64_t i = 0; i < kN; i++) l = flrt_cons(i % 2 ? flrt_box_float(i + 0.5) : flrt_box_int(i), l);
  return l;
}

void ConsMixed(benchmark::State &state) {
  uint64_t before = allocated(), n = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(flrt_list_length(build_mixed()));
    n += kN;
  }
  report(state, before, n);
}

}  // namespace

BENCHMARK(ConsLinear)->Unit(benchmark::kMillisecond);
BENCHMARK(ConsShared)->Unit(benchmark::kMillisecond);
BENCHMARK(ConsMixed)->Unit(benchmark::kMillisecond);
