/* start/repl.cpp - what flc repl needs of the runtime (see rt.h): the session's globals, the
 * program stack without main(), and running one entry so that its errors end the entry, not
 * the process. Built into libflrt.so, which flc loads into its own process. */
#include "internal.h"

#include <signal.h>

fl_value flrt_repl_globals[FLRT_REPL_MAX_GLOBALS];

void flrt_repl_open_slots(int64_t from, int64_t to) {
  for (int64_t i = from; i < to; i++) flrt_repl_globals[i] = FL_UNBOUND;
  flrt_register_roots(&flrt_repl_globals[from], to - from);
}

static void (*repl_loop)(void *);
static void *repl_arg;

static void run_repl(void) { repl_loop(repl_arg); }

void flrt_repl_main(int argc, char **argv, void (*loop)(void *), void *arg) {
  flrt_note_program_start();
  flrt_argc = argc;
  flrt_argv = argv;
  flrt_heap_init();
  flrt_stdin_shared = true;
  repl_loop = loop;
  repl_arg = arg;
  flrt_run_on_program_stack(run_repl);
  flrt_stdout_flush();
}

/* Where an entry's uncaught error or stack overflow ends up. The error is reported from the
 * hook, where flrt_current_loc still says where it was raised (a try frame would have reset it);
 * the main task has no try frame of its own outside the entry. */
static sigjmp_buf entry_end;

static void on_uncaught(fl_value thrown) {
  flrt_report_error(thrown);
  siglongjmp(entry_end, 1);
}

int flrt_repl_eval(void (*entry)(void)) {
  /* What an entry that ends early leaves behind is put back: the innermost try frame and
   * effect handler (the entry's own frames are gone with its stack). */
  flrt_try_frame *volatile try_before = flrt_try_top_get();
  flrt_handler_frame *volatile handlers_before = flrt_handler_top;
  int status = 0;
  flrt_stdin_forget_eof();
  if (sigsetjmp(entry_end, 1) != 0) {
    status = 1; /* reported by on_uncaught or by the stack-overflow handler */
  } else {
    flrt_overflow_jump = &entry_end;
    flrt_uncaught_hook = on_uncaught;
    entry();
  }
  flrt_uncaught_hook = NULL;
  flrt_overflow_jump = NULL;
  flrt_try_top_set(try_before);
  flrt_handler_top = handlers_before;
  flrt_current_loc = NULL;
  flrt_stdout_flush();
  return status;
}
