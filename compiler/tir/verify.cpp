// The TIR verifier (docs/tir.md, "Invariants"): shapes of nodes, representations where values
// meet, variables used only where they are bound, calls matching their targets. Run after
// building and after every pass in debug builds and in the tests (--verify-tir).
#include <string>
#include <vector>

#include "tir/tir.h"

namespace fl::tir {

namespace {

class Verifier {
 public:
  explicit Verifier(const Program& p) : p_(p) {}

  std::vector<std::string> run() {
    if (p_.init >= p_.fns.size()) problem("no init function");
    for (FnId id = 0; id < p_.fns.size(); ++id) {
      const Function& f = p_.fns[id];
      if (f.dead) continue;
      fn_ = id;
      f_ = &f;
      if (f.body >= f.nodes.size()) {
        problem("function has no body");
        continue;
      }
      seen_.assign(f.nodes.size(), false);
      bound_.assign(f.vars.size(), false);
      for (VarId v : f.params) {
        if (v >= f.vars.size()) problem("bad parameter");
        else bound_[v] = true;
      }
      visit(f.body);
      if (f[f.body].rep != f.retRep) problem("body representation differs from the result's", f.body);
    }
    return std::move(problems_);
  }

 private:
  void problem(const std::string& what, NodeId n = kNone) {
    std::string s = f_ ? "fn " + f_->name : std::string("program");
    if (n != kNone) s += " node " + std::to_string(n) + " (" + opName((*f_)[n].op) + ")";
    problems_.push_back(s + ": " + what);
  }
  bool validVar(uint32_t v) const { return v < f_->vars.size(); }
  Rep rep(NodeId n) const { return (*f_)[n].rep; }
  void expectRep(NodeId parent, NodeId kid, Rep want, const char* what) {
    if (rep(kid) != want) problem(std::string(what) + " is " + repName(rep(kid)) + ", expected " + repName(want), parent);
  }
  void expectKids(NodeId n, size_t count) {
    if ((*f_)[n].kids.size() != count)
      problem("has " + std::to_string((*f_)[n].kids.size()) + " children, expected " + std::to_string(count), n);
  }
  void bind(uint32_t v, NodeId at) {
    if (!validVar(v)) problem("binds an unknown variable", at);
    else bound_[v] = true;
  }

