/* sched/sched.cpp - tasks, the deterministic scheduler, spawn / async / await, sleeping and
 * deadlock (§14). See sched.h for the data structures.
 *
 * The run queue is FIFO; a task runs until it finishes or blocks. When the running task blocks
 * and nothing is runnable, sleeping tasks are waited for; with none, every task is blocked: if
 * the main task is among them it is woken with `deadlocked` set and raises `deadlock` at its
 * blocking operation; blocked spawned tasks stay blocked (the program ends with the main task).
 */
#include "sched/sched.h"

#include "builtins/builtin.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define TASK_GUARD FLRT_STACK_GUARD_BYTES
#define NEAR_GUARD FLRT_STACK_NEAR_BYTES

static flrt_task main_task;
static flrt_task *cur;                       /* the running task (NULL: scheduler unused so far) */
static flrt_task *run_head, *run_tail;       /* runnable tasks, FIFO */
static flrt_task *sleepers;                  /* sleeping tasks by wake-up time (FIFO for ties) */
static flrt_task *all_tasks;                 /* every task that has not finished, main included */
static flrt_task *zombie;                    /* finished; its handlers are freed by the next task */
static uintptr_t main_stack_hi;
static size_t task_stack_bytes;
/* The shared task stack: [shared_lo, shared_lo + TASK_GUARD) is its guard, shared_hi its top. */
static char *shared_lo, *shared_hi;
static flrt_task *resident;                  /* the spawned task whose frames are on it, if any */
static char *dead_frames;                    /* a finished resident's frames were above this */
/* The switcher: a small stack of its own, where frames are copied on and off the shared stack
 * while no task runs on it. switch_to() names the task to resume. */
#define SWITCHER_BYTES ((size_t)64 << 10)
static char *switcher_lo;
static void *switcher_sp;
static flrt_task *switch_into;

/* ---- AddressSanitizer (FLC_SANITIZE builds): every switch between stacks is announced, so
 * that ASan knows which stack is running (its fake frames and the bounds of stack accesses). */
#if defined(__SANITIZE_ADDRESS__)
#define FLRT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FLRT_ASAN 1
#endif
#endif
#ifdef FLRT_ASAN
#include <pthread.h>
extern "C" void __sanitizer_start_switch_fiber(void **fake_stack_save, const void *bottom, size_t size);
extern "C" void __sanitizer_finish_switch_fiber(void *fake_stack_save, const void **bottom_old, size_t *size_old);
static char *main_stack_lo;
static void asan_start_switch(void **save, flrt_task *next) {
  if (!next) { /* to the switcher */
    __sanitizer_start_switch_fiber(save, switcher_lo + 4096, SWITCHER_BYTES);
    return;
  }
  char *lo = next == &main_task ? main_stack_lo : shared_lo + TASK_GUARD;
  char *hi = next == &main_task ? (char *)main_stack_hi : shared_hi;
  __sanitizer_start_switch_fiber(save, lo, (size_t)(hi - lo));
}
/* The frames that leave the shared stack ([sp, top): the live ones, whose redzones are
 * poisoned) are not those ASan will find there next. */
extern "C" void __asan_unpoison_memory_region(void const volatile *addr, size_t size);
static void asan_forget_frames(char *sp) { __asan_unpoison_memory_region(sp, (size_t)(shared_hi - sp)); }
static void asan_finish_switch(void *save) { __sanitizer_finish_switch_fiber(save, NULL, NULL); }
static void asan_note_main_stack(void) {
  pthread_attr_t attr;
  void *addr;
  size_t size;
  pthread_getattr_np(pthread_self(), &attr);
  pthread_attr_getstack(&attr, &addr, &size);
  pthread_attr_destroy(&attr);
  main_stack_lo = (char *)addr;
}
#else
static void asan_start_switch(void **, flrt_task *) {}
static void asan_finish_switch(void *) {}
static void asan_forget_frames(char *) {}
static void asan_note_main_stack(void) {}
#endif

