#include "expand/expand.h"
#include "expand/expander.h"

#include <cctype>
#include <cstring>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "fluentai/rt.h"

namespace fl::expand {

using namespace fl::ast;
using parse::DatumId;
using parse::DatumKind;

namespace {
constexpr const char* kEffectTypes[] = {"io", "state", "error", "time", "random", "network", "dom", "async", "concurrent"};
}  // namespace

bool isEffectTypeName(std::string_view t) {
  for (const char* e : kEffectTypes) {
    if (t.size() != strlen(e)) continue;
    bool same = true;
    for (size_t i = 0; i < t.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(t[i])) != e[i]) same = false;
    if (same) return true;
  }
  return false;
}

bool isEffectOperationName(std::string_view name) {
  size_t colon = name.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  return isEffectTypeName(name.substr(0, colon));
}


bool Expander::checkBindable(DatumId d, const char* context) {
  const parse::Datum& x = D(d);
  switch (x.kind) {
    case DatumKind::Symbol:
      if (isEffectOperationName(symName(d))) {
        diags_.report(diag::Id::ReservedBinding, x.span, symName(d));
        return false;
      }
      return true;
    case DatumKind::Nil:
      diags_.report(diag::Id::ReservedBinding, x.span, "nil");
      return false;
    case DatumKind::Bool:
      diags_.report(diag::Id::ReservedBinding, x.span, x.b ? "true" : "false");
      return false;
    case DatumKind::Dot:
      diags_.report(diag::Id::MisplacedDot, x.span);
      return false;
    default:
      diags_.report(diag::Id::BadForm, x.span, context, "expected an identifier");
      return false;
  }
}

// Splices (begin ...) / (do ...) forms of a body into it (§2.3).
void Expander::flattenBody(const Forms& forms, Forms& out) {
  for (DatumId f : forms) {
    Form k = formOf(f);
    if (k == Form::Begin || k == Form::Do)
      flattenBody(childrenFrom(f, 1), out);
    else
      out.push_back(f);
  }
}

Expander::DefineParts Expander::defineTarget(DatumId d) {
  DefineParts p;
  if (F.size(d) < 2) {
    malformed(d, "define", "expected (define NAME VALUE) or (define (NAME PARAM...) BODY...)");
    return p;
  }
  DatumId target = F.child(d, 1);
  if (D(target).kind == DatumKind::List || D(target).kind == DatumKind::Bracket) {
    if (F.size(target) == 0) {
      malformed(d, "define", "expected a function name in (define (NAME PARAM...) BODY...)");
      return p;
    }
    target = F.child(target, 0);
  } else if (F.size(d) != 3) {
    malformed(d, "define", "expected (define NAME VALUE)");
    return p;
  }
  if (!checkBindable(target, "define")) return p;
  p.nameDatum = target;
  p.ok = true;
  return p;
}

NodeId Expander::defineValue(DatumId d, Sym name) {
  DatumId target = F.child(d, 1);
  if (D(target).kind == DatumKind::List || D(target).kind == DatumKind::Bracket) {
    // (define (f p...) body...) == (define f (lambda (p...) body...)); the params are the rest.
    return lambdaFrom(target, true, childrenFrom(d, 2), D(d).span, name);
  }
  return expr(F.child(d, 2), name);
}

