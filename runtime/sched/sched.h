/* sched/sched.h - tasks, promises and channels (§14), shared by sched.cpp and chan.cpp.
 *
 * One OS thread runs every task under a cooperative FIFO scheduler. The main task runs on the
 * program stack; every spawned task runs on one shared task stack (a MAP_NORESERVE mapping with
 * a guard area), at the same addresses each time. The task whose frames are there is its
 * resident; when another spawned task is to run, the resident's frames (from its saved stack
 * pointer up) are copied to a malloc'd block and the other task's block is copied back in. So
 * a blocked task costs the depth it blocked at, not a mapping (a million blocked tasks fit), and
 * the main task and one spawned task switch without copying. Task records are kept in one list
 * the collector's root scanner walks (their stacks or saved blocks, and their value fields). Promises, channels
 * and queue nodes are heap objects; a queue node names a blocked task together with the
 * task's wait token at the time, so that nodes left behind by a select that completed through
 * another branch (or a wait ended by deadlock) are recognised as stale and skipped.
 */
#ifndef FLRT_SCHED_SCHED_H
#define FLRT_SCHED_SCHED_H

#include "internal.h"

enum flrt_task_state { FLRT_T_RUNNABLE, FLRT_T_RUNNING, FLRT_T_BLOCKED, FLRT_T_SLEEPING, FLRT_T_DONE };

/* Spawned tasks' records are heap objects (FL_K_INTERNAL): queue nodes left behind by a select
 * keep a finished task's record alive, so reading its state through them is always safe. */
typedef struct flrt_task {
  fl_header hdr;
  void *sp;                    /* saved stack pointer while not running */
  char *saved;                 /* spawned, not resident: its frames [sp, top of the shared stack) */
  size_t saved_len;
  struct flrt_task *next_run;  /* run queue / sleepers */
  struct flrt_task *prev_all, *next_all;
  int state;
  bool deadlocked;             /* woken because every task is blocked */
  uint64_t wait_token;         /* changes whenever a wait ends */
  int64_t fired;               /* select: the branch that completed */
  int64_t wake_at_ns;          /* sleeping: monotonic wake-up time */
  flrt_try_frame *try_top;     /* saved per-task runtime state */
  flrt_handler_frame *handler_top;
  const char *loc;
  flrt_handler_frame *handlers;      /* copy of the spawner's handler stack (frames, then entries) */
  int64_t nhandler_words;
  /* values, visited by the root scanner */
  fl_value thunk, promise, wake_value;
} flrt_task;

enum flrt_promise_state { FLRT_P_PENDING, FLRT_P_LAZY, FLRT_P_RUNNING_LAZY, FLRT_P_DONE, FLRT_P_FAILED };

/* A queue node (kind FL_K_INTERNAL: every word traced). */
typedef struct flrt_qnode {
  fl_header hdr;
  struct flrt_qnode *next;
  fl_value value;       /* a buffered value, or the value a blocked sender offers */
  flrt_task *task;      /* the blocked task (NULL for a buffered value) */
  uint64_t token;       /* the task's wait token when it blocked */
  int64_t branch;       /* select branch (0 for plain send!/recv!/await) */
} flrt_qnode;

typedef struct flrt_queue {
  flrt_qnode *head, *tail;
  int64_t len;      /* nodes in the queue, stale ones included */
  int64_t compact;  /* len after the last removal of stale nodes */
} flrt_queue;

typedef struct flrt_promise {
  fl_header hdr;
  int64_t state;
  fl_value result; /* value, or the thrown value (FAILED) */
  fl_value thunk;  /* async body (LAZY) */
  flrt_queue waiters;
} flrt_promise;

typedef struct flrt_chan {
  fl_header hdr;
  int64_t cap;
  int64_t count;     /* buffered values */
  flrt_queue buf;    /* buffered values, oldest first */
  flrt_queue recvq;  /* blocked receivers */
  flrt_queue sendq;  /* blocked senders with their values */
} flrt_chan;

extern "C" void flrt_ctx_switch(void **save, void *next);
/* A fresh frame below stack_hi that, switched to, calls entry(arg) (which must not return). */
void *flrt_ctx_init(char *stack_hi, void (*entry)(void *), void *arg);
extern "C" void flrt_task_main(flrt_task *t);

flrt_task *flrt_sched_current(void);
/* Blocks the running task (already queued somewhere, state BLOCKED) until a wake-up; raises
 * deadlock in the main task when nothing can run any more. */
void flrt_sched_block(void);
/* Ends a wait of t (blocked) with value v through branch `branch` and queues it to run. */
void flrt_sched_wake(flrt_task *t, fl_value v, int64_t branch);

/* Queues: nodes whose task's wait already ended are dropped when met. */
flrt_qnode *flrt_q_push(flrt_queue *q, fl_value value, flrt_task *t, int64_t branch);
flrt_qnode *flrt_q_pop_live(flrt_queue *q); /* first node with a live waiter (or a value) */
bool flrt_q_has_live(flrt_queue *q);

#endif /* FLRT_SCHED_SCHED_H */
