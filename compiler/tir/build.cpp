// tir::build: the typed AST (the core AST plus infer's per-instance facts) to TIR, one Function
// per instance. This is where representations are chosen: every variable, parameter and result
// gets the representation of its inferred type, and a Box or Unbox node is placed wherever a
// value meets a place that holds it differently. The representation a result is wanted in is
// pushed down through if, seq, let, letrec and match, so calls in tail position stay there.
#include "tir/build.h"
#include "tir/rewrite.h"

#include <unordered_map>
#include <unordered_set>

#include "builtins/builtins.h"
#include "fluentai/rt.h"
#include "infer/infer.h"

namespace fl::tir {

namespace {

using ast::NodeKind;

class Builder {
 public:
  Builder(const ast::Module& m, infer::Program& p, const Interner& names) : m_(m), p_(p), names_(names) {}

  Program run() {
    out_.types = std::move(p_.types);
    out_.literals = m_.literals;
    out_.handledEffects = m_.handledEffects;
    out_.sessionEntry = m_.sessionEntry;
    out_.sessionSlots = m_.sessionSlots;
    out_.vectorElem = p_.vectorElem;
    for (const auto& [tag, mask] : p_.rawFloatFields)
      if (Sym s = names_.find(tag.first)) out_.rawFloatFields[{s.id, tag.second}] = mask;
    for (ast::VarId g : m_.globals) out_.globals.push_back({m_.vars[g].name, p_.globals[m_.vars[g].slot]});
    out_.closures.resize(m_.lambdas.size());
    for (ast::LambdaId l = 0; l < m_.lambdas.size(); ++l) {
      const ast::Lambda& lam = m_.lambdas[l];
      Closure& c = out_.closures[l];
      c.name = lam.name;
      c.arity = static_cast<uint32_t>(lam.params.size());
      c.rest = lam.rest;
      c.captures = capturesOf(l);
      if (p_.escapes[l]) c.entry = p_.genericInstance(l);
    }
    out_.fns.resize(p_.instances.size());
    for (infer::InstanceId i = 0; i < p_.instances.size(); ++i) buildFunction(i);
    out_.init = p_.init;
    return std::move(out_);
  }

 private:
  infer::TypeTable& T() { return out_.types; }
  Rep repOfType(TypeId t) { return repOf(out_.types, t); }

  // The environment of lambda l's closures: its free variables with the types infer found, the
  // tagged ones first, then the unboxed Int / Float / Bool ones (which the collector skips).
  std::vector<Capture> capturesOf(ast::LambdaId l) {
    std::vector<Capture> tagged, raw;
    const auto& fv = m_.lambdas[l].freeVars;
    for (size_t k = 0; k < fv.size(); ++k) {
      const ast::Var& x = m_.vars[fv[k]];
      Capture c;
      c.name = x.name;
      c.boxed = x.boxed();
      c.type = c.boxed ? T().any() : p_.captures[l][k];
      c.rep = c.boxed ? Rep::Tagged : repOfType(c.type);
      c.checked = c.boxed && x.defineCount > 0 && !x.hoisted;
      c.origin = fv[k];
      (c.rep == Rep::Tagged ? tagged : raw).push_back(c);
    }
    tagged.insert(tagged.end(), raw.begin(), raw.end());
    return tagged;
  }

