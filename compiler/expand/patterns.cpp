// match, try/catch and the patterns of §9. Pattern variables are created here (fresh per clause);
// resolve puts them in scope for guards, views and clause bodies.
#include <string>

#include "expand/expand.h"
#include "expand/expander.h"

namespace fl::expand {

namespace {
bool isCapitalized(std::string_view n) { return !n.empty() && n[0] >= 'A' && n[0] <= 'Z'; }
}  // namespace

bool Expander::isClause(DatumId d, const char* head) const {
  return F.isList(d) && F.size(d) > 0 && D(F.child(d, 0)).kind == DatumKind::Symbol && symName(F.child(d, 0)) == head;
}

NodeId Expander::matchForm(DatumId d) {
  Span span = D(d).span;
  if (F.size(d) < 3) return malformed(d, "match", "expected (match EXPR (PATTERN BODY...) ...) with at least one clause");
  NodeId scrutinee = expr(F.child(d, 1));
  std::vector<NodeId> bodies;
  std::vector<PatId> pats;
  for (uint32_t i = 2; i < F.size(d); ++i) {
    DatumId c = F.child(d, i);
    if (!F.isList(c) || F.size(c) == 0) return malformed(c, "match clause", "expected (PATTERN BODY...)");
    PatCtx ctx;
    pats.push_back(pattern(F.child(c, 0), ctx));
    bodies.push_back(body(childrenFrom(c, 1), D(c).span));
  }
  NodeId n = node(NodeKind::Match, span);
  m_[n].kids.push_back(scrutinee);
  m_[n].kids.append(bodies.begin(), bodies.end());
  m_[n].pats.assign(pats.begin(), pats.end());
  return n;
}

// (case KEY ((DATUM...) BODY...)... [(else BODY...)]) (§20.4) is a match whose patterns are the
// quoted datums (an or-pattern when there are several; `'d` matches values equal? to d) and
// `else` a wildcard; like match, no matching clause yields nil. A clause without datums is never
// selected: its body is expanded (for its diagnostics) and dropped.
NodeId Expander::caseForm(DatumId d) {
  Span span = D(d).span;
  if (F.size(d) < 2) return malformed(d, "case", "expected (case KEY ((DATUM...) BODY...)... [(else BODY...)])");
  NodeId key = expr(F.child(d, 1));
  std::vector<NodeId> bodies;
  std::vector<PatId> pats;
  for (uint32_t i = 2; i < F.size(d); ++i) {
    DatumId c = F.child(d, i);
    DatumId head = F.isList(c) && F.size(c) > 0 ? F.child(c, 0) : kNone;
    if (head != kNone && D(head).kind == DatumKind::Symbol && symName(head) == "else") {
      if (i + 1 != F.size(d)) {
        diags_.report(diag::Id::ElseNotLast, D(c).span, "case");
        return nilConst(span);
      }
      pats.push_back(m_.addPattern(Pattern{PatKind::Wildcard, D(head).span}));
    } else if (head != kNone && F.isList(head)) {
      Pattern alt{PatKind::Or, D(head).span};
      for (const DatumId* x = F.begin(head); x != F.end(head); ++x) {
        Pattern p{PatKind::Literal, D(*x).span};
        p.a = m_.addLiteral(quoted(*x));
        alt.kids.push_back(m_.addPattern(std::move(p)));
      }
      if (alt.kids.empty()) {
        body(childrenFrom(c, 1), D(c).span);
        continue;
      }
      pats.push_back(alt.kids.size() == 1 ? alt.kids[0] : m_.addPattern(std::move(alt)));
    } else {
      return malformed(c, "case clause", "expected ((DATUM...) BODY...) or (else BODY...)");
    }
    bodies.push_back(body(childrenFrom(c, 1), D(c).span));
  }
  if (pats.empty()) {  // still evaluate the key, for its effects
    NodeId s = node(NodeKind::Seq, span);
    NodeId nil = nilConst(span);
    m_[s].kids = {key, nil};
    return s;
  }
  NodeId n = node(NodeKind::Match, span);
  m_[n].kids.push_back(key);
  m_[n].kids.append(bodies.begin(), bodies.end());
  m_[n].pats.assign(pats.begin(), pats.end());
  return n;
}

// (try body... (catch PATTERN handler...)... [(finally cleanup...)]) (§10.2)
NodeId Expander::tryForm(DatumId d) {
  Span span = D(d).span;
  uint32_t n = F.size(d);
  uint32_t first = 1;
  while (first < n && !isClause(F.child(d, first), "catch") && !isClause(F.child(d, first), "finally")) ++first;
  NodeId protectedBody = body(Forms(F.begin(d) + 1, F.begin(d) + first), span);
  std::vector<NodeId> handlers;
  std::vector<PatId> pats;
  NodeId cleanup = kNone;
  for (uint32_t i = first; i < n; ++i) {
    DatumId c = F.child(d, i);
    if (isClause(c, "catch")) {
      if (cleanup != kNone) return malformed(c, "try", "catch clauses must come before the finally clause");
      if (F.size(c) < 2) return malformed(c, "catch clause", "expected (catch PATTERN HANDLER...)");
      PatCtx ctx;
      pats.push_back(pattern(F.child(c, 1), ctx));
      handlers.push_back(body(childrenFrom(c, 2), D(c).span));
    } else if (isClause(c, "finally")) {
      if (cleanup != kNone) return malformed(c, "try", "at most one finally clause is allowed");
      cleanup = body(childrenFrom(c, 1), D(c).span);
    } else {
      return malformed(c, "try", "only catch and finally clauses may follow the first clause");
    }
  }
  NodeId t = node(NodeKind::Try, span);
  m_[t].kids.push_back(protectedBody);
  m_[t].kids.append(handlers.begin(), handlers.end());
  if (cleanup != kNone) {
    m_[t].kids.push_back(cleanup);
    m_[t].a = 1;
  }
  m_[t].pats.assign(pats.begin(), pats.end());
  return t;
}

PatId Expander::badPattern(DatumId d, const char* why) {
  diags_.report(diag::Id::BadPattern, D(d).span, why);
  return m_.addPattern(Pattern{PatKind::Wildcard, D(d).span});
}

PatId Expander::patternVar(DatumId d, PatCtx& ctx) {
  if (!checkBindable(d, "pattern")) return m_.addPattern(Pattern{PatKind::Wildcard, D(d).span});
  Sym name = D(d).sym;
  Pattern p{PatKind::Var, D(d).span};
  if (ctx.bound.count(name.id)) {
    diags_.report(diag::Id::DuplicatePatternVar, D(d).span, names_.str(name));
    return m_.addPattern(Pattern{PatKind::Wildcard, D(d).span});
  }
  VarId v;
  auto r = ctx.reuse ? ctx.reuse->find(name.id) : decltype(ctx.reuse->end()){};
  if (ctx.reuse && r != ctx.reuse->end()) v = r->second;  // same variable in every or-alternative
  else v = m_.addVar(name, D(d).span, VarKind::Local, cur_);
  ctx.bound.emplace(name.id, v);
  p.a = v;
  return m_.addPattern(std::move(p));
}

PatId Expander::pattern(DatumId d, PatCtx& ctx) {
  const parse::Datum& x = D(d);
  Span span = x.span;
  auto literal = [&](Literal lit) {
    Pattern p{PatKind::Literal, span};
    p.a = m_.addLiteral(std::move(lit));
    return m_.addPattern(std::move(p));
  };
  switch (x.kind) {
    case DatumKind::Symbol: {
      std::string_view n = symName(d);
      if (n == "_") return m_.addPattern(Pattern{PatKind::Wildcard, span});
      if (isEffectOperationName(n)) return badPattern(d, "an effect operation name cannot be a pattern");
      if (isCapitalized(n)) {
        if (n == "Nil") return m_.addPattern(Pattern{PatKind::EmptyList, span});
        Pattern p{PatKind::Ctor, span};
        p.tag = x.sym;
        return m_.addPattern(std::move(p));
      }
      return patternVar(d, ctx);
    }
    case DatumKind::Nil: return m_.addPattern(Pattern{PatKind::NilOrEmpty, span});
    case DatumKind::Integer:
    case DatumKind::Float:
    case DatumKind::String:
    case DatumKind::Bool:
    case DatumKind::Keyword: return literal(quoted(d));
    case DatumKind::Quote: return literal(quoted(F.child(d, 0)));
    case DatumKind::Qualified: return badPattern(d, "a qualified name cannot be a pattern");
    case DatumKind::RangeOp:
      diags_.report(diag::Id::RangeOpOutsidePattern, span, symName(d));
      return m_.addPattern(Pattern{PatKind::Wildcard, span});
    case DatumKind::Dot:
      diags_.report(diag::Id::MisplacedDot, span);
      return m_.addPattern(Pattern{PatKind::Wildcard, span});
    case DatumKind::Bracket: {
      if (F.size(d) == 0) return m_.addPattern(Pattern{PatKind::EmptyList, span});
      Pattern p{PatKind::List, span};
      for (const DatumId* c = F.begin(d); c != F.end(d); ++c) p.kids.push_back(pattern(*c, ctx));
      return m_.addPattern(std::move(p));
    }
    case DatumKind::List: break;
  }
  uint32_t n = F.size(d);
  if (n == 0) return m_.addPattern(Pattern{PatKind::EmptyList, span});
  DatumId h = F.child(d, 0);
  if (D(h).kind == DatumKind::RangeOp) {
    if (n != 3) return badPattern(d, "a range pattern is (.. LOW HIGH) with number literals");
    for (uint32_t i = 1; i < 3; ++i)
      if (D(F.child(d, i)).kind != DatumKind::Integer && D(F.child(d, i)).kind != DatumKind::Float)
        return badPattern(F.child(d, i), "range bounds must be number literals");
    Pattern p{PatKind::Range, span};
    p.a = m_.addLiteral(quoted(F.child(d, 1)));
    p.b = m_.addLiteral(quoted(F.child(d, 2)));
    p.inclusive = symName(h) == "..=";
    return m_.addPattern(std::move(p));
  }
  if (D(h).kind != DatumKind::Symbol) return badPattern(d, "expected a constructor, a variable or a pattern form");
  std::string_view head = symName(h);
  auto sub = [&](uint32_t i) { return pattern(F.child(d, i), ctx); };
  if (head == "quote") {
    if (n != 2) return badPattern(d, "quote takes exactly one datum");
    return literal(quoted(F.child(d, 1)));
  }
  if (head == "cons") {
    if (n != 3) return badPattern(d, "a cons pattern has two sub-patterns");
    Pattern p{PatKind::Cons, span};
    p.kids = {sub(1), sub(2)};
    return m_.addPattern(std::move(p));
  }
  if (head == "list") {
    if (n == 1) return m_.addPattern(Pattern{PatKind::EmptyList, span});
    Pattern p{PatKind::List, span};
    for (uint32_t i = 1; i < n; ++i) p.kids.push_back(sub(i));
    return m_.addPattern(std::move(p));
  }
  if (head == "or") {
    if (n < 2) return badPattern(d, "an or pattern needs at least one alternative");
    Pattern p{PatKind::Or, span};
    auto base = ctx.bound;
    std::unordered_map<uint32_t, VarId> first;
    for (uint32_t i = 1; i < n; ++i) {
      ctx.bound = base;
      const auto* savedReuse = ctx.reuse;
      if (i > 1) ctx.reuse = &first;
      p.kids.push_back(sub(i));
      ctx.reuse = savedReuse;
      std::unordered_map<uint32_t, VarId> added;
      for (auto& [k, v] : ctx.bound)
        if (!base.count(k)) added.emplace(k, v);
      if (i == 1) {
        first = added;
      } else {
        bool same = added.size() == first.size();
        for (auto& [k, v] : added) same &= first.count(k) > 0;
        if (!same) diags_.report(diag::Id::OrPatternVars, D(F.child(d, i)).span);
      }
    }
    ctx.bound = base;
    ctx.bound.insert(first.begin(), first.end());
    return m_.addPattern(std::move(p));
  }
  if (head == "as") {
    if (n != 3 || D(F.child(d, 1)).kind != DatumKind::Symbol || symName(F.child(d, 1)) == "_" ||
        isCapitalized(symName(F.child(d, 1))))
      return badPattern(d, "an as pattern is (as VARIABLE PATTERN)");
    PatId var = patternVar(F.child(d, 1), ctx);
    Pattern p{PatKind::As, span};
    p.a = m_.patterns[var].a;
    p.kids = {sub(2)};
    return m_.addPattern(std::move(p));
  }
  if (head == "when") {
    if (n != 3) return badPattern(d, "a guard is (when PATTERN EXPRESSION)");
    Pattern p{PatKind::Guard, span};
    p.kids = {sub(1)};
    p.expr = expr(F.child(d, 2));
    return m_.addPattern(std::move(p));
  }
  if (head == "view") {
    if (n != 3) return badPattern(d, "a view is (view FUNCTION PATTERN)");
    Pattern p{PatKind::View, span};
    p.expr = expr(F.child(d, 1));
    p.kids = {sub(2)};
    return m_.addPattern(std::move(p));
  }
  if (isEffectOperationName(head)) return badPattern(h, "an effect operation name cannot be a pattern");
  if (isCapitalized(head)) {
    if (head == "Nil") {
      if (n != 1) diags_.report(diag::Id::ConstructorArity, span, "Nil", "0 fields", std::to_string(n - 1) + " fields");
      return m_.addPattern(Pattern{PatKind::EmptyList, span});
    }
    if (head == "Cons") {
      if (n != 3) {
        diags_.report(diag::Id::ConstructorArity, span, "Cons", "2 fields",
                      std::to_string(n - 1) + (n == 2 ? " field" : " fields"));
        return m_.addPattern(Pattern{PatKind::Wildcard, span});
      }
      Pattern p{PatKind::Cons, span};
      p.kids = {sub(1), sub(2)};
      return m_.addPattern(std::move(p));
    }
    Pattern p{PatKind::Ctor, span};
    p.tag = D(h).sym;
    for (uint32_t i = 1; i < n; ++i) p.kids.push_back(sub(i));
    return m_.addPattern(std::move(p));
  }
  if (n == 1) return pattern(h, ctx);  // (x) is x
  return badPattern(d, "expected a constructor, a variable or a pattern form");
}

}  // namespace fl::expand
