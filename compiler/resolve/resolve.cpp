#include "resolve/resolve.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "builtins/builtins.h"
#include "fluentai/rt.h"

namespace fl::resolve {

using namespace fl::ast;

namespace {

constexpr double kPi = 3.141592653589793;

class Resolver {
 public:
  Resolver(Module& m, Interner& names, diag::Engine& diags) : m_(m), names_(names), diags_(diags) {}

  void run() {
    for (VarId g : m_.globals) globals_.emplace(m_.vars[g].name.id, g);
    for (VarId g : m_.globals) m_.vars[g].owner = m_.init;
    lambda_ = m_.init;
    visit(m_.lambdas[m_.init].body);
    decideHoisting();
    checkArities();
    for (LambdaId l = 0; l < m_.lambdas.size(); ++l) markTail(m_.lambdas[l].body, true);
  }

 private:
  struct Binding {
    Sym name;
    VarId var;
  };

  void push(VarId v) { scope_.push_back({m_.vars[v].name, v}); }
  void popTo(size_t n) { scope_.resize(n); }

  // The innermost visible local named `s`, if any.
  VarId lookupLocal(Sym s) const {
    for (size_t i = scope_.size(); i-- > 0;)
      if (scope_[i].name == s) return scope_[i].var;
    return kNone;
  }

  void noteUse(VarId v) {
    Var& var = m_.vars[v];
    if (var.kind == VarKind::Global || var.owner == lambda_) return;
    var.captured = true;
    // Every lambda between the use and the owner needs the variable in its environment.
    for (LambdaId l = lambda_; l != kNone && l != var.owner; l = m_.lambdas[l].parent) {
      auto& fv = m_.lambdas[l].freeVars;
      bool present = false;
      for (VarId x : fv) present |= (x == v);
      if (present) break;
      fv.push_back(v);
    }
  }

  void resolveName(NodeId n) {
    Node& node = m_[n];
    Sym s = node.sym;
    VarId v = lookupLocal(s);
    if (v != kNone) {
      node.kind = NodeKind::LocalRef;
      node.a = v;
      noteUse(v);
      return;
    }
    auto g = globals_.find(s.id);
    if (g != globals_.end()) {
      node.kind = NodeKind::GlobalRef;
      node.a = g->second;
      return;
    }
    std::string_view name = names_.str(s);
    if (name == "pi") {
      Literal l{LitKind::Float};
      l.f = kPi;
      node.kind = NodeKind::Const;
      node.a = m_.addLiteral(l);
      return;
    }
    if (auto b = builtins::lookup(name)) {
      const builtins::Info& info = builtins::info(*b);
      if (info.level > builtins::kSupportedLevel)
        diags_.report(diag::Id::NotSupportedYet, node.span, "builtin '" + std::string(name) + "'");
      node.kind = NodeKind::BuiltinRef;
      node.a = static_cast<uint32_t>(*b);
      return;
    }
    if (isCapitalized(name)) {
      constructorValue(n, name);
      return;
    }
    diags_.report(diag::Id::UnboundVariable, node.span, name);
    node.kind = NodeKind::Const;
    node.a = m_.addLiteral(Literal{LitKind::Nil});
  }

  static bool isCapitalized(std::string_view name) { return !name.empty() && name[0] >= 'A' && name[0] <= 'Z'; }

  // An identifier that names a constructor here: capitalized and not bound (§8 rule 1).
  bool isConstructor(NodeId n) const {
    const Node& node = m_[n];
    return node.kind == NodeKind::Name && isCapitalized(names_.str(node.sym)) && lookupLocal(node.sym) == kNone &&
           !globals_.count(node.sym.id);
  }

  // A bare constructor outside head position (§8 rules 3-4).
  void constructorValue(NodeId n, std::string_view name) {
    Node& node = m_[n];
    if (name == "Nil") {
      node.kind = NodeKind::Const;
      node.a = m_.addLiteral(Literal{LitKind::EmptyList});
      return;
    }
    if (name == "Cons") {
      node.kind = NodeKind::BuiltinRef;
      node.a = FL_B_CONS;
      return;
    }
    auto decl = m_.ctors.find(std::string(name));
    if (decl != m_.ctors.end() && decl->second.arity > 0) {
      node.kind = NodeKind::CtorFn;
      node.a = decl->second.arity;
      return;
    }
    Literal l{LitKind::Tagged};
    l.s = std::string(name);
    node.kind = NodeKind::Const;
    node.a = m_.addLiteral(l);
  }