  // ---- one function per instance
  void buildFunction(infer::InstanceId i) {
    const infer::Instance& inst = p_.instances[i];
    const ast::Lambda& lam = m_.lambdas[inst.lambda];
    inst_ = i;
    lambda_ = inst.lambda;
    f_ = &out_.fns[i];
    vars_.clear();
    caps_.clear();
    f_->name = infer::instanceName(p_, m_, names_, i);
    f_->lambda = inst.lambda;
    f_->span = lam.span.valid() ? lam.span : m_[lam.body].span;
    f_->captures = out_.closures[inst.lambda].captures;
    for (uint32_t k = 0; k < f_->captures.size(); ++k) caps_[f_->captures[k].origin] = k;
    f_->ret = inst.ret;
    f_->retRep = retRepOf(i);
    f_->effects = inst.effects;
    f_->generic = inst.generic;
    // Parameters arrive in the representation of their types; assigned or captured-and-mutable
    // ones are then moved into a slot or a box (a let around the body).
    std::vector<std::pair<ast::VarId, VarId>> moved;
    for (size_t k = 0; k < lam.params.size(); ++k) {
      ast::VarId v = lam.params[k];
      Var pv = varFor(v, inst.args[k]);
      pv.storage = Storage::Value;
      pv.rep = repOfType(inst.args[k]);
      pv.type = inst.args[k];
      VarId id = f_->addVar(pv);
      f_->params.push_back(id);
      vars_[v] = id;
      if (m_.vars[v].boxed() || m_.vars[v].assigned) moved.push_back({v, id});
    }
    std::vector<std::pair<VarId, VarId>> lets;
    for (auto [v, param] : moved) {
      VarId inner = f_->addVar(varFor(v, localType(v, f_->vars[param].type)));
      vars_[v] = inner;
      lets.push_back({inner, param});
    }
    NodeId body = build(lam.body, f_->retRep);
    for (size_t k = lets.size(); k-- > 0;) {
      auto [inner, param] = lets[k];
      NodeId init = coerce(local(param, f_->vars[param].type), f_->vars[inner].rep);
      Node let = node(Op::Let, f_->vars[inner].span, (*f_)[body].type, (*f_)[body].rep);
      let.a = inner;
      let.kids = {init, body};
      let.effects = (*f_)[body].effects;
      body = f_->add(std::move(let));
    }
    f_->body = body;
    markTails(*f_);
  }

  // A function's result representation: its type's, but the closure entry returns the tagged
  // word itself (its fixed entry then needs no boxing wrapper).
  Rep retRepOf(infer::InstanceId i) {
    const infer::Instance& inst = p_.instances[i];
    return inst.generic ? Rep::Tagged : repOfType(inst.ret);
  }

  // The type infer gave a local variable in this instance (fallback when it never recorded one).
  TypeId localType(ast::VarId v, TypeId fallback) {
    const auto& locals = p_.instances[inst_].locals;
    auto it = locals.find(v);
    return it == locals.end() ? fallback : it->second;
  }

  // A TIR variable for AST variable v holding values of type t: storage from how the variable is
  // used (resolve's flags), representation from its type unless it is kept tagged.
  Var varFor(ast::VarId v, TypeId t) {
    const ast::Var& x = m_.vars[v];
    Var out;
    out.name = x.name;
    out.span = x.span;
    out.type = t;
    out.origin = v;
    if (x.boxed()) {
      out.storage = Storage::Box;
      out.rep = Rep::Tagged;
      out.type = T().any();
    } else if (x.assigned) {
      out.storage = Storage::Slot;
      out.rep = repOfType(t);
    } else {
      out.storage = Storage::Value;
      out.rep = repOfType(t);
    }
    out.checked = x.defineCount > 0 && !x.hoisted;
    return out;
  }

  // ---- node construction
  Node node(Op op, Span span, TypeId type, Rep rep) {
    Node n;
    n.op = op;
    n.span = span;
    n.type = type;
    n.rep = rep;
    return n;
  }
  TypeId typeOf(ast::NodeId n) { return p_.typeOf(inst_, n); }
  uint32_t effectsOf(ast::NodeId n) { return p_.effectsOf(inst_, n); }
  Node from(Op op, ast::NodeId n) {
    Node x = node(op, m_[n].span, typeOf(n), repOfType(typeOf(n)));
    x.effects = effectsOf(n);
    return x;
  }

