// The text form of TIR (--emit=tir, --dump-after=PASS; docs/tir.md): one block per function,
// a line per node, children indented below their parent.
//   fn NAME (PARAM: Type, ...) env(CAPTURE: Type, ...) -> Type {effects} [entry]
//     OP DETAILS : Type[@rep] {effects} [tail]
// `@rep` appears where a value is held in another representation than its type's own (a tagged
// Int, say); effects are listed where there are any.
#include "builtins/builtins.h"
#include "builtins/effects.h"
#include "infer/infer.h"
#include "tir/tir.h"

namespace fl::tir {

namespace {

class Printer {
 public:
  Printer(const Program& p, const Interner& names) : p_(p), names_(names) {}

  std::string function(FnId id) {
    const Function& f = p_.fns[id];
    f_ = &f;
    std::string out = "fn " + f.name + " (";
    for (size_t i = 0; i < f.params.size(); ++i) out += (i ? ", " : "") + varDecl(f.params[i]);
    out += ")";
    if (!f.captures.empty()) {
      out += " env(";
      for (size_t i = 0; i < f.captures.size(); ++i) {
        const Capture& c = f.captures[i];
        out += (i ? ", " : "") + std::string(names_.str(c.name)) + ": " + p_.types.show(c.type);
        if (c.boxed) out += " boxed";
      }
      out += ")";
    }
    out += " -> " + p_.types.show(f.ret);
    if (f.effects) out += " " + infer::effectsToString(f.effects);
    if (f.generic) out += " [entry]";
    out += "\n";
    if (f.body != kNone) node(f.body, 1, out);
    return out;
  }

 private:
  std::string varName(VarId v) {
    const Var& x = f_->vars[v];
    return std::string(names_.str(x.name)) + "." + std::to_string(v);
  }
  std::string varDecl(VarId v) {
    const Var& x = f_->vars[v];
    std::string s = varName(v) + ": " + p_.types.show(x.type);
    if (x.rep != repOf(p_.types, x.type)) s += std::string("@") + repName(x.rep);
    if (x.storage == Storage::Slot) s += " slot";
    if (x.storage == Storage::Box) s += " box";
    if (x.checked) s += " checked";
    return s;
  }

  std::string details(const Node& n) {
    switch (n.op) {
      case Op::Const: return ast::literalToString(p_.literals, p_.literals[n.a]);
      case Op::Local: return varName(n.a) + (n.b == 1 ? " (box)" : "");
      case Op::Env: {
        const Capture& c = f_->captures[n.a];
        return std::to_string(n.a) + " " + std::string(names_.str(c.name)) + (n.b == 1 ? " (raw)" : "");
      }
      case Op::Global: return "#" + std::to_string(n.a) + " " + std::string(names_.str(p_.globals[n.a].name)) +
                              (n.b == 1 ? " checked" : "");
      case Op::SetLocal: return varName(n.a);
      case Op::SetEnv: return std::to_string(n.a);
      case Op::SetGlobal: return "#" + std::to_string(n.a) + " " + std::string(names_.str(p_.globals[n.a].name));
      case Op::Let: return varDecl(n.a);
      case Op::Letrec: {
        std::string s;
        for (size_t i = 0; i < n.vars.size(); ++i) s += (i ? " " : "") + varDecl(n.vars[i]) + (i < n.a ? " hoisted" : "");
        return s;
      }
      case Op::MakeClosure: {
        const Closure& c = p_.closures[n.a];
        std::string s = c.name ? std::string(names_.str(c.name)) : "lambda#" + std::to_string(n.a);
        if (n.kids.empty()) s += " static";
        return s;
      }
      case Op::Call: {
        std::string s = p_.fns[n.a].name;
        if (n.c != kNone) s += " speculate " + p_.fns[n.c].name;
        return s;
      }
      case Op::CallBuiltin: {
        std::string s(names_.str(n.sym));
        if (n.b != kNone) s += " loop " + p_.fns[n.b].name;
        return s;
      }
      case Op::BuiltinFn:
      case Op::Construct: return std::string(names_.str(n.sym));
      case Op::CtorFn: return std::string(names_.str(n.sym)) + "/" + std::to_string(n.a);
      case Op::Effect:
      case Op::EffectFn: return effects::canonicalName(static_cast<int32_t>(n.a));
      case Op::Try: return n.a == 1 ? "finally" : "";
      default: return "";
    }
  }

