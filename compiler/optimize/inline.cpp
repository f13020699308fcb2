// inline: a direct call of a small function, or of a function called from one place only, is
// replaced by a copy of its body, the arguments bound to fresh variables with `let`. Only
// functions outside every cycle of calls (no recursion) and without an environment are inlined,
// within a size budget; inlining exposes the callee's body to simplify (constants flow in).
#include <algorithm>
#include <functional>

#include "optimize/passes.h"
#include "tir/rewrite.h"

namespace fl::optimize {

using namespace fl::tir;

namespace {

constexpr size_t kSmallBody = 40;      // nodes: inlined wherever it is called
constexpr size_t kCalledOnceBody = 400;  // nodes: inlined into its only call site
constexpr size_t kMaxGrowth = 4000;    // nodes a function may grow by

// Copies a subtree of one function into another, with fresh variables and patterns. The copies
// belong to inline site `site` of `to` (and the sites of `from` are re-rooted under it).
class Copier {
 public:
  Copier(const Function& from, Function& to, uint32_t site)
      : from_(from), to_(to), vars_(from.vars.size(), kNone), site_(site) {
    for (const InlineSite& s : from.inlineSites) {
      sites_.push_back(static_cast<uint32_t>(to_.inlineSites.size()));
      to_.inlineSites.push_back(s);
    }
    for (uint32_t i : sites_) {
      uint32_t& parent = to_.inlineSites[i].parent;
      parent = parent == kNone ? site_ : sites_[parent];
    }
  }

  VarId var(VarId v) {
    if (vars_[v] == kNone) vars_[v] = to_.addVar(from_.vars[v]);
    return vars_[v];
  }

  NodeId node(NodeId n) {
    Node x = from_[n];
    switch (x.op) {
      case Op::Local:
      case Op::SetLocal:
      case Op::Let: x.a = var(x.a); break;
      default: break;
    }
    if (x.op == Op::Letrec)
      for (uint32_t& v : x.vars) v = var(v);
    for (NodeId& k : x.kids) k = node(k);
    for (PatId& p : x.pats) p = pattern(p);
    x.scope = x.scope == kNone ? site_ : sites_[x.scope];
    return to_.add(std::move(x));
  }

 private:
  PatId pattern(PatId p) {
    ast::Pattern pat = from_.patterns[p];
    if (pat.kind == ast::PatKind::Var || pat.kind == ast::PatKind::As) pat.a = var(pat.a);
    for (PatId& k : pat.kids) k = pattern(k);
    if (pat.expr != kNone) pat.expr = node(pat.expr);
    to_.patterns.push_back(std::move(pat));
    return static_cast<PatId>(to_.patterns.size() - 1);
  }

  const Function& from_;
  Function& to_;
  std::vector<VarId> vars_;
  uint32_t site_;
  std::vector<uint32_t> sites_;  // from's inline sites -> to's
};

size_t treeSize(const Function& f, NodeId n) {
  size_t size = 0;
  std::vector<NodeId> stack{n};
  while (!stack.empty()) {
    NodeId k = stack.back();
    stack.pop_back();
    ++size;
    forEachChild(f, k, [&](NodeId c) { stack.push_back(c); });
  }
  return size;
}

class Inliner {
 public:
  Inliner(Program& p, PassContext& cx) : p_(p), cx_(cx) {}

  void run() {
    findRecursive();
    countCalls();
    for (FnId id = 0; id < p_.fns.size(); ++id) {
      if (p_.fns[id].dead) continue;
      size_t budget = kMaxGrowth;
      std::vector<NodeId> calls;
      const Function& f = p_.fns[id];
      std::vector<NodeId> stack{f.body};
      while (!stack.empty()) {
        NodeId n = stack.back();
        stack.pop_back();
        if (f[n].op == Op::Call) calls.push_back(n);
        forEachChild(f, n, [&](NodeId k) { stack.push_back(k); });
      }
      for (NodeId call : calls) inlineCall(id, call, budget);
      markTails(p_.fns[id]);
    }
  }