  void visit(NodeId n) {
    if (n >= f_->nodes.size()) {
      problem("refers to node " + std::to_string(n) + " out of range");
      return;
    }
    if (seen_[n]) {
      problem("is reached twice (TIR is a tree)", n);
      return;
    }
    seen_[n] = true;
    const Node& x = (*f_)[n];
    if (x.scope != kNone && x.scope >= f_->inlineSites.size()) problem("has an unknown inline scope", n);
    const auto& T = p_.types;
    if (T.bits(x.type) != 0 && x.rep != Rep::Tagged && x.rep != repOf(T, x.type) && x.op != Op::Unbox)
      problem(std::string("holds a ") + T.show(x.type) + " as " + repName(x.rep), n);
    switch (x.op) {
      case Op::Const:
        if (x.a >= p_.literals.size()) problem("bad literal", n);
        break;
      case Op::Local:
        if (!validVar(x.a)) problem("reads an unknown variable", n);
        else if (!bound_[x.a]) problem("reads variable " + std::to_string(x.a) + " outside its scope", n);
        else if (x.b != 1 && x.rep != f_->vars[x.a].rep) problem("reads a variable in another representation", n);
        break;
      case Op::Env:
        if (x.a >= f_->captures.size()) problem("reads a capture the function does not have", n);
        else if (x.rep != f_->captures[x.a].rep) problem("reads a capture in another representation", n);
        break;
      case Op::Global:
        if (x.a >= p_.globals.size()) problem("bad global slot", n);
        break;
      case Op::SetLocal:
        expectKids(n, 1);
        if (!validVar(x.a) || !bound_[x.a]) problem("assigns a variable outside its scope", n);
        else {
          if (f_->vars[x.a].storage == Storage::Value) problem("assigns an immutable variable", n);
          expectRep(n, x.kids[0], f_->vars[x.a].rep, "the value");
        }
        break;
      case Op::SetEnv:
        expectKids(n, 1);
        if (x.a >= f_->captures.size() || !f_->captures[x.a].boxed) problem("assigns a capture that is not boxed", n);
        expectRep(n, x.kids[0], Rep::Tagged, "the value");
        break;
      case Op::SetGlobal:
        expectKids(n, 1);
        if (x.a >= p_.globals.size()) problem("bad global slot", n);
        expectRep(n, x.kids[0], Rep::Tagged, "the value");
        break;
      case Op::If:
        expectKids(n, 3);
        if (x.kids.size() == 3) {
          expectRep(n, x.kids[1], x.rep, "the then branch");
          expectRep(n, x.kids[2], x.rep, "the else branch");
        }
        break;
      case Op::Seq:
        if (x.kids.empty()) problem("is empty", n);
        else expectRep(n, x.kids.back(), x.rep, "the last form");
        break;
      case Op::Let:
        expectKids(n, 2);
        if (!validVar(x.a)) problem("binds an unknown variable", n);
        else if (x.kids.size() == 2) {
          visit(x.kids[0]);
          expectRep(n, x.kids[0], f_->vars[x.a].rep, "the initial value");
          bind(x.a, n);
          visit(x.kids[1]);
          expectRep(n, x.kids[1], x.rep, "the body");
        }
        return;
      case Op::Letrec:
        if (x.kids.size() != static_cast<size_t>(x.a) + 1) problem("needs one closure per hoisted variable and a body", n);
        for (uint32_t v : x.vars) bind(v, n);
        for (size_t i = 0; i + 1 < x.kids.size(); ++i)
          if ((*f_)[x.kids[i]].op != Op::MakeClosure) problem("initializes a hoisted variable with something else than a closure", n);
        if (!x.kids.empty()) {
          for (NodeId k : x.kids) visit(k);
          expectRep(n, x.kids.back(), x.rep, "the body");
        }
        return;
      case Op::MakeClosure:
        if (x.a >= p_.closures.size()) problem("makes a closure of an unknown lambda", n);
        else if (x.kids.size() != p_.closures[x.a].captures.size()) problem("captures the wrong number of values", n);
        else
          for (size_t i = 0; i < x.kids.size(); ++i)
            expectRep(n, x.kids[i], p_.closures[x.a].captures[i].rep, "a captured value");
        break;
      case Op::Call: {
        if (x.a >= p_.fns.size() || p_.fns[x.a].dead) {
          problem("calls a function that does not exist", n);
          break;
        }
        const Function& t = p_.fns[x.a];
        size_t self = x.b == 1 ? 1 : 0;
        if (x.kids.size() != t.params.size() + self) {
          problem("passes " + std::to_string(x.kids.size() - self) + " arguments to " + t.name, n);
          break;
        }
        if (self) expectRep(n, x.kids[0], Rep::Tagged, "the callee");
        if (x.c == kNone) {
          for (size_t i = 0; i < t.params.size(); ++i)
            expectRep(n, x.kids[i + self], t.vars[t.params[i]].rep, "an argument");
          if (x.rep != t.retRep) problem("has another representation than its target's result", n);
        } else if (x.c >= p_.fns.size() || p_.fns[x.c].dead) {
          problem("speculates on a function that does not exist", n);
        }
        if (x.tail && x.rep != f_->retRep) problem("is a tail call with another representation than the caller's result", n);
        break;
      }
      case Op::CallUnknown:
        if (x.kids.empty()) problem("has no callee", n);
        for (NodeId k : x.kids) expectRep(n, k, Rep::Tagged, "an operand");
        break;
      case Op::CallBuiltin:
        if (x.b != kNone && (x.b >= p_.fns.size() || p_.fns[x.b].dead)) problem("loops over a function that does not exist", n);
        break;
      case Op::Box:
        expectKids(n, 1);
        if (x.rep != Rep::Tagged) problem("boxes into an unboxed representation", n);
        if (!x.kids.empty() && rep(x.kids[0]) == Rep::Tagged) problem("boxes a tagged value", n);
        break;
      case Op::Unbox:
        expectKids(n, 1);
        if (x.rep == Rep::Tagged) problem("unboxes into the tagged representation", n);
        if (!x.kids.empty()) expectRep(n, x.kids[0], Rep::Tagged, "the operand");
        break;
      case Op::Construct: {
        uint32_t raw = p_.rawFields(x.sym, x.kids.size());
        for (size_t i = 0; i < x.kids.size(); ++i)
          if (!((raw >> i & 1u) && rep(x.kids[i]) == Rep::Float)) expectRep(n, x.kids[i], Rep::Tagged, "a field");
        break;
      }
      case Op::Throw:
        expectKids(n, 1);
        if (!x.kids.empty()) expectRep(n, x.kids[0], Rep::Tagged, "the thrown value");
        break;
      case Op::Match:
        if (x.kids.size() != x.pats.size() + 1 || x.pats.empty()) problem("needs a scrutinee and a body per clause", n);
        else {
          visit(x.kids[0]);
          for (size_t i = 0; i < x.pats.size(); ++i) {
            pattern(x.pats[i], n);
            visit(x.kids[i + 1]);
            expectRep(n, x.kids[i + 1], x.rep, "a clause body");
          }
        }
        return;
      case Op::Try: {
        size_t fin = x.a == 1 ? 1 : 0;
        if (x.kids.size() != x.pats.size() + 1 + fin) problem("needs a body, a body per catch and the finally", n);
        else {
          visit(x.kids[0]);
          expectRep(n, x.kids[0], Rep::Tagged, "the body");
          for (size_t i = 0; i < x.pats.size(); ++i) {
            pattern(x.pats[i], n);
            visit(x.kids[i + 1]);
            expectRep(n, x.kids[i + 1], Rep::Tagged, "a catch body");
          }
          if (fin) visit(x.kids.back());
        }
        if (x.rep != Rep::Tagged) problem("try results are tagged", n);
        return;
      }
      case Op::Handler:
        if (x.kids.size() != x.vars.size() + 1) problem("needs a function per entry and a body", n);
        for (size_t i = 0; i + 1 < x.kids.size(); ++i) expectRep(n, x.kids[i], Rep::Tagged, "an entry function");
        if (!x.kids.empty()) {
          for (NodeId k : x.kids) visit(k);
          expectRep(n, x.kids.back(), x.rep, "the body");
        }
        return;
      default: break;
    }
    for (NodeId k : x.kids) visit(k);
  }

  void pattern(PatId p, NodeId at) {
    if (p >= f_->patterns.size()) {
      problem("refers to a pattern out of range", at);
      return;
    }
    const ast::Pattern& pat = f_->patterns[p];
    if (pat.kind == ast::PatKind::Var || pat.kind == ast::PatKind::As) bind(pat.a, at);
    if (pat.kind == ast::PatKind::Literal && pat.a >= p_.literals.size()) problem("pattern literal out of range", at);
    for (PatId k : pat.kids) pattern(k, at);
    if (pat.expr != kNone) visit(pat.expr);
  }

  const Program& p_;
  FnId fn_ = 0;
  const Function* f_ = nullptr;
  std::vector<bool> seen_, bound_;
  std::vector<std::string> problems_;
};

}  // namespace

std::vector<std::string> verify(const Program& p) { return Verifier(p).run(); }

}  // namespace fl::tir
