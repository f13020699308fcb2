// spec:contract (§15). Conditions are expanded inside the contracted function's lambda, so they
// resolve in the module scope plus its parameters (and `result` for :ensures). With
// --contracts=check the body becomes
//   (begin (check requires...) (check invariant...)
//          (let ((result BODY)) (check ensures...) (check invariant...) result))
// and otherwise the conditions sit in a branch that never runs (still resolved and type-checked).
#include "base/suggest.h"
#include "expand/expand.h"
#include "expand/expander.h"
#include "parse/parser.h"

namespace fl::expand {

// (if COND nil (%contract-violation "f" "TEXT")) for each condition, in order.
NodeId Expander::contractChecks(LambdaId lam, const std::vector<std::pair<DatumId, std::string>>& conds,
                                const std::string& fn) {
  LambdaId saved = cur_;
  cur_ = lam;
  std::vector<NodeId> checks;
  for (const auto& [d, text] : conds) {
    Span s = D(d).span;
    NodeId cond = expr(d);
    NodeId callee = node(NodeKind::BuiltinRef, s);
    m_[callee].a = FL_B_CONTRACT_VIOLATION;
    m_[callee].sym = names_.intern("%contract-violation");
    Literal name{LitKind::String};
    name.s = fn;
    Literal what{LitKind::String};
    what.s = text;
    NodeId a1 = m_.addConst(name, s);
    NodeId a2 = m_.addConst(what, s);
    NodeId call = node(NodeKind::Call, s);
    m_[call].kids = {callee, a1, a2};
    checks.push_back(ifNode(cond, nilConst(s), call, s));
  }
  cur_ = saved;
  return seq(checks, m_.lambdas[lam].span);
}

void Expander::applyContracts(const std::vector<NodeId>& kids) {
  std::unordered_set<VarId> contracted;
  for (DatumId f : contracts_) {
    if (F.size(f) < 2 || D(F.child(f, 1)).kind != DatumKind::Symbol) {
      malformed(f, "spec:contract", "expected (spec:contract NAME KEY VALUE ...)");
      continue;
    }
    DatumId nameD = F.child(f, 1);
    std::string fn(symName(nameD));
    auto it = unit().scope.find(D(nameD).sym.id);
    // The lambda of the function's module-level define.
    LambdaId lam = kNone;
    if (it != unit().scope.end() && !unit().imported.count(D(nameD).sym.id))
      for (NodeId k : kids)
        if (m_[k].kind == NodeKind::Define && m_[k].a == it->second && m_[m_[k].kids[0]].kind == NodeKind::Lambda)
          lam = m_[m_[k].kids[0]].a;
    if (lam == kNone) {
      diags_.report(diag::Id::ContractTarget, D(nameD).span, fn);
      continue;
    }
    if (!contracted.insert(it->second).second) {
      diags_.report(diag::Id::SecondContract, D(f).span, fn);
      continue;
    }
    if ((F.size(f) - 2) % 2 != 0) {
      malformed(f, "spec:contract", "expected KEY VALUE pairs after the name");
      continue;
    }
    std::vector<std::pair<DatumId, std::string>> reqs, enss, invs;
    for (uint32_t i = 2; i + 1 < F.size(f); i += 2) {
      DatumId k = F.child(f, i), v = F.child(f, i + 1);
      if (D(k).kind != DatumKind::Keyword) {
        malformed(k, "spec:contract", "expected a keyword such as :requires");
        continue;
      }
      std::string key(symName(k));
      if (key == "requires" || key == "pre" || key == "ensures" || key == "post" || key == "invariant") {
        auto& list = (key == "requires" || key == "pre") ? reqs : (key == "invariant" ? invs : enss);
        std::vector<DatumId> exprs;
        if (D(v).kind == DatumKind::Bracket) exprs.assign(F.begin(v), F.end(v));
        else exprs.push_back(v);
        for (DatumId e : exprs) list.push_back({e, ":" + key + " " + parse::toSource(F, e, names_)});
      } else if (key == "pure") {
        if (D(v).kind != DatumKind::Bool) malformed(v, "spec:contract", ":pure expects #t or #f");
        else if (D(v).b) unit().pureContracts.push_back({it->second, D(nameD).span});
      } else if (key == "complexity") {
        if (D(v).kind != DatumKind::String) malformed(v, "spec:contract", ":complexity expects a string");
      } else {
        diags_.report(diag::Id::UnknownContractKey, D(k).span, key);
        Suggester s(key);
        for (const char* known : {"requires", "pre", "ensures", "post", "invariant", "pure", "complexity"}) s.consider(known);
        if (!s.best().empty()) diags_.note(Span{}, "did you mean ':" + s.best() + "'?");
      }
    }
    if (reqs.empty() && enss.empty() && invs.empty()) continue;

    Lambda& L = m_.lambdas[lam];
    Span s = L.span;
    NodeId body = L.body;
    std::vector<std::pair<DatumId, std::string>> pre = reqs, post = enss;
    pre.insert(pre.end(), invs.begin(), invs.end());
    post.insert(post.end(), invs.begin(), invs.end());
    NodeId preChecks = contractChecks(lam, pre, fn);
    // `result` is bound around the :enss conditions only.
    VarId result = m_.addVar(names_.intern("result"), s, VarKind::Local, lam);
    NodeId postChecks = contractChecks(lam, post, fn);
    NodeId resultRef = node(NodeKind::Name, s);
    m_[resultRef].sym = names_.intern("result");
    NodeId inner = seq({postChecks, resultRef}, s);
    NodeId let = node(NodeKind::Let, s);
    m_[let].a = result;
    if (checkContracts_) {
      m_[let].kids = {body, inner};
      m_.lambdas[lam].body = seq({preChecks, let}, s);
    } else {
      // Never evaluated (§15), but resolved like the checked form.
      m_[let].kids = {nilConst(s), inner};
      Literal no{LitKind::Bool};
      NodeId never = ifNode(m_.addConst(no, s), seq({preChecks, let}, s), nilConst(s), s);
      m_.lambdas[lam].body = seq({never, body}, s);
    }
  }
}

}  // namespace fl::expand