  // (C e...) with a constructor C: a tagged value; Cons and Nil build lists (§8 rule 4).
  void constructorCall(NodeId n) {
    for (size_t i = 1; i < m_[n].kids.size(); ++i) visit(m_[n].kids[i]);
    Node& node = m_[n];
    std::string name(names_.str(m_[node.kids[0]].sym));
    size_t argc = node.kids.size() - 1;
    auto fields = [](size_t k) { return std::to_string(k) + (k == 1 ? " field" : " fields"); };
    size_t expected = name == "Nil" ? 0 : name == "Cons" ? 2 : SIZE_MAX;
    auto decl = m_.ctors.find(name);
    if (decl != m_.ctors.end()) expected = decl->second.arity;
    if (expected != SIZE_MAX && expected != argc) {
      diags_.report(diag::Id::ConstructorArity, node.span, name, fields(expected), fields(argc));
      if (decl != m_.ctors.end()) diags_.note(decl->second.span, "'" + name + "' is declared here");
    }
    if (name == "Nil") {
      node.kind = NodeKind::Const;
      node.a = m_.addLiteral(Literal{LitKind::EmptyList});
      node.kids.clear();
      return;
    }
    if (name == "Cons") {
      Node& callee = m_[node.kids[0]];
      callee.kind = NodeKind::BuiltinRef;
      callee.a = FL_B_CONS;
      return;
    }
    node.kind = NodeKind::Construct;
    node.sym = m_[node.kids[0]].sym;
    node.kids.erase(node.kids.begin());
  }

  void resolveSet(NodeId n) {
    Node& node = m_[n];
    Sym s = node.sym;
    VarId v = lookupLocal(s);
    if (v == kNone) {
      auto g = globals_.find(s.id);
      if (g != globals_.end()) v = g->second;
    }
    if (v == kNone) {
      std::string_view name = names_.str(s);
      const char* why = builtins::lookup(name) || name == "pi" ? "it is a builtin" : "it is not defined";
      diags_.report(diag::Id::SetUnbound, node.span, name, why);
      return;
    }
    node.a = v;
    m_.vars[v].assigned = true;
    noteUse(v);
  }

  void visit(NodeId n) {
    // Kids are visited by index: resolving may append literals but never nodes.
    switch (m_[n].kind) {
      case NodeKind::Name: resolveName(n); return;
      case NodeKind::LocalRef: noteUse(m_[n].a); return;
      case NodeKind::Const:
      case NodeKind::GlobalRef:
      case NodeKind::BuiltinRef: return;
      case NodeKind::Let: {
        visit(m_[n].kids[0]);
        size_t mark = scope_.size();
        push(m_[n].a);
        visit(m_[n].kids[1]);
        popTo(mark);
        return;
      }
      case NodeKind::Letrec: {
        size_t mark = scope_.size();
        for (VarId v : m_[n].vars) push(v);
        visit(m_[n].kids[0]);
        popTo(mark);
        return;
      }
      case NodeKind::Lambda: {
        LambdaId id = m_[n].a;
        size_t mark = scope_.size();
        LambdaId saved = lambda_;
        lambda_ = id;
        for (VarId p : m_.lambdas[id].params) push(p);
        visit(m_.lambdas[id].body);
        lambda_ = saved;
        popTo(mark);
        // Variables captured by this lambda are uses in the enclosing lambda too.
        for (VarId v : m_.lambdas[id].freeVars) noteUse(v);
        return;
      }
      case NodeKind::SetVar:
        visit(m_[n].kids[0]);
        resolveSet(n);
        return;
      case NodeKind::Define:
        visit(m_[n].kids[0]);
        return;
      case NodeKind::Call:
        if (isConstructor(m_[n].kids[0])) {
          constructorCall(n);
          return;
        }
        for (size_t i = 0; i < m_[n].kids.size(); ++i) visit(m_[n].kids[i]);
        return;
      case NodeKind::If:
      case NodeKind::Seq:
      case NodeKind::Effect:
      case NodeKind::Handler:
      case NodeKind::Construct:
        for (size_t i = 0; i < m_[n].kids.size(); ++i) visit(m_[n].kids[i]);
        return;
      case NodeKind::CtorFn:
      case NodeKind::EffectFn: return;
      case NodeKind::Throw: visit(m_[n].kids[0]); return;
      case NodeKind::Match: {
        visit(m_[n].kids[0]);
        for (size_t i = 0; i < m_[n].pats.size(); ++i) {
          size_t mark = scope_.size();
          visitPattern(m_[n].pats[i]);
          visit(m_[n].kids[i + 1]);
          popTo(mark);
        }
        checkExhaustive(n);
        return;
      }
      case NodeKind::Try: {
        visit(m_[n].kids[0]);
        for (size_t i = 0; i < m_[n].pats.size(); ++i) {
          size_t mark = scope_.size();
          visitPattern(m_[n].pats[i]);
          visit(m_[n].kids[i + 1]);
          popTo(mark);
        }
        if (m_[n].a != kNone) visit(m_[n].kids.back());
        return;
      }
    }
  }