NodeId Expander::body(const Forms& forms, Span span) {
  Forms flat;
  flattenBody(forms, flat);
  if (flat.empty()) return nilConst(span);

  // Body-level defines are local to the body with letrec* semantics (§2.3).
  std::vector<VarId> vars;
  std::unordered_map<uint32_t, VarId> byName;
  std::vector<DefineParts> targets = defineTargets(flat);
  for (size_t i = 0; i < flat.size(); ++i) {
    const DefineParts& t = targets[i];
    if (!t.ok) continue;
    Sym name = D(t.nameDatum).sym;
    auto it = byName.find(name.id);
    if (it != byName.end()) {
      diags_.report(diag::Id::DuplicateDefinition, D(t.nameDatum).span, names_.str(name));
      diags_.note(m_.vars[it->second].span, "first defined here");
      continue;
    }
    VarId v = m_.addVar(name, D(t.nameDatum).span, VarKind::Local, cur_);
    byName.emplace(name.id, v);
    vars.push_back(v);
  }

  std::vector<NodeId> kids;
  std::unordered_set<VarId> defined;
  for (size_t i = 0; i < flat.size(); ++i) {
    DatumId f = flat[i];
    Form k = formOf(f);
    if (k == Form::Define) {
      const DefineParts& t = targets[i];
      if (!t.ok) continue;
      VarId v = byName[D(t.nameDatum).sym.id];
      if (!defined.insert(v).second) continue;  // duplicate, already reported
      NodeId n = node(NodeKind::Define, D(f).span);
      NodeId value = defineValue(f, D(t.nameDatum).sym);
      m_[n].a = v;
      m_[n].kids = {value};
      m_.vars[v].defineCount++;
      kids.push_back(n);
    } else if (k == Form::Import || k == Form::Export || k == Form::Module || k == Form::Data ||
               k == Form::DefineType || k == Form::Contract || k == Form::DefineForeign) {
      diags_.report(diag::Id::TopLevelOnly, D(f).span, formName(f));
    } else {
      kids.push_back(expr(f));
    }
  }
  if (vars.empty()) return seq(kids, span);
  NodeId n = node(NodeKind::Letrec, span);
  m_[n].vars.assign(vars.begin(), vars.end());
  m_[n].kids = {seq(kids, span)};
  return n;
}

NodeId Expander::expr(DatumId d, Sym nameHint) {
  const parse::Datum& x = D(d);
  switch (x.kind) {
    case DatumKind::Integer: {
      Literal l{LitKind::Int};
      l.i = x.i;
      return m_.addConst(l, x.span);
    }
    case DatumKind::Float: {
      Literal l{LitKind::Float};
      l.f = x.f;
      return m_.addConst(l, x.span);
    }
    case DatumKind::String: {
      Literal l{LitKind::String};
      l.s = F.strings[x.str];
      return m_.addConst(l, x.span);
    }
    case DatumKind::Bool: return boolConst(x.b, x.span);
    case DatumKind::Nil: return nilConst(x.span);
    case DatumKind::Symbol: return symbolExpr(d);
    case DatumKind::Keyword: return m_.addConst(quoted(d), x.span);
    case DatumKind::Qualified: {  // Q.x, resolved against the file's imports (§13)
      NodeId n = node(NodeKind::Name, x.span);
      m_[n].sym = x.sym;
      return n;
    }
    case DatumKind::RangeOp:
      diags_.report(diag::Id::RangeOpOutsidePattern, x.span, symName(d));
      return nilConst(x.span);
    case DatumKind::Dot:
      diags_.report(diag::Id::MisplacedDot, x.span);
      return nilConst(x.span);
    case DatumKind::Quote: return quoteExpr(F.child(d, 0), x.span);
    case DatumKind::Bracket: {
      // [e ...] is (list e ...) with the builtin list, whatever `list` is bound to.
      NodeId n = node(NodeKind::Call, x.span);
      NodeId callee = node(NodeKind::BuiltinRef, x.span);
      m_[callee].a = FL_B_LIST;
      m_[callee].sym = names_.intern("list");
      m_[n].kids.push_back(callee);
      for (const DatumId* c = F.begin(d); c != F.end(d); ++c) {
        NodeId e = expr(*c);
        m_[n].kids.push_back(e);
      }
      return n;
    }
    case DatumKind::List: return listExpr(d, nameHint);
  }
  return nilConst(x.span);
}

