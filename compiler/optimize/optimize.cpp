#include "optimize/optimize.h"

#include <unordered_map>
#include <vector>

#include "optimize/fold.h"

namespace fl::optimize {

using namespace fl::ast;

namespace {

class Optimizer {
 public:
  Optimizer(Module& m, const infer::Program& p) : m_(m), p_(p), owner_(nodeOwners(m)) {}

  size_t run() {
    // A few rounds: folding exposes unused bindings, removing them exposes more folding.
    for (int round = 0; round < 4; ++round) {
      size_t before = rewrites_;
      countUses();
      for (LambdaId l = 0; l < m_.lambdas.size(); ++l) visit(m_.lambdas[l].body);
      if (rewrites_ == before) break;
    }
    return rewrites_;
  }

 private:
  // Pure in every instance of the lambda that contains it; code of a lambda that is never
  // instantiated is never run, but is left alone.
  bool pure(NodeId n) const {
    // Structural check first: these never do anything observable whatever the types.
    const Node& x = m_[n];
    switch (x.kind) {
      case NodeKind::Const:
      case NodeKind::BuiltinRef:
      case NodeKind::Lambda: return true;
      case NodeKind::LocalRef: return m_.vars[x.a].defineCount == 0 || m_.vars[x.a].hoisted;
      case NodeKind::GlobalRef: return m_.vars[x.a].hoisted;
      default: break;
    }
    LambdaId l = n < owner_.size() ? owner_[n] : kNone;
    if (l == kNone || p_.byLambda[l].empty()) return false;
    for (infer::InstanceId i : p_.byLambda[l])
      if (!p_.isPure(i, n)) return false;
    return true;
  }

  void countUses() {
    uses_.assign(m_.vars.size(), 0);
    std::vector<NodeId> stack;
    for (const Lambda& lam : m_.lambdas) stack.push_back(lam.body);
    while (!stack.empty()) {
      NodeId x = stack.back();
      stack.pop_back();
      const Node& node = m_[x];
      if ((node.kind == NodeKind::LocalRef || node.kind == NodeKind::GlobalRef || node.kind == NodeKind::SetVar) &&
          node.a != kNone)
        uses_[node.a]++;
      forEachChild(m_, x, [&](NodeId k) { stack.push_back(k); });
    }
    for (const Lambda& lam : m_.lambdas)
      for (VarId v : lam.freeVars) uses_[v]++;
  }

  void replace(NodeId n, NodeId with) {
    bool tail = m_[n].tail;
    m_.nodes[n] = m_.nodes[with];
    m_[n].tail = tail;
    ++rewrites_;
  }

  void visit(NodeId n) {
    for (size_t i = 0; i < m_[n].kids.size(); ++i)
      if (m_[m_[n].kids[i]].kind != NodeKind::Lambda) visit(m_[n].kids[i]);
    Node& node = m_[n];
    switch (node.kind) {
      case NodeKind::LocalRef: {
        // An immutable binding of a constant: use the constant.
        auto it = constants_.find(node.a);
        if (it != constants_.end()) {
          node.kind = NodeKind::Const;
          node.a = it->second;
          ++rewrites_;
        }
        return;
      }
      case NodeKind::If: {
        const Node& c = m_[node.kids[0]];
        if (c.kind != NodeKind::Const) return;
        replace(n, truthyLiteral(m_.literals[c.a]) ? node.kids[1] : node.kids[2]);
        return;
      }
      case NodeKind::Seq: {
        // Drop pure forms whose value is unused (all but the last).
        llvm::SmallVector<NodeId, 3> kept;
        for (size_t i = 0; i < node.kids.size(); ++i) {
          NodeId k = node.kids[i];
          if (i + 1 < node.kids.size() && pure(k)) {
            ++rewrites_;
            continue;
          }
          kept.push_back(k);
        }
        node.kids = kept;
        if (node.kids.size() == 1) replace(n, node.kids[0]);
        return;
      }
      case NodeKind::Let: {
        VarId v = node.a;
        const Var& var = m_.vars[v];
        NodeId init = node.kids[0];
        if (!var.assigned && m_[init].kind == NodeKind::Const && !constants_.count(v)) {
          constants_[v] = m_[init].a;
          // Uses were rewritten in earlier visits only if the binding was known; the next round
          // replaces them and then removes this binding.
          ++rewrites_;
          return;
        }
        if (uses_[v] == 0 && pure(init)) replace(n, node.kids[1]);
        return;
      }
      case NodeKind::Call:
        if (foldBuiltinCall(m_, n)) ++rewrites_;
        return;
      default: return;
    }
  }

  Module& m_;
  const infer::Program& p_;
  std::vector<LambdaId> owner_;
  std::vector<uint32_t> uses_;
  std::unordered_map<VarId, LitId> constants_;
  size_t rewrites_ = 0;
};

}  // namespace

size_t optimize(Module& m, const infer::Program& p) { return Optimizer(m, p).run(); }

}  // namespace fl::optimize