  NodeId constant(uint32_t lit, Span span) {
    Node x = node(Op::Const, span, T().any(), Rep::Tagged);
    const ast::Literal& l = out_.literals[lit];
    switch (l.kind) {
      case ast::LitKind::Int: x.type = T().intT(); break;
      case ast::LitKind::Float: x.type = T().floatT(); break;
      case ast::LitKind::Bool: x.type = T().boolT(); break;
      case ast::LitKind::Nil: x.type = T().nilT(); break;
      case ast::LitKind::String: x.type = T().stringT(); break;
      case ast::LitKind::EmptyList: x.type = T().emptyList(); break;
      default: break;
    }
    x.rep = repOfType(x.type);
    x.a = lit;
    return f_->add(std::move(x));
  }
  NodeId nil(Span span) { return constant(out_.nilLiteral(), span); }

  NodeId local(VarId v, TypeId type) {
    Node x = node(Op::Local, f_->vars[v].span, type, f_->vars[v].rep);
    x.a = v;
    if (f_->vars[v].checked) x.effects = FxFail;
    return f_->add(std::move(x));
  }

  // Converts node k to representation `want` with an explicit Box or Unbox.
  NodeId coerce(NodeId k, Rep want) { return coerceTo(*f_, k, want); }

  // ---- expressions: `want` is the representation the parent needs (or none).
  static constexpr int kAnyRep = -1;

  NodeId build(ast::NodeId n, Rep want) { return build(n, static_cast<int>(want)); }

  NodeId build(ast::NodeId n, int want) {
    const ast::Node& x = m_[n];
    switch (x.kind) {
      case NodeKind::If: {
        Node out = from(Op::If, n);
        if (want != kAnyRep) out.rep = static_cast<Rep>(want);
        NodeId c = build(x.kids[0], kAnyRep);
        NodeId t = build(x.kids[1], out.rep);
        NodeId e = build(x.kids[2], out.rep);
        out.kids = {c, t, e};
        return f_->add(std::move(out));
      }
      case NodeKind::Seq: {
        Node out = from(Op::Seq, n);
        if (x.kids.empty()) return wanted(nil(x.span), want);
        for (size_t i = 0; i + 1 < x.kids.size(); ++i) out.kids.push_back(build(x.kids[i], kAnyRep));
        NodeId last = build(x.kids.back(), want);
        out.kids.push_back(last);
        out.rep = (*f_)[last].rep;
        return f_->add(std::move(out));
      }
      case NodeKind::Let: {
        Node out = from(Op::Let, n);
        VarId v = f_->addVar(varFor(x.a, localType(x.a, typeOf(x.kids[0]))));
        NodeId init = coerce(build(x.kids[0], kAnyRep), f_->vars[v].rep);
        vars_[x.a] = v;
        NodeId body = build(x.kids[1], want);
        out.a = v;
        out.kids = {init, body};
        out.rep = (*f_)[body].rep;
        return f_->add(std::move(out));
      }
      case NodeKind::Letrec: return buildLetrec(n, want);
      case NodeKind::Match: return buildMatch(n, want);
      default: break;
    }
    return wanted(buildValue(n), want);
  }

  NodeId wanted(NodeId k, int want) { return want == kAnyRep ? k : coerce(k, static_cast<Rep>(want)); }

