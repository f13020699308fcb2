#include "ast/ast.h"

#include <cmath>
#include <cstdio>

#include "builtins/builtins.h"
#include "builtins/effects.h"
#include "lex/literal.h"

namespace fl::ast {

const char* nodeKindName(NodeKind k) {
  switch (k) {
#define NODE(kind, name) \
  case NodeKind::kind: return name;
#include "ast/nodes.def"
#undef NODE
  }
  return "?";
}


std::string literalToString(const Module& m, const Literal& lit) { return literalToString(m.literals, lit); }

std::string literalToString(const std::vector<Literal>& literals, const Literal& lit) {
  switch (lit.kind) {
    case LitKind::Int: return std::to_string(lit.i);
    case LitKind::Float: {
      if (std::isnan(lit.f)) return "NaN";
      if (std::isinf(lit.f)) return lit.f > 0 ? "inf" : "-inf";
      char buf[64];
      for (int prec = 1; prec <= 17; ++prec) {
        snprintf(buf, sizeof buf, "%.*g", prec, lit.f);
        if (strtod(buf, nullptr) == lit.f) break;
      }
      std::string s = buf;
      if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
      return s;
    }
    case LitKind::Bool: return lit.b ? "#t" : "#f";
    case LitKind::Nil: return "nil";
    case LitKind::String: return lex::writeString(lit.s);
    case LitKind::EmptyList: return "()";
    case LitKind::Symbol: return lit.s;
    case LitKind::Keyword: return ":" + lit.s;
    case LitKind::Tagged: return lit.s;
    case LitKind::List: {
      std::string out = "(";
      for (size_t k = 0; k < lit.items.size(); ++k) out += (k ? " " : "") + literalToString(literals, literals[lit.items[k]]);
      return out + ")";
    }
  }
  return "?";
}

std::vector<LambdaId> nodeOwners(const Module& m) {
  std::vector<LambdaId> owner(m.nodes.size(), kNone);
  for (LambdaId l = 0; l < m.lambdas.size(); ++l) {
    if (m.lambdas[l].body == kNone) continue;
    std::vector<NodeId> stack{m.lambdas[l].body};
    while (!stack.empty()) {
      NodeId x = stack.back();
      stack.pop_back();
      owner[x] = l;
      if (m[x].kind == NodeKind::Lambda) continue;
      forEachChild(m, x, [&](NodeId k) { stack.push_back(k); });
    }
  }
  return owner;
}

namespace {
class Dumper {
 public:
  Dumper(const Module& m, const Interner& names, const SourceManager& sm) : m_(m), names_(names), sm_(sm) {}

  std::string run() {
    for (LambdaId l = 0; l < m_.lambdas.size(); ++l) {
      const Lambda& lam = m_.lambdas[l];
      out_ += "lambda #" + std::to_string(l);
      out_ += lam.name ? " " + std::string(names_.str(lam.name)) : (l == m_.init ? " <module>" : "");
      out_ += " (";
      for (size_t i = 0; i < lam.params.size(); ++i)
        out_ += (i ? " " : "") + std::string(lam.rest && i + 1 == lam.params.size() ? ". " : "") + var(lam.params[i]);
      out_ += ")";
      if (!lam.freeVars.empty()) {
        out_ += " free(";
        for (size_t i = 0; i < lam.freeVars.size(); ++i) out_ += (i ? " " : "") + var(lam.freeVars[i]);
        out_ += ")";
      }
      out_ += "\n";
      node(lam.body, 1);
    }
    return out_;
  }

 private:
  std::string var(VarId v) const {
    const Var& x = m_.vars[v];
    std::string s = std::string(names_.str(x.name));
    s += x.kind == VarKind::Global ? "@g" + std::to_string(x.slot) : "@" + std::to_string(v);
    if (x.hoisted) s += "!hoisted";
    if (x.boxed()) s += "!boxed";
    return s;
  }

  void node(NodeId n, int depth) {
    const Node& x = m_[n];
    out_ += std::string(depth * 2, ' ');
    out_ += nodeKindName(x.kind);
    switch (x.kind) {
      case NodeKind::Const: out_ += " " + literalToString(m_, m_.literals[x.a]); break;
      case NodeKind::Name: out_ += " " + std::string(names_.str(x.sym)); break;
      case NodeKind::LocalRef:
      case NodeKind::GlobalRef:
      case NodeKind::Let:
      case NodeKind::Define:
      case NodeKind::SetVar: out_ += " " + (x.a == kNone ? std::string(names_.str(x.sym)) : var(x.a)); break;
      case NodeKind::BuiltinRef: out_ += std::string(" ") + builtins::info(static_cast<int32_t>(x.a)).name; break;
      case NodeKind::Lambda: out_ += " #" + std::to_string(x.a); break;
      case NodeKind::Construct:
      case NodeKind::CtorFn: out_ += " " + std::string(names_.str(x.sym)); break;
      case NodeKind::Effect:
      case NodeKind::EffectFn: out_ += " " + effects::canonicalName(static_cast<int32_t>(x.a)); break;
      case NodeKind::Letrec:
        for (VarId v : x.vars) out_ += " " + var(v);
        break;
      default: break;
    }
    if (x.tail && (x.kind == NodeKind::Call)) out_ += " [tail]";
    LineCol lc = sm_.lineCol(x.span.begin);
    out_ += "  ; " + std::to_string(lc.line) + ":" + std::to_string(lc.col) + "\n";
    for (NodeId k : x.kids) node(k, depth + 1);
  }

  const Module& m_;
  const Interner& names_;
  const SourceManager& sm_;
  std::string out_;
};
}  // namespace

std::string dumpModule(const Module& m, const Interner& names, const SourceManager& sm) {
  return Dumper(m, names, sm).run();
}

}  // namespace fl::ast
