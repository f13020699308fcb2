#include "optimize/fold.h"

#include <cmath>
#include <optional>

#include "builtins/builtins.h"
#include "fluentai/rt.h"

namespace fl::optimize {

using namespace fl::ast;

bool truthyLiteral(const Literal& lit) {
  switch (lit.kind) {
    case LitKind::Int: return lit.i != 0;
    case LitKind::Float: return lit.f != 0.0;  // NaN is truthy
    case LitKind::Bool: return lit.b;
    case LitKind::Nil: return false;
    case LitKind::String: return !lit.s.empty();
    case LitKind::EmptyList: return false;
    case LitKind::Symbol:
    case LitKind::Keyword:
    case LitKind::List:
    case LitKind::Tagged: return true;
  }
  return true;
}

namespace {

bool isNumber(const Literal& l) { return l.kind == LitKind::Int || l.kind == LitKind::Float; }
double asDouble(const Literal& l) { return l.kind == LitKind::Int ? static_cast<double>(l.i) : l.f; }

Literal intLit(int64_t i) {
  Literal l{LitKind::Int};
  l.i = i;
  return l;
}
Literal floatLit(double d) {
  Literal l{LitKind::Float};
  l.f = d;
  return l;
}
Literal boolLit(bool b) {
  Literal l{LitKind::Bool};
  l.b = b;
  return l;
}

// One step of + - * / on two numbers; nullopt when the runtime would raise.
std::optional<Literal> arith(int32_t id, const Literal& a, const Literal& b) {
  if (!isNumber(a) || !isNumber(b)) return std::nullopt;
  if (a.kind == LitKind::Int && b.kind == LitKind::Int) {
    int64_t r;
    switch (id) {
      case FL_B_ADD:
        if (__builtin_add_overflow(a.i, b.i, &r)) return std::nullopt;
        return intLit(r);
      case FL_B_SUB:
        if (__builtin_sub_overflow(a.i, b.i, &r)) return std::nullopt;
        return intLit(r);
      case FL_B_MUL:
        if (__builtin_mul_overflow(a.i, b.i, &r)) return std::nullopt;
        return intLit(r);
      case FL_B_DIV:
        if (b.i == 0 || (a.i == INT64_MIN && b.i == -1)) return std::nullopt;
        return intLit(a.i / b.i);
    }
    return std::nullopt;
  }
  double x = asDouble(a), y = asDouble(b);
  switch (id) {
    case FL_B_ADD: return floatLit(x + y);
    case FL_B_SUB: return floatLit(x - y);
    case FL_B_MUL: return floatLit(x * y);
    case FL_B_DIV: return floatLit(x / y);
  }
  return std::nullopt;
}

std::optional<bool> compare(int32_t id, const Literal& a, const Literal& b) {
  if (isNumber(a) && isNumber(b)) {
    if (a.kind == LitKind::Int && b.kind == LitKind::Int) {
      switch (id) {
        case FL_B_LT: return a.i < b.i;
        case FL_B_LE: return a.i <= b.i;
        case FL_B_GT: return a.i > b.i;
        case FL_B_GE: return a.i >= b.i;
        case FL_B_EQUAL: return a.i == b.i;
      }
    }
    double x = asDouble(a), y = asDouble(b);
    switch (id) {
      case FL_B_LT: return x < y;
      case FL_B_LE: return x <= y;
      case FL_B_GT: return x > y;
      case FL_B_GE: return x >= y;
      case FL_B_EQUAL: return x == y;
    }
    return std::nullopt;
  }
  if (id != FL_B_EQUAL) return std::nullopt;  // strings are compared by the runtime
  if (a.kind != b.kind) return false;         // different types are unequal (numbers handled above)
  switch (a.kind) {
    case LitKind::Bool: return a.b == b.b;
    case LitKind::Nil:
    case LitKind::EmptyList: return true;
    case LitKind::String:
    case LitKind::Symbol:
    case LitKind::Keyword: return a.s == b.s;
    default: return std::nullopt;
  }
}

std::optional<Literal> evaluate(int32_t id, const std::vector<const Literal*>& args) {
  size_t n = args.size();
  switch (id) {
    case FL_B_ADD:
    case FL_B_MUL: {
      if (n == 0) return intLit(id == FL_B_ADD ? 0 : 1);
      if (id == FL_B_ADD) {
        bool allStrings = true;
        for (const Literal* a : args) allStrings &= a->kind == LitKind::String;
        if (allStrings) {
          Literal s{LitKind::String};
          for (const Literal* a : args) s.s += a->s;
          return s;
        }
      }
      [[fallthrough]];
    }
    case FL_B_SUB:
    case FL_B_DIV: {
      if (n == 1) {
        if (!isNumber(*args[0])) return std::nullopt;
        if (id == FL_B_SUB) {
          if (args[0]->kind == LitKind::Float) return floatLit(-args[0]->f);
          return arith(FL_B_SUB, intLit(0), *args[0]);
        }
        if (id == FL_B_DIV) return std::nullopt;
        return *args[0];
      }
      Literal acc = *args[0];
      for (size_t i = 1; i < n; ++i) {
        auto r = arith(id, acc, *args[i]);
        if (!r) return std::nullopt;
        acc = *r;
      }
      return acc;
    }
    case FL_B_LT:
    case FL_B_LE:
    case FL_B_GT:
    case FL_B_GE:
    case FL_B_EQUAL: {
      bool all = true;
      for (size_t i = 0; i + 1 < n; ++i) {
        auto r = compare(id, *args[i], *args[i + 1]);
        if (!r) return std::nullopt;
        all &= *r;
      }
      return boolLit(all);
    }
    case FL_B_NOT_EQUAL: {
      auto r = compare(FL_B_EQUAL, *args[0], *args[1]);
      if (!r) return std::nullopt;
      return boolLit(!*r);
    }
    case FL_B_NOT: return boolLit(!truthyLiteral(*args[0]));
    default: return std::nullopt;
  }
}

}  // namespace

bool foldBuiltinCall(Module& m, NodeId call) {
  const Node& node = m[call];
  if (node.kind != NodeKind::Call || m[node.kids[0]].kind != NodeKind::BuiltinRef) return false;
  int32_t id = static_cast<int32_t>(m[node.kids[0]].a);
  if (!builtins::arityOk(builtins::info(id), node.kids.size() - 1)) return false;
  std::vector<const Literal*> args;
  for (size_t i = 1; i < node.kids.size(); ++i) {
    const Node& a = m[node.kids[i]];
    if (a.kind != NodeKind::Const) return false;
    args.push_back(&m.literals[a.a]);
  }
  std::optional<Literal> r = evaluate(id, args);
  if (!r) return false;
  LitId lit = m.addLiteral(*r);
  Node& target = m[call];
  target.kind = NodeKind::Const;
  target.a = lit;
  target.kids.clear();
  return true;
}

}  // namespace fl::optimize