  NodeId buildValue(ast::NodeId n) {
    const ast::Node& x = m_[n];
    switch (x.kind) {
      case NodeKind::Const: return constant(x.a, x.span);
      case NodeKind::Name: return nil(x.span);
      case NodeKind::LocalRef:
      case NodeKind::GlobalRef: return readVar(x.a, n);
      case NodeKind::BuiltinRef: {
        Node out = from(Op::BuiltinFn, n);
        out.rep = Rep::Tagged;
        out.a = x.a;
        out.sym = x.sym;
        return f_->add(std::move(out));
      }
      case NodeKind::Lambda: return closure(x.a, x.span, typeOf(n), effectsOf(n));
      case NodeKind::Call: return buildCall(n);
      case NodeKind::Define:
      case NodeKind::SetVar: return buildAssign(n);
      case NodeKind::Construct: {
        Node out = from(Op::Construct, n);
        out.sym = x.sym;
        // Fields every construction fills with a Float are stored raw (unboxed).
        uint32_t raw = out_.rawFields(x.sym, x.kids.size());
        for (size_t i = 0; i < x.kids.size(); ++i) {
          bool unboxed = (raw >> i & 1u) && repOfType(typeOf(x.kids[i])) == Rep::Float;
          out.kids.push_back(build(x.kids[i], unboxed ? Rep::Float : Rep::Tagged));
        }
        return f_->add(std::move(out));
      }
      case NodeKind::CtorFn: {
        Node out = from(Op::CtorFn, n);
        out.rep = Rep::Tagged;
        out.sym = x.sym;
        out.a = x.a;
        return f_->add(std::move(out));
      }
      case NodeKind::Try: return buildTry(n);
      case NodeKind::Throw: {
        Node out = from(Op::Throw, n);
        out.kids = {build(x.kids[0], Rep::Tagged)};
        return f_->add(std::move(out));
      }
      case NodeKind::Effect: {
        Node out = from(Op::Effect, n);
        out.a = x.a;
        for (ast::NodeId k : x.kids) out.kids.push_back(build(k, kAnyRep));
        return f_->add(std::move(out));
      }
      case NodeKind::EffectFn: {
        Node out = from(Op::EffectFn, n);
        out.rep = Rep::Tagged;
        out.a = x.a;
        return f_->add(std::move(out));
      }
      case NodeKind::Handler: {
        Node out = from(Op::Handler, n);
        for (uint32_t key : x.vars) out.vars.push_back(key);
        for (size_t i = 0; i + 1 < x.kids.size(); ++i) out.kids.push_back(build(x.kids[i], Rep::Tagged));
        NodeId body = build(x.kids.back(), kAnyRep);
        out.kids.push_back(body);
        out.rep = (*f_)[body].rep;
        return f_->add(std::move(out));
      }
      default: return build(n, kAnyRep);  // control forms
    }
  }

  // ---- variables
  NodeId readVar(ast::VarId v, ast::NodeId at) {
    const ast::Var& x = m_.vars[v];
    TypeId t = typeOf(at);
    Span span = m_[at].span;
    NodeId out;
    if (x.knownLambda != ast::kNone && m_.lambdas[x.knownLambda].freeVars.empty() && x.hoisted) {
      out = closure(x.knownLambda, span, t, 0);
    } else if (x.kind == ast::VarKind::Global) {
      Node g = node(Op::Global, span, t, Rep::Tagged);
      g.a = x.slot;
      g.b = 1;
      g.effects = effectsOf(at) | FxFail;
      out = f_->add(std::move(g));
    } else if (auto c = caps_.find(v); c != caps_.end() && x.owner != lambda_) {
      const Capture& cap = f_->captures[c->second];
      Node e = node(Op::Env, span, t, cap.rep);
      e.a = c->second;
      e.effects = effectsOf(at);
      out = f_->add(std::move(e));
    } else if (auto it = vars_.find(v); it != vars_.end()) {
      out = local(it->second, t);
      (*f_)[out].span = span;
      (*f_)[out].effects = effectsOf(at);
    } else {
      return coerce(nil(span), repOfType(t));  // a variable no code path binds here (dead code)
    }
    return coerce(out, repOfType(t));
  }

