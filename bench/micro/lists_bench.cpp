// List microbenchmarks: the builtins that run vector kernels (runtime/simd), each measured with
// the active table (":simd" - AVX2 or SSE2 on x86-64 by CPU dispatch, NEON on AArch64) and with
// the scalar table forced (":scalar", the same code built without vectorization), on lists of
// 1,000,000 Ints (or Floats). See bench/README.md for the command and docs/runtime-abi.md.
#include <benchmark/benchmark.h>

#include "internal.h"
#include "simd/simd.h"

namespace {

constexpr int64_t kN = 1000000;

fl_value builtin(int id) { return flrt_builtin_value(id, nullptr); }
fl_value call(int id, fl_value a) { return flrt_call(builtin(id), 1, &a); }
fl_value call(int id, fl_value a, fl_value b) {
  fl_value v[2] = {a, b};
  return flrt_call(builtin(id), 2, v);
}
fl_value call(int id, fl_value a, fl_value b, fl_value c) {
  fl_value v[3] = {a, b, c};
  return flrt_call(builtin(id), 3, v);
}
fl_value range(int64_t n) { return call(FL_B_RANGE, flrt_box_int(n)); }

// Benchmarks of builtins that build a new list keep only its length, like a program that
// drops each result: the list is garbage as soon as the helper returns, so the collector can
// reuse its memory for the next one (a result still on the stack would stay reachable).
template <class Fn>
__attribute__((noinline)) int64_t built_length(Fn fn) {
  return flrt_list_length(fn());
}

// Selects the table for one benchmark run and restores the default afterwards.
struct Table {
  explicit Table(bool scalar, benchmark::State &state) {
    flrt_simd_force_scalar(scalar);
    state.SetLabel(flrt_simd_name());
  }
  ~Table() { flrt_simd_force_scalar(false); }
};

void Sum(benchmark::State &state, bool scalar) {
  fl_value l = range(kN);  // 1,000,000 Ints in unboxed blocks
  Table t(scalar, state);
  for (auto _ : state) benchmark::DoNotOptimize(call(FL_B_SUM, l));
  state.SetItemsProcessed(state.iterations() * kN);
  benchmark::DoNotOptimize(l);
}

void SumConsBuilt(benchmark::State &state, bool scalar) {
  fl_value l = FL_EMPTY;  // built by cons: blocks of doubling size
  for (int64_t i = 0; i < kN; i++) l = flrt_cons(flrt_box_int(i), l);
  Table t(scalar, state);
  for (auto _ : state) benchmark::DoNotOptimize(call(FL_B_SUM, l));
  state.SetItemsProcessed(state.iterations() * kN);
  benchmark::DoNotOptimize(l);
}

void Range(benchmark::State &state, bool scalar) {
  Table t(scalar, state);
  for (auto _ : state) benchmark::DoNotOptimize(built_length([] { return range(kN); }));
  state.SetItemsProcessed(state.iterations() * kN);
}

void Equal(benchmark::State &state, bool scalar) {
  fl_value a = range(kN), b = range(kN);
  Table t(scalar, state);
  for (auto _ : state) benchmark::DoNotOptimize(flrt_equal(a, b));
  state.SetItemsProcessed(state.iterations() * kN);
  benchmark::DoNotOptimize(a);
  benchmark::DoNotOptimize(b);
}

void IndexOf(benchmark::State &state, bool scalar) {
  fl_value l = range(kN), x = flrt_box_int(kN - 1);  // found at the end
  Table t(scalar, state);
  for (auto _ : state) benchmark::DoNotOptimize(call(FL_B_INDEX_OF, x, l));
  state.SetItemsProcessed(state.iterations() * kN);
  benchmark::DoNotOptimize(l);
}

void Reverse(benchmark::State &state, bool scalar) {
  fl_value l = range(kN);
  Table t(scalar, state);
  for (auto _ : state) benchmark::DoNotOptimize(built_length([&] { return call(FL_B_REVERSE, l); }));
  state.SetItemsProcessed(state.iterations() * kN);
  benchmark::DoNotOptimize(l);
}

void FilterEven(benchmark::State &state, bool scalar) {
  fl_value l = range(kN), even = builtin(FL_B_EVEN_P);
  Table t(scalar, state);
  for (auto _ : state) benchmark::DoNotOptimize(built_length([&] { return call(FL_B_FILTER, even, l); }));
  state.SetItemsProcessed(state.iterations() * kN);
  benchmark::DoNotOptimize(l);
}

void MapAdd(benchmark::State &state, bool scalar) {
  fl_value a = range(kN), b = range(kN), add = builtin(FL_B_ADD);
  Table t(scalar, state);
  for (auto _ : state) benchmark::DoNotOptimize(built_length([&] { return call(FL_B_MAP, add, a, b); }));
  state.SetItemsProcessed(state.iterations() * kN);
  benchmark::DoNotOptimize(a);
  benchmark::DoNotOptimize(b);
}

void FoldMax(benchmark::State &state, bool scalar) {
  fl_value l = range(kN), max = builtin(FL_B_MAX);
  Table t(scalar, state);
  for (auto _ : state) benchmark::DoNotOptimize(call(FL_B_FOLD, max, flrt_box_int(0), l));
  state.SetItemsProcessed(state.iterations() * kN);
  benchmark::DoNotOptimize(l);
}

}  // namespace

#define SIMD_PAIR(fn)                        \
  BENCHMARK_CAPTURE(fn, simd, false);        \
  BENCHMARK_CAPTURE(fn, scalar, true)

SIMD_PAIR(Sum);
SIMD_PAIR(SumConsBuilt);
SIMD_PAIR(Range);
SIMD_PAIR(Equal);
SIMD_PAIR(IndexOf);
SIMD_PAIR(Reverse);
SIMD_PAIR(FilterEven);
SIMD_PAIR(MapAdd);
SIMD_PAIR(FoldMax);
