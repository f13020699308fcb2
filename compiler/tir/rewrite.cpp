#include "tir/rewrite.h"

#include "infer/infer.h"

namespace fl::tir {

void replaceNode(Function& f, NodeId at, NodeId with) {
  if (at == with) return;
  bool tail = f[at].tail;
  Node copy = f[with];
  f[at] = std::move(copy);
  f[at].tail = tail;
}

std::vector<uint32_t> useCounts(const Function& f) {
  std::vector<uint32_t> uses(f.vars.size(), 0);
  std::vector<NodeId> stack{f.body};
  while (!stack.empty()) {
    NodeId n = stack.back();
    stack.pop_back();
    const Node& x = f[n];
    if (x.op == Op::Local || x.op == Op::SetLocal) uses[x.a]++;
    forEachChild(f, n, [&](NodeId k) { stack.push_back(k); });
  }
  return uses;
}

namespace {
void mark(Function& f, NodeId n, bool tail) {
  Node& x = f[n];
  x.tail = tail;
  switch (x.op) {
    case Op::If:
      mark(f, x.kids[0], false);
      mark(f, f[n].kids[1], tail);
      mark(f, f[n].kids[2], tail);
      return;
    case Op::Seq:
    case Op::Letrec:
      for (size_t i = 0; i < f[n].kids.size(); ++i) mark(f, f[n].kids[i], tail && i + 1 == f[n].kids.size());
      return;
    case Op::Let:
      mark(f, x.kids[0], false);
      mark(f, f[n].kids[1], tail);
      return;
    case Op::Match: {
      for (size_t i = 0; i < f[n].kids.size(); ++i) mark(f, f[n].kids[i], tail && i > 0);
      std::vector<PatId> pats(f[n].pats.begin(), f[n].pats.end());
      while (!pats.empty()) {
        const ast::Pattern& p = f.patterns[pats.back()];
        pats.pop_back();
        if (p.expr != kNone) mark(f, p.expr, false);
        pats.insert(pats.end(), p.kids.begin(), p.kids.end());
      }
      return;
    }
    default: break;
  }
  std::vector<NodeId> kids;
  forEachChild(f, n, [&](NodeId k) { kids.push_back(k); });
  for (NodeId k : kids) mark(f, k, false);
}
}  // namespace

void markTails(Function& f) { mark(f, f.body, true); }

NodeId constant(Function& f, Program& p, uint32_t lit, Span span) {
  Node x;
  x.op = Op::Const;
  x.a = lit;
  x.span = span;
  infer::TypeTable& T = p.types;
  switch (p.literals[lit].kind) {
    case ast::LitKind::Int: x.type = T.intT(); break;
    case ast::LitKind::Float: x.type = T.floatT(); break;
    case ast::LitKind::Bool: x.type = T.boolT(); break;
    case ast::LitKind::Nil: x.type = T.nilT(); break;
    case ast::LitKind::String: x.type = T.stringT(); break;
    case ast::LitKind::EmptyList: x.type = T.emptyList(); break;
    case ast::LitKind::Symbol: x.type = T.base(infer::TSymbol); break;
    case ast::LitKind::Keyword: x.type = T.base(infer::TKeyword); break;
    case ast::LitKind::List: x.type = T.base(infer::TList); break;
    case ast::LitKind::Tagged: x.type = T.taggedOf(T.tagId(p.literals[lit].s, 0)); break;
  }
  x.rep = repOf(T, x.type);
  return f.add(std::move(x));
}

NodeId coerceTo(Function& f, NodeId n, Rep want) {
  Rep have = f[n].rep;
  if (have == want) return n;
  if (have != Rep::Tagged) {
    Node b;
    b.op = Op::Box;
    b.span = f[n].span;
    b.type = f[n].type;
    b.rep = Rep::Tagged;
    b.effects = f[n].effects | infer::FxAlloc;
    b.kids = {n};
    n = f.add(std::move(b));
    if (want == Rep::Tagged) return n;
  }
  Node u;
  u.op = Op::Unbox;
  u.span = f[n].span;
  u.type = f[n].type;
  u.rep = want;
  u.effects = f[n].effects;
  u.kids = {n};
  return f.add(std::move(u));
}

}  // namespace fl::tir
