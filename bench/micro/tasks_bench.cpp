// Task switching (issue 9, item 5): a value sent back and forth over rendezvous channels, between
// the main task and one spawned task (`PingPongMain`: nothing is copied, the spawned task stays on
// the shared task stack) and between two spawned tasks (`PingPongTasks`: each switch copies the
// frames of the task leaving the shared stack and of the one coming back).
#include <benchmark/benchmark.h>

#include "internal.h"

namespace {

constexpr int64_t kRounds = 100000;

fl_value call(int id, std::initializer_list<fl_value> args) {
  std::vector<fl_value> v(args);
  return flrt_call(flrt_builtin_value(id, nullptr), (int64_t)v.size(), v.data());
}

fl_value closure(fl_array_entry entry, fl_value free0) {
  fl_value f = flrt_make_closure(nullptr, entry, 0, "bench", 1);
  ((fl_function *)fl_obj(f))->free[0] = free0;
  return f;
}

// free[0] = (in out): answers kRounds values from `in` on `out`, each plus one.
fl_value echo(fl_function *self, int64_t, const fl_value *) {
  fl_value in = flrt_list_first(self->free[0]), out = flrt_list_first(flrt_list_rest(self->free[0]));
  for (int64_t i = 0; i < kRounds; i++) call(FL_B_SEND, {out, flrt_box_int(flrt_int_of(call(FL_B_RECV, {in})) + 1)});
  return FL_NIL;
}

// free[0] = (a b done): sends kRounds values on a, reads the answers on b, then sends on done.
fl_value ping(fl_function *self, int64_t, const fl_value *) {
  fl_value l = self->free[0];
  fl_value a = flrt_list_first(l), b = flrt_list_first(flrt_list_rest(l)),
           done = flrt_list_first(flrt_list_rest(flrt_list_rest(l)));
  int64_t sum = 0;
  for (int64_t i = 0; i < kRounds; i++) {
    call(FL_B_SEND, {a, flrt_box_int(i)});
    sum += flrt_int_of(call(FL_B_RECV, {b}));
  }
  call(FL_B_SEND, {done, flrt_box_int(sum)});
  return FL_NIL;
}

fl_value pair(fl_value x, fl_value y) { return flrt_cons(x, flrt_cons(y, FL_EMPTY)); }

void PingPongMain(benchmark::State &state) {
  for (auto _ : state) {
    fl_value a = call(FL_B_CHAN, {}), b = call(FL_B_CHAN, {});
    call(FL_B_SPAWN, {closure(echo, pair(a, b))});
    int64_t sum = 0;
    for (int64_t i = 0; i < kRounds; i++) {
      call(FL_B_SEND, {a, flrt_box_int(i)});
      sum += flrt_int_of(call(FL_B_RECV, {b}));
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * kRounds * 2);  // switches
}

void PingPongTasks(benchmark::State &state) {
  for (auto _ : state) {
    fl_value a = call(FL_B_CHAN, {}), b = call(FL_B_CHAN, {}), done = call(FL_B_CHAN, {});
    call(FL_B_SPAWN, {closure(echo, pair(a, b))});
    call(FL_B_SPAWN, {closure(ping, flrt_cons(a, pair(b, done)))});
    benchmark::DoNotOptimize(call(FL_B_RECV, {done}));
  }
  state.SetItemsProcessed(state.iterations() * kRounds * 2);
}

}  // namespace

BENCHMARK(PingPongMain)->Unit(benchmark::kMillisecond);
BENCHMARK(PingPongTasks)->Unit(benchmark::kMillisecond);
