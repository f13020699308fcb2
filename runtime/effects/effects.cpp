/* effects/effects.cpp - effect operations and handlers (§11): the handler stack, flrt_perform,
 * and the default behaviour of every operation of effects.def (state store, time, random; io
 * and error:raise reuse the builtins' implementations). */
#include <errno.h>
#include <stdio.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "builtins/builtin.h"

flrt_handler_frame *flrt_handler_top = NULL;

namespace {

struct OpInfo {
  const char *type;
  const char *name;
  int32_t type_id;
  int32_t min, max;
};
const OpInfo kOps[] = {
#define FL_EFFECT_OP(id, type, name, min, max, fx) {#type, name, FL_EFT_##type, min, max},
#include "fluentai/effects.def"
#undef FL_EFFECT_OP
};

const char *const kTypeNames[] = {
#define FL_EFFECT_TYPE(id, name, supported) name,
#include "fluentai/effects.def"
#undef FL_EFFECT_TYPE
};

/* ---- state store: one persistent map for the whole program (§11.2) ---- */
fl_value state_store = FL_NIL;
bool state_rooted = false;

fl_value state_map() {
  if (!state_rooted) {
    state_rooted = true;
    flrt_register_roots(&state_store, 1);
    state_store = flb_MAKE_MAP(NULL, 0, NULL);
  }
  return state_store;
}

fl_value state_get(fl_value key) {
  fl_value args[3] = {state_map(), key, FL_NIL};
  return flb_MAP_GET(NULL, 3, args);
}

fl_value state_set(fl_value key, fl_value v) {
  fl_value args[3] = {state_map(), key, v};
  state_store = flb_MAP_SET(NULL, 3, args);
  return v;
}

/* ---- time ---- */
struct timespec start_time;
bool start_known = false;

int64_t monotonic_ns() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- random: xoshiro256**, seeded from the OS unless random:seed is used ---- */
uint64_t rng[4];
bool rng_ready = false;

uint64_t splitmix(uint64_t *x) {
  uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

void seed_rng(uint64_t s) {
  for (int i = 0; i < 4; i++) rng[i] = splitmix(&s);
  rng_ready = true;
}

uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t next_u64() {
  if (!rng_ready) {
    uint64_t s;
    if (getrandom(&s, sizeof s, 0) != (ssize_t)sizeof s) s = (uint64_t)monotonic_ns() ^ ((uint64_t)getpid() << 32);
    seed_rng(s);
  }
  uint64_t r = rotl(rng[1] * 5, 7) * 9, t = rng[1] << 17;
  rng[2] ^= rng[0];
  rng[3] ^= rng[1];
  rng[1] ^= rng[2];
  rng[0] ^= rng[3];
  rng[2] ^= t;
  rng[3] = rotl(rng[3], 45);
  return r;
}

/* Uniform in [0, n) without modulo bias. */
uint64_t below(uint64_t n) {
  uint64_t limit = UINT64_MAX - UINT64_MAX % n;
  uint64_t r;
  do r = next_u64();
  while (r >= limit);
  return r % n;
}

double unit_double() { return (double)(next_u64() >> 11) * (1.0 / 9007199254740992.0); }

FL_NORETURN void arity_error(int32_t op, int64_t argc) {
  flrt_fail(FL_ERR_ARITY, "%s:%s: wrong number of arguments (%lld)", kTypeNames[kOps[op].type_id], kOps[op].name,
            (long long)argc);
}

}  // namespace

/* main() calls this first: time:elapsed counts from program start (§11.2). */
void flrt_note_program_start(void) {
  clock_gettime(CLOCK_MONOTONIC, &start_time);
  start_known = true;
}

void flrt_handler_push(flrt_handler_frame *f) {
  for (int64_t i = 0; i < f->count; i++)
    if (!flrt_is_function(f->entries[i].fn)) flrt_type_error("handler", "a function", f->entries[i].fn);
  f->prev = flrt_handler_top;
  flrt_handler_top = f;
}

void flrt_handler_pop(flrt_handler_frame *f) { flrt_handler_top = f->prev; }

fl_value flrt_perform(int32_t op, int64_t argc, const fl_value *argv) {
  int64_t general = FL_EFFECT_GENERAL | kOps[op].type_id;
  for (flrt_handler_frame *f = flrt_handler_top; f; f = f->prev) {
    const flrt_handler_entry *hit = NULL;
    for (int64_t i = 0; i < f->count; i++) {
      if (f->entries[i].key == op) {
        hit = &f->entries[i];
        break;
      }
      if (f->entries[i].key == general && !hit) hit = &f->entries[i];
    }
    if (!hit) continue;
    // The handler runs with its own frame (and the ones inside it) removed (§11.3 rule 2).
    flrt_handler_frame *saved = flrt_handler_top;
    flrt_handler_top = f->prev;
    fl_value r;
    if (hit->key == op) {
      r = flrt_call(hit->fn, argc, argv);
    } else {
      fl_value *args = (fl_value *)__builtin_alloca((size_t)(argc + 1) * sizeof(fl_value));
      args[0] = flrt_cstring(kOps[op].name);
      for (int64_t k = 0; k < argc; k++) args[k + 1] = argv[k];
      r = flrt_call(hit->fn, argc + 1, args);
    }
    flrt_handler_top = saved;
    return r;
  }
  return flrt_effect_default(op, argc, argv);
}

fl_value flrt_effect_entry(fl_function *self, int64_t argc, const fl_value *argv) {
  return flrt_perform((int32_t)fl_fixnum_value(self->free[0]), argc, argv);
}

fl_value flrt_effect_default(int32_t op, int64_t argc, const fl_value *argv) {
  if (argc < kOps[op].min || (kOps[op].max >= 0 && argc > kOps[op].max)) arity_error(op, argc);
  switch (op) {
    case FL_EOP_IO_PRINT: return flb_PRINT(NULL, argc, argv);
    case FL_EOP_IO_PRINT_LINE: return flb_PRINT_LINE(NULL, argc, argv);
    case FL_EOP_IO_READ_LINE: return flb_READ_LINE(NULL, argc, argv);
    case FL_EOP_IO_READ_FILE: return flb_FILE_READ(NULL, argc, argv);
    case FL_EOP_IO_WRITE_FILE: return flb_FILE_WRITE(NULL, argc, argv);
    case FL_EOP_IO_APPEND_FILE: return flb_FILE_APPEND(NULL, argc, argv);
    case FL_EOP_IO_FILE_EXISTS: return flb_FILE_EXISTS_P(NULL, argc, argv);
    case FL_EOP_IO_GETENV: return flb_GETENV(NULL, argc, argv);
    case FL_EOP_IO_LIST_DIR: return flb_LIST_DIR(NULL, argc, argv);
    case FL_EOP_IO_DELETE_FILE: return flb_DELETE_FILE(NULL, argc, argv);
    case FL_EOP_IO_FILE_SIZE: return flb_FILE_SIZE(NULL, argc, argv);
    case FL_EOP_STATE_GET: return state_get(argv[0]);
    case FL_EOP_STATE_SET: return state_set(argv[0], argv[1]);
    case FL_EOP_STATE_UPDATE: {
      fl_value old = state_get(argv[0]);
      fl_value v = flrt_is_function(argv[1]) ? flrt_call(argv[1], 1, &old) : argv[1];
      return state_set(argv[0], v);
    }
    case FL_EOP_STATE_DELETE: {
      fl_value args[2] = {state_map(), argv[0]};
      state_store = flb_MAP_REMOVE(NULL, 2, args);
      return FL_NIL;
    }
    case FL_EOP_STATE_CLEAR:
      state_map();
      state_store = flb_MAKE_MAP(NULL, 0, NULL);
      return FL_NIL;
    case FL_EOP_ERROR_RAISE: return flb_ERROR(NULL, argc, argv);
    case FL_EOP_TIME_NOW: return flb_CURRENT_MILLIS(NULL, 0, NULL);
    case FL_EOP_TIME_SLEEP: return flb_SLEEP(NULL, argc, argv);
    case FL_EOP_TIME_ELAPSED: {
      if (!start_known) flrt_note_program_start(); /* not started by main (unit tests) */
      int64_t start = (int64_t)start_time.tv_sec * 1000000000 + start_time.tv_nsec;
      return flrt_box_int((monotonic_ns() - start) / 1000000);
    }
    case FL_EOP_TIME_MONOTONIC: return flrt_box_int(monotonic_ns());
    case FL_EOP_RANDOM_INT: {
      int64_t lo = flrt_need_int(argv[0], "random:int"), hi = flrt_need_int(argv[1], "random:int");
      if (lo >= hi) flrt_fail(FL_ERR_VALUE, "random:int: empty range [%lld, %lld)", (long long)lo, (long long)hi);
      return flrt_box_int((int64_t)((uint64_t)lo + below((uint64_t)hi - (uint64_t)lo)));
    }
    case FL_EOP_RANDOM_FLOAT: {
      if (argc == 1) arity_error(op, argc);
      double u = unit_double();
      if (argc == 0) return flrt_box_float(u);
      flrt_need_number(argv[0], "random:float");
      flrt_need_number(argv[1], "random:float");
      double lo = flrt_num_to_double(argv[0]), hi = flrt_num_to_double(argv[1]);
      return flrt_box_float(lo + u * (hi - lo));
    }
    case FL_EOP_RANDOM_BOOL: return fl_bool(next_u64() >> 63);
    case FL_EOP_RANDOM_CHOICE: {
      fl_value l = flrt_need_list(argv[0], "random:choice");
      int64_t n = flrt_list_length(l);
      if (n == 0) flrt_fail(FL_ERR_EMPTY_LIST, "random:choice: empty list");
      return flrt_list_nth(l, (int64_t)below((uint64_t)n));
    }
    case FL_EOP_RANDOM_SHUFFLE: {
      fl_value l = flrt_need_list(argv[0], "random:shuffle");
      int64_t n = flrt_list_length(l);
      flrt_vec v;
      flrt_vec_init(&v, n);
      flrt_list_iter it;
      flrt_iter_init(&it, l);
      fl_value x;
      while (flrt_iter_next(&it, &x)) flrt_vec_push(&v, x);
      for (int64_t i = n - 1; i > 0; i--) {
        int64_t j = (int64_t)below((uint64_t)i + 1);
        fl_value t = v.store->slots[i];
        v.store->slots[i] = v.store->slots[j];
        v.store->slots[j] = t;
      }
      return flrt_vec_to_list(&v, FL_EMPTY);
    }
    case FL_EOP_RANDOM_SEED:
      seed_rng((uint64_t)flrt_need_int(argv[0], "random:seed"));
      return FL_NIL;
  }
  return FL_NIL;
}
