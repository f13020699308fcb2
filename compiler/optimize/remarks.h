// Optimisation remarks (remarks.cpp, docs/remarks.md): the operations the optimizer left generic.
#pragma once

#include <string>
#include <vector>

#include "base/interner.h"
#include "base/source.h"
#include "tir/tir.h"

namespace fl::optimize {

struct Remark {
  Span span;
  std::string fn;    // the function (instance) it is in
  std::string what;  // the generic operation
  std::string why;   // the value whose type was not precise enough, and what it is
};

std::vector<Remark> remarks(const tir::Program& p, const Interner& names);
// One line per remark: FILE:LINE:COL: remark: in FN: WHAT: WHY
std::string formatRemarks(const std::vector<Remark>& rs, const SourceManager& sm);

}  // namespace fl::optimize
