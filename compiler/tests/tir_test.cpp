// Unit tests of TIR (tir/): the builder's choices, the verifier, and each optimizer pass on small
// programs (docs/tir.md).
#include <gtest/gtest.h>

#include <string>

#include "diag/diag.h"
#include "expand/expand.h"
#include "fluentai/rt.h"
#include "infer/infer.h"
#include "modules/loader.h"
#include "optimize/eval.h"
#include "optimize/lift.h"
#include "optimize/optimize.h"
#include "optimize/passes.h"
#include "parse/parser.h"
#include "resolve/resolve.h"
#include "tir/build.h"
#include "tir/tir.h"

namespace fl::tir {
namespace {

// A program compiled to TIR: lifted and built; passes run on request.
struct Compiled {
  SourceManager sm;
  Interner names;
  diag::Engine diags{sm};
  parse::Forest forest;
  Program p;

  explicit Compiled(std::string text, bool lift = true) {
    const SourceFile& file = sm.file(sm.addFile("t.fl", std::move(text)));
    modules::Program program = modules::load(file, {{}, modules::defaultStdlibDir()}, sm, forest, names, diags);
    ast::Module m = expand::expand(forest, program, names, diags, false);
    resolve::resolve(m, names, diags);
    EXPECT_FALSE(diags.hasErrors());
    if (lift) optimize::liftLambdas(m);
    p = build(m, infer::infer(m, names), names);
  }

