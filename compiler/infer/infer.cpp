#include "infer/infer.h"

#include <deque>
#include <set>

#include "builtins/builtins.h"
#include "fluentai/rt.h"
#include "infer/builtin_rules.h"

namespace fl::infer {

using namespace fl::ast;

namespace {

constexpr size_t kMaxInstancesPerLambda = 8;
constexpr int kMaxLocalPasses = 8;

class Inferer {
 public:
  Inferer(const Module& m, const Interner& names) : m_(m), names_(names) {
    p_.byLambda.resize(m.lambdas.size());
    p_.escapes.assign(m.lambdas.size(), false);
    p_.captures.resize(m.lambdas.size());
    for (LambdaId l = 0; l < m.lambdas.size(); ++l) p_.captures[l].assign(m.lambdas[l].freeVars.size(), p_.types.bottom());
    // A REPL entry's globals, constructor fields and vector slots also hold what other entries
    // put there (ast::Module::sessionEntry).
    p_.globals.assign(m.globals.size(), m.sessionEntry ? p_.types.any() : p_.types.bottom());
    dynamicTags_ = vecDynamic_ = m.sessionEntry;
    globalReaders_.resize(m.globals.size());
    findRecursion();
    vecElem_ = T().bottom();
    findDynamicTags();
    // A lambda written directly as the function of (map f l), (filter f l), (for-each f l) or
    // (fold f init l) only escapes when that call does not become an inline loop (kernels below).
    kernelArg_.assign(m.nodes.size(), false);
    for (const Node& node : m.nodes) {
      if (node.kind != NodeKind::Call || m[node.kids[0]].kind != NodeKind::BuiltinRef || node.kids.size() < 3) continue;
      int32_t id = static_cast<int32_t>(m[node.kids[0]].a);
      size_t argc = node.kids.size() - 1;
      bool loop = ((id == FL_B_MAP || id == FL_B_FILTER || id == FL_B_FOR_EACH || id == FL_B_VECTOR_MAP ||
                    id == FL_B_VECTOR_FOR_EACH) && argc == 2) ||
                  ((id == FL_B_FOLD || id == FL_B_VECTOR_FOLD) && argc == 3);
      if (loop && m[node.kids[1]].kind == NodeKind::Lambda) kernelArg_[node.kids[1]] = true;
    }
    // A lambda that is directly the value of a variable known to hold it only escapes through
    // reads of that variable.
    boundLambda_.assign(m.nodes.size(), false);
    for (const Node& node : m.nodes) {
      if (node.kind != NodeKind::Define && node.kind != NodeKind::Let) continue;
      const Node& value = m[node.kids[0]];
      if (value.kind == NodeKind::Lambda && m.vars[node.a].knownLambda == value.a) boundLambda_[node.kids[0]] = true;
    }
  }

  Program run() {
    p_.init = instanceFor(m_.init, {}, false);
    while (!work_.empty()) {
      InstanceId i = work_.front();
      work_.pop_front();
      queued_[i] = false;
      analyze(i);
    }
    p_.vectorElem = vecDynamic_ ? T().any() : vecElem_;
    noteRawFloatFields();
    return std::move(p_);
  }

 private:
  TypeTable& T() { return p_.types; }

  // ---- instances and the worklist
  InstanceId instanceFor(LambdaId l, std::vector<TypeId> args, bool generic) {
    for (InstanceId i : p_.byLambda[l])
      if (p_.instances[i].args == args) return i;
    if (!generic && p_.byLambda[l].size() >= kMaxInstancesPerLambda) return genericFor(l);
    Instance inst;
    inst.lambda = l;
    inst.args = std::move(args);
    inst.generic = generic;
    inst.ret = T().bottom();
    p_.instances.push_back(std::move(inst));
    InstanceId id = static_cast<InstanceId>(p_.instances.size() - 1);
    p_.byLambda[l].push_back(id);
    callers_.emplace_back();
    queued_.push_back(false);
    enqueue(id);
    return id;
  }
  InstanceId genericFor(LambdaId l) {
    std::vector<TypeId> any(m_.lambdas[l].params.size(), T().any());
    for (InstanceId i : p_.byLambda[l])
      if (p_.instances[i].args == any) {
        p_.instances[i].generic = true;
        return i;
      }
    return instanceFor(l, std::move(any), true);
  }
  void enqueue(InstanceId i) {
    if (queued_[i]) return;
    queued_[i] = true;
    work_.push_back(i);
  }
  void markEscape(LambdaId l) {
    if (p_.escapes[l]) return;
    p_.escapes[l] = true;
    genericFor(l);
  }