 private:
  // Functions in a cycle of direct calls (recursion) are never inlined.
  void findRecursive() {
    size_t n = p_.fns.size();
    std::vector<std::vector<FnId>> edges(n);
    for (FnId id = 0; id < n; ++id) {
      const Function& f = p_.fns[id];
      if (f.dead) continue;
      for (const Node& x : f.nodes) {
        if (x.op == Op::Call) {
          edges[id].push_back(x.a);
          if (x.c != kNone) edges[id].push_back(x.c);
        }
        if (x.op == Op::CallBuiltin && x.b != kNone) edges[id].push_back(x.b);
      }
    }
    recursive_.assign(n, false);
    for (FnId start = 0; start < n; ++start) {
      std::vector<bool> seen(n, false);
      std::vector<FnId> stack(edges[start].begin(), edges[start].end());
      while (!stack.empty()) {
        FnId x = stack.back();
        stack.pop_back();
        if (x == start) {
          recursive_[start] = true;
          break;
        }
        if (seen[x]) continue;
        seen[x] = true;
        stack.insert(stack.end(), edges[x].begin(), edges[x].end());
      }
    }
  }

  // How many call sites name each function (a closure entry is also called from elsewhere).
  void countCalls() {
    calls_.assign(p_.fns.size(), 0);
    for (const Function& f : p_.fns) {
      if (f.dead) continue;
      for (const Node& x : f.nodes) {
        if (x.op == Op::Call) {
          calls_[x.a]++;
          if (x.c != kNone) calls_[x.c]++;
        }
        if (x.op == Op::CallBuiltin && x.b != kNone) calls_[x.b] += 2;  // called from a loop
      }
    }
    for (const Closure& c : p_.closures)
      if (c.entry != kNone) calls_[c.entry] += 2;
    calls_[p_.init] += 2;
  }

  void inlineCall(FnId caller, NodeId call, size_t& budget) {
    Function& f = p_.fns[caller];
    const Node& x = f[call];
    if (x.c != kNone) return;  // speculation picks between two functions at run time
    FnId target = x.a;
    const Function& t = p_.fns[target];
    if (target == caller || recursive_[target] || !t.captures.empty() || t.dead) return;
    if (x.b == 1 && f[x.kids[0]].op != Op::MakeClosure) return;  // the callee value may be anything
    size_t size = treeSize(t, t.body);
    size_t limit = calls_[target] == 1 ? kCalledOnceBody : kSmallBody;
    if (size > limit || size > budget) return;
    for (const Node& n : t.nodes)
      if (n.op == Op::Self || n.op == Op::Env) return;
    budget -= size;
    // let p1 = a1 ... pn = an in <body>
    f.inlineSites.push_back(InlineSite{target, x.span, x.scope});
    uint32_t scope = x.scope;
    Copier copy(t, f, static_cast<uint32_t>(f.inlineSites.size() - 1));
    size_t first = x.b == 1 ? 1 : 0;
    std::vector<NodeId> args(x.kids.begin() + first, x.kids.end());
    Span span = x.span;
    NodeId body = copy.node(t.body);
    for (size_t i = args.size(); i-- > 0;) {
      VarId v = copy.var(t.params[i]);
      Node let;
      let.op = Op::Let;
      let.a = v;
      let.span = span;
      let.scope = scope;
      let.type = f[body].type;
      let.rep = f[body].rep;
      let.effects = f[body].effects | f[args[i]].effects;
      let.kids = {args[i], body};
      body = f.add(std::move(let));
    }
    replaceNode(f, call, body);
    ++cx_.rewrites;
  }

  Program& p_;
  PassContext& cx_;
  std::vector<bool> recursive_;
  std::vector<uint32_t> calls_;
};

}  // namespace

void inlineCalls(Program& p, PassContext& cx) { Inliner(p, cx).run(); }

}  // namespace fl::optimize