Literal Expander::quoted(DatumId d) {
  const parse::Datum& x = D(d);
  Literal l{LitKind::Nil};
  switch (x.kind) {
    case DatumKind::Integer:
      l.kind = LitKind::Int;
      l.i = x.i;
      break;
    case DatumKind::Float:
      l.kind = LitKind::Float;
      l.f = x.f;
      break;
    case DatumKind::String:
      l.kind = LitKind::String;
      l.s = F.strings[x.str];
      break;
    case DatumKind::Bool:
      l.kind = LitKind::Bool;
      l.b = x.b;
      break;
    case DatumKind::Nil: break;
    case DatumKind::Dot:  // there are no dotted pairs (§20.3)
      diags_.report(diag::Id::MisplacedDot, x.span);
      break;
    case DatumKind::Symbol:
    case DatumKind::Qualified:
    case DatumKind::RangeOp:
      l.kind = LitKind::Symbol;
      l.s = std::string(symName(d));
      break;
    case DatumKind::Keyword:
      l.kind = LitKind::Keyword;
      l.s = std::string(symName(d));
      break;
    case DatumKind::Quote: {
      // ''x is the list (quote x).
      Literal q{LitKind::Symbol};
      q.s = "quote";
      l.kind = LitKind::List;
      l.items = {m_.addLiteral(q)};
      Literal inner = quoted(F.child(d, 0));
      l.items.push_back(m_.addLiteral(std::move(inner)));
      break;
    }
    case DatumKind::List:
    case DatumKind::Bracket:
      if (F.size(d) == 0) {
        l.kind = LitKind::EmptyList;
        break;
      }
      l.kind = LitKind::List;
      for (const DatumId* c = F.begin(d); c != F.end(d); ++c) {
        Literal item = quoted(*c);
        l.items.push_back(m_.addLiteral(std::move(item)));
      }
      break;
  }
  return l;
}

NodeId Expander::symbolExpr(DatumId d) {
  std::string_view name = symName(d);
  if (isEffectOperationName(name)) {
    int32_t op = effectOpOfSymbol(d);
    if (op < 0) return nilConst(D(d).span);
    NodeId n = node(NodeKind::EffectFn, D(d).span);
    m_[n].a = static_cast<uint32_t>(op);
    return n;
  }
  NodeId n = node(NodeKind::Name, D(d).span);
  m_[n].sym = D(d).sym;
  return n;
}

NodeId Expander::listExpr(DatumId d, Sym nameHint) {
  Span span = D(d).span;
  if (F.size(d) == 0) return m_.addConst(Literal{LitKind::EmptyList}, span);
  switch (formOf(d)) {
    case Form::None: return callExpr(d);
    case Form::Quote:
      if (F.size(d) != 2) return malformed(d, "quote", "expected (quote DATUM)");
      return quoteExpr(F.child(d, 1), D(d).span);
    case Form::If: return ifForm(d);
    case Form::Cond: return condForm(d);
    case Form::When: return whenForm(d, false);
    case Form::Unless: return whenForm(d, true);
    case Form::And: return andOrForm(d, true);
    case Form::Or: return andOrForm(d, false);
    case Form::Begin:
    case Form::Do: return body(childrenFrom(d, 1), span);
    case Form::Let:
    case Form::LetStar: return letForm(d);
    case Form::Letrec: return letrecForm(d);
    case Form::Lambda: return lambdaForm(d, nameHint);
    case Form::Set: return setForm(d);
    case Form::Define:
      diags_.report(diag::Id::DefineNotAllowed, span);
      return nilConst(span);
    case Form::Data:
    case Form::DefineType:
    case Form::DefineForeign:
    case Form::Module:
    case Form::Import:
    case Form::Export:
    case Form::Contract:
      diags_.report(diag::Id::TopLevelOnly, span, formName(d));
      return nilConst(span);
    case Form::Match: return matchForm(d);
    case Form::Case: return caseForm(d);
    case Form::Try: return tryForm(d);
    case Form::Throw: {
      if (F.size(d) != 2) return malformed(d, "throw", "expected (throw VALUE)");
      NodeId value = expr(F.child(d, 1));
      NodeId n = node(NodeKind::Throw, span);
      m_[n].kids = {value};
      return n;
    }
    case Form::Effect: return effectForm(d);
    case Form::Handler: return handlerForm(d);
    case Form::Spawn: return spawnForm(d, false);
    case Form::Async: return spawnForm(d, true);
    case Form::Select: return selectForm(d);
  }
  return callExpr(d);
}

NodeId Expander::callExpr(DatumId d) {
  DatumId head = F.child(d, 0);
  if (D(head).kind == DatumKind::Symbol && isEffectOperationName(symName(head))) {
    int32_t op = effectOpOfSymbol(head);
    return op < 0 ? nilConst(D(d).span) : effectCall(op, d, 1);
  }
  NodeId n = node(NodeKind::Call, D(d).span);
  NodeId callee = expr(head);
  m_[n].kids.push_back(callee);
  for (uint32_t i = 1; i < F.size(d); ++i) {
    NodeId a = expr(F.child(d, i));
    m_[n].kids.push_back(a);
  }
  return n;
}

