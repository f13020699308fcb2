// -Warity's second half (LANGUAGE.md §16): operations that must fail when they run, decided from
// the inferred types of the TIR. A builtin given an argument of a type it never accepts, `+`
// adding a string to a number, or a call of a value that is not a function.
//
// Types are not narrowed by tests (`(if (string? (car xs)) (string-length (car xs)) ...)` keeps the
// type of `(car xs)` in both branches), so an expression reading a variable may have a type its
// branch never sees. Only arguments that read no variable are judged (literals and expressions of
// them), and a call is reported only when every instance containing it fails.
#include "tir/must_fail.h"

#include <map>
#include <optional>

#include "fluentai/rt.h"

namespace fl::tir {

namespace {

using infer::TNil;
using infer::TNumber;
using infer::TString;

// What a builtin needs: the kinds one argument (or all) must have some of.
struct Need {
  int arg;          // -1: every argument
  uint32_t bits;    // accepted kinds
  const char* what; // for the message
};

std::optional<Need> need(int32_t id) {
  switch (id) {
    case FL_B_SUB: case FL_B_MUL: case FL_B_DIV: case FL_B_QUOTIENT: case FL_B_MOD: case FL_B_MODULO:
    case FL_B_ABS: case FL_B_FLOOR: case FL_B_CEIL: case FL_B_ROUND: case FL_B_TRUNCATE: case FL_B_SQRT:
    case FL_B_EXP: case FL_B_SIN: case FL_B_COS: case FL_B_TAN: case FL_B_ASIN: case FL_B_ACOS:
    case FL_B_ATAN: case FL_B_LOG: case FL_B_POW: case FL_B_ZERO_P: case FL_B_POSITIVE_P: case FL_B_NEGATIVE_P:
      return Need{-1, TNumber, "numbers"};
    case FL_B_GCD: case FL_B_LCM: case FL_B_EVEN_P: case FL_B_ODD_P:
      return Need{-1, infer::TInt, "integers"};
    case FL_B_HEAD: case FL_B_TAIL: case FL_B_LAST:
      return Need{0, infer::TList | TNil, "a list"};
    case FL_B_LENGTH:
      return Need{0, infer::TList | TNil | TString | infer::TMap | infer::TVector, "a list, string, map or vector"};
    case FL_B_STRING_LENGTH: case FL_B_STRING_UPCASE: case FL_B_STRING_DOWNCASE: case FL_B_STRING_CAPITALIZE:
    case FL_B_STRING_REVERSE: case FL_B_STRING_TRIM: case FL_B_STRING_TRIM_LEFT: case FL_B_STRING_TRIM_RIGHT:
    case FL_B_STRING_EMPTY_P: case FL_B_STRING_TO_LIST: case FL_B_SUBSTRING: case FL_B_STRING_SPLIT:
      return Need{0, TString, "a string"};
    default: return std::nullopt;
  }
}

class Checker {
 public:
  Checker(const Program& p, const Interner& names) : p_(p), names_(names) {}

  void run() {
    for (const Function& f : p_.fns)
      if (!f.dead && f.body != kNone) walk(f);
  }

  void report(diag::Engine& diags) const {
    for (const auto& [begin, site] : sites_)
      if (site.failing == site.seen) diags.report(diag::Id::MustFail, site.span, site.message);
  }

 private:
  struct Site {
    Span span;
    std::string message;
    unsigned seen = 0, failing = 0;
  };

  // The argument as written: through representation changes.
  static NodeId strip(const Function& f, NodeId n) {
    while (f[n].op == Op::Box || f[n].op == Op::Unbox) n = f[n].kids[0];
    return n;
  }
  // Whether the value of subtree n may depend on a variable: then its type may be one a test
  // around the call rules out (the call is dead code for that type), so it is not judged.
  bool isVariable(const Function&, NodeId n) const { return readsVar_[n]; }

