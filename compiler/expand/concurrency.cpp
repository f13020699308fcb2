// spawn, async and select (LANGUAGE.md §14) in terms of core forms and the runtime builtins
// %spawn, %async and %select (builtins.def; '%' names cannot be written in programs). Their
// call nodes carry the form's name, for messages such as the :pure check's.
//   (spawn body...)  => (%spawn (lambda () body...))
//   (async body...)  => (%async (lambda () body...))
//   (select ((recv! c) b...) ((send! d v) b...) (default b...))
//     => (let ((%sel (%select #t 0 C nil 1 D v)))      ; channels and values once, in order,
//                                                     ; C = (%select-channel c 0): checked at once
//          (let ((%i (head %sel)))
//            (if (= %i 0) (let ((%r (begin b...))) (if (function? %r) (%r (nth %sel 1)) %r))
//                (if (= %i 1) (begin b...) (begin b...)))))
#include "expand/expander.h"

namespace fl::expand {

NodeId Expander::builtinCall(int32_t id, const char* name, const std::vector<NodeId>& args, Span s) {
  NodeId callee = node(NodeKind::BuiltinRef, s);
  m_[callee].a = static_cast<uint32_t>(id);
  m_[callee].sym = names_.intern(name);
  NodeId n = node(NodeKind::Call, s);
  m_[n].kids.push_back(callee);
  for (NodeId a : args) m_[n].kids.push_back(a);
  return n;
}

NodeId Expander::thunk(const Forms& bodyForms, Span span) {
  LambdaId saved = cur_;
  return closeLambda(openLambda(span, Sym{}), saved, bodyForms, span);
}

NodeId Expander::spawnForm(DatumId d, bool lazy) {
  Span s = D(d).span;
  NodeId th = thunk(childrenFrom(d, 1), s);
  return lazy ? builtinCall(FL_B_ASYNC, "async", {th}, s) : builtinCall(FL_B_SPAWN, "spawn", {th}, s);
}

NodeId Expander::selectForm(DatumId d) {
  Span s = D(d).span;
  const char* expected = "expected ((recv! CH) BODY...), ((send! CH VALUE) BODY...) or a last (default BODY...)";
  struct Branch {
    bool send;
    Forms body;
    Span span;
  };
  std::vector<Branch> branches;
  std::vector<NodeId> args;
  const Forms* defaultBody = nullptr;
  Forms defaultForms;
  Sym defaultSym = names_.intern("default");
  for (uint32_t i = 1; i < F.size(d); ++i) {
    DatumId b = F.child(d, i);
    if (!F.isList(b) || F.size(b) == 0) return malformed(b, "select branch", expected);
    DatumId head = F.child(b, 0);
    if (D(head).kind == DatumKind::Symbol && D(head).sym.id == defaultSym.id) {
      if (i + 1 != F.size(d)) return malformed(b, "select branch", expected);
      defaultForms = childrenFrom(b, 1);
      defaultBody = &defaultForms;
      continue;
    }
    bool ok = F.isList(head) && F.size(head) >= 2 && D(F.child(head, 0)).kind == DatumKind::Symbol;
    std::string_view op = ok ? symName(F.child(head, 0)) : "";
    bool send = op == "send!";
    if (!ok || (op != "recv!" && !send) || F.size(head) != (send ? 3u : 2u))
      return malformed(b, "select branch", expected);
    Literal kind{LitKind::Int};
    kind.i = send ? 1 : 0;
    args.push_back(m_.addConst(kind, D(head).span));
    NodeId channel = expr(F.child(head, 1));
    args.push_back(builtinCall(FL_B_SELECT_CHANNEL, std::string(op).c_str(), {channel, m_.addConst(kind, D(head).span)},
                               D(F.child(head, 1)).span));
    args.push_back(send ? expr(F.child(head, 2)) : nilConst(D(head).span));
    branches.push_back({send, childrenFrom(b, 1), D(b).span});
  }
  args.insert(args.begin(), boolConst(defaultBody != nullptr, s));

  VarId sel = m_.addVar(names_.intern("%sel"), s, VarKind::Local, cur_);
  VarId idx = m_.addVar(names_.intern("%i"), s, VarKind::Local, cur_);
  NodeId result = defaultBody ? body(*defaultBody, s) : nilConst(s);
  for (size_t k = branches.size(); k-- > 0;) {
    const Branch& br = branches[k];
    NodeId value = body(br.body, br.span);
    if (!br.send) {
      // A recv! branch whose body value is a function calls it with the received value.
      // (named for diagnostics such as the arity warning: "'select branch' expects ...")
      VarId r = m_.addVar(names_.intern("select branch"), br.span, VarKind::Local, cur_);
      Literal one{LitKind::Int};
      one.i = 1;
      NodeId received = builtinCall(FL_B_NTH, "nth", {localRef(sel, br.span), m_.addConst(one, br.span)}, br.span);
      NodeId call = node(NodeKind::Call, br.span);
      m_[call].kids = {localRef(r, br.span), received};
      NodeId test = builtinCall(FL_B_FUNCTION_P, "function?", {localRef(r, br.span)}, br.span);
      NodeId let = node(NodeKind::Let, br.span);
      m_[let].a = r;
      m_[let].kids = {value, ifNode(test, call, localRef(r, br.span), br.span)};
      value = let;
    }
    Literal index{LitKind::Int};
    index.i = static_cast<int64_t>(k);
    NodeId test = builtinCall(FL_B_EQUAL, "=", {localRef(idx, br.span), m_.addConst(index, br.span)}, br.span);
    result = ifNode(test, value, result, br.span);
  }
  NodeId idxLet = node(NodeKind::Let, s);
  m_[idxLet].a = idx;
  m_[idxLet].kids = {builtinCall(FL_B_HEAD, "head", {localRef(sel, s)}, s), result};
  NodeId selLet = node(NodeKind::Let, s);
  m_[selLet].a = sel;
  m_[selLet].kids = {builtinCall(FL_B_SELECT, "select", args, s), idxLet};
  return selLet;
}

}  // namespace fl::expand