NodeId Expander::ifForm(DatumId d) {
  uint32_t n = F.size(d);
  if (n != 3 && n != 4) return malformed(d, "if", "expected (if CONDITION THEN [ELSE])");
  NodeId c = expr(F.child(d, 1));
  NodeId t = expr(F.child(d, 2));
  NodeId e = n == 4 ? expr(F.child(d, 3)) : nilConst(D(d).span);
  return ifNode(c, t, e, D(d).span);
}

NodeId Expander::condForm(DatumId d) {
  // Expanded from the last clause backwards: each clause becomes an `if` whose else is the rest.
  uint32_t n = F.size(d);
  for (uint32_t i = 1; i < n; ++i) {
    DatumId c = F.child(d, i);
    if (!F.isList(c) || F.size(c) == 0) return malformed(c, "cond clause", "expected (TEST BODY...)");
    if (F.isSymbol(F.child(c, 0), symElse_) && i != n - 1) {
      diags_.report(diag::Id::ElseNotLast, D(c).span, "cond");
      return nilConst(D(d).span);
    }
  }
  NodeId rest = nilConst(D(d).span);
  for (uint32_t i = n - 1; i >= 1; --i) {
    DatumId c = F.child(d, i);
    Span cs = D(c).span;
    if (F.isSymbol(F.child(c, 0), symElse_)) {
      rest = body(childrenFrom(c, 1), cs);
      continue;
    }
    NodeId test = expr(F.child(c, 0));
    if (F.size(c) == 1) {
      // (cond (TEST) ...) yields the test's value when it is truthy.
      VarId tmp = m_.addVar(names_.intern("cond-test"), cs, VarKind::Local, cur_);
      NodeId let = node(NodeKind::Let, cs);
      NodeId choice = ifNode(localRef(tmp, cs), localRef(tmp, cs), rest, cs);
      m_[let].a = tmp;
      m_[let].kids = {test, choice};
      rest = let;
    } else {
      rest = ifNode(test, body(childrenFrom(c, 1), cs), rest, cs);
    }
  }
  return rest;
}

NodeId Expander::whenForm(DatumId d, bool negate) {
  if (F.size(d) < 2) return malformed(d, negate ? "unless" : "when", "expected a condition");
  Span s = D(d).span;
  NodeId c = expr(F.child(d, 1));
  NodeId b = body(childrenFrom(d, 2), s);
  return negate ? ifNode(c, nilConst(s), b, s) : ifNode(c, b, nilConst(s), s);
}

NodeId Expander::andOrForm(DatumId d, bool isAnd) {
  // The result is always a Bool (§6): the last operand is converted with (if x #t #f).
  Span s = D(d).span;
  uint32_t n = F.size(d);
  if (n == 1) return boolConst(isAnd, s);
  DatumId last = F.child(d, n - 1);
  NodeId acc = ifNode(expr(last), boolConst(true, s), boolConst(false, s), D(last).span);
  for (uint32_t i = n - 2; i >= 1; --i) {
    NodeId x = expr(F.child(d, i));
    acc = isAnd ? ifNode(x, acc, boolConst(false, s), s) : ifNode(x, boolConst(true, s), acc, s);
  }
  return acc;
}

bool Expander::bindingPair(DatumId b, DatumId& name, DatumId& value) {
  if (!F.isList(b) || F.size(b) != 2) {
    malformed(b, "binding", "expected (NAME VALUE)");
    return false;
  }
  name = F.child(b, 0);
  value = F.child(b, 1);
  return checkBindable(name, "binding");
}

