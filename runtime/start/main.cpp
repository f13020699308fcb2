/* start/main.cpp - the process entry of every FluentAI executable (see rt.h). */
#include "internal.h"

static void run_program(void) {
  fl_program_main();
  flrt_exit(0);
}

int main(int argc, char **argv) {
  flrt_note_program_start();
  flrt_argc = argc;
  flrt_argv = argv;
  flrt_heap_init();
  flrt_run_on_program_stack(run_program);
  flrt_exit(0);
}
