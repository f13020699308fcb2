/* print/debug.cpp - values as text for debuggers (tools/gdb/flc_gdb.py calls this). */
#include "internal.h"

#include <stdlib.h>

/* The write form of v (cut off after 4 KB), in a static buffer valid until the next call. Only a
 * debugger calls it, with the program stopped; flc -g keeps it in the executable (ld -u). */
extern "C" const char *flrt_debug_write(fl_value v) {
  static char out[4096];
  flrt_sb sb;
  flrt_sb_init(&sb);
  sb.limit = sizeof out - 1;
  flrt_print_value(&sb, v, false); /* the write form */
  size_t n = sb.len < sizeof out - 1 ? sb.len : sizeof out - 1;
  memcpy(out, sb.buf ? sb.buf : "", n);
  out[n] = 0;
  flrt_sb_free(&sb);
  return out;
}