  // A variable defined once with a lambda and never assigned always holds that lambda; in a
  // module scope or letrec it is initialized on entry (hoisting, §2.2).
  void decideHoisting() {
    for (NodeId n = 0; n < m_.nodes.size(); ++n) {
      const Node& node = m_[n];
      if (node.kind != NodeKind::Define && node.kind != NodeKind::Let) continue;
      Var& v = m_.vars[node.a];
      NodeId value = node.kids[0];
      if (v.assigned || m_[value].kind != NodeKind::Lambda) continue;
      if (node.kind == NodeKind::Define) {
        if (v.defineCount != 1) continue;
        v.hoisted = true;
      }
      v.knownLambda = m_[value].a;
    }
  }

  // Brings a pattern's variables into scope in matching order; guards and views see the
  // variables bound before them (§9).
  void visitPattern(PatId p) {
    switch (m_.patterns[p].kind) {
      case PatKind::Var: push(m_.patterns[p].a); return;
      case PatKind::As:
        push(m_.patterns[p].a);
        visitPattern(m_.patterns[p].kids[0]);
        return;
      case PatKind::Guard:
        visitPattern(m_.patterns[p].kids[0]);
        visit(m_.patterns[p].expr);
        return;
      case PatKind::View:
        visit(m_.patterns[p].expr);
        visitPattern(m_.patterns[p].kids[0]);
        return;
      case PatKind::Ctor: {
        const Pattern& pat = m_.patterns[p];
        std::string name(names_.str(pat.tag));
        auto decl = m_.ctors.find(name);
        if (decl != m_.ctors.end() && decl->second.arity != pat.kids.size()) {
          auto fields = [](size_t k) { return std::to_string(k) + (k == 1 ? " field" : " fields"); };
          diags_.report(diag::Id::ConstructorArity, pat.span, name, fields(decl->second.arity), fields(pat.kids.size()));
        }
        for (size_t i = 0; i < m_.patterns[p].kids.size(); ++i) visitPattern(m_.patterns[p].kids[i]);
        return;
      }
      default:
        for (size_t i = 0; i < m_.patterns[p].kids.size(); ++i) visitPattern(m_.patterns[p].kids[i]);
    }
  }

  bool irrefutable(PatId p) const {
    const Pattern& pat = m_.patterns[p];
    if (pat.kind == PatKind::Wildcard || pat.kind == PatKind::Var) return true;
    if (pat.kind == PatKind::As) return irrefutable(pat.kids[0]);
    return false;
  }