  // Lambdas in a cycle of calls through variables known to hold them (static call graph).
  void findRecursion() {
    size_t n = m_.lambdas.size();
    std::vector<std::vector<LambdaId>> edges(n);
    for (NodeId id = 0; id < m_.nodes.size(); ++id) {
      const Node& node = m_[id];
      if (node.kind != NodeKind::Call) continue;
      const Node& callee = m_[node.kids[0]];
      LambdaId from = owner(id);
      if (callee.kind == NodeKind::BuiltinRef) {
        // A function argument of a builtin (map, fold, ...) may be called by it.
        for (size_t k = 1; k < node.kids.size(); ++k) {
          LambdaId arg = lambdaOf(node.kids[k]);
          if (arg != kNone && from != kNone) edges[from].push_back(arg);
        }
        continue;
      }
      if (callee.kind != NodeKind::LocalRef && callee.kind != NodeKind::GlobalRef) continue;
      LambdaId target = m_.vars[callee.a].knownLambda;
      if (target == kNone || from == kNone) continue;  // kNone: a node the optimizer left unreachable
      edges[from].push_back(target);
    }
    p_.mayRecurse.assign(n, false);
    for (LambdaId start = 0; start < n; ++start) {
      std::vector<bool> seen(n, false);
      std::vector<LambdaId> stack(edges[start].begin(), edges[start].end());
      while (!stack.empty()) {
        LambdaId l = stack.back();
        stack.pop_back();
        if (l == start) {
          p_.mayRecurse[start] = true;
          break;
        }
        if (seen[l]) continue;
        seen[l] = true;
        stack.insert(stack.end(), edges[l].begin(), edges[l].end());
      }
    }
  }
  // The lambda an expression certainly evaluates to: a lambda expression or a variable known to
  // hold one (kNone otherwise).
  LambdaId lambdaOf(NodeId id) const {
    const Node& node = m_[id];
    if (node.kind == NodeKind::Lambda) return node.a;
    if (node.kind == NodeKind::LocalRef || node.kind == NodeKind::GlobalRef) return m_.vars[node.a].knownLambda;
    return kNone;
  }

  // The lambda whose body contains node `id` (computed lazily for the call graph).
  LambdaId owner(NodeId id) {
    if (ownerOf_.empty()) ownerOf_ = nodeOwners(m_);
    return ownerOf_[id];
  }

  // ---- analysis of one instance
  struct Ctx {
    InstanceId inst;
    LambdaId lambda;
    std::unordered_map<VarId, TypeId> vars;
    bool varsChanged = false;
  };

  void analyze(InstanceId i) {
    Ctx c;
    c.inst = i;
    c.lambda = p_.instances[i].lambda;
    const Lambda& lam = m_.lambdas[c.lambda];
    for (size_t k = 0; k < lam.params.size(); ++k) c.vars[lam.params[k]] = p_.instances[i].args[k];
    TypeId ret = T().bottom();
    uint32_t fx = 0;
    for (int pass = 0;; ++pass) {
      c.varsChanged = false;
      p_.instances[i].types.clear();
      p_.instances[i].nodeEffects.clear();
      p_.instances[i].targets.clear();
      p_.instances[i].kernels.clear();
      p_.instances[i].fastTargets.clear();
      ret = visit(c, lam.body);
      fx = effects_;
      if (!c.varsChanged) break;
      if (pass == kMaxLocalPasses) {
        // Widen whatever still moves and do a last pass.
        for (auto& [v, t] : c.vars)
          if (m_.vars[v].assigned || m_.vars[v].defineCount) t = T().any();
      }
    }
    Instance& inst = p_.instances[i];
    inst.locals = c.vars;
    TypeId newRet = T().join(inst.ret, ret);
    uint32_t newFx = inst.effects | fx;
    if (newRet != inst.ret || newFx != inst.effects) {
      inst.ret = newRet;
      inst.effects = newFx;
      for (InstanceId caller : callers_[i]) enqueue(caller);
    }
  }

  uint32_t effects_ = 0;  // effects accumulated by the current visit

  TypeId record(Ctx& c, NodeId n, TypeId t, uint32_t fx) {
    Instance& inst = p_.instances[c.inst];
    inst.types[n] = t;
    inst.nodeEffects[n] = fx;
    return t;
  }

