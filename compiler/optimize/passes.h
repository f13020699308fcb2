// The passes of optimize/ (passes.def) and what they share.
#pragma once

#include "optimize/eval.h"
#include "tir/tir.h"

namespace fl::optimize {

struct PassContext {
  RuntimeEval& eval;
  size_t rewrites = 0;  // how many changes the passes made (logged with -v)
};

#define PASS(fn, name) void fn(tir::Program& p, PassContext& cx);
#include "optimize/passes.def"
#undef PASS

}  // namespace fl::optimize