  NodeId buildAssign(ast::NodeId n) {
    const ast::Node& x = m_[n];
    const ast::Var* var = x.a == ast::kNone ? nullptr : &m_.vars[x.a];
    // A hoisted variable is initialized on scope entry (letrec / module level): its define does
    // nothing.
    if (x.kind == NodeKind::Define && var && var->hoisted) return nil(x.span);
    NodeId value = build(x.kids[0], kAnyRep);
    Node out = from(Op::SetLocal, n);
    out.rep = Rep::Tagged;
    out.type = T().nilT();
    if (!var) {  // set! of something resolve rejected: evaluate for effect
      Node s = from(Op::Seq, n);
      s.kids = {value, nil(x.span)};
      s.rep = Rep::Tagged;
      return f_->add(std::move(s));
    }
    if (var->kind == ast::VarKind::Global) {
      out.op = Op::SetGlobal;
      out.a = var->slot;
      out.kids = {coerce(value, Rep::Tagged)};
    } else if (var->owner != lambda_) {
      out.op = Op::SetEnv;
      out.a = caps_.at(x.a);
      out.kids = {coerce(value, Rep::Tagged)};
    } else {
      auto it = vars_.find(x.a);
      if (it == vars_.end()) {
        Node s = from(Op::Seq, n);
        s.kids = {value, nil(x.span)};
        s.rep = Rep::Tagged;
        return f_->add(std::move(s));
      }
      out.a = it->second;
      out.kids = {coerce(value, f_->vars[it->second].rep)};
    }
    return f_->add(std::move(out));
  }

  // ---- closures
  // A closure of lambda l: its captured values are read here (boxes are passed as they are).
  NodeId closure(ast::LambdaId l, Span span, TypeId type, uint32_t fx) {
    Node out = node(Op::MakeClosure, span, type, Rep::Tagged);
    out.a = l;
    out.effects = fx;
    for (const Capture& c : out_.closures[l].captures) out.kids.push_back(coerce(captureValue(c.origin, span), c.rep));
    return f_->add(std::move(out));
  }

  // What a new closure stores for free variable v: the box of a boxed variable, else its value.
  NodeId captureValue(ast::VarId v, Span span) {
    const ast::Var& x = m_.vars[v];
    if (auto c = caps_.find(v); c != caps_.end() && x.owner != lambda_) {
      const Capture& cap = f_->captures[c->second];
      Node e = node(Op::Env, span, cap.type, cap.rep);
      e.a = c->second;
      e.b = 1;  // the slot as it is: a box stays a box
      return f_->add(std::move(e));
    }
    auto it = vars_.find(v);
    if (it == vars_.end()) {
      // A variable of this scope not bound yet: a hoisted closure of the same letrec (patched
      // when the group is complete), or dead code.
      Node u = node(Op::Const, span, T().any(), Rep::Tagged);
      u.a = out_.nilLiteral();
      return f_->add(std::move(u));
    }
    const Var& var = f_->vars[it->second];
    NodeId r = local(it->second, var.type);
    (*f_)[r].span = span;
    (*f_)[r].effects = 0;
    if (var.storage == Storage::Box) {
      (*f_)[r].b = 1;  // the box itself
      (*f_)[r].type = T().any();
    }
    return r;
  }

  NodeId buildLetrec(ast::NodeId n, int want) {
    const ast::Node& x = m_[n];
    Node out = from(Op::Letrec, n);
    std::vector<ast::VarId> hoisted, others;
    for (ast::VarId v : x.vars) (m_.vars[v].hoisted ? hoisted : others).push_back(v);
    // Storage first: every variable of the scope exists before any closure captures it.
    for (ast::VarId v : hoisted) {
      Var hv = varFor(v, T().fnOf({m_.vars[v].knownLambda}));
      hv.storage = Storage::Value;
      hv.rep = Rep::Tagged;
      hv.checked = false;
      VarId id = f_->addVar(hv);
      vars_[v] = id;
      out.vars.push_back(id);
    }
    std::vector<VarId> rest;
    for (ast::VarId v : others) {
      Var ov = varFor(v, m_.vars[v].boxed() ? T().any() : localType(v, T().any()));
      if (ov.storage == Storage::Value) ov.storage = Storage::Slot;  // starts unbound
      ov.rep = Rep::Tagged;
      VarId id = f_->addVar(ov);
      vars_[v] = id;
      rest.push_back(id);
    }
    out.a = static_cast<uint32_t>(hoisted.size());
    for (VarId id : rest) out.vars.push_back(id);
    for (ast::VarId v : hoisted) {
      ast::LambdaId l = m_.vars[v].knownLambda;
      out.kids.push_back(closure(l, m_.lambdas[l].span, T().fnOf({l}), m_.lambdas[l].freeVars.empty() ? 0u : FxAlloc));
    }
    NodeId body = build(x.kids[0], want);
    out.kids.push_back(body);
    out.rep = (*f_)[body].rep;
    return f_->add(std::move(out));
  }

