// --emit=typed and --emit=effects (formats in docs/dumps.md).
#include <algorithm>

#include "builtins/builtins.h"
#include "infer/infer.h"

namespace fl::infer {

using namespace fl::ast;

std::string effectsToString(uint32_t fx) {
  static const std::pair<uint32_t, const char*> kNames[] = {
      {FxIo, "io"},         {FxState, "state"},     {FxTime, "time"},       {FxRandom, "random"},
      {FxThrow, "throw"},   {FxFail, "fail"},       {FxSpawn, "spawn"},     {FxExit, "exit"},
      {FxDiverge, "diverge"}, {FxMutate, "mutate"}, {FxAlloc, "alloc"},
      {FxForeign, "foreign"}};
  std::string out = "{";
  for (auto [bit, name] : kNames) {
    if (!(fx & bit)) continue;
    if (out.size() > 1) out += " ";
    out += name;
  }
  return out + "}";
}

std::string instanceName(const Program& p, const Module& m, const Interner& names, InstanceId i) {
  const Instance& inst = p.instances[i];
  const Lambda& lam = m.lambdas[inst.lambda];
  std::string base = inst.lambda == m.init ? "<module>"
                     : lam.name        ? std::string(names.str(lam.name))
                                       : "lambda#" + std::to_string(inst.lambda);
  const auto& all = p.byLambda[inst.lambda];
  size_t k = std::find(all.begin(), all.end(), i) - all.begin();
  return k == 0 ? base : base + "#" + std::to_string(k + 1);
}

std::string signature(const Program& p, const Module& m, const Interner& names, InstanceId i) {
  const Instance& inst = p.instances[i];
  const Lambda& lam = m.lambdas[inst.lambda];
  std::string s = instanceName(p, m, names, i) + " (";
  for (size_t k = 0; k < lam.params.size(); ++k) {
    if (k) s += ", ";
    if (lam.rest && k + 1 == lam.params.size()) s += ". ";
    s += std::string(names.str(m.vars[lam.params[k]].name)) + ": " + p.types.show(inst.args[k]);
  }
  s += ") -> " + p.types.show(inst.ret);
  if (inst.generic) s += " [entry]";
  return s;
}

namespace {

class TypedDumper {
 public:
  TypedDumper(const Program& p, const Module& m, const Interner& names, const SourceManager& sm)
      : p_(p), m_(m), names_(names), sm_(sm) {}

  std::string run() {
    for (InstanceId i = 0; i < p_.instances.size(); ++i) {
      out_ += signature(p_, m_, names_, i) + " " + effectsToString(p_.instances[i].effects) + "\n";
      node(i, m_.lambdas[p_.instances[i].lambda].body, 1);
    }
    return out_;
  }

 private:
  void node(InstanceId i, NodeId n, int depth) {
    const Node& x = m_[n];
    out_ += std::string(depth * 2, ' ') + nodeKindName(x.kind);
    switch (x.kind) {
      case NodeKind::Const: out_ += " " + literalToString(m_, m_.literals[x.a]); break;
      case NodeKind::LocalRef:
      case NodeKind::GlobalRef:
      case NodeKind::Let:
      case NodeKind::Define:
      case NodeKind::SetVar:
        if (x.a != kNone) out_ += " " + std::string(names_.str(m_.vars[x.a].name));
        break;
      case NodeKind::BuiltinRef: out_ += std::string(" ") + builtins::info(static_cast<int32_t>(x.a)).name; break;
      case NodeKind::Lambda: out_ += " #" + std::to_string(x.a); break;
      default: break;
    }
    out_ += " : " + p_.types.show(p_.typeOf(i, n));
    auto t = p_.instances[i].targets.find(n);
    if (t != p_.instances[i].targets.end()) out_ += " -> " + instanceName(p_, m_, names_, t->second);
    auto k = p_.instances[i].kernels.find(n);
    if (k != p_.instances[i].kernels.end()) out_ += " loop-calls " + instanceName(p_, m_, names_, k->second);
    LineCol lc = sm_.lineCol(x.span.begin);
    out_ += "  ; " + std::to_string(lc.line) + ":" + std::to_string(lc.col) + "\n";
    for (NodeId k : x.kids) node(i, k, depth + 1);
  }

  const Program& p_;
  const Module& m_;
  const Interner& names_;
  const SourceManager& sm_;
  std::string out_;
};

}  // namespace

std::string dumpTyped(const Program& p, const Module& m, const Interner& names, const SourceManager& sm) {
  return TypedDumper(p, m, names, sm).run();
}

std::string dumpEffects(const Program& p, const Module& m, const Interner& names) {
  std::string out;
  for (InstanceId i = 0; i < p.instances.size(); ++i)
    out += signature(p, m, names, i) + " " + effectsToString(p.instances[i].effects) + "\n";
  return out;
}

}  // namespace fl::infer
