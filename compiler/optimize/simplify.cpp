// simplify: an online simplifier over each function (after Chez's cp0). One walk, children
// first, with what is known about the variables in scope:
//   - constant and copy propagation: an immutable variable bound to a constant (or to another
//     immutable variable) is replaced by it at every read, through let chains of any depth;
//   - folding: a foldable builtin (optimize/eval.h) whose arguments are all constants is
//     evaluated with the runtime's own implementation; a call that would raise stays;
//   - branches: an `if` on a constant keeps one branch; (if c #t #f) on a Bool is c;
//   - dead code: a binding nothing reads and pure forms whose value is unused are dropped, and
//     Box(Unbox x) / Unbox(Box x) pairs cancel.
// Every "may this go?" is tir::Program::isPure. Rounds repeat while they change something.
#include "infer/infer.h"
#include "optimize/passes.h"
#include "tir/rewrite.h"

namespace fl::optimize {

using namespace fl::tir;

namespace {

constexpr int kMaxRounds = 6;

class Simplifier {
 public:
  Simplifier(Program& p, PassContext& cx, Function& f) : p_(p), cx_(cx), f_(f) {}

  void run() {
    for (int round = 0; round < kMaxRounds; ++round) {
      uses_ = useCounts(f_);
      constOf_.assign(f_.vars.size(), kNone);
      copyOf_.assign(f_.vars.size(), kNone);
      changed_ = false;
      visit(f_.body);
      if (!changed_) break;
    }
    markTails(f_);
  }

 private:
  void replace(NodeId at, NodeId with) {
    replaceNode(f_, at, with);
    ++cx_.rewrites;
    changed_ = true;
  }

  // The literal a node certainly evaluates to (a Const, or a boxed one).
  uint32_t literalOf(NodeId n) const {
    const Node& x = f_[n];
    if (x.op == Op::Const) return x.a;
    if (x.op == Op::Box && f_[x.kids[0]].op == Op::Const) return f_[x.kids[0]].a;
    return kNone;
  }

  void visit(NodeId n) {
    switch (f_[n].op) {
      case Op::Local: {
        const Node& x = f_[n];
        if (x.b == 1) return;
        if (constOf_[x.a] != kNone) {
          NodeId c = constOf_[x.a];
          Span span = x.span;
          f_[n] = f_[c];
          f_[n].span = span;
          ++cx_.rewrites;
          changed_ = true;
        } else if (copyOf_[x.a] != kNone) {
          f_[n].a = copyOf_[x.a];
          f_[n].effects = 0;
          ++cx_.rewrites;
          changed_ = true;
        }
        return;
      }
      case Op::Let: return visitLet(n);
      case Op::If: return visitIf(n);
      case Op::Seq: return visitSeq(n);
      case Op::CallBuiltin: return visitBuiltin(n);
      case Op::Letrec: return visitLetrec(n);
      case Op::Box:
      case Op::Unbox: {
        visit(f_[n].kids[0]);
        NodeId k = f_[n].kids[0];
        Op inverse = f_[n].op == Op::Box ? Op::Unbox : Op::Box;
        if (f_[k].op == inverse && f_[f_[k].kids[0]].rep == f_[n].rep) {
          replace(n, f_[k].kids[0]);
          return;
        }
        f_[n].effects = f_[k].effects | (f_[n].op == Op::Box ? infer::FxAlloc : 0u);
        return;
      }
      default: break;
    }
    std::vector<NodeId> kids;
    forEachChild(f_, n, [&](NodeId k) { kids.push_back(k); });
    for (NodeId k : kids) visit(k);
  }

  void visitLet(NodeId n) {
    visit(f_[n].kids[0]);
    NodeId init = f_[n].kids[0];
    VarId v = f_[n].a;
    const Var& var = f_.vars[v];
    if (var.storage == Storage::Value && !var.checked && f_[init].rep == var.rep) {
      if (f_[init].op == Op::Const) constOf_[v] = init;
      else if (f_[init].op == Op::Local && f_[init].b != 1 && f_.vars[f_[init].a].storage == Storage::Value &&
               !f_.vars[f_[init].a].checked)
        copyOf_[v] = copyOf_[f_[init].a] != kNone ? copyOf_[f_[init].a] : f_[init].a;
    }
    visit(f_[n].kids[1]);
    if (uses_[v] == 0 && p_.isPure(f_, f_[n].kids[0])) {
      replace(n, f_[n].kids[1]);
      return;
    }
    f_[n].effects = f_[f_[n].kids[0]].effects | f_[f_[n].kids[1]].effects;
  }