  // ---- calls
  NodeId buildCall(ast::NodeId n) {
    const ast::Node& x = m_[n];
    const ast::Node& callee = m_[x.kids[0]];
    const infer::Instance& inst = p_.instances[inst_];
    if (callee.kind == NodeKind::BuiltinRef) {
      Node out = from(Op::CallBuiltin, n);
      out.a = callee.a;
      out.sym = callee.sym;
      if (auto k = inst.kernels.find(n); k != inst.kernels.end()) out.b = k->second;
      for (size_t i = 1; i < x.kids.size(); ++i) out.kids.push_back(build(x.kids[i], kAnyRep));
      out.rep = builtinRep(out);
      return f_->add(std::move(out));
    }
    auto t = inst.targets.find(n);
    if (t == inst.targets.end()) {
      Node out = from(Op::CallUnknown, n);
      out.rep = Rep::Tagged;
      for (ast::NodeId k : x.kids) out.kids.push_back(build(k, Rep::Tagged));
      return f_->add(std::move(out));
    }
    infer::InstanceId target = t->second;
    const infer::Instance& ti = p_.instances[target];
    ast::LambdaId l = ti.lambda;
    Node out = from(Op::Call, n);
    out.a = target;
    bool knownVar = (callee.kind == NodeKind::LocalRef || callee.kind == NodeKind::GlobalRef) &&
                    m_.vars[callee.a].knownLambda == l;
    if (knownVar && m_.lambdas[l].freeVars.empty()) {
      out.b = 0;
    } else if (knownVar && l == lambda_) {
      out.b = 1;
      Node self = node(Op::Self, callee.span, typeOf(x.kids[0]), Rep::Tagged);
      out.kids.push_back(f_->add(std::move(self)));
    } else {
      out.b = 1;
      out.kids.push_back(build(x.kids[0], Rep::Tagged));
    }
    auto fast = inst.fastTargets.find(n);
    bool speculate = fast != inst.fastTargets.end() && !x.tail;
    if (speculate) out.c = fast->second;
    size_t fixed = m_.lambdas[l].params.size() - (m_.lambdas[l].rest ? 1 : 0);
    for (size_t i = 1; i < x.kids.size() && i <= fixed; ++i) {
      NodeId a = build(x.kids[i], kAnyRep);
      out.kids.push_back(speculate ? a : coerce(a, repOfType(ti.args[i - 1])));
    }
    if (m_.lambdas[l].rest) out.kids.push_back(restList(x, fixed, ti.args[fixed]));
    out.rep = speculate ? repOfType(out.type) : retRepOf(target);
    return f_->add(std::move(out));
  }

  // The arguments of call x after the first `fixed` ones, as the fresh list a rest parameter
  // receives (§20.3): a call of the builtin `list`.
  NodeId restList(const ast::Node& x, size_t fixed, TypeId type) {
    Node list = node(Op::CallBuiltin, x.span, type, Rep::Tagged);
    list.a = FL_B_LIST;
    list.sym = names_.find("list");  // interned by expand for every rest lambda
    list.effects = FxAlloc;
    for (size_t i = fixed + 1; i < x.kids.size(); ++i) list.kids.push_back(build(x.kids[i], Rep::Tagged));
    return f_->add(std::move(list));
  }

  // The representation lower produces for a builtin call: unboxed where the inline operation
  // yields one (Int/Float arithmetic, comparisons), else its type's.
  Rep builtinRep(const Node& n) { return repOfType(n.type); }