static int64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- root scanning: the stacks of suspended tasks and the values of every task ------------ */
static void scan_tasks(void (*visit)(fl_value *slot, int64_t n)) {
  fl_value z = flrt_ptr_value(zombie); /* its stack is freed by the next task to run */
  visit(&z, 1);
  for (flrt_task *t = all_tasks; t; t = t->next_all) {
    fl_value self = flrt_ptr_value(t); /* the record (spawned tasks: a heap object) */
    visit(&self, 1);
    visit(&t->thunk, 3);
    if (t->handlers) visit((fl_value *)t->handlers, t->nhandler_words);
    if (t == cur || !t->sp) continue; /* running, or not started (no frames yet) */
    if (t != &main_task && t != resident) {
      if (t->saved) visit((fl_value *)t->saved, (int64_t)(t->saved_len / 8));
      continue;
    }
    uintptr_t lo = (uintptr_t)t->sp & ~(uintptr_t)7;
    uintptr_t hi = (t == &main_task ? main_stack_hi : (uintptr_t)shared_hi) & ~(uintptr_t)7;
    if (hi > lo) visit((fl_value *)lo, (int64_t)((hi - lo) / 8));
  }
}

static void init_sched(void) {
  if (cur) return;
  main_task.state = FLRT_T_RUNNING;
  main_stack_hi = flrt_gc_current_stack_top();
  asan_note_main_stack();
  cur = &main_task;
  all_tasks = &main_task;
  const char *env = getenv("FLRT_TASK_STACK_MB");
  /* 256 MiB by default: the depth guarantee of §7 (1,000,000 frames of a four-parameter
   * function) holds in tasks too; only touched pages cost memory */
  task_stack_bytes = (size_t)(env && atol(env) > 0 ? atol(env) : 256) << 20;
  if (!(env && atol(env) > 0) && flrt_memory_budget() / 32 < task_stack_bytes)
    task_stack_bytes = flrt_memory_budget() / 32 & ~(size_t)0xfff;
  flrt_gc_add_root_scanner(scan_tasks);
}

flrt_task *flrt_sched_current(void) {
  init_sched();
  return cur;
}

bool flrt_sched_guard_fault(const char *a) {
  return (shared_lo && a >= shared_lo && a < shared_lo + TASK_GUARD + NEAR_GUARD) ||
         (switcher_lo && a >= switcher_lo && a < switcher_lo + 4096);
}

/* ---- queues ----------------------------------------------------------------------------------- */
static void run_push(flrt_task *t) {
  t->state = FLRT_T_RUNNABLE;
  t->next_run = NULL;
  if (run_tail) run_tail->next_run = t;
  else run_head = t;
  run_tail = t;
}

static flrt_task *run_pop(void) {
  flrt_task *t = run_head;
  if (t) {
    run_head = t->next_run;
    if (!run_head) run_tail = NULL;
  }
  return t;
}

/* A node is live while its task waits with the same token; the running task's nodes count
 * too, for a select still registering its branches (a clean-up in between must keep them). */
static bool live(const flrt_qnode *n) {
  return !n->task || (n->task->wait_token == n->token && (n->task->state == FLRT_T_BLOCKED || n->task == cur));
}

/* Drops every node whose wait has ended (not only those at the head). */
static void q_compact(flrt_queue *q) {
  flrt_qnode **link = &q->head, *last = NULL;
  int64_t len = 0;
  for (flrt_qnode *n = q->head; n; n = n->next) {
    if (live(n)) {
      *link = n;
      link = &n->next;
      last = n;
      len++;
    }
  }
  *link = NULL;
  q->tail = last;
  q->len = q->compact = len;
}

flrt_qnode *flrt_q_push(flrt_queue *q, fl_value value, flrt_task *t, int64_t branch) {
  /* A select leaves nodes in the queues of the branches that did not fire; a channel nobody
   * operates on would collect them without end, so they are dropped once the queue has doubled. */
  if (q->len > 2 * q->compact + 8) q_compact(q);
  flrt_qnode *n = (flrt_qnode *)flrt_alloc_obj(sizeof(flrt_qnode), FL_K_INTERNAL, 0);
  n->value = value;
  n->task = t;
  n->token = t ? t->wait_token : 0;
  n->branch = branch;
  if (q->tail) q->tail->next = n;
  else q->head = n;
  q->tail = n;
  q->len++;
  return n;
}

flrt_qnode *flrt_q_pop_live(flrt_queue *q) {
  while (q->head) {
    flrt_qnode *n = q->head;
    q->head = n->next;
    q->len--;
    if (!q->head) q->tail = NULL, q->len = q->compact = 0;
    if (live(n)) return n;
  }
  return NULL;
}

