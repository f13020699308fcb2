/* builtins/unsupported.cpp - rows of builtins.def the runtime does not implement yet:
 * concurrency (§14, Level 3). The compiler does not accept them at the levels it implements;
 * these entries exist so that every row links, and they fail loudly. */
#include "builtins/builtin.h"

#define FLRT_UNSUPPORTED(id, name)                                                            \
  FLB(id) { flrt_fail(FL_ERR_VALUE, "builtin %s is not supported by this runtime yet", name); }

FLRT_UNSUPPORTED(CHAN, "chan")
FLRT_UNSUPPORTED(SEND, "send!")
FLRT_UNSUPPORTED(RECV, "recv!")
FLRT_UNSUPPORTED(TRY_SEND, "try-send!")
FLRT_UNSUPPORTED(TRY_RECV, "try-recv!")
FLRT_UNSUPPORTED(AWAIT, "await")
