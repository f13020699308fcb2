/* gc/collect.cpp - collector entry points (collection itself comes in a later stage). */
#include "gc/heap.h"

#include <stdio.h>
#include <stdlib.h>

void flrt_register_roots(fl_value *base, int64_t n) { (void)base, (void)n; }
void flrt_gc_add_root_scanner(flrt_root_scanner fn) { (void)fn; }
void flrt_gc_set_stack_top(uintptr_t hi) { (void)hi; }

void flrt_gc_collect(void) {
  flrt_heap *H = &flrt_H;
  H->allocated = 0;
}

void flrt_gc_report_stats(void) {}
