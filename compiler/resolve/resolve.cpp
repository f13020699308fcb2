#include "resolve/resolve.h"

#include "base/suggest.h"

#include <algorithm>
#include <optional>
#include <unordered_set>
#include <string>
#include <unordered_map>

#include "builtins/builtins.h"
#include "builtins/effects.h"
#include "fluentai/rt.h"

namespace fl::resolve {

using namespace fl::ast;

namespace {

constexpr double kPi = 3.141592653589793;

class Resolver {
 public:
  Resolver(Module& m, Interner& names, diag::Engine& diags) : m_(m), names_(names), diags_(diags) {}

  void run() {
    for (VarId g : m_.globals) m_.vars[g].owner = m_.init;
    lambda_ = m_.init;
    for (file_ = 0; file_ < m_.files.size(); ++file_) visit(m_.files[file_].body);
    decideHoisting();
    for (file_ = 0; file_ < m_.files.size(); ++file_)
      for (auto [var, span] : m_.files[file_].pureContracts) checkPure(var, span);
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

  int quietUnbound_ = 0;          // >0: unbound names are not reported (see Call)
  bool lastGuessIsForm_ = false;  // the last unbound name's suggestion is a special form

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
    auto g = scope().find(s.id);
    if (g != scope().end()) {
      node.kind = NodeKind::GlobalRef;
      node.a = g->second;
      return;
    }
    std::string_view name = names_.str(s);
    if (size_t dot = name.find('.'); dot != std::string_view::npos && dot > 0) {
      VarId q = qualified(name, node.span);
      node.kind = q == kNone ? NodeKind::Const : NodeKind::GlobalRef;
      node.a = q == kNone ? m_.addLiteral(Literal{LitKind::Nil}) : q;
      return;
    }
    if (name == "pi") {
      Literal l{LitKind::Float};
      l.f = kPi;
      node.kind = NodeKind::Const;
      node.a = m_.addLiteral(l);
      return;
    }
    if (auto b = builtins::lookup(name)) {
      node.kind = NodeKind::BuiltinRef;
      node.a = static_cast<uint32_t>(*b);
      return;
    }
    if (isCapitalized(name)) {
      constructorValue(n, name);
      return;
    }
    node.kind = NodeKind::Const;
    node.a = m_.addLiteral(Literal{LitKind::Nil});
    if (quietUnbound_ > 0) return;  // inside a call whose head is a misspelt special form
    diags_.report(diag::Id::UnboundVariable, node.span, name);
    std::string guess = suggestName(name);
    if (!guess.empty()) diags_.note(Span{}, "did you mean '" + guess + "'?");
    lastGuessIsForm_ = isFormName(guess);
    node.kind = NodeKind::Const;
    node.a = m_.addLiteral(Literal{LitKind::Nil});
  }

  // The name in scope here (locals, the module, builtins, special forms) a typo most likely meant.
  std::string suggestName(std::string_view typo) const {
    Suggester s(typo);
    for (size_t i = scope_.size(); i-- > 0;) s.consider(names_.str(scope_[i].name));
    for (const auto& [sym, var] : scope()) s.consider(names_.str(Sym{sym}));
    static const char* const kBuiltins[] = {
#define FL_BUILTIN(id, name, min, max, effects, level) name,
#define FL_ALIAS(alias, id) alias,
#include "fluentai/builtins.def"
#undef FL_BUILTIN
#undef FL_ALIAS
        "pi"};
    for (const char* b : kBuiltins) s.consider(b);
    static const char* const kForms[] = {
#define FORM(id, name) name,
#include "expand/forms.def"
#undef FORM
    };
    for (const char* f : kForms) s.consider(f);
    return s.best();
  }

  static bool isFormName(std::string_view name) {
    static const char* const kForms[] = {
#define FORM(id, name) name,
#include "expand/forms.def"
#undef FORM
    };
    for (const char* f : kForms)
      if (name == f) return true;
    return false;
  }

  static bool isCapitalized(std::string_view name) { return !name.empty() && name[0] >= 'A' && name[0] <= 'Z'; }

  // An identifier that names a constructor here: capitalized and not bound (§8 rule 1).
  bool isConstructor(NodeId n) const {
    const Node& node = m_[n];
    return node.kind == NodeKind::Name && isCapitalized(names_.str(node.sym)) && lookupLocal(node.sym) == kNone &&
           !scope().count(node.sym.id) && names_.str(node.sym).find('.') == std::string_view::npos;
  }

  // -Wundeclared-constructor: an undeclared constructor one typo away from a declared one is
  // legal (§8: an ad-hoc tagged value) but almost always a misspelling.
  void checkDeclared(std::string_view name, Span span) {
    if (name == "Nil" || name == "Cons" || ctors().empty() || ctors().count(std::string(name))) return;
    Suggester s(name);
    for (const auto& [declared, decl] : ctors()) s.consider(declared);
    if (s.best().empty()) return;
    diags_.report(diag::Id::UndeclaredConstructor, span, name);
    diags_.note(ctors().at(s.best()).span, "did you mean '" + s.best() + "'? it is declared here");
  }

