// prune: functions nothing can call any more (every call was inlined or evaluated) are marked
// dead, so they are neither verified nor emitted. Reachable: the init function, and from a
// reachable function its call targets, loop kernels and the entries of the closures it makes.
#include "optimize/passes.h"

namespace fl::optimize {

using namespace fl::tir;

void prune(Program& p, PassContext& cx) {
  std::vector<bool> live(p.fns.size(), false);
  std::vector<FnId> work{p.init};
  live[p.init] = true;
  auto reach = [&](FnId f) {
    if (f == kNone || live[f]) return;
    live[f] = true;
    work.push_back(f);
  };
  while (!work.empty()) {
    const Function& f = p.fns[work.back()];
    work.pop_back();
    std::vector<NodeId> stack{f.body};
    while (!stack.empty()) {
      NodeId n = stack.back();
      stack.pop_back();
      const Node& x = f[n];
      if (x.op == Op::Call) {
        reach(x.a);
        reach(x.c);
      }
      if (x.op == Op::CallBuiltin) reach(x.b);
      if (x.op == Op::MakeClosure) reach(p.closures[x.a].entry);
      forEachChild(f, n, [&](NodeId k) { stack.push_back(k); });
    }
  }
  for (FnId id = 0; id < p.fns.size(); ++id)
    if (!live[id] && !p.fns[id].dead) {
      p.fns[id].dead = true;
      ++cx.rewrites;
    }
}

}  // namespace fl::optimize