  // Visits node n; returns its type; its effects are left in effects_.
  TypeId visit(Ctx& c, NodeId n) {
    const Node& node = m_[n];
    switch (node.kind) {
      case NodeKind::Const: effects_ = 0; return record(c, n, literalType(m_.literals[node.a]), 0);
      case NodeKind::Name: effects_ = 0; return record(c, n, T().any(), 0);
      case NodeKind::BuiltinRef:
        effects_ = 0;
        return record(c, n, T().fnOf({kBuiltinCallee | node.a}), 0);
      case NodeKind::LocalRef:
      case NodeKind::GlobalRef: {
        TypeId t = readVar(c, node.a, true);
        return record(c, n, t, effects_);
      }
      case NodeKind::Lambda: {
        LambdaId l = node.a;
        if (!boundLambda_[n] && !kernelArg_[n]) markEscape(l);
        noteCaptures(c, l);
        effects_ = m_.lambdas[l].freeVars.empty() ? 0u : static_cast<uint32_t>(FxAlloc);
        return record(c, n, T().fnOf({l}), effects_);
      }
      case NodeKind::If: {
        TypeId ct = visit(c, node.kids[0]);
        uint32_t fx = effects_;
        if (T().bits(ct) == 0) {
          effects_ = fx;
          return record(c, n, T().bottom(), fx);
        }
        TypeId a = visit(c, node.kids[1]);
        fx |= effects_;
        TypeId b = visit(c, node.kids[2]);
        fx |= effects_;
        effects_ = fx;
        return record(c, n, T().join(a, b), fx);
      }
      case NodeKind::Seq: {
        TypeId t = T().nilT();
        uint32_t fx = 0;
        for (NodeId k : node.kids) {
          t = visit(c, k);
          fx |= effects_;
        }
        effects_ = fx;
        return record(c, n, t, fx);
      }
      case NodeKind::Let: {
        TypeId init = visit(c, node.kids[0]);
        uint32_t fx = effects_;
        bindVar(c, node.a, init);
        TypeId t = visit(c, node.kids[1]);
        effects_ |= fx;
        return record(c, n, t, effects_);
      }
      case NodeKind::Letrec: {
        for (VarId v : node.vars)
          if (!c.vars.count(v)) c.vars[v] = m_.vars[v].boxed() ? T().any() : T().bottom();
        TypeId t = visit(c, node.kids[0]);
        return record(c, n, t, effects_);
      }
      case NodeKind::Define:
      case NodeKind::SetVar: {
        TypeId v = visit(c, node.kids[0]);
        uint32_t fx = effects_ | FxMutate;
        if (node.a != kNone) assignVar(c, node.a, v);
        effects_ = fx;
        return record(c, n, T().nilT(), fx);
      }
      case NodeKind::Call: return visitCall(c, n);
      case NodeKind::Construct: {
        uint32_t fx = FxAlloc;
        std::vector<TypeId> fields;
        for (NodeId k : node.kids) {
          fields.push_back(visit(c, k));
          fx |= effects_;
        }
        effects_ = fx;
        TagId tag = tagOf(node.sym, static_cast<uint32_t>(fields.size()));
        noteFields(tag, fields);
        return record(c, n, T().taggedOf(tag), fx);
      }
      case NodeKind::CtorFn: effects_ = 0; return record(c, n, T().anyFn(), 0);
      case NodeKind::Effect: {
        uint32_t fx = 0;
        std::vector<TypeId> args = visitArgs(c, node, fx, 0);
        BuiltinResult r = effectResult(static_cast<int32_t>(node.a), args, T(), m_.handledEffects);
        effects_ = fx | r.effects;
        return record(c, n, r.type, effects_);
      }
      case NodeKind::EffectFn: effects_ = 0; return record(c, n, T().anyFn(), 0);
      case NodeKind::Handler: {
        uint32_t fx = FxAll;  // the body's effects go to arbitrary handler functions
        TypeId t = T().nilT();
        for (NodeId k : node.kids) {
          t = visit(c, k);
          fx |= effects_;
        }
        effects_ = fx;
        return record(c, n, t, fx);
      }
      case NodeKind::Throw: {
        visit(c, node.kids[0]);
        effects_ |= FxThrow;
        return record(c, n, T().bottom(), effects_);
      }
      case NodeKind::Match: {
        TypeId scrut = visit(c, node.kids[0]);
        uint32_t fx = effects_;
        TypeId t = T().bottom();
        bool total = false;
        for (size_t i = 0; i < node.pats.size(); ++i) {
          fx |= bindPattern(c, node.pats[i], scrut);
          t = T().join(t, visit(c, node.kids[i + 1]));
          fx |= effects_;
          total |= irrefutable(node.pats[i]);
          if (total) break;
        }
        // No clause matched: nil (§9) -- unless the clauses cover every value of the scrutinee's type.
        if (!total && !covers(scrut, node.pats)) t = T().join(t, T().nilT());
        effects_ = fx;
        return record(c, n, t, fx);
      }
      case NodeKind::Try: {
        TypeId t = visit(c, node.kids[0]);
        uint32_t fx = effects_;
        for (size_t i = 0; i < node.pats.size(); ++i) {
          fx |= bindPattern(c, node.pats[i], T().any());
          t = T().join(t, visit(c, node.kids[i + 1]));
          fx |= effects_;
        }
        if (node.a != kNone) {
          visit(c, node.kids.back());
          fx |= effects_;
        }
        effects_ = fx;
        return record(c, n, t, fx);
      }
    }
    effects_ = 0;
    return T().any();
  }