  // Runs the passes of passes.def up to and including the first one called `last`.
  void runUntil(const std::string& last) {
    optimize::run(p, [&](const std::string& name) { return name != last; });
  }
  void pass(void (*fn)(Program&, optimize::PassContext&)) {
    optimize::RuntimeEval eval(p.literals);
    optimize::PassContext cx{eval};
    fn(p, cx);
  }
  std::string text() const { return dump(p, names, sm); }
  const Function* fn(const std::string& name) const {
    for (const Function& f : p.fns)
      if (f.name == name && !f.dead) return &f;
    return nullptr;
  }
  size_t count(const Function& f, Op op) const {
    size_t k = 0;
    std::vector<NodeId> stack{f.body};
    while (!stack.empty()) {
      NodeId n = stack.back();
      stack.pop_back();
      if (f[n].op == op) ++k;
      forEachChild(f, n, [&](NodeId c) { stack.push_back(c); });
    }
    return k;
  }
};

TEST(TirBuild, NamedLetIsLiftedWithTypedFreeVariables) {
  Compiled c("(define (f k) (let loop ((i 0) (acc 0.0)) (if (= i 10) acc (loop (+ i 1) (+ acc k)))))\n"
             "(print-line (f 1.5))");
  const Function* loop = c.fn("loop");
  ASSERT_NE(loop, nullptr);
  ASSERT_EQ(loop->params.size(), 3u);  // i, acc, and the lifted k
  EXPECT_EQ(loop->vars[loop->params[2]].rep, Rep::Float);
  EXPECT_TRUE(loop->captures.empty());
  const Function* f = c.fn("f");
  ASSERT_NE(f, nullptr);
  for (const Node& n : f->nodes)
    if (n.op == Op::MakeClosure) EXPECT_TRUE(n.kids.empty());  // a static closure: nothing allocated
  EXPECT_TRUE(verify(c.p).empty());
}

TEST(TirBuild, CapturedFloatsStayUnboxed) {
  Compiled c("(define (adder k) (lambda (x) (+ x k)))\n(print-line (map (adder 2.5) [1.0 2.0]))");
  const Function* lam = nullptr;
  for (const Function& f : c.p.fns)
    if (!f.captures.empty()) lam = &f;
  ASSERT_NE(lam, nullptr);
  EXPECT_EQ(lam->captures[0].rep, Rep::Float);
}

TEST(TirBuild, ConsPatternBindsElementTypes) {
  Compiled c("(define (sum xs) (match xs ('() 0) ((cons h t) (+ h (sum t)))))\n(print-line (sum (range 5)))");
  const Function* sum = c.fn("sum");
  ASSERT_NE(sum, nullptr);
  EXPECT_EQ(c.p.types.show(sum->ret), "Int");  // the clauses cover every list: no nil
  bool sawInt = false;
  for (const Var& v : sum->vars)
    if (v.rep == Rep::Int) sawInt = true;
  EXPECT_TRUE(sawInt);
}

TEST(TirVerify, ReportsBrokenInvariants) {
  Compiled c("(define (f x) (+ x 1))\n(print-line (f 2))", false);
  ASSERT_TRUE(verify(c.p).empty()) << c.text();
  Program broken = c.p;
  Function& f = broken.fns[broken.init];
  // An argument in the wrong representation.
  uint32_t nil = broken.nilLiteral();
  for (NodeId n = 0, end = static_cast<NodeId>(f.nodes.size()); n < end; ++n)
    if (f[n].op == Op::Call) {
      NodeId bad = f.add(Node{Op::Const, Rep::Tagged, false, broken.types.nilT(), 0, {}, nil});
      f[n].kids.back() = bad;
    }
  EXPECT_FALSE(verify(broken).empty());
  // A node reached twice.
  Program twice = c.p;
  Function& g = twice.fns[twice.init];
  for (NodeId n = 0; n < g.nodes.size(); ++n)
    if (g[n].op == Op::Call) g[n].kids.push_back(g[n].kids.back());
  EXPECT_FALSE(verify(twice).empty());
  // A variable read outside its scope.
  Program scope = c.p;
  Function& h = scope.fns[1];
  VarId stray = h.addVar(Var{});
  NodeId read = h.add(Node{Op::Local, Rep::Tagged, false, 0, 0, {}, stray});
  h[h.body].kids.push_back(read);
  EXPECT_FALSE(verify(scope).empty());
}

TEST(TirPasses, SimplifyPropagatesThroughDeepLetChains) {
  Compiled c("(let* ((a 1) (b (+ a 1)) (c (* b 3)) (d (- c 1)) (e (+ d d)) (f (* e 2))) (print-line f))");
  c.pass(optimize::simplify);
  EXPECT_TRUE(verify(c.p).empty());
  const Function& init = c.p.fns[c.p.init];
  EXPECT_EQ(c.count(init, Op::Let), 0u) << c.text();
  EXPECT_NE(c.text().find("const 20 : Int"), std::string::npos) << c.text();
}

TEST(TirPasses, SimplifyKeepsCallsThatRaise) {
  Compiled c("(print-line (try (quotient 1 0) (catch e (error-kind e))))");
  c.pass(optimize::simplify);
  EXPECT_NE(c.text().find("builtin quotient"), std::string::npos) << c.text();
}

TEST(TirPasses, ConstGlobalsReplaceLiteralReads) {
  Compiled c("(define limit 50)\n(define (under? n) (< n limit))\n(print-line (under? (length (command-line))))");
  c.pass(optimize::simplify);
  c.pass(optimize::constGlobals);
  const Function* f = c.fn("under?");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(c.count(*f, Op::Global), 0u) << c.text();
}

TEST(TirPasses, ConstGlobalsKeepChecksWhenReadEarly) {
  Compiled c("(define (get) limit)\n(print-line (get))\n(define limit 50)");
  c.pass(optimize::simplify);
  c.pass(optimize::constGlobals);
  EXPECT_NE(c.text().find("global #1 limit checked"), std::string::npos) << c.text();
}

TEST(TirPasses, InlineSmallNonRecursiveFunctions) {
  Compiled c("(define (sq x) (* x x))\n(define (fact n) (if (= n 0) 1 (* n (fact (- n 1)))))\n"
             "(print-line (sq (length (command-line))) (fact (length (command-line))))");
  c.pass(optimize::inlineCalls);
  EXPECT_TRUE(verify(c.p).empty());
  std::string t = c.text();
  EXPECT_EQ(t.find("call sq"), std::string::npos) << t;  // inlined
  EXPECT_NE(t.find("call fact"), std::string::npos) << t;  // recursive: kept
}

TEST(TirPasses, ConstEvalRunsPureCallsWithFuel) {
  Compiled c("(define (fact n) (if (= n 0) 1 (* n (fact (- n 1)))))\n"
             "(define (spin n) (if (= n -1) 0 (spin (+ n 1))))\n"
             "(define (boom n) (quotient n 0))\n"
             "(print-line (fact 20))\n(print-line (boom 3))\n(print-line (spin 0))");
  c.pass(optimize::constEval);
  EXPECT_TRUE(verify(c.p).empty());
  std::string t = c.text();
  EXPECT_NE(t.find("const 2432902008176640000"), std::string::npos) << t;
  EXPECT_NE(t.find("call boom"), std::string::npos) << t;  // raises: left for run time
  EXPECT_NE(t.find("call spin"), std::string::npos) << t;  // runs out of fuel: left
}

TEST(TirPasses, PruneMarksUncalledFunctionsDead) {
  Compiled c("(define (sq x) (* x x))\n(print-line (sq 3))");
  c.runUntil("prune");
  EXPECT_EQ(c.fn("sq"), nullptr) << c.text();
  EXPECT_TRUE(verify(c.p).empty());
}

TEST(RuntimeEval, FoldsWithTheRuntimeAndRefusesRaises) {
  std::vector<ast::Literal> lits;
  auto str = [&](const char* s) {
    ast::Literal l(ast::LitKind::String);
    l.s = s;
    lits.push_back(l);
    return static_cast<uint32_t>(lits.size() - 1);
  };
  auto num = [&](int64_t i) {
    ast::Literal l(ast::LitKind::Int);
    l.i = i;
    lits.push_back(l);
    return static_cast<uint32_t>(lits.size() - 1);
  };
  optimize::RuntimeEval eval(lits);
  uint32_t a = str("ab"), b = str("cd");
  auto r = eval.call(FL_B_STRING_APPEND, {a, b});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(lits[*r].s, "abcd");
  EXPECT_FALSE(eval.call(FL_B_QUOTIENT, {num(1), num(0)}).has_value());
  EXPECT_FALSE(eval.call(FL_B_PRINT_LINE, {a}).has_value());  // an effect: never evaluated
}

TEST(RuntimeEval, StringFormatFoldsUnlessItRaisesOrAsksForAHugeResult) {
  std::vector<ast::Literal> lits;
  auto lit = [&](ast::LitKind kind, const char* s, int64_t i) {
    ast::Literal l(kind);
    l.s = s;
    l.i = i;
    lits.push_back(l);
    return static_cast<uint32_t>(lits.size() - 1);
  };
  auto str = [&](const char* s) { return lit(ast::LitKind::String, s, 0); };
  auto num = [&](int64_t i) { return lit(ast::LitKind::Int, "", i); };
  optimize::RuntimeEval eval(lits);
  auto r = eval.call(FL_B_STRING_FORMAT, {str("[~05d|~-4x]"), num(-42), num(255)});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(lits[*r].s, "[-0042|ff  ]");
  EXPECT_FALSE(eval.call(FL_B_STRING_FORMAT, {str("~.2d"), num(1)}).has_value());  // value-error at run time
  // Widths and precisions over the folding limit are left for run time, even with "~~" before.
  EXPECT_FALSE(eval.call(FL_B_STRING_FORMAT, {str("~2000000d"), num(1)}).has_value());
  EXPECT_FALSE(eval.call(FL_B_STRING_FORMAT, {str("~~ ~-99999999999999999999999a"), num(1)}).has_value());
  EXPECT_FALSE(eval.call(FL_B_STRING_FORMAT, {str("~.2000000f"), num(1)}).has_value());
  EXPECT_FALSE(eval.call(FL_B_STRING_FORMAT, {str("~600000.500000f~500000d"), num(1), num(2)}).has_value());
  EXPECT_TRUE(eval.call(FL_B_STRING_FORMAT, {str("~10.5f~900000d"), num(1), num(2)}).has_value());
  r = eval.call(FL_B_STRING_FORMAT, {str("~~2000000d 2000000")});
  ASSERT_TRUE(r.has_value());  // no directive asks for it: the digits are text
  EXPECT_EQ(lits[*r].s, "~2000000d 2000000");
}

}  // namespace
}  // namespace fl::tir
