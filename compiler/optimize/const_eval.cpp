// const-eval: a direct call of a user function whose arguments are all constants, and whose
// effects are at most failing, allocating or not terminating, is evaluated at compile time by a
// small interpreter over TIR (builtins through the runtime, optimize/eval.h), with a fuel limit.
// When the evaluation would raise, runs out of fuel or meets something it does not interpret,
// the call stays as it was and runs at run time.
#include <optional>
#include <unordered_map>

#include "infer/infer.h"
#include "optimize/passes.h"
#include "tir/rewrite.h"

namespace fl::optimize {

using namespace fl::tir;

namespace {

constexpr uint64_t kFuel = 200000;  // nodes evaluated per call site
constexpr int kMaxDepth = 2000;     // nested calls
constexpr uint32_t kAllowed = infer::FxFail | infer::FxDiverge | infer::FxAlloc;

class Evaluator {
 public:
  Evaluator(Program& p, RuntimeEval& eval) : p_(p), eval_(eval) {}

  std::optional<uint32_t> call(FnId fn, const std::vector<uint32_t>& args) {
    fuel_ = kFuel;
    depth_ = 0;
    return apply(fn, args);
  }

 private:
  using Env = std::unordered_map<VarId, uint32_t>;

  std::optional<uint32_t> apply(FnId id, const std::vector<uint32_t>& args) {
    const Function& f = p_.fns[id];
    if (f.dead || !f.captures.empty() || args.size() != f.params.size() || ++depth_ > kMaxDepth) return std::nullopt;
    Env env;
    for (size_t i = 0; i < args.size(); ++i) env[f.params[i]] = args[i];
    std::optional<uint32_t> r = eval(f, f.body, env);
    --depth_;
    return r;
  }

  std::optional<uint32_t> eval(const Function& f, NodeId n, Env& env) {
    if (fuel_ == 0) return std::nullopt;
    --fuel_;
    const Node& x = f[n];
    switch (x.op) {
      case Op::Const: return x.a;
      case Op::Box:
      case Op::Unbox: return eval(f, x.kids[0], env);
      case Op::Local: {
        if (x.b == 1 || f.vars[x.a].storage != Storage::Value) return std::nullopt;
        auto it = env.find(x.a);
        if (it == env.end()) return std::nullopt;
        return it->second;
      }
      case Op::Let: {
        if (f.vars[x.a].storage != Storage::Value) return std::nullopt;
        std::optional<uint32_t> v = eval(f, x.kids[0], env);
        if (!v) return std::nullopt;
        env[x.a] = *v;
        return eval(f, x.kids[1], env);
      }
      case Op::If: {
        std::optional<uint32_t> c = eval(f, x.kids[0], env);
        if (!c) return std::nullopt;
        return eval(f, truthyLiteral(p_.literals[*c]) ? x.kids[1] : x.kids[2], env);
      }
      case Op::Seq: {
        std::optional<uint32_t> v;
        for (NodeId k : x.kids)
          if (!(v = eval(f, k, env))) return std::nullopt;
        return v;
      }
      case Op::CallBuiltin: {
        if (x.b != kNone) return std::nullopt;
        std::vector<uint32_t> args;
        for (NodeId k : x.kids) {
          std::optional<uint32_t> v = eval(f, k, env);
          if (!v) return std::nullopt;
          args.push_back(*v);
        }
        return eval_.call(static_cast<int32_t>(x.a), args);
      }
      case Op::Call: {
        if (x.c != kNone) return std::nullopt;
        size_t first = x.b == 1 ? 1 : 0;
        if (first && f[x.kids[0]].op != Op::Self && f[x.kids[0]].op != Op::MakeClosure) return std::nullopt;
        std::vector<uint32_t> args;
        for (size_t i = first; i < x.kids.size(); ++i) {
          std::optional<uint32_t> v = eval(f, x.kids[i], env);
          if (!v) return std::nullopt;
          args.push_back(*v);
        }
        return apply(x.a, args);
      }
      default: return std::nullopt;
    }
  }

  Program& p_;
  RuntimeEval& eval_;
  uint64_t fuel_ = 0;
  int depth_ = 0;
};

uint32_t literalOf(const Function& f, NodeId n) {
  if (f[n].op == Op::Const) return f[n].a;
  if (f[n].op == Op::Box && f[f[n].kids[0]].op == Op::Const) return f[f[n].kids[0]].a;
  return kNone;
}

}  // namespace

// The calls in a function's tree (nodes left behind by earlier rewrites are not looked at).
std::vector<NodeId> callsIn(const Function& f) {
  std::vector<NodeId> out, stack{f.body};
  while (!stack.empty()) {
    NodeId n = stack.back();
    stack.pop_back();
    if (f[n].op == Op::Call) out.push_back(n);
    forEachChild(f, n, [&](NodeId k) { stack.push_back(k); });
  }
  return out;
}

void constEval(Program& p, PassContext& cx) {
  Evaluator ev(p, cx.eval);
  for (Function& f : p.fns) {
    if (f.dead) continue;
    for (NodeId n : callsIn(f)) {
      const Node& x = f[n];
      if (x.c != kNone || x.b == 1) continue;
      const Function& target = p.fns[x.a];
      if ((target.effects & ~kAllowed) != 0) continue;
      std::vector<uint32_t> args;
      bool allConstant = true;
      for (NodeId k : x.kids) {
        uint32_t lit = literalOf(f, k);
        if (lit == kNone) allConstant = false;
        args.push_back(lit);
      }
      if (!allConstant) continue;
      std::optional<uint32_t> r = ev.call(x.a, args);
      if (!r) continue;
      Span span = f[n].span;
      Rep rep = f[n].rep;
      NodeId c = coerceTo(f, constant(f, p, *r, span), rep);
      replaceNode(f, n, c);
      ++cx.rewrites;
    }
  }
}

}  // namespace fl::optimize