  TypeId literalType(const Literal& l) {
    switch (l.kind) {
      case LitKind::Int: return T().intT();
      case LitKind::Float: return T().floatT();
      case LitKind::Bool: return T().boolT();
      case LitKind::Nil: return T().nilT();
      case LitKind::String: return T().stringT();
      case LitKind::EmptyList: return T().emptyList();
      case LitKind::Symbol: return T().base(TSymbol);
      case LitKind::Tagged: return T().taggedOf(T().tagId(l.s, 0));
      case LitKind::Keyword: return T().base(TKeyword);
      case LitKind::List: {
        TypeId e = T().bottom();
        for (LitId item : l.items) e = T().join(e, literalType(m_.literals[item]));
        return T().listOf(e);
      }
    }
    return T().any();
  }

  // ---- patterns: bind pattern variables (the whole value's type at the top, Any inside) and
  // visit guard and view expressions; returns their effects.
  bool irrefutable(PatId p) const {
    const Pattern& pat = m_.patterns[p];
    if (pat.kind == PatKind::Wildcard || pat.kind == PatKind::Var) return true;
    return pat.kind == PatKind::As && irrefutable(pat.kids[0]);
  }
  uint32_t bindPattern(Ctx& c, PatId p, TypeId t) {
    const Pattern& pat = m_.patterns[p];
    uint32_t fx = 0;
    switch (pat.kind) {
      case PatKind::Var: bindVar(c, pat.a, t); return 0;
      case PatKind::As:
        bindVar(c, pat.a, t);
        return bindPattern(c, pat.kids[0], t);
      case PatKind::Guard:
        fx = bindPattern(c, pat.kids[0], t);
        visit(c, pat.expr);
        return fx | effects_;
      case PatKind::View:
        visit(c, pat.expr);
        fx = effects_ | FxAll;  // calls an unknown function
        return fx | bindPattern(c, pat.kids[0], T().any());
      case PatKind::Or:
        for (PatId k : pat.kids) fx |= bindPattern(c, k, t);
        return fx;
      case PatKind::Ctor: {
        // The fields of a (C p...) value are what the program's constructions of C put there.
        TagId tag = tagOf(pat.tag, static_cast<uint32_t>(pat.kids.size()));
        for (size_t i = 0; i < pat.kids.size(); ++i) fx |= bindPattern(c, pat.kids[i], fieldType(c, tag, i));
        return fx;
      }
      case PatKind::Cons: {
        TypeId e = elemOf(t);
        fx |= bindPattern(c, pat.kids[0], e);
        return fx | bindPattern(c, pat.kids[1], T().bits(e) ? T().listOf(e) : T().bottom());
      }
      case PatKind::List: {
        TypeId e = elemOf(t);
        for (PatId k : pat.kids) fx |= bindPattern(c, k, e);
        return fx;
      }
      default:
        for (PatId k : pat.kids) fx |= bindPattern(c, k, T().any());
        return fx;
    }
  }

  // The element type of the list values among t (Never when t has none).
  TypeId elemOf(TypeId t) { return T().maybe(t, TList) ? T().elem(t) : T().bottom(); }

  // ---- constructors: field types come from every construction in the program, unless values of
  // a constructor can also be made where its fields are not seen (make-tagged, a constructor
  // used as a function value): then they are Any.
  TagId tagOf(Sym name, uint32_t arity) { return T().tagId(std::string(names_.str(name)), arity); }

  void findDynamicTags() {
    std::vector<bool> callee(m_.nodes.size(), false);
    for (const Node& node : m_.nodes)
      if (node.kind == NodeKind::Call) callee[node.kids[0]] = true;
    for (NodeId i = 0; i < m_.nodes.size(); ++i) {
      const Node& node = m_[i];
      if (node.kind == NodeKind::BuiltinRef && node.a == FL_B_MAKE_TAGGED) dynamicTags_ = true;
      if (node.kind == NodeKind::CtorFn) anyFields_.insert(tagOf(node.sym, node.a));
      if (node.kind == NodeKind::BuiltinRef && !callee[i] && writesVectors(static_cast<int32_t>(node.a)))
        vecDynamic_ = true;  // a vector builtin as a value: its writes are not seen
    }
  }