  // ---- match and try
  NodeId buildMatch(ast::NodeId n, int want) {
    const ast::Node& x = m_[n];
    Node out = from(Op::Match, n);
    if (want != kAnyRep) out.rep = static_cast<Rep>(want);
    NodeId scrut = build(x.kids[0], kAnyRep);
    out.kids.push_back(scrut);
    for (size_t i = 0; i < x.pats.size(); ++i) {
      orVars_.clear();
      collectOrVars(x.pats[i], false);
      out.pats.push_back(copyPattern(x.pats[i]));
      out.kids.push_back(build(x.kids[i + 1], out.rep));
    }
    return f_->add(std::move(out));
  }

  NodeId buildTry(ast::NodeId n) {
    const ast::Node& x = m_[n];
    Node out = from(Op::Try, n);
    out.rep = Rep::Tagged;
    out.a = x.a == ast::kNone ? 0 : 1;
    out.kids.push_back(build(x.kids[0], Rep::Tagged));
    for (size_t i = 0; i < x.pats.size(); ++i) {
      orVars_.clear();
      collectOrVars(x.pats[i], false);
      out.pats.push_back(copyPattern(x.pats[i]));
      out.kids.push_back(build(x.kids[i + 1], Rep::Tagged));
    }
    if (x.a != ast::kNone) out.kids.push_back(build(x.kids.back(), kAnyRep));
    return f_->add(std::move(out));
  }

  // Variables bound inside or-patterns: every alternative stores them into one slot.
  void collectOrVars(ast::PatId p, bool inOr) {
    const ast::Pattern& pat = m_.patterns[p];
    bool below = inOr || pat.kind == ast::PatKind::Or;
    if ((pat.kind == ast::PatKind::Var || pat.kind == ast::PatKind::As) && inOr) orVars_.insert(pat.a);
    for (ast::PatId k : pat.kids) collectOrVars(k, below);
  }

  // Copies an AST pattern into the function, with TIR variables (bound when the pattern is
  // lowered, in the representation of their types) and TIR guard / view expressions.
  PatId copyPattern(ast::PatId p) {
    const ast::Pattern& src = m_.patterns[p];
    ast::Pattern pat(src.kind, src.span);
    pat.b = src.b;
    pat.inclusive = src.inclusive;
    pat.tag = src.tag;
    pat.a = src.a;
    if (src.kind == ast::PatKind::Var || src.kind == ast::PatKind::As) {
      Var v = varFor(src.a, localType(src.a, T().any()));
      v.checked = false;
      if (orVars_.count(src.a)) {
        v.storage = m_.vars[src.a].boxed() ? Storage::Box : Storage::Slot;
        v.rep = Rep::Tagged;
      }
      auto existing = vars_.find(src.a);
      if (orVars_.count(src.a) && existing != vars_.end() && f_->vars[existing->second].origin == src.a)
        pat.a = existing->second;  // the same variable in another alternative
      else
        pat.a = vars_[src.a] = f_->addVar(v);
    }
    for (ast::PatId k : src.kids) pat.kids.push_back(copyPattern(k));
    if (src.expr != ast::kNone) pat.expr = build(src.expr, src.kind == ast::PatKind::Guard ? kAnyRep : static_cast<int>(Rep::Tagged));
    f_->patterns.push_back(std::move(pat));
    return static_cast<PatId>(f_->patterns.size() - 1);
  }

  static constexpr uint32_t FxFail = infer::FxFail;
  static constexpr uint32_t FxAlloc = infer::FxAlloc;

  const ast::Module& m_;
  infer::Program& p_;
  const Interner& names_;
  Program out_;
  Function* f_ = nullptr;
  infer::InstanceId inst_ = 0;
  ast::LambdaId lambda_ = 0;
  std::unordered_map<ast::VarId, VarId> vars_;
  std::unordered_map<ast::VarId, uint32_t> caps_;
  std::unordered_set<ast::VarId> orVars_;
};

}  // namespace

Program build(const ast::Module& m, infer::Program&& p, const Interner& names) { return Builder(m, p, names).run(); }

}  // namespace fl::tir
