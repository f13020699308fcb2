// optimize: the pass manager over TIR (DESIGN.md §1, docs/tir.md). Every pass is TIR -> TIR; after
// each one the caller's hook runs (verification, --dump-after). Every decision whether code may
// be dropped, moved or folded goes through tir::Program::isPure.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "tir/tir.h"

namespace fl::optimize {

// Called after each pass with its name; returning false stops the pipeline (invalid TIR).
using AfterPass = std::function<bool(const std::string& name)>;

// Runs the pipeline of passes.def; returns false when `after` stopped it.
bool run(tir::Program& p, const AfterPass& after);

// The names of the passes in pipeline order (--help, docs).
std::vector<std::string> passNames();

}  // namespace fl::optimize
