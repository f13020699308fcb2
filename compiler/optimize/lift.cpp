// Lambda lifting (docs/tir.md, "Lambda lifting"): a local function that is only ever called --
// a named let, an internal define, a letrec lambda whose variable appears nowhere but in the
// callee position of calls with its arity -- gets its free variables as extra parameters, and
// every call passes them. It then captures nothing, so no closure is allocated for it, and infer
// specialises it on the types of those values at each call like on any argument (Int and Float
// free variables arrive unboxed).
//
// It runs on the core AST, between resolve and infer: lifted before inference, the former
// captures are typed per call site; lifted after (on TIR), they could only get the join of the
// types at every closure creation. Free variables that can change after capture (assigned, or
// initialized late by a define) keep their closure: passing their value would copy it.
#include <algorithm>
#include <unordered_map>

#include "optimize/lift.h"

namespace fl::optimize {

using namespace fl::ast;

namespace {

class Lifter {
 public:
  explicit Lifter(Module& m) : m_(m) {}

  size_t run() {
    findCandidates();
    if (fnVar_.empty()) return 0;
    computeNeeds();
    // New parameters, in a fixed order (lambdas' and variables' ids).
    std::vector<LambdaId> order;
    for (auto& [l, need] : need_) order.push_back(l);
    std::sort(order.begin(), order.end());
    for (LambdaId l : order) {
      for (VarId u : need_[l]) {
        VarId p = m_.addVar(m_.vars[u].name, m_.vars[u].span, VarKind::Param, l);
        m_.lambdas[l].params.push_back(p);
        param_[l][u] = p;
      }
    }
    for (LambdaId l = 0; l < m_.lambdas.size(); ++l)
      if (m_.lambdas[l].parent == kNone && m_.lambdas[l].body != kNone) rewrite(m_.lambdas[l].body, {});
    recomputeCaptures();
    return need_.size();
  }

 private:
  // Local function variables only ever called with their arity, whose lambdas capture nothing
  // mutable.
  void findCandidates() {
    std::unordered_map<VarId, bool> ok;
    for (VarId v = 0; v < m_.vars.size(); ++v) {
      const Var& x = m_.vars[v];
      if (x.kind == VarKind::Global || x.knownLambda == kNone || x.assigned || x.defineCount > 1) continue;
      const Lambda& lam = m_.lambdas[x.knownLambda];
      if (lam.freeVars.empty() || lam.rest) continue;  // free variables would follow the rest list
      bool immutable = true;
      for (VarId u : lam.freeVars) immutable = immutable && !m_.vars[u].boxed() && !(m_.vars[u].defineCount > 0 && !m_.vars[u].hoisted);
      if (immutable) ok[v] = true;
    }
    // Every reference must be a callee with the right number of arguments.
    std::vector<bool> callee(m_.nodes.size(), false);
    for (const Node& n : m_.nodes) {
      if (n.kind != NodeKind::Call || m_[n.kids[0]].kind != NodeKind::LocalRef) continue;
      VarId v = m_[n.kids[0]].a;
      auto it = ok.find(v);
      if (it == ok.end()) continue;
      if (n.kids.size() - 1 != m_.lambdas[m_.vars[v].knownLambda].params.size()) it->second = false;
      else callee[n.kids[0]] = true;
    }
    for (NodeId i = 0; i < m_.nodes.size(); ++i) {
      const Node& n = m_[i];
      if ((n.kind == NodeKind::LocalRef || n.kind == NodeKind::SetVar) && ok.count(n.a) && !callee[i]) ok[n.a] = false;
    }
    for (auto [v, good] : ok)
      if (good) fnVar_[m_.vars[v].knownLambda] = v;
  }

  bool lifted(LambdaId l) const { return fnVar_.count(l) != 0; }
  bool liftedFnVar(VarId v) const {
    LambdaId k = m_.vars[v].knownLambda;
    return k != kNone && lifted(k) && fnVar_.at(k) == v;
  }

  // need(l): the variables a lifted lambda receives -- its free variables except other lifted
  // functions (called, never used as values), plus what the lifted functions it calls need and
  // it does not own. A fixpoint over the calls between lifted functions.
  void computeNeeds() {
    std::unordered_map<LambdaId, std::vector<LambdaId>> calls;
    std::vector<LambdaId> owner = nodeOwners(m_);
    for (NodeId i = 0; i < m_.nodes.size(); ++i) {
      const Node& n = m_[i];
      if (n.kind != NodeKind::Call || m_[n.kids[0]].kind != NodeKind::LocalRef || owner[i] == kNone) continue;
      VarId v = m_[n.kids[0]].a;
      if (!liftedFnVar(v)) continue;
      // The call is made by the innermost lifted lambda around it (or by a non-lifted one).
      for (LambdaId l = owner[i]; l != kNone; l = m_.lambdas[l].parent)
        if (lifted(l)) {
          calls[l].push_back(m_.vars[v].knownLambda);
          break;
        }
    }
    for (auto [l, v] : fnVar_) {
      auto& need = need_[l];
      for (VarId u : m_.lambdas[l].freeVars)
        if (!liftedFnVar(u)) need.push_back(u);
      std::sort(need.begin(), need.end());
    }
    for (bool changed = true; changed;) {
      changed = false;
      for (auto& [l, callees] : calls) {
        auto& need = need_[l];
        for (LambdaId c : callees)
          for (VarId u : need_[c]) {
            if (ownedBy(u, l) || std::binary_search(need.begin(), need.end(), u)) continue;
            need.insert(std::upper_bound(need.begin(), need.end(), u), u);
            changed = true;
          }
      }
    }
  }