NodeId Expander::letForm(DatumId d) {
  Span s = D(d).span;
  if (F.size(d) >= 2 && D(F.child(d, 1)).kind == DatumKind::Symbol && formOf(d) == Form::Let) return namedLet(d);
  if (F.size(d) < 2 || !F.isList(F.child(d, 1)))
    return malformed(d, formName(d).c_str(), "expected a binding list ((NAME VALUE) ...)");
  DatumId bindings = F.child(d, 1);
  // Sequential (§6): each binding is a Let around the rest.
  struct Pending {
    VarId var;
    NodeId init;
    Span span;
  };
  std::vector<Pending> pending;
  for (const DatumId* b = F.begin(bindings); b != F.end(bindings); ++b) {
    DatumId name, value;
    if (!bindingPair(*b, name, value)) continue;
    NodeId init = expr(value, D(name).sym);
    VarId v = m_.addVar(D(name).sym, D(name).span, VarKind::Local, cur_);
    pending.push_back({v, init, D(*b).span});
  }
  NodeId result = body(childrenFrom(d, 2), s);
  for (auto it = pending.rbegin(); it != pending.rend(); ++it) {
    NodeId let = node(NodeKind::Let, s);
    m_[let].a = it->var;
    m_[let].kids = {it->init, result};
    result = let;
  }
  return result;
}

NodeId Expander::namedLet(DatumId d) {
  // (let name ((x e) ...) body...) == ((letrec ((name (lambda (x ...) body...))) name) e ...),
  // with the e's evaluated first, in the enclosing scope.
  Span s = D(d).span;
  DatumId nameDatum = F.child(d, 1);
  if (!checkBindable(nameDatum, "named let")) return nilConst(s);
  if (F.size(d) < 3 || !F.isList(F.child(d, 2)))
    return malformed(d, "named let", "expected (let NAME ((PARAM VALUE) ...) BODY...)");
  DatumId bindings = F.child(d, 2);
  std::vector<VarId> temps;
  std::vector<NodeId> inits;
  std::vector<DatumId> paramNames;
  for (const DatumId* b = F.begin(bindings); b != F.end(bindings); ++b) {
    DatumId name, value;
    if (!bindingPair(*b, name, value)) return nilConst(s);
    inits.push_back(expr(value));
    // Temporaries get names no identifier can have, so later initial values cannot see them.
    Sym temp = names_.intern("%" + std::string(symName(name)));
    temps.push_back(m_.addVar(temp, D(name).span, VarKind::Local, cur_));
    paramNames.push_back(name);
  }
  Sym loopName = D(nameDatum).sym;
  VarId loopVar = m_.addVar(loopName, D(nameDatum).span, VarKind::Local, cur_);

  // The loop lambda, with parameters named like the bindings.
  Lambda lam;
  lam.name = loopName;
  lam.span = s;
  lam.parent = cur_;
  m_.lambdas.push_back(lam);
  LambdaId id = static_cast<LambdaId>(m_.lambdas.size() - 1);
  LambdaId saved = cur_;
  cur_ = id;
  std::unordered_set<uint32_t> seen;
  for (DatumId p : paramNames) {
    if (!seen.insert(D(p).sym.id).second) diags_.report(diag::Id::DuplicateParameter, D(p).span, symName(p));
    m_.lambdas[id].params.push_back(m_.addVar(D(p).sym, D(p).span, VarKind::Param, id));
  }
  NodeId lamBody = body(childrenFrom(d, 3), s);
  m_.lambdas[id].body = lamBody;
  cur_ = saved;
  NodeId lamNode = node(NodeKind::Lambda, s);
  m_[lamNode].a = id;
  m_.lambdas[id].node = lamNode;

  NodeId def = node(NodeKind::Define, s);
  m_[def].a = loopVar;
  m_[def].kids = {lamNode};
  m_.vars[loopVar].defineCount = 1;
  NodeId call = node(NodeKind::Call, s);
  // Nodes are created before m_[call] is touched: creating a node may move the node vector.
  NodeId loopRef = localRef(loopVar, s);
  m_[call].kids.push_back(loopRef);
  for (VarId t : temps) {
    NodeId arg = localRef(t, s);
    m_[call].kids.push_back(arg);
  }
  NodeId seqNode = node(NodeKind::Seq, s);
  m_[seqNode].kids = {def, call};
  NodeId letrec = node(NodeKind::Letrec, s);
  m_[letrec].vars = {loopVar};
  m_[letrec].kids = {seqNode};

  NodeId result = letrec;
  for (size_t i = temps.size(); i-- > 0;) {
    NodeId let = node(NodeKind::Let, s);
    m_[let].a = temps[i];
    m_[let].kids = {inits[i], result};
    result = let;
  }
  return result;
}