  // A bare constructor outside head position (§8 rules 3-4).
  void constructorValue(NodeId n, std::string_view name) {
    checkDeclared(name, m_[n].span);
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
    auto decl = ctors().find(std::string(name));
    if (decl != ctors().end() && decl->second.arity > 0) {
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
    checkDeclared(name, m_[node.kids[0]].span);
    auto decl = ctors().find(name);
    if (decl != ctors().end()) expected = decl->second.arity;
    if (expected != SIZE_MAX && expected != argc) {
      diags_.report(diag::Id::ConstructorArity, node.span, name, fields(expected), fields(argc));
      if (decl != ctors().end()) diags_.note(decl->second.span, "'" + name + "' is declared here");
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
      auto g = scope().find(s.id);
      if (g != scope().end()) {
        if (m_.files[file_].imported.count(s.id)) {
          diags_.report(diag::Id::SetUnbound, node.span, names_.str(s), "it is imported");
          return;
        }
        v = g->second;
      }
    }
    if (v == kNone) {
      std::string_view name = names_.str(s);
      if (name.find('.') != std::string_view::npos) {
        diags_.report(diag::Id::SetUnbound, node.span, name, "it is imported");
        return;
      }
      const char* why = builtins::lookup(name) || name == "pi" ? "it is a builtin" : "it is not defined";
      diags_.report(diag::Id::SetUnbound, node.span, name, why);
      return;
    }
    for (const Foreign& f : m_.foreigns)
      if (f.var == v) {
        diags_.report(diag::Id::ForeignRedefined, node.span, names_.str(s));
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
        {
          // One error per mistake: when the head is an unbound name that looks like a misspelt
          // special form ((lamda (y) ...)), its arguments are that form's syntax, so the names
          // in them are not reported as unbound as well.
          NodeId head = m_[n].kids[0];
          bool headName = m_[head].kind == NodeKind::Name;
          lastGuessIsForm_ = false;
          visit(head);
          bool quiet = headName && m_[head].kind == NodeKind::Const && lastGuessIsForm_;
          quietUnbound_ += quiet;
          for (size_t i = 1; i < m_[n].kids.size(); ++i) visit(m_[n].kids[i]);
          quietUnbound_ -= quiet;
        }
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
    decideKnownLambdas();
    if (!m_.sessionEntry) return;
    // Later REPL entries may redefine any global (ast::Module::sessionEntry): none holds a known
    // lambda at run time, but the checks (:pure, -Warity) still judge the one this entry defines.
    for (VarId g : m_.globals) {
      Var& v = m_.vars[g];
      if (v.knownLambda != kNone) definedLambda_[g] = v.knownLambda;
      v.knownLambda = kNone;
      v.hoisted = false;
      v.assigned = true;
    }
  }
  std::unordered_map<VarId, LambdaId> definedLambda_;  // session entries: see decideHoisting
  LambdaId lambdaOf(VarId v) const {
    if (m_.vars[v].knownLambda != kNone) return m_.vars[v].knownLambda;
    auto it = definedLambda_.find(v);
    return it == definedLambda_.end() ? kNone : it->second;
  }

  void decideKnownLambdas() {
    for (NodeId n = 0; n < m_.nodes.size(); ++n) {
      const Node& node = m_[n];
      if (node.kind != NodeKind::Define && node.kind != NodeKind::Let) continue;
      Var& v = m_.vars[node.a];
      NodeId value = node.kids[0];
      if (v.assigned || m_[value].kind != NodeKind::Lambda) continue;
      if (node.kind == NodeKind::Define) {
        // (a REPL session's earlier globals count one define of their own: may be unbound)
        bool earlierEntry = v.kind == VarKind::Global && v.slot < m_.sessionSlots;
        if (v.defineCount != 1u + earlierEntry) continue;
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
        checkDeclared(name, pat.span);
        auto decl = ctors().find(name);
        if (decl != ctors().end() && decl->second.arity != pat.kids.size()) {
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
      auto decl = ctors().find(std::string(names_.str(pat.tag)));
      if (decl == ctors().end()) return;
      if (!type.empty() && type != decl->second.type) return;
      type = decl->second.type;
      covered[decl->first] = true;  // a constructor at the top of an unguarded clause covers it
    }
    if (type.empty()) return;
    std::string missing;
    std::vector<std::string> names;
    for (const auto& [name, decl] : ctors())
      if (decl.type == type && !covered.count(name)) names.push_back(name);
    if (names.empty()) return;
    std::sort(names.begin(), names.end());
    for (size_t i = 0; i < names.size(); ++i) missing += (i ? ", " : "") + names[i];
    diags_.report(diag::Id::NonExhaustive, node.span, type, missing);
  }

  // Q.x (§13): export x of the module imported in this file whose path ends in Q.
  VarId qualified(std::string_view name, Span span) {
    size_t dot = name.find('.');
    std::string q(name.substr(0, dot)), x(name.substr(dot + 1));
    const FileUnit& f = m_.files[file_];
    auto it = f.qualifiers.find(q);
    if (it == f.qualifiers.end()) {
      if (auto earlier = f.inheritedQualified.find(q); earlier != f.inheritedQualified.end()) {
        auto e = earlier->second.find(x);
        if (e != earlier->second.end()) return e->second;
        diags_.report(diag::Id::NotExported, span, q, x);
        return kNone;
      }
      diags_.report(diag::Id::UnknownQualifier, span, q);
      return kNone;
    }
    if (it->second.size() > 1) {
      diags_.report(diag::Id::AmbiguousQualifier, span, q);
      return kNone;
    }
    const FileUnit& exporter = m_.files[it->second[0]];
    auto e = exporter.exports.find(x);
    if (e == exporter.exports.end()) {
      diags_.report(diag::Id::NotExported, span, q, x);
      return kNone;
    }
    return e->second;
  }

  // :pure #t (§15): no io, state, time or random effect (nor concurrency) in the function,
  // directly or through builtins and module-level functions it refers to, transitively.
  // Calls through unknown function values do not count; throwing is allowed.
  struct Impurity {
    std::string kind, detail, via;
  };
  std::optional<Impurity> impurity(LambdaId l, std::unordered_set<LambdaId>& seen) {
    if (!seen.insert(l).second) return std::nullopt;
    std::vector<NodeId> stack{m_.lambdas[l].body};
    std::vector<LambdaId> edges;
    while (!stack.empty()) {
      NodeId x = stack.back();
      stack.pop_back();
      const Node& node = m_[x];
      if (node.kind == NodeKind::Call && m_[node.kids[0]].kind == NodeKind::BuiltinRef &&
          m_[node.kids[0]].a == FL_B_FOREIGN && node.kids.size() > 1 && m_[node.kids[1]].kind == NodeKind::Const)
        return Impurity{"foreign", m_.literals[m_[node.kids[1]].a].s, ""};
      if (node.kind == NodeKind::BuiltinRef) {
        uint32_t fx = builtins::info(static_cast<int32_t>(node.a)).effects;
        const char* kind = (fx & FL_FX_IO) ? "io" : (fx & FL_FX_STATE) ? "state" : (fx & FL_FX_TIME) ? "time"
                           : (fx & FL_FX_RANDOM) ? "random" : (fx & FL_FX_SPAWN) ? "concurrency" : nullptr;
        if (kind) return Impurity{kind, std::string(names_.str(node.sym)), ""};
      } else if (node.kind == NodeKind::Effect || node.kind == NodeKind::EffectFn) {
        int32_t op = static_cast<int32_t>(node.a);
        int32_t type = effects::op(op).type;
        if (type != FL_EFT_ERROR) return Impurity{effects::type(type).name, effects::canonicalName(op), ""};
      } else if (node.kind == NodeKind::GlobalRef && lambdaOf(node.a) != kNone) {
        edges.push_back(lambdaOf(node.a));
      } else if (node.kind == NodeKind::Lambda) {
        stack.push_back(m_.lambdas[node.a].body);
      }
      forEachChild(m_, x, [&](NodeId k) { stack.push_back(k); });
    }
    for (LambdaId e : edges)
      if (auto r = impurity(e, seen)) {
        if (r->via.empty()) r->via = m_.lambdas[e].name ? std::string(names_.str(m_.lambdas[e].name)) : "";
        return r;
      }
    return std::nullopt;
  }
  void checkPure(VarId var, Span span) {
    LambdaId l = lambdaOf(var);
    if (l == kNone) return;
    std::unordered_set<LambdaId> seen;
    if (auto r = impurity(l, seen)) {
      std::string name(names_.str(m_.vars[var].name));
      diags_.report(diag::Id::NotPure, span, name, r->kind, r->detail, r->via.empty() ? "" : " via " + r->via);
    }
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
                 lambdaOf(callee.a) != kNone) {
        const Lambda& lam = m_.lambdas[lambdaOf(callee.a)];
        size_t fixed = lam.params.size() - (lam.rest ? 1 : 0);
        if (lam.rest ? argc < fixed : argc != fixed) {
          diags_.report(diag::Id::ArityMismatch, node.span, names_.str(m_.vars[callee.a].name),
                        (lam.rest ? "at least " : "") + args(fixed), args(argc));
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
  uint32_t file_ = 0;
  const std::unordered_map<uint32_t, VarId>& scope() const { return m_.files[file_].scope; }
  std::unordered_map<std::string, CtorDecl>& ctors() { return m_.files[file_].ctors; }
  std::vector<Binding> scope_;
  LambdaId lambda_ = kNone;
};

}  // namespace

void resolve(Module& m, Interner& names, diag::Engine& diags) {
  Resolver r(m, names, diags);
  r.run();
}

}  // namespace fl::resolve
