/* start/program.cpp - the program stack and the stack-overflow guard.
 *
 * The program runs on a thread whose stack is a 1 GiB MAP_NORESERVE mapping (pages are only
 * committed when touched) with PROT_NONE guard pages below it. A fault in or near the guard
 * is a stack overflow: it is reported as the uncatchable `stack-overflow` error from a
 * SIGSEGV handler running on an alternate signal stack. Other faults keep the default action.
 */
#include "internal.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int flrt_argc = 0;
char **flrt_argv = NULL;

#define GUARD_BYTES FLRT_STACK_GUARD_BYTES
#define ALT_STACK_BYTES ((size_t)1 << 16)
#define NEAR_BYTES FLRT_STACK_NEAR_BYTES

static size_t stack_bytes = (size_t)1 << 30;
sigjmp_buf *flrt_overflow_jump = NULL;
static char *guard_lo, *guard_hi;
static void (*program_entry)(void);

size_t flrt_program_stack_size(void) { return stack_bytes; }

static void on_alarm(int sig) { _exit(1); }

static void on_segv(int sig, siginfo_t *info, void *ctx) {
  (void)ctx;
  char *a = (char *)info->si_addr;
  if ((guard_lo && a >= guard_lo && a < guard_hi + NEAR_BYTES) || flrt_sched_guard_fault(a)) {
    if (flrt_backtrace_active) { /* the error is reported; its backtrace ran out of stack */
      static const char cut[] = "  ... (backtrace cut short: no stack left)\n";
      flrt_write_all(2, cut, sizeof cut - 1);
      _exit(1);
    }
    flrt_stdout_flush();
    static const char msg[] = "error: stack-overflow: stack depth limit exceeded\n";
    flrt_write_all(2, msg, sizeof msg - 1);
    if (flrt_overflow_jump && guard_lo && a >= guard_lo && a < guard_hi + NEAR_BYTES) {
      sigjmp_buf *to = flrt_overflow_jump;
      flrt_overflow_jump = NULL;
      siglongjmp(*to, 1);
    }
    if (flrt_backtrace_enabled()) {
      /* The innermost frames only (the stack is as deep as it gets), into a static buffer.
       * Should the walk ever block (the fault hit inside the unwinder's own locks), the alarm
       * still ends the program with status 1. */
      signal(SIGALRM, on_alarm);
      alarm(3);
      static char buf[8192];
      flrt_sb sb;
      flrt_sb_init(&sb);
      sb.buf = buf;
      sb.cap = sizeof buf;
      sb.fd = 2;
      flrt_backtrace_print(&sb, 64, NULL);
      flrt_sb_flush(&sb);
    }
    _exit(1);
  }
  /* Not ours: restore the default action; returning re-executes the faulting access. */
  signal(sig, SIG_DFL);
}

static uintptr_t stack_top;

static void *program_thread(void *arg) {
  (void)arg;
  flrt_gc_set_stack_top(stack_top);
  stack_t ss;
  ss.ss_sp = mmap(NULL, ALT_STACK_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ss.ss_size = ALT_STACK_BYTES;
  ss.ss_flags = 0;
  if (ss.ss_sp != MAP_FAILED) sigaltstack(&ss, NULL);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, NULL);
  sigaction(SIGBUS, &sa, NULL);
  program_entry();
  return NULL;
}

void flrt_run_on_program_stack(void (*entry)(void)) {
  program_entry = entry;
  const char *env = getenv("FLRT_STACK_MB");
  if (env && atol(env) > 0) stack_bytes = (size_t)atol(env) << 20;
  else if (flrt_memory_budget() / 8 < stack_bytes) stack_bytes = flrt_memory_budget() / 8 & ~(size_t)0xfff;
  size_t total = stack_bytes + GUARD_BYTES;
  char *base = (char *)mmap(NULL, total, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (base == MAP_FAILED) flrt_out_of_memory();
  if (mprotect(base, GUARD_BYTES, PROT_NONE) != 0) flrt_out_of_memory();
  guard_lo = base;
  guard_hi = base + GUARD_BYTES;
  stack_top = (uintptr_t)(base + total);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstack(&attr, guard_hi, stack_bytes);
  pthread_t t;
  if (pthread_create(&t, &attr, program_thread, NULL) != 0) flrt_out_of_memory();
  pthread_attr_destroy(&attr);
  pthread_join(t, NULL);
}