NodeId Expander::letrecForm(DatumId d) {
  Span s = D(d).span;
  if (F.size(d) < 2 || !F.isList(F.child(d, 1)))
    return malformed(d, "letrec", "expected a binding list ((NAME VALUE) ...)");
  DatumId bindings = F.child(d, 1);
  std::vector<VarId> vars;
  std::vector<std::pair<DatumId, DatumId>> pairs;
  std::unordered_map<uint32_t, VarId> seen;
  for (const DatumId* b = F.begin(bindings); b != F.end(bindings); ++b) {
    DatumId name, value;
    if (!bindingPair(*b, name, value)) continue;
    if (seen.count(D(name).sym.id)) {
      diags_.report(diag::Id::DuplicateBinding, D(name).span, symName(name));
      diags_.note(m_.vars[seen[D(name).sym.id]].span, "first bound here");
      continue;
    }
    VarId v = m_.addVar(D(name).sym, D(name).span, VarKind::Local, cur_);
    seen[D(name).sym.id] = v;
    vars.push_back(v);
    pairs.push_back({name, value});
  }
  std::vector<NodeId> kids;
  for (size_t i = 0; i < pairs.size(); ++i) {
    NodeId def = node(NodeKind::Define, D(pairs[i].first).span);
    NodeId value = expr(pairs[i].second, D(pairs[i].first).sym);
    m_[def].a = vars[i];
    m_[def].kids = {value};
    m_.vars[vars[i]].defineCount = 1;
    kids.push_back(def);
  }
  kids.push_back(body(childrenFrom(d, 2), s));
  NodeId n = node(NodeKind::Letrec, s);
  m_[n].vars.assign(vars.begin(), vars.end());
  NodeId sq = node(NodeKind::Seq, s);
  m_[sq].kids.assign(kids.begin(), kids.end());
  m_[n].kids = {sq};
  return n;
}

NodeId Expander::lambdaForm(DatumId d, Sym name) {
  if (F.size(d) < 2 || !F.isList(F.child(d, 1)))
    return malformed(d, "lambda", "expected (lambda (PARAM...) BODY...)");
  return lambdaFrom(F.child(d, 1), false, childrenFrom(d, 2), D(d).span, name);
}

// paramList: a (params...) datum; for (define (f p...) ...) it is the (f p...) datum and
// skipFirst skips the name.
NodeId Expander::lambdaFrom(DatumId paramList, bool skipFirst, const Forms& bodyForms, Span span, Sym name) {
  LambdaId saved = cur_;
  LambdaId id = openLambda(span, name);
  uint32_t first = skipFirst ? 1 : 0;
  std::unordered_map<uint32_t, VarId> seen;
  uint32_t n = F.size(paramList);
  for (uint32_t i = first; i < n; ++i) {
    DatumId p = F.child(paramList, i);
    // `. rest` (§20.3): the dot directly before the last parameter, once.
    if (D(p).kind == DatumKind::Dot && i + 2 == n && D(F.child(paramList, n - 1)).kind != DatumKind::Dot) {
      m_.lambdas[id].rest = true;
      names_.intern("list");  // the name of the builtin that builds the rest list (TIR dumps)
      continue;
    }
    if (!checkBindable(p, "lambda parameter")) continue;
    auto it = seen.find(D(p).sym.id);
    if (it != seen.end()) {
      diags_.report(diag::Id::DuplicateParameter, D(p).span, symName(p));
      continue;
    }
    VarId v = m_.addVar(D(p).sym, D(p).span, VarKind::Param, id);
    seen.emplace(D(p).sym.id, v);
    m_.lambdas[id].params.push_back(v);
  }
  return closeLambda(id, saved, bodyForms, span);
}

// A new lambda nested in the current one, which becomes current (parameters come next).
LambdaId Expander::openLambda(Span span, Sym name) {
  cur_ = addLambda(name, span);
  return cur_;
}