  void node(NodeId id, int depth, std::string& out) {
    const Node& n = (*f_)[id];
    out.append(depth * 2, ' ');
    out += opName(n.op);
    std::string d = details(n);
    if (!d.empty()) out += " " + d;
    out += " : " + p_.types.show(n.type);
    if (n.rep != repOf(p_.types, n.type)) out += std::string("@") + repName(n.rep);
    if (n.effects) out += " " + infer::effectsToString(n.effects);
    if (n.tail) out += " [tail]";
    out += "\n";
    size_t k = 0;
    for (NodeId kid : n.kids) {
      if (n.op == Op::Match && k > 0) pattern(n.pats[k - 1], depth + 1, out);
      if (n.op == Op::Try && k > 0 && k - 1 < n.pats.size()) pattern(n.pats[k - 1], depth + 1, out);
      node(kid, depth + 1, out);
      ++k;
    }
  }

  void pattern(PatId id, int depth, std::string& out) {
    const ast::Pattern& pat = f_->patterns[id];
    out.append(depth * 2, ' ');
    out += "pattern " + patternText(pat) + "\n";
    if (pat.expr != kNone) node(pat.expr, depth + 1, out);
    for (PatId k : pat.kids) {
      const ast::Pattern& kid = f_->patterns[k];
      if (kid.expr != kNone || !kid.kids.empty()) pattern(k, depth + 1, out);
    }
  }

  std::string patternText(const ast::Pattern& pat) {
    auto kids = [&]() {
      std::string s;
      for (PatId k : pat.kids) s += " " + patternText(f_->patterns[k]);
      return s;
    };
    switch (pat.kind) {
      case ast::PatKind::Wildcard: return "_";
      case ast::PatKind::Var: return varDecl(pat.a);
      case ast::PatKind::Literal: return ast::literalToString(p_.literals, p_.literals[pat.a]);
      case ast::PatKind::NilOrEmpty: return "nil";
      case ast::PatKind::EmptyList: return "[]";
      case ast::PatKind::Ctor: return "(" + std::string(names_.str(pat.tag)) + kids() + ")";
      case ast::PatKind::Cons: return "(cons" + kids() + ")";
      case ast::PatKind::List: return "[" + kids().substr(pat.kids.empty() ? 0 : 1) + "]";
      case ast::PatKind::Or: return "(or" + kids() + ")";
      case ast::PatKind::As: return "(as " + varDecl(pat.a) + kids() + ")";
      case ast::PatKind::Guard: return "(when" + kids() + " ...)";
      case ast::PatKind::Range:
        return std::string("(") + (pat.inclusive ? "..=" : "..") + " " +
               ast::literalToString(p_.literals, p_.literals[pat.a]) + " " +
               ast::literalToString(p_.literals, p_.literals[pat.b]) + ")";
      case ast::PatKind::View: return "(view ..." + kids() + ")";
    }
    return "?";
  }

  const Program& p_;
  const Interner& names_;
  const Function* f_ = nullptr;
};

}  // namespace

std::string dumpFunction(const Program& p, FnId f, const Interner& names, const SourceManager&) {
  return Printer(p, names).function(f);
}

std::string dump(const Program& p, const Interner& names, const SourceManager& sm) {
  std::string out;
  for (FnId f = 0; f < p.fns.size(); ++f) {
    if (p.fns[f].dead) continue;
    out += dumpFunction(p, f, names, sm);
  }
  return out;
}

}  // namespace fl::tir