  // Whether variable u belongs to lambda l or to a lambda nested in it.
  bool ownedBy(VarId u, LambdaId l) const {
    for (LambdaId o = m_.vars[u].owner; o != kNone; o = m_.lambdas[o].parent)
      if (o == l) return true;
    return false;
  }

  // Rewrites the references under node n: `map` says which variable stands for a lifted free
  // variable here (the parameter of the innermost lifted lambda that receives it).
  using Map = std::unordered_map<VarId, VarId>;
  void rewrite(NodeId n, const Map& map) {
    Node& x = m_[n];
    if ((x.kind == NodeKind::LocalRef || x.kind == NodeKind::SetVar) && x.a != kNone) {
      auto it = map.find(x.a);
      if (it != map.end()) m_[n].a = it->second;
    }
    if (x.kind == NodeKind::Lambda) {
      LambdaId l = x.a;
      Map inner = map;
      if (auto p = param_.find(l); p != param_.end())
        for (auto [u, param] : p->second) inner[u] = param;
      if (m_.lambdas[l].body != kNone) rewrite(m_.lambdas[l].body, inner);
      return;
    }
    if (x.kind == NodeKind::Call && m_[x.kids[0]].kind == NodeKind::LocalRef && liftedFnVar(m_[x.kids[0]].a)) {
      LambdaId callee = m_.vars[m_[x.kids[0]].a].knownLambda;
      Span span = x.span;
      for (VarId u : need_[callee]) {
        auto it = map.find(u);
        NodeId ref = m_.add(NodeKind::LocalRef, span);
        m_[ref].a = it == map.end() ? u : it->second;
        m_[n].kids.push_back(ref);
      }
    }
    std::vector<NodeId> kids;
    forEachChild(m_, n, [&](NodeId k) { kids.push_back(k); });
    for (NodeId k : kids) rewrite(k, map);
  }

  // Free variables and captured flags again, as resolve computes them (first-use order).
  void recomputeCaptures() {
    // A lifted function called by its variable needs no closure value: those callee references
    // are not uses of the variable.
    std::vector<bool> callOnly(m_.nodes.size(), false);
    for (const Node& n : m_.nodes)
      if (n.kind == NodeKind::Call && m_[n.kids[0]].kind == NodeKind::LocalRef && liftedFnVar(m_[n.kids[0]].a))
        callOnly[n.kids[0]] = true;
    for (Lambda& lam : m_.lambdas) lam.freeVars.clear();
    for (Var& v : m_.vars) v.captured = false;
    for (LambdaId l = 0; l < m_.lambdas.size(); ++l) {
      if (m_.lambdas[l].body == kNone) continue;
      std::vector<NodeId> stack{m_.lambdas[l].body};
      while (!stack.empty()) {
        NodeId n = stack.back();
        stack.pop_back();
        const Node& x = m_[n];
        if ((x.kind == NodeKind::LocalRef || x.kind == NodeKind::SetVar) && x.a != kNone && !callOnly[n]) use(x.a, l);
        if (x.kind == NodeKind::Lambda) continue;  // its own body is walked as its lambda
        std::vector<NodeId> kids;
        forEachChild(m_, n, [&](NodeId k) { kids.push_back(k); });
        for (size_t i = kids.size(); i-- > 0;) stack.push_back(kids[i]);
      }
    }
  }
  void use(VarId v, LambdaId at) {
    Var& var = m_.vars[v];
    if (var.kind == VarKind::Global || var.owner == at) return;
    var.captured = true;
    for (LambdaId l = at; l != kNone && l != var.owner; l = m_.lambdas[l].parent) {
      auto& fv = m_.lambdas[l].freeVars;
      if (std::find(fv.begin(), fv.end(), v) != fv.end()) continue;
      fv.push_back(v);
    }
  }

  Module& m_;
  std::unordered_map<LambdaId, VarId> fnVar_;                       // lifted lambda -> its variable
  std::unordered_map<LambdaId, std::vector<VarId>> need_;           // lifted lambda -> what it receives
  std::unordered_map<LambdaId, std::unordered_map<VarId, VarId>> param_;  // free variable -> new parameter
};

}  // namespace

size_t liftLambdas(Module& m) { return Lifter(m).run(); }

}  // namespace fl::optimize