// Expands the body of lambda id, makes `saved` current again and returns the Lambda node.
NodeId Expander::closeLambda(LambdaId id, LambdaId saved, const Forms& bodyForms, Span span) {
  NodeId b = body(bodyForms, span);
  m_.lambdas[id].body = b;
  cur_ = saved;
  NodeId n = node(NodeKind::Lambda, span);
  m_[n].a = id;
  m_.lambdas[id].node = n;
  return n;
}

NodeId Expander::setForm(DatumId d) {
  if (F.size(d) != 3 || D(F.child(d, 1)).kind != DatumKind::Symbol)
    return malformed(d, "set!", "expected (set! NAME VALUE)");
  // The node's span is the target name: that is what a bad set! is reported at.
  NodeId n = node(NodeKind::SetVar, D(F.child(d, 1)).span);
  NodeId value = expr(F.child(d, 2));
  m_[n].sym = D(F.child(d, 1)).sym;
  m_[n].kids = {value};
  return n;
}

// (data T tvar... Ctor...) / (define-type T Ctor...): records each constructor's field count;
// define-type also yields an accessor C-f per named field.
void Expander::declareType(DatumId d, bool withAccessors, std::vector<Accessor>& accessors) {
  const char* what = withAccessors ? "define-type" : "data";
  if (F.size(d) < 2 || D(F.child(d, 1)).kind != DatumKind::Symbol) {
    malformed(d, what, "expected a type name");
    return;
  }
  for (uint32_t i = 2; i < F.size(d); ++i) {
    DatumId c = F.child(d, i);
    DatumId nameD = c;
    std::vector<std::string> fields;
    if (F.isList(c)) {
      if (F.size(c) == 0) {
        malformed(c, what, "expected a constructor (Name field...)");
        continue;
      }
      nameD = F.child(c, 0);
      for (uint32_t k = 1; k < F.size(c); ++k) {
        DatumId fd = F.child(c, k);
        // define-type fields may carry a documentation-only type: (field type)
        if (withAccessors && F.isList(fd) && F.size(fd) >= 1) fd = F.child(fd, 0);
        if (D(fd).kind != DatumKind::Symbol) {
          malformed(fd, what, "expected a field name");
          continue;
        }
        fields.push_back(std::string(symName(fd)));
      }
    } else if (D(c).kind == DatumKind::Symbol && !withAccessors) {
      std::string_view n = symName(c);
      if (n.empty() || n[0] < 'A' || n[0] > 'Z') continue;  // a type variable of `data`
    }
    if (D(nameD).kind != DatumKind::Symbol || symName(nameD).empty() || symName(nameD)[0] < 'A' ||
        symName(nameD)[0] > 'Z') {
      malformed(nameD, what, "constructor names start with a capital letter");
      continue;
    }
    std::string name(symName(nameD));
    uint32_t arity = static_cast<uint32_t>(fields.size());
    if ((name == "Nil" && arity != 0) || (name == "Cons" && arity != 2)) {
      diags_.report(diag::Id::ConstructorArity, D(c).span, name, name == "Nil" ? "0 fields" : "2 fields",
                    std::to_string(arity) + (arity == 1 ? " field" : " fields"));
      continue;
    }
    auto [it, fresh] = ctors().emplace(name, CtorDecl{std::string(symName(F.child(d, 1))), arity, D(c).span, fields});
    if (!fresh && unit().inheritedCtors.erase(name)) {  // a REPL entry redeclares it
      it->second = CtorDecl{std::string(symName(F.child(d, 1))), arity, D(c).span, fields};
      fresh = true;
    }
    if (!fresh) {
      diags_.report(diag::Id::DuplicateConstructor, D(c).span, name);
      diags_.note(it->second.span, "first declared here");
      continue;
    }
    if (withAccessors)
      for (uint32_t k = 0; k < arity; ++k)
        accessors.push_back({names_.intern(name + "-" + fields[k]), name, arity, k, D(c).span});
  }
}