  // readsVar_ for every node of f's body: one post-order walk.
  void markVariableReads(const Function& f) {
    readsVar_.assign(f.nodes.size(), false);
    std::vector<std::pair<NodeId, bool>> stack{{f.body, false}};
    while (!stack.empty()) {
      auto [n, done] = stack.back();
      stack.pop_back();
      if (!done) {
        stack.push_back({n, true});
        forEachChild(f, n, [&](NodeId c) { stack.push_back({c, false}); });
        continue;
      }
      Op op = f[n].op;
      bool reads = op == Op::Local || op == Op::Env || op == Op::Global || op == Op::Self || op == Op::Match;
      forEachChild(f, n, [&](NodeId c) { reads = reads || readsVar_[c]; });
      readsVar_[n] = reads;
    }
  }
  // The kinds an argument may have (0: it never produces a value; nothing is known).
  uint32_t bits(const Function& f, NodeId n) const { return p_.types.bits(f[strip(f, n)].type); }
  std::string show(const Function& f, NodeId n) const { return p_.types.show(f[strip(f, n)].type); }

  void walk(const Function& f) {
    markVariableReads(f);
    std::vector<NodeId> stack{f.body};
    while (!stack.empty()) {
      NodeId n = stack.back();
      stack.pop_back();
      const Node& x = f[n];
      if (x.op == Op::Match) {  // clauses narrow what they match: only the scrutinee is judged
        stack.push_back(x.kids[0]);
        continue;
      }
      if (x.op == Op::CallBuiltin || x.op == Op::CallUnknown) judge(f, n);
      forEachChild(f, n, [&](NodeId k) { stack.push_back(k); });
    }
  }

  void judge(const Function& f, NodeId n) {
    const Node& x = f[n];
    if (!x.span.valid()) return;
    std::optional<std::string> why = x.op == Op::CallUnknown ? callee(f, x) : builtin(f, x);
    Site& s = sites_[x.span.begin];
    s.span = x.span;
    ++s.seen;
    if (why) {
      ++s.failing;
      s.message = *why;
    }
  }

  std::optional<std::string> callee(const Function& f, const Node& x) const {
    NodeId c = x.kids[0];
    uint32_t b = bits(f, c);
    if (isVariable(f, c) || b == 0 || (b & infer::TFn)) return std::nullopt;
    return "a value of type " + show(f, c) + " is called as a function";
  }

  std::optional<std::string> builtin(const Function& f, const Node& x) const {
    std::string name(names_.str(x.sym));
    int32_t id = static_cast<int32_t>(x.a);
    if (id == FL_B_ADD) return plus(f, x, name);
    std::optional<Need> want = need(id);
    if (!want) return std::nullopt;
    for (size_t i = 0; i < x.kids.size(); ++i) {
      if (want->arg >= 0 && static_cast<size_t>(want->arg) != i) continue;
      NodeId k = x.kids[i];
      uint32_t b = bits(f, k);
      if (isVariable(f, k) || b == 0 || (b & want->bits)) continue;
      return "'" + name + "' expects " + want->what + " but is given " + show(f, k);
    }
    return std::nullopt;
  }

  // `+` adds numbers or joins strings: an argument that is neither, or a string with a number.
  std::optional<std::string> plus(const Function& f, const Node& x, const std::string& name) const {
    NodeId str = kNone, num = kNone;
    for (NodeId k : x.kids) {
      uint32_t b = bits(f, k);
      if (isVariable(f, k) || b == 0) continue;
      if (!(b & (TNumber | TString)))
        return "'" + name + "' expects numbers or strings but is given " + show(f, k);
      if (b == TString) str = k;
      if (!(b & TString)) num = k;
    }
    if (str != kNone && num != kNone)
      return "'" + name + "' adds numbers or joins strings, but is given " + show(f, num) + " and " + show(f, str);
    return std::nullopt;
  }

  const Program& p_;
  const Interner& names_;
  std::map<uint32_t, Site> sites_;  // by span start: one report per call, in source order
  std::vector<bool> readsVar_;      // of the function being walked, by node
};

}  // namespace

void warnMustFail(const Program& p, const Interner& names, diag::Engine& diags) {
  Checker c(p, names);
  c.run();
  c.report(diags);
}

}  // namespace fl::tir