  // A letrec whose variables nothing uses any more (their calls were folded or inlined) and
  // whose closures capture nothing is just its body.
  void visitLetrec(NodeId n) {
    for (NodeId k : llvm::SmallVector<NodeId, 3>(f_[n].kids)) visit(k);
    const Node& x = f_[n];
    for (uint32_t v : x.vars)
      if (uses_[v] != 0) return;
    for (size_t i = 0; i + 1 < x.kids.size(); ++i)
      if (!f_[x.kids[i]].kids.empty()) return;
    replace(n, x.kids.back());
  }

  void visitIf(NodeId n) {
    visit(f_[n].kids[0]);
    uint32_t lit = literalOf(f_[n].kids[0]);
    if (lit != kNone && p_.isPure(f_, f_[n].kids[0])) {
      NodeId chosen = truthyLiteral(p_.literals[lit]) ? f_[n].kids[1] : f_[n].kids[2];
      visit(chosen);
      replace(n, chosen);
      return;
    }
    visit(f_[n].kids[1]);
    visit(f_[n].kids[2]);
    const Node& x = f_[n];
    uint32_t t = literalOf(x.kids[1]), e = literalOf(x.kids[2]);
    if (t != kNone && e != kNone && f_[x.kids[0]].rep == Rep::Bool && x.rep == Rep::Bool &&
        p_.literals[t].kind == ast::LitKind::Bool && p_.literals[t].b && p_.literals[e].kind == ast::LitKind::Bool &&
        !p_.literals[e].b) {
      replace(n, x.kids[0]);  // (if c #t #f) where c is a Bool: c (also in tail position)
      return;
    }
    f_[n].effects = f_[x.kids[0]].effects | f_[x.kids[1]].effects | f_[x.kids[2]].effects;
  }

  void visitSeq(NodeId n) {
    for (NodeId k : llvm::SmallVector<NodeId, 3>(f_[n].kids)) visit(k);
    llvm::SmallVector<NodeId, 3> kept;
    const auto& kids = f_[n].kids;
    for (size_t i = 0; i < kids.size(); ++i) {
      if (i + 1 < kids.size() && p_.isPure(f_, kids[i])) {
        ++cx_.rewrites;
        changed_ = true;
        continue;
      }
      kept.push_back(kids[i]);
    }
    f_[n].kids = kept;
    if (kept.size() == 1) {
      replace(n, kept[0]);
      return;
    }
    uint32_t fx = 0;
    for (NodeId k : kept) fx |= f_[k].effects;
    f_[n].effects = fx;
  }

  void visitBuiltin(NodeId n) {
    for (NodeId k : llvm::SmallVector<NodeId, 3>(f_[n].kids)) visit(k);
    const Node& x = f_[n];
    if (x.b != kNone) return;  // an inline loop calling a function
    std::vector<uint32_t> args;
    for (NodeId k : x.kids) {
      uint32_t lit = literalOf(k);
      if (lit == kNone) return;
      args.push_back(lit);
    }
    std::optional<uint32_t> r = cx_.eval.call(static_cast<int32_t>(x.a), args);
    if (!r) return;
    NodeId c = constant(f_, p_, *r, x.span);
    replace(n, coerceTo(f_, c, f_[n].rep));
  }

  Program& p_;
  PassContext& cx_;
  Function& f_;
  std::vector<uint32_t> uses_;
  std::vector<NodeId> constOf_;  // variable -> the constant it holds
  std::vector<VarId> copyOf_;    // variable -> the variable it equals
  bool changed_ = false;
};

}  // namespace

void simplify(Program& p, PassContext& cx) {
  for (Function& f : p.fns)
    if (!f.dead) Simplifier(p, cx, f).run();
}

}  // namespace fl::optimize