  // ---- vectors (§20.1): one element type for every vector of the program, the join of every
  // value a builtin puts into one (vector-map's results are not seen: Any). vector-ref reads it.
  static bool writesVectors(int32_t id) {
    switch (id) {
      case FL_B_VECTOR:
      case FL_B_MAKE_VECTOR:
      case FL_B_VECTOR_SET:
      case FL_B_VECTOR_FILL:
      case FL_B_LIST_TO_VECTOR:
      case FL_B_VECTOR_MAP: return true;
      default: return false;
    }
  }
  void noteVectorElements(int32_t id, const std::vector<TypeId>& args) {
    TypeId t = T().bottom();
    switch (id) {
      case FL_B_VECTOR:
        for (TypeId a : args) t = T().join(t, a);
        break;
      case FL_B_MAKE_VECTOR: t = args.size() > 1 ? args[1] : T().nilT(); break;
      case FL_B_VECTOR_SET: t = args.size() > 2 ? args[2] : T().any(); break;
      case FL_B_VECTOR_FILL: t = args.size() > 1 ? args[1] : T().any(); break;
      case FL_B_LIST_TO_VECTOR: t = args.empty() || T().bits(args[0]) != TList ? T().any() : T().elem(args[0]); break;
      default: return;  // vector-map: its function's results, noted in visitCall
    }
    noteVectorResults(t);
  }
  void noteVectorResults(TypeId t) {
    TypeId j = T().join(vecElem_, t);
    if (j == vecElem_) return;
    vecElem_ = j;
    for (InstanceId r : vecReaders_) enqueue(r);
  }
  TypeId vectorElement(Ctx& c) {
    if (vecDynamic_) return T().any();
    vecReaders_.insert(c.inst);
    return vecElem_;
  }

  // Float fields stored unboxed: only where every construction is known (no make-tagged, no
  // constructor used as a function value) and puts a Float there.
  void noteRawFloatFields() {
    if (dynamicTags_) return;
    for (const auto& [tag, fields] : fieldTypes_) {
      if (anyFields_.count(tag)) continue;
      uint32_t mask = 0;
      for (size_t i = 0; i < fields.size() && i < FL_TAGGED_RAW_FIELDS; ++i)
        if (fields[i] == T().floatT()) mask |= 1u << i;
      if (mask) p_.rawFloatFields[{T().tagName(tag), T().tagArity(tag)}] = mask;
    }
  }

  void noteFields(TagId tag, const std::vector<TypeId>& fields) {
    auto& cur = fieldTypes_[tag];
    if (cur.empty()) cur.assign(fields.size(), T().bottom());
    bool changed = false;
    for (size_t i = 0; i < fields.size(); ++i) {
      TypeId j = T().join(cur[i], fields[i]);
      if (j != cur[i]) {
        cur[i] = j;
        changed = true;
      }
    }
    if (changed)
      for (InstanceId r : fieldReaders_[tag]) enqueue(r);
  }

  TypeId fieldType(Ctx& c, TagId tag, size_t i) {
    if (dynamicTags_ || anyFields_.count(tag)) return T().any();
    fieldReaders_[tag].insert(c.inst);
    auto it = fieldTypes_.find(tag);
    return it == fieldTypes_.end() || i >= it->second.size() ? T().bottom() : it->second[i];
  }

  // ---- coverage: the unguarded clauses match every value of type t (so a match never falls
  // through to nil). Lists: an empty-list clause and a (cons _ _) clause; nil: a `nil` clause;
  // tagged values of known constructors: a (C _ ...) clause for each.
  bool covers(TypeId t, const llvm::SmallVector<PatId, 0>& pats) {
    const TypeData d = p_.types.get(t);
    if (d.bits == 0) return true;
    if (d.bits & ~(TList | TNil | TTagged)) return false;
    if ((d.bits & TTagged) && d.tags.empty()) return false;
    bool empty = false, cons = false, nil = false;
    std::vector<TagId> tags;
    for (PatId p : pats) {
      const Pattern& pat = m_.patterns[p];
      switch (pat.kind) {
        case PatKind::EmptyList: empty = true; break;
        case PatKind::NilOrEmpty: empty = nil = true; break;
        case PatKind::Literal:
          if (m_.literals[pat.a].kind == LitKind::EmptyList) empty = true;
          break;
        case PatKind::Cons:
          if (irrefutable(pat.kids[0]) && irrefutable(pat.kids[1])) cons = true;
          break;
        case PatKind::Ctor: {
          bool all = true;
          for (PatId k : pat.kids) all = all && irrefutable(k);
          if (all) tags.push_back(tagOf(pat.tag, static_cast<uint32_t>(pat.kids.size())));
          break;
        }
        default: break;
      }
    }
    if ((d.bits & TList) && !(empty && cons)) return false;
    if ((d.bits & TNil) && !nil) return false;
    if (d.bits & TTagged)
      for (TagId tag : d.tags)
        if (std::find(tags.begin(), tags.end(), tag) == tags.end()) return false;
    return true;
  }
  // ---- variables
  bool ownVar(const Ctx& c, VarId v) const {
    const Var& x = m_.vars[v];
    return x.kind != VarKind::Global && x.owner == c.lambda;
  }

