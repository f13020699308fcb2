/* builtins/unsupported.cpp - rows of builtins.def the runtime does not implement yet: maps
 * (§12.8, Level 2) and concurrency (§14, Level 3). The compiler does not accept them at the
 * levels it implements; these entries exist so that every row links, and they fail loudly. */
#include "builtins/builtin.h"

#define FLRT_UNSUPPORTED(id, name)                                                            \
  FLB(id) { flrt_fail(FL_ERR_VALUE, "builtin %s is not supported by this runtime yet", name); }

FLRT_UNSUPPORTED(MAKE_MAP, "make-map")
FLRT_UNSUPPORTED(MAP_GET, "map-get")
FLRT_UNSUPPORTED(MAP_SET, "map-set")
FLRT_UNSUPPORTED(MAP_HAS_P, "map-has?")
FLRT_UNSUPPORTED(MAP_REMOVE, "map-remove")
FLRT_UNSUPPORTED(MAP_UPDATE, "map-update")
FLRT_UNSUPPORTED(MAP_KEYS, "map-keys")
FLRT_UNSUPPORTED(MAP_VALUES, "map-values")
FLRT_UNSUPPORTED(MAP_MERGE, "map-merge")
FLRT_UNSUPPORTED(MAP_SIZE, "map-size")
FLRT_UNSUPPORTED(MAP_TO_LIST, "map->list")
FLRT_UNSUPPORTED(LIST_TO_MAP, "list->map")
FLRT_UNSUPPORTED(CHAN, "chan")
FLRT_UNSUPPORTED(SEND, "send!")
FLRT_UNSUPPORTED(RECV, "recv!")
FLRT_UNSUPPORTED(TRY_SEND, "try-send!")
FLRT_UNSUPPORTED(TRY_RECV, "try-recv!")
FLRT_UNSUPPORTED(AWAIT, "await")