// (define (C-f v) (%tagged-field v "C" n i "C-f"))
NodeId Expander::accessorDefine(const Accessor& a, VarId var) {
  Span s = a.span;
  LambdaId id = addLambda(a.name, s);
  VarId v = m_.addVar(names_.intern("value"), s, VarKind::Param, id);
  m_.lambdas[id].params.push_back(v);
  auto str = [&](const std::string& text) {
    Literal l{LitKind::String};
    l.s = text;
    return m_.addConst(l, s);
  };
  auto num = [&](int64_t i) {
    Literal l{LitKind::Int};
    l.i = i;
    return m_.addConst(l, s);
  };
  NodeId callee = node(NodeKind::BuiltinRef, s);
  m_[callee].a = FL_B_TAGGED_FIELD;
  m_[callee].sym = names_.intern("%tagged-field");
  std::vector<NodeId> kids{callee, localRef(v, s), str(a.ctor), num(a.arity), num(a.index),
                           str(std::string(names_.str(a.name)))};
  NodeId call = node(NodeKind::Call, s);
  m_[call].kids.assign(kids.begin(), kids.end());
  return defineLambda(var, id, call, s);
}

// A lambda made by the expander itself (not from source), nested in the current one.
LambdaId Expander::addLambda(Sym name, Span span) {
  Lambda lam;
  lam.name = name;
  lam.span = span;
  lam.parent = cur_;
  m_.lambdas.push_back(lam);
  return static_cast<LambdaId>(m_.lambdas.size() - 1);
}

// (define var <lambda id with this body>)
NodeId Expander::defineLambda(VarId var, LambdaId id, NodeId body, Span span) {
  m_.lambdas[id].body = body;
  NodeId lamNode = node(NodeKind::Lambda, span);
  m_[lamNode].a = id;
  m_.lambdas[id].node = lamNode;
  NodeId def = node(NodeKind::Define, span);
  m_[def].a = var;
  m_[def].kids = {lamNode};
  m_.vars[var].defineCount++;
  return def;
}


Module expand(const parse::Forest& forest, const modules::Program& program, Interner& names, diag::Engine& diags,
              bool checkContracts, const SessionScope* session) {
  Module m;
  Lambda init;
  m.lambdas.push_back(init);
  m.init = 0;
  std::vector<VarId> sessionVars;
  if (session) {
    // The session's globals keep their slots; earlier entries may have left any of them unbound
    // (a define that raised), so reads check (defineCount), and all may change (assigned).
    m.sessionEntry = true;
    m.sessionSlots = session->slots;
    for (uint32_t slot = 0; slot < session->slots; ++slot) {
      VarId v = m.addVar(names.intern("%session-slot"), Span{}, VarKind::Global, m.init);
      m.vars[v].slot = slot;
      m.vars[v].defineCount = 1;
      m.globals.push_back(v);
      sessionVars.push_back(v);
    }
  }
  std::vector<NodeId> bodies;
  for (uint32_t i = 0; i < program.files.size(); ++i) {
    m.files.emplace_back();
    if (session && i + 1 == program.files.size()) {
      FileUnit& main = m.files.back();
      for (const auto& [name, slot] : session->names) {
        Sym s = names.intern(name);
        main.scope[s.id] = sessionVars[slot];
        m.vars[sessionVars[slot]].name = s;
        if (session->imported.count(name)) main.imported.insert(s.id);
      }
      for (const auto& [q, exports] : session->qualified)
        for (const auto& [x, slot] : exports) main.inheritedQualified[q][x] = sessionVars[slot];
      main.ctors = session->ctors;
      for (const auto& [name, decl] : session->ctors) main.inheritedCtors.insert(name);
    } else if (session && session->modules.count(program.files[i].canonical)) {
      // A module an earlier entry ran: its exports, not a second run.
      FileUnit& unit = m.files.back();
      unit.path = program.files[i].path;
      for (const auto& [name, slot] : session->modules.at(program.files[i].canonical))
        unit.exports[name] = sessionVars[slot];
      unit.body = m.add(NodeKind::Seq, Span{});
      bodies.push_back(unit.body);
      continue;
    }
    Expander e(forest, names, diags, m, i, checkContracts);
    if (session && session->printValues && i + 1 == program.files.size()) e.printTopLevelValues();
    e.expandFile(program.files[i]);
    bodies.push_back(m.files[i].body);
  }
  NodeId b = m.add(NodeKind::Seq, Span{});
  m[b].kids.assign(bodies.begin(), bodies.end());
  m.lambdas[0].body = b;
  return m;
}

}  // namespace fl::expand