  // The type of reading v; effects_ gets FxFail when the read may find it uninitialized.
  TypeId readVar(Ctx& c, VarId v, bool asValue) {
    const Var& x = m_.vars[v];
    effects_ = 0;
    if (x.knownLambda != kNone) {
      if (asValue) markEscape(x.knownLambda);
      return T().fnOf({x.knownLambda});
    }
    bool defineInit = x.defineCount > 0;  // letrec/module variable: may be read before its define
    if (defineInit) effects_ = FxFail;
    if (x.kind == VarKind::Global) {
      globalReaders_[x.slot].insert(c.inst);
      return p_.globals[x.slot];
    }
    if (x.boxed()) return T().any();
    if (!ownVar(c, v)) return captureType(c.lambda, v);
    auto it = c.vars.find(v);
    return it == c.vars.end() ? T().bottom() : it->second;
  }

  // ---- captures: a closure of lambda l is created here; what it captures is seen by every
  // instance of l (a change re-analyses them).
  void noteCaptures(Ctx& c, LambdaId l) {
    const auto& fv = m_.lambdas[l].freeVars;
    bool changed = false;
    for (size_t k = 0; k < fv.size(); ++k) {
      const Var& x = m_.vars[fv[k]];
      TypeId t;
      if (x.boxed()) t = T().any();
      else if (x.knownLambda != kNone) t = T().fnOf({x.knownLambda});
      else if (!ownVar(c, fv[k])) t = captureType(c.lambda, fv[k]);
      else {
        auto it = c.vars.find(fv[k]);
        t = it == c.vars.end() ? T().bottom() : it->second;
      }
      TypeId& cur = p_.captures[l][k];
      TypeId j = T().join(cur, t);
      if (j != cur) {
        cur = j;
        changed = true;
      }
    }
    if (changed)
      for (InstanceId i : p_.byLambda[l]) enqueue(i);
  }

  TypeId captureType(LambdaId l, VarId v) const {
    const auto& fv = m_.lambdas[l].freeVars;
    for (size_t k = 0; k < fv.size(); ++k)
      if (fv[k] == v) return p_.captures[l][k];
    return p_.types.any();
  }

  void bindVar(Ctx& c, VarId v, TypeId t) {
    const Var& x = m_.vars[v];
    if (x.boxed()) t = T().any();
    auto [it, fresh] = c.vars.emplace(v, t);
    if (fresh) return;
    TypeId j = x.assigned ? T().join(it->second, t) : t;
    if (x.assigned && j != it->second) c.varsChanged = true;
    it->second = j;
  }

  void assignVar(Ctx& c, VarId v, TypeId t) {
    const Var& x = m_.vars[v];
    if (x.kind == VarKind::Global) {
      TypeId j = T().join(p_.globals[x.slot], t);
      if (j != p_.globals[x.slot]) {
        p_.globals[x.slot] = j;
        for (InstanceId r : globalReaders_[x.slot]) enqueue(r);
      }
      return;
    }
    if (x.boxed() || !ownVar(c, v)) return;
    TypeId& cur = c.vars[v];
    TypeId j = T().join(cur, t);
    if (j != cur) {
      cur = j;
      c.varsChanged = true;
    }
  }

