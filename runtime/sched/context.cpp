/* sched/context.cpp - switching between task stacks (x86-64 and AArch64).
 *
 * flrt_ctx_switch(save, next) pushes the callee-saved registers on the running stack, stores
 * the stack pointer in *save, loads `next` (a stack pointer saved by an earlier switch, or a
 * fresh frame from flrt_ctx_init) and pops the registers saved there. Everything else is
 * caller-saved, so a switch looks like an ordinary call to both sides. Saved registers stay on
 * the suspended stack, where the collector scans them with the rest of it.
 */
#include "sched/sched.h"

extern "C" void flrt_task_trampoline(void);  /* calls entry(arg) from a fresh frame */

#if defined(__x86_64__)
/* Frame: r15 r14 r13 r12 rbx rbp, return address (7 words). A fresh frame returns into the
 * trampoline with the argument in r12, the entry in r13 and the stack 16-byte aligned before
 * its call. */
__asm__(
    ".text\n"
    ".globl flrt_ctx_switch\n"
    ".type flrt_ctx_switch,@function\n"
    "flrt_ctx_switch:\n"
    "  pushq %rbp\n"
    "  pushq %rbx\n"
    "  pushq %r12\n"
    "  pushq %r13\n"
    "  pushq %r14\n"
    "  pushq %r15\n"
    "  movq %rsp, (%rdi)\n"
    "  movq %rsi, %rsp\n"
    "  popq %r15\n"
    "  popq %r14\n"
    "  popq %r13\n"
    "  popq %r12\n"
    "  popq %rbx\n"
    "  popq %rbp\n"
    "  ret\n"
    ".size flrt_ctx_switch, .-flrt_ctx_switch\n"
    ".globl flrt_task_trampoline\n"
    ".type flrt_task_trampoline,@function\n"
    "flrt_task_trampoline:\n"
    "  movq %r12, %rdi\n"
    "  xorl %ebp, %ebp\n"
    "  call *%r13\n"
    "  ud2\n"
    ".size flrt_task_trampoline, .-flrt_task_trampoline\n");

void *flrt_ctx_init(char *stack_hi, void (*entry)(void *), void *arg) {
  uint64_t *sp = (uint64_t *)((uintptr_t)stack_hi & ~(uintptr_t)15) - 7;
  for (int i = 0; i < 7; i++) sp[i] = 0;
  sp[2] = (uint64_t)(uintptr_t)entry;                        /* r13 */
  sp[3] = (uint64_t)(uintptr_t)arg;                          /* r12 */
  sp[6] = (uint64_t)(uintptr_t)&flrt_task_trampoline;        /* return address */
  return sp;
}

#elif defined(__aarch64__)
/* Frame (160 bytes): x19..x28, x29, x30, d8..d15. A fresh frame "returns" (x30) into the
 * trampoline with the argument in x19 and the entry in x20. */
__asm__(
    ".text\n"
    ".globl flrt_ctx_switch\n"
    ".type flrt_ctx_switch,%function\n"
    "flrt_ctx_switch:\n"
    "  sub sp, sp, #160\n"
    "  stp x19, x20, [sp, #0]\n"
    "  stp x21, x22, [sp, #16]\n"
    "  stp x23, x24, [sp, #32]\n"
    "  stp x25, x26, [sp, #48]\n"
    "  stp x27, x28, [sp, #64]\n"
    "  stp x29, x30, [sp, #80]\n"
    "  stp d8, d9, [sp, #96]\n"
    "  stp d10, d11, [sp, #112]\n"
    "  stp d12, d13, [sp, #128]\n"
    "  stp d14, d15, [sp, #144]\n"
    "  mov x9, sp\n"
    "  str x9, [x0]\n"
    "  mov sp, x1\n"
    "  ldp x19, x20, [sp, #0]\n"
    "  ldp x21, x22, [sp, #16]\n"
    "  ldp x23, x24, [sp, #32]\n"
    "  ldp x25, x26, [sp, #48]\n"
    "  ldp x27, x28, [sp, #64]\n"
    "  ldp x29, x30, [sp, #80]\n"
    "  ldp d8, d9, [sp, #96]\n"
    "  ldp d10, d11, [sp, #112]\n"
    "  ldp d12, d13, [sp, #128]\n"
    "  ldp d14, d15, [sp, #144]\n"
    "  add sp, sp, #160\n"
    "  ret\n"
    ".size flrt_ctx_switch, .-flrt_ctx_switch\n"
    ".globl flrt_task_trampoline\n"
    ".type flrt_task_trampoline,%function\n"
    "flrt_task_trampoline:\n"
    "  mov x0, x19\n"
    "  mov x29, #0\n"
    "  blr x20\n"
    "  brk #0\n"
    ".size flrt_task_trampoline, .-flrt_task_trampoline\n");

void *flrt_ctx_init(char *stack_hi, void (*entry)(void *), void *arg) {
  uint64_t *sp = (uint64_t *)((uintptr_t)stack_hi & ~(uintptr_t)15) - 20;
  for (int i = 0; i < 20; i++) sp[i] = 0;
  sp[0] = (uint64_t)(uintptr_t)arg;                           /* x19 */
  sp[1] = (uint64_t)(uintptr_t)entry;                         /* x20 */
  sp[11] = (uint64_t)(uintptr_t)&flrt_task_trampoline;        /* x30 */
  return sp;
}

#else
#error "task switching is implemented for x86-64 and AArch64 only"
#endif
