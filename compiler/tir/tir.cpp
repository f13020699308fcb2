#include "tir/tir.h"

#include "infer/infer.h"

namespace fl::tir {

const char* opName(Op op) {
  switch (op) {
#define OP(name, text) \
  case Op::name: return text;
#include "tir/ops.def"
#undef OP
  }
  return "?";
}

const char* repName(Rep r) {
  switch (r) {
    case Rep::Tagged: return "tagged";
    case Rep::Int: return "int";
    case Rep::Float: return "float";
    case Rep::Bool: return "bool";
  }
  return "?";
}

Rep repOf(const infer::TypeTable& t, TypeId type) {
  switch (t.bits(type)) {
    case infer::TInt: return Rep::Int;
    case infer::TFloat: return Rep::Float;
    case infer::TBool: return Rep::Bool;
    default: return Rep::Tagged;
  }
}

bool Program::isPure(const Function& f, NodeId n) const { return (f[n].effects & infer::kImpure) == 0; }

uint32_t Program::addLiteral(ast::Literal lit) {
  literals.push_back(std::move(lit));
  return static_cast<uint32_t>(literals.size() - 1);
}

uint32_t Program::nilLiteral() {
  if (nilLit_ == kNone) nilLit_ = addLiteral(ast::Literal(ast::LitKind::Nil));
  return nilLit_;
}

}  // namespace fl::tir