  // ---- calls
  TypeId visitCall(Ctx& c, NodeId n) {
    const Node& node = m_[n];
    NodeId calleeNode = node.kids[0];
    const Node& callee = m_[calleeNode];
    size_t argc = node.kids.size() - 1;
    uint32_t fx = 0;

    if (callee.kind == NodeKind::BuiltinRef) {
      record(c, calleeNode, T().fnOf({kBuiltinCallee | callee.a}), 0);
      std::vector<TypeId> args = visitArgs(c, node, fx);
      // An argument with no value yet (still being inferred): the call cannot run yet either.
      // Saying so keeps results monotone: the rules are not defined for empty types.
      for (TypeId a : args)
        if (T().bits(a) == 0) {
          effects_ = fx;
          return record(c, n, T().bottom(), fx);
        }
      BuiltinResult r = builtinResult(static_cast<int32_t>(callee.a), args, T(), m_.handledEffects);
      if (writesVectors(static_cast<int32_t>(callee.a))) noteVectorElements(static_cast<int32_t>(callee.a), args);
      if (callee.a == FL_B_VECTOR_REF && T().bits(r.type) != 0) r.type = vectorElement(c);
      if (T().bits(r.type) != 0) inferKernel(c, n, static_cast<int32_t>(callee.a), args, r);
      if (callee.a == FL_B_VECTOR_MAP) {  // the new vector holds f's results
        auto k = p_.instances[c.inst].kernels.find(n);
        noteVectorResults(k == p_.instances[c.inst].kernels.end() ? T().any() : p_.instances[k->second].ret);
      }
      if (node.kids.size() > 1 && kernelArg_[node.kids[1]] && !p_.instances[c.inst].kernels.count(n))
        markEscape(m_[node.kids[1]].a);  // the runtime's builtin gets the closure
      if (callee.a == FL_B_TAGGED_FIELD) r.type = accessorType(c, node, r.type);
      effects_ = fx | r.effects;
      return record(c, n, r.type, effects_);
    }

    // A variable known to hold one lambda, or a callee whose type is one lambda.
    LambdaId target = kNone;
    bool typedTarget = false;
    TypeId calleeType;
    if ((callee.kind == NodeKind::LocalRef || callee.kind == NodeKind::GlobalRef) &&
        m_.vars[callee.a].knownLambda != kNone) {
      calleeType = readVar(c, callee.a, false);
      target = m_.vars[callee.a].knownLambda;
      record(c, calleeNode, calleeType, effects_);
    } else {
      calleeType = visit(c, calleeNode);
      const TypeData& d = T().get(calleeType);
      if (d.bits == TFn && d.callees.size() == 1 && !(d.callees[0] & kBuiltinCallee)) {
        target = d.callees[0];
        typedTarget = true;
      }
    }
    fx |= effects_;
    std::vector<TypeId> args = visitArgs(c, node, fx);
    for (TypeId a : args)
      if (T().bits(a) == 0) {
        effects_ = fx;
        return record(c, n, T().bottom(), fx);
      }
    if (target == kNone) {
      effects_ = fx | FxAll;
      return record(c, n, T().any(), effects_);
    }
    const Lambda& tl = m_.lambdas[target];
    size_t fixed = tl.params.size() - (tl.rest ? 1 : 0);
    if (tl.rest ? argc < fixed : argc != fixed) {
      effects_ = fx | FxFail;
      return record(c, n, T().bottom(), effects_);
    }
    if (tl.rest) {  // the arguments after the fixed ones become one fresh list (§20.3)
      TypeId elem = T().bottom();
      for (size_t k = fixed; k < args.size(); ++k) elem = T().join(elem, args[k]);
      args.resize(fixed);
      args.push_back(T().listOf(elem));
      fx |= FxAlloc;
    }
    InstanceId callee_inst = instanceFor(target, args, false);
    callers_[callee_inst].insert(c.inst);
    p_.instances[c.inst].targets[n] = callee_inst;
    TypeId ret = p_.instances[callee_inst].ret;
    fx |= p_.instances[callee_inst].effects;
    // Speculation: arguments that are Int or Float (e.g. from string->number) also get an
    // instance where they are Int; lowering calls it when they are fixnums at run time.
    std::vector<TypeId> intArgs = args;
    bool narrowed = false;
    for (TypeId& a : intArgs)
      if (T().bits(a) == TNumber) a = T().intT(), narrowed = true;
    if (narrowed) {
      InstanceId fast = instanceFor(target, intArgs, false);
      if (fast != callee_inst && p_.instances[fast].args == intArgs) {
        callers_[fast].insert(c.inst);
        p_.instances[c.inst].fastTargets[n] = fast;
        ret = T().join(ret, p_.instances[fast].ret);
        fx |= p_.instances[fast].effects;
      }
    }
    if (p_.mayRecurse[target] || typedTarget) fx |= FxDiverge;
    effects_ = fx;
    return record(c, n, ret, fx);
  }

  // (%tagged-field v "C" arity index name), the body of a define-type accessor: field `index`.
  TypeId accessorType(Ctx& c, const Node& call, TypeId fallback) {
    if (call.kids.size() != 6) return fallback;
    const Node& name = m_[call.kids[2]];
    const Node& arity = m_[call.kids[3]];
    const Node& index = m_[call.kids[4]];
    if (name.kind != NodeKind::Const || arity.kind != NodeKind::Const || index.kind != NodeKind::Const) return fallback;
    const Literal& n = m_.literals[name.a];
    const Literal& a = m_.literals[arity.a];
    const Literal& i = m_.literals[index.a];
    if (n.kind != LitKind::String || a.kind != LitKind::Int || i.kind != LitKind::Int) return fallback;
    return fieldType(c, T().tagId(n.s, static_cast<uint32_t>(a.i)), static_cast<size_t>(i.i));
  }