  // -Wnon-exhaustive (§9): the top constructor patterns belong to one declared type, no
  // unguarded clause is a wildcard or variable, and some constructor is not covered.
  void checkExhaustive(NodeId n) {
    const Node& node = m_[n];
    std::string type;
    std::unordered_map<std::string, bool> covered;
    std::vector<PatId> tops;
    for (PatId p : node.pats) {
      if (irrefutable(p)) return;
      if (m_.patterns[p].kind == PatKind::Or)
        for (PatId alt : m_.patterns[p].kids) tops.push_back(alt);
      else
        tops.push_back(p);
    }
    for (PatId p : tops) {
      const Pattern& pat = m_.patterns[p];
      if (pat.kind == PatKind::Guard) continue;
      if (pat.kind != PatKind::Ctor) return;
      auto decl = m_.ctors.find(std::string(names_.str(pat.tag)));
      if (decl == m_.ctors.end()) return;
      if (!type.empty() && type != decl->second.type) return;
      type = decl->second.type;
      bool all = true;
      for (PatId k : pat.kids) all &= irrefutable(k);
      if (all) covered[decl->first] = true;
    }
    if (type.empty()) return;
    std::string missing;
    std::vector<std::string> names;
    for (const auto& [name, decl] : m_.ctors)
      if (decl.type == type && !covered.count(name)) names.push_back(name);
    if (names.empty()) return;
    std::sort(names.begin(), names.end());
    for (size_t i = 0; i < names.size(); ++i) missing += (i ? ", " : "") + names[i];
    diags_.report(diag::Id::NonExhaustive, node.span, type, missing);
  }

  // -Warity: calls of builtins and of variables known to hold one lambda with a wrong count.
  void checkArities() {
    auto args = [](size_t n) { return std::to_string(n) + (n == 1 ? " argument" : " arguments"); };
    for (const Node& node : m_.nodes) {
      if (node.kind != NodeKind::Call) continue;
      const Node& callee = m_[node.kids[0]];
      size_t argc = node.kids.size() - 1;
      if (callee.kind == NodeKind::BuiltinRef) {
        const builtins::Info& b = builtins::info(static_cast<int32_t>(callee.a));
        if (!builtins::arityOk(b, argc))
          diags_.report(diag::Id::ArityMismatch, node.span, names_.str(callee.sym), builtins::describeArity(b), args(argc));
      } else if ((callee.kind == NodeKind::LocalRef || callee.kind == NodeKind::GlobalRef) &&
                 m_.vars[callee.a].knownLambda != kNone) {
        const Lambda& lam = m_.lambdas[m_.vars[callee.a].knownLambda];
        if (lam.params.size() != argc) {
          diags_.report(diag::Id::ArityMismatch, node.span, names_.str(m_.vars[callee.a].name), args(lam.params.size()),
                        args(argc));
          diags_.note(lam.span, "'" + std::string(names_.str(m_.vars[callee.a].name)) + "' is defined here");
        }
      }
    }
  }

  void markTail(NodeId n, bool tail) {
    Node& node = m_[n];
    node.tail = tail;
    switch (node.kind) {
      case NodeKind::If:
        markTail(node.kids[0], false);
        markTail(node.kids[1], tail);
        markTail(node.kids[2], tail);
        return;
      case NodeKind::Seq:
        for (size_t i = 0; i < node.kids.size(); ++i) markTail(m_[n].kids[i], tail && i + 1 == m_[n].kids.size());
        return;
      case NodeKind::Let:
        markTail(node.kids[0], false);
        markTail(node.kids[1], tail);
        return;
      case NodeKind::Letrec:
        markTail(node.kids[0], tail);
        return;
      case NodeKind::Match:
        markTail(node.kids[0], false);
        for (size_t i = 1; i < node.kids.size(); ++i) markTail(m_[n].kids[i], tail);
        return;
      default:
        for (size_t i = 0; i < node.kids.size(); ++i) markTail(m_[n].kids[i], false);
    }
  }

  Module& m_;
  Interner& names_;
  diag::Engine& diags_;
  std::unordered_map<uint32_t, VarId> globals_;
  std::vector<Binding> scope_;
  LambdaId lambda_ = kNone;
};

}  // namespace

void resolve(Module& m, Interner& names, diag::Engine& diags) {
  Resolver r(m, names, diags);
  r.run();
}

}  // namespace fl::resolve