bool flrt_q_has_live(flrt_queue *q) {
  while (q->head && !live(q->head)) {
    q->head = q->head->next;
    q->len--;
    if (!q->head) q->tail = NULL, q->len = q->compact = 0;
  }
  return q->head != NULL;
}

/* ---- switching --------------------------------------------------------------------------------- */
/* `spawned_at`: where the first task was spawned (flrt_current_loc then), for the error. */
static char *map_stack(size_t size, size_t guard, const char *spawned_at) {
  char *lo = (char *)mmap(NULL, size, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (lo == MAP_FAILED || mprotect(lo, guard, PROT_NONE) != 0) {
    flrt_stdout_flush();
    flrt_sb sb;
    flrt_sb_init(&sb);
    flrt_sb_puts(&sb, "error: out-of-memory: cannot map the stack for tasks\n");
    if (spawned_at) {
      flrt_sb_puts(&sb, "  the task was spawned at ");
      flrt_sb_puts(&sb, spawned_at);
      flrt_sb_putc(&sb, '\n');
    }
    flrt_write_all(2, sb.buf, sb.len);
    _exit(1);
  }
  return lo;
}

static void free_zombie(void) {
  if (zombie && zombie != cur) {
    free(zombie->handlers);
    zombie->handlers = NULL;
    zombie = NULL; /* the record itself is collected when no queue node names it any more */
  }
}

/* Copies run while nothing lives on the shared stack's frames; ASan must not check them (the
 * frames' redzones are poisoned). */
#ifdef FLRT_ASAN
__attribute__((no_sanitize("address"))) static void copy_words(char *to, const char *from, size_t n) {
  for (size_t i = 0; i < n; i += 8) *(volatile uint64_t *)(to + i) = *(const volatile uint64_t *)(from + i);
}
#else
static void copy_words(char *to, const char *from, size_t n) { memcpy(to, from, n); }
#endif

/* The resident's frames go to a block of their own (it is suspended: sp is set). */
static void evict(flrt_task *t) {
  size_t n = (size_t)(shared_hi - (char *)t->sp);
  char *block = (char *)malloc(n ? n : 8);
  if (!block) flrt_out_of_memory();
  copy_words(block, (const char *)t->sp, n);
  t->saved = block;
  t->saved_len = n;
}

static void restore(flrt_task *t) {
  copy_words((char *)t->sp, t->saved, t->saved_len);
  free(t->saved);
  t->saved = NULL;
  t->saved_len = 0;
}

/* Runs on the switcher stack: puts switch_into's frames on the shared stack (evicting the
 * resident's, or starting a new task) and resumes it. Each switch through here resumes the
 * loop where it left off. */
static void switcher_main(void *) {
  asan_finish_switch(NULL);
  void *fake_stack = NULL;
  for (;;) {
    flrt_task *next = switch_into;
    if (next != &main_task && next != resident) {
      if (resident) {
        evict(resident);
        asan_forget_frames((char *)resident->sp);
      }
      if (dead_frames) asan_forget_frames(dead_frames);
      dead_frames = NULL;
      resident = next;
      if (next->saved) restore(next);
      else next->sp = flrt_ctx_init(shared_hi, (void (*)(void *))flrt_task_main, next);
    }
    void *target = next->sp;
    next->sp = NULL; /* running: scanned as the current stack */
    asan_start_switch(&fake_stack, next);
    flrt_ctx_switch(&switcher_sp, target);
    asan_finish_switch(fake_stack);
  }
}

/* The shared stack and the switcher are mapped when the first spawned task first runs. */
static void map_task_stacks(const char *spawned_at) {
  shared_lo = map_stack(task_stack_bytes + TASK_GUARD, TASK_GUARD, spawned_at);
  shared_hi = shared_lo + task_stack_bytes + TASK_GUARD;
  switcher_lo = map_stack(SWITCHER_BYTES + 4096, 4096, spawned_at);
  switcher_sp = flrt_ctx_init(switcher_lo + SWITCHER_BYTES + 4096, switcher_main, NULL);
}

static void switch_to(flrt_task *next) {
  if (!shared_lo) map_task_stacks(next->loc);
  flrt_task *prev = cur;
  prev->try_top = flrt_try_top_get();
  prev->handler_top = flrt_handler_top;
  prev->loc = flrt_current_loc;
  cur = next;
  next->state = FLRT_T_RUNNING;
  flrt_try_top_set(next->try_top);
  flrt_handler_top = next->handler_top;
  flrt_current_loc = next->loc;
  flrt_gc_set_stack_top(next == &main_task ? main_stack_hi : (uintptr_t)shared_hi);
  if (prev->state == FLRT_T_DONE && prev == resident) {
    /* Its frames are dropped (the record may be collected once it is gone). */
    resident = NULL;
    char *below = (char *)__builtin_frame_address(0) - 1024;
    dead_frames = below > shared_lo + TASK_GUARD ? below : shared_lo + TASK_GUARD;
  }
  void *fake_stack = NULL; /* a finished task's stack is never resumed: NULL tells ASan */
  void **save = prev->state == FLRT_T_DONE ? NULL : &fake_stack;
  if (next == &main_task || next == resident) {  /* its frames are in place: no copying */
    void *target = next->sp;
    next->sp = NULL; /* running: scanned as the current stack */
    asan_start_switch(save, next);
    flrt_ctx_switch(&prev->sp, target);
  } else {
    switch_into = next;
    asan_start_switch(save, NULL);
    flrt_ctx_switch(&prev->sp, switcher_sp);
  }
  asan_finish_switch(fake_stack);
  /* resumed: whoever switched here restored our state */
  free_zombie();
}

static void wake_due_sleepers(void) {
  if (!sleepers) return;
  int64_t now = now_ns();
  while (sleepers && sleepers->wake_at_ns <= now) {
    flrt_task *t = sleepers;
    sleepers = t->next_run;
    t->wait_token++;
    run_push(t);
  }
}

/* The running task has stopped running (blocked, sleeping or done): run something else. Returns
 * in the task once it is running again (never for a finished task). */
static void reschedule(void) {
  for (;;) {
    wake_due_sleepers();
    flrt_task *next = run_pop();
    if (next) {
      if (next == cur) cur->state = FLRT_T_RUNNING;
      else switch_to(next);
      return;
    }
    if (sleepers) {
      flrt_stdout_flush();
      int64_t wait = sleepers->wake_at_ns - now_ns();
      if (wait > 0) {
        struct timespec ts = {(time_t)(wait / 1000000000), (long)(wait % 1000000000)};
        nanosleep(&ts, NULL);
      }
      continue;
    }
    /* Every task is blocked. */
    if (main_task.state == FLRT_T_BLOCKED) {
      main_task.deadlocked = true;
      main_task.wait_token++;
      run_push(&main_task);
      continue;
    }
    /* Unreachable: the main task is never done while tasks run (the program ends with it). */
    flrt_fail(FL_ERR_DEADLOCK, "no task can run");
  }
}

void flrt_sched_block(void) {
  cur->state = FLRT_T_BLOCKED;
  reschedule();
  if (cur->deadlocked) {
    cur->deadlocked = false;
    flrt_fail(FL_ERR_DEADLOCK, "every task is blocked");
  }
}

void flrt_sched_wake(flrt_task *t, fl_value v, int64_t branch) {
  t->wake_value = v;
  t->fired = branch;
  t->wait_token++;
  run_push(t);
}

bool flrt_sched_sleep(int64_t ms) {
  if (!cur || all_tasks->next_all == NULL) return false; /* no other task: sleep the process */
  cur->state = FLRT_T_SLEEPING;
  int64_t now = now_ns();
  cur->wake_at_ns = ms > (INT64_MAX - now) / 1000000 ? INT64_MAX : now + ms * 1000000;
  flrt_task **p = &sleepers;
  while (*p && (*p)->wake_at_ns <= cur->wake_at_ns) p = &(*p)->next_run;
  cur->next_run = *p;
  *p = cur;
  reschedule();
  return true;
}

/* ---- promises ------------------------------------------------------------------------------- */
static flrt_promise *new_promise(int64_t state, fl_value thunk) {
  flrt_promise *p = (flrt_promise *)flrt_alloc_obj(sizeof(flrt_promise), FL_K_PROMISE, 0);
  p->state = state;
  p->result = FL_NIL;
  p->thunk = thunk;
  return p;
}

static void settle(flrt_promise *p, bool ok, fl_value v) {
  p->state = ok ? FLRT_P_DONE : FLRT_P_FAILED;
  p->result = v;
  p->thunk = FL_NIL;
  flrt_qnode *n;
  while ((n = flrt_q_pop_live(&p->waiters)) != NULL) flrt_sched_wake(n->task, FL_NIL, 0);
}

/* Calls thunk (and, for spawn, a function it returns) inside a try frame; settles p. Returns
 * false when the body threw (the value is in p->result). */
static bool run_body(flrt_promise *p, fl_value thunk, bool call_result) {
  flrt_try_frame f;
  flrt_try_push(&f);
  if (_setjmp(f.jb) == 0) {
    fl_value v = flrt_call(thunk, 0, NULL);
    if (call_result && flrt_is_function(v)) v = flrt_call(v, 0, NULL);
    flrt_try_pop(&f);
    settle(p, true, v);
    return true;
  }
  settle(p, false, f.thrown);
  return false;
}

/* Copies the running task's handler stack (frames and entries in one block) for a new task:
 * the spawner's frames may be gone before the task runs (§11.3 rule 5). */
static void copy_handlers(flrt_task *t) {
  int64_t frames = 0, entries = 0;
  for (flrt_handler_frame *f = flrt_handler_top; f; f = f->prev) {
    frames++;
    entries += f->count;
  }
  if (frames == 0) return;
  size_t bytes = (size_t)frames * sizeof(flrt_handler_frame) + (size_t)entries * sizeof(flrt_handler_entry);
  flrt_handler_frame *copy = (flrt_handler_frame *)calloc(1, bytes);
  if (!copy) flrt_out_of_memory();
  flrt_handler_entry *e = (flrt_handler_entry *)(copy + frames);
  int64_t i = 0;
  for (flrt_handler_frame *f = flrt_handler_top; f; f = f->prev, i++) {
    copy[i].prev = i + 1 < frames ? &copy[i + 1] : NULL;
    copy[i].count = f->count;
    copy[i].entries = e;
    for (int64_t k = 0; k < f->count; k++) *e++ = f->entries[k];
  }
  t->handlers = copy;
  t->nhandler_words = (int64_t)(bytes / 8);
  t->handler_top = copy;
}

extern "C" void flrt_task_main(flrt_task *t) {
  asan_finish_switch(NULL); /* the first switch to this task ends here */
  free_zombie();
  run_body((flrt_promise *)fl_obj(t->promise), t->thunk, true); /* an uncaught throw ends only t */
  t->state = FLRT_T_DONE;
  t->thunk = t->promise = t->wake_value = FL_NIL;
  if (t->prev_all) t->prev_all->next_all = t->next_all;
  if (t->next_all) t->next_all->prev_all = t->prev_all;
  zombie = t;
  reschedule();
  __builtin_trap(); /* a finished task is never resumed */
}

FLB(SPAWN) {
  fl_value thunk = argv[0];
  init_sched();
  flrt_task *t = (flrt_task *)flrt_alloc_obj(sizeof(flrt_task), FL_K_INTERNAL, 0);
  t->thunk = thunk;
  t->promise = t->wake_value = FL_NIL;
  t->loc = flrt_current_loc;
  copy_handlers(t);
  t->next_all = all_tasks->next_all; /* after main: the list order does not matter */
  t->prev_all = all_tasks;
  if (t->next_all) t->next_all->prev_all = t;
  all_tasks->next_all = t;
  t->promise = flrt_ptr_value(new_promise(FLRT_P_PENDING, FL_NIL));
  run_push(t);
  return t->promise;
}

FLB(ASYNC) { return flrt_ptr_value(new_promise(FLRT_P_LAZY, argv[0])); }

FLB(AWAIT) {
  fl_value v = argv[0];
  if (!fl_has_kind(v, FL_K_PROMISE)) {
    fl_string *q = flrt_str(flrt_quote_value(v));
    flrt_fail(FL_ERR_TYPE, "await: expected a promise, got %.*s", (int)q->len, q->data);
  }
  flrt_promise *p = (flrt_promise *)fl_obj(v);
  init_sched();
  if (p->state == FLRT_P_LAZY) {
    /* the body runs here, in the awaiting task, with its handlers (§11.3 rule 5) */
    p->state = FLRT_P_RUNNING_LAZY;
    fl_value thunk = p->thunk;
    if (!run_body(p, thunk, false)) flrt_raise(p->result);
    return p->result;
  }
  while (p->state == FLRT_P_PENDING || p->state == FLRT_P_RUNNING_LAZY) {
    flrt_q_push(&p->waiters, FL_NIL, cur, 0);
    flrt_sched_block();
  }
  if (p->state == FLRT_P_FAILED) flrt_raise(p->result);
  return p->result;
}