  // ---- kernels: (map f l), (filter f l), (for-each f l) and (fold f init l) where f is a known
  // lambda of the right arity and l a list of a known element type E. f gets an instance for E
  // (for fold: for (A, E) where A is the accumulator's type, a fixpoint over init and f's
  // result), so that lowering can run the loop inline with direct, unboxed calls; the call's
  // type and effects become those of the loop instead of "calls anything".
  void inferKernel(Ctx& c, NodeId n, int32_t id, const std::vector<TypeId>& args, BuiltinResult& r) {
    const Node& node = m_[n];
    size_t listArg = 1, arity = 1;
    bool vector = false;  // vector-map / -for-each / -fold (§20.1): elements of the program's vectors
    switch (id) {
      case FL_B_VECTOR_MAP:
      case FL_B_VECTOR_FOR_EACH: vector = true; [[fallthrough]];
      case FL_B_MAP:
      case FL_B_FILTER:
      case FL_B_FOR_EACH:
        if (args.size() != 2) return;
        break;
      case FL_B_VECTOR_FOLD: vector = true; [[fallthrough]];
      case FL_B_FOLD:
        if (args.size() != 3) return;
        listArg = 2;
        arity = 2;
        break;
      default: return;
    }
    TypeId list = args[listArg];
    if (T().bits(list) != (vector ? TVector : TList)) return;
    TypeId e = vector ? vectorElement(c) : T().elem(list);
    bool fold = id == FL_B_FOLD || id == FL_B_VECTOR_FOLD;
    bool each = id == FL_B_FOR_EACH || id == FL_B_VECTOR_FOR_EACH;
    if (T().bits(e) == 0) {
      // Only ever the empty list (so far: a kernel's result may still be unknown): the function
      // is never called. Saying so keeps the analysis monotone while results are still growing.
      r = {fold ? args[1] : each ? T().nilT() : list, vector ? static_cast<uint32_t>(FxMutate) : 0u};
      return;
    }
    LambdaId l = lambdaOf(node.kids[1]);
    if (l == kNone || m_.lambdas[l].params.size() != arity || m_.lambdas[l].rest) return;
    InstanceId k = kNoInstance;
    TypeId type = r.type;
    if (fold) {
      TypeId acc = args[1];
      for (int round = 0;; ++round) {
        k = instanceFor(l, {acc, e}, false);
        acc = p_.instances[k].args[0];  // the generic instance when there are too many
        TypeId next = T().join(acc, p_.instances[k].ret);
        if (next == acc) break;
        if (round == 3) return;  // still growing: the next analysis of this caller retries
        acc = next;
      }
      type = acc;
    } else {
      k = instanceFor(l, {e}, false);
      if (id == FL_B_MAP) type = T().listOf(p_.instances[k].ret);
      if (id == FL_B_FILTER) type = list;
      if (each) type = T().nilT();
      if (id == FL_B_VECTOR_MAP) type = T().base(TVector);
    }
    callers_[k].insert(c.inst);
    p_.instances[c.inst].kernels[n] = k;
    uint32_t fx = p_.instances[k].effects | (id == FL_B_MAP || id == FL_B_FILTER || id == FL_B_VECTOR_MAP ? FxAlloc : 0u);
    if (vector) fx |= FxMutate;  // reads the vector's current elements
    if (p_.mayRecurse[l]) fx |= FxDiverge;
    r = {type, fx};
  }

  // Visits the argument nodes (kids from `first` on).
  std::vector<TypeId> visitArgs(Ctx& c, const Node& node, uint32_t& fx, size_t first = 1) {
    std::vector<TypeId> args;
    for (size_t k = first; k < node.kids.size(); ++k) {
      args.push_back(visit(c, node.kids[k]));
      fx |= effects_;
    }
    return args;
  }

  const Module& m_;
  const Interner& names_;
  Program p_;
  bool dynamicTags_ = false;                 // make-tagged occurs: any tag may have any fields
  std::set<TagId> anyFields_;                // constructors also made through a function value
  std::unordered_map<TagId, std::vector<TypeId>> fieldTypes_;
  std::unordered_map<TagId, std::set<InstanceId>> fieldReaders_;
  bool vecDynamic_ = false;                  // a vector-writing builtin is used as a value
  TypeId vecElem_ = 0;                       // set to bottom in run()
  std::set<InstanceId> vecReaders_;
  std::deque<InstanceId> work_;
  std::vector<bool> queued_;
  std::vector<std::set<InstanceId>> callers_;
  std::vector<std::set<InstanceId>> globalReaders_;
  std::vector<LambdaId> ownerOf_;
  std::vector<bool> boundLambda_;
  std::vector<bool> kernelArg_;
};

}  // namespace

TypeId Program::typeOf(InstanceId i, NodeId n) const {
  const auto& m = instances[i].types;
  auto it = m.find(n);
  return it == m.end() ? types.bottom() : it->second;
}

uint32_t Program::effectsOf(InstanceId i, NodeId n) const {
  const auto& m = instances[i].nodeEffects;
  auto it = m.find(n);
  return it == m.end() ? FxAll : it->second;
}

InstanceId Program::genericInstance(LambdaId l) const {
  for (InstanceId i : byLambda[l])
    if (instances[i].generic) return i;
  return kNoInstance;
}

Program infer(const Module& m, const Interner& names) { return Inferer(m, names).run(); }

}  // namespace fl::infer
