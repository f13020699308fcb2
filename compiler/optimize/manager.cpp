#include "optimize/optimize.h"
#include "optimize/passes.h"
#include "spdlog/spdlog.h"

namespace fl::optimize {

namespace {
struct PassRow {
  void (*run)(tir::Program&, PassContext&);
  const char* name;
};
const PassRow kPipeline[] = {
#define PASS(fn, name) {fn, name},
#include "optimize/passes.def"
#undef PASS
};
}  // namespace

bool run(tir::Program& p, const AfterPass& after) {
  RuntimeEval eval(p.literals);
  for (const PassRow& pass : kPipeline) {
    PassContext cx{eval};
    pass.run(p, cx);
    spdlog::debug("optimize: {}: {} rewrites", pass.name, cx.rewrites);
    if (!after(pass.name)) return false;
  }
  return true;
}

std::vector<std::string> passNames() {
  std::vector<std::string> names;
  for (const PassRow& pass : kPipeline) names.push_back(pass.name);
  return names;
}

}  // namespace fl::optimize
