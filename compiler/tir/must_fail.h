// Warnings for operations that must fail when they run (LANGUAGE.md §16, -Warity), decided from
// the types of the TIR as infer built it (see must_fail.cpp for what is judged).
#pragma once

#include "base/interner.h"
#include "diag/diag.h"
#include "tir/tir.h"

namespace fl::tir {

void warnMustFail(const Program& p, const Interner& names, diag::Engine& diags);

}  // namespace fl::tir
