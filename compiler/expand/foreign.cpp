// (define-foreign NAME "SYMBOL" (ATYPE...) RTYPE [:pure]) (LANGUAGE.md §20.7) becomes
//   (define NAME (lambda (a0 ... an-1) (%foreign "SYMBOL" "RA0...An-1" a0 ... an-1)))
// with one type code per C type (rt.h, flrt_ffi_arg); `:pure` uses %foreign-pure, which has no
// foreign effect. Lowering turns the %foreign call into the C call with its conversions.
#include <string>

#include "expand/expand.h"
#include "expand/expander.h"

namespace fl::expand {

namespace {
// The type code of a C type name, 0 if unknown.
char typeCode(std::string_view t) {
  static const std::pair<const char*, char> kTypes[] = {{"int", 'i'},    {"int64", 'l'},  {"size", 'z'},
                                                         {"double", 'd'}, {"bool", 'b'},   {"string", 's'},
                                                         {"pointer", 'p'}, {"void", 'v'}};
  for (auto [name, code] : kTypes)
    if (t == name) return code;
  return 0;
}
constexpr const char* kUsage = "expected (define-foreign NAME \"SYMBOL\" (ARG-TYPE...) RESULT-TYPE [:pure])";
constexpr const char* kTypes = "int, int64, size, double, bool, string, pointer or void";
}  // namespace

NodeId Expander::foreignDefine(DatumId d, VarId var) {
  Span s = D(d).span;
  uint32_t n = F.size(d);
  if (var == kNone) return nilConst(s);  // NAME already reported
  if (n < 5 || n > 6 || D(F.child(d, 2)).kind != DatumKind::String || !F.isList(F.child(d, 3)))
    return malformed(d, "define-foreign", kUsage);
  if (n == 6 && (D(F.child(d, 5)).kind != DatumKind::Keyword || symName(F.child(d, 5)) != "pure"))
    return malformed(F.child(d, 5), "define-foreign", "only :pure may follow the result type");
  std::string sig;
  DatumId result = F.child(d, 4);
  char r = D(result).kind == DatumKind::Symbol ? typeCode(symName(result)) : 0;
  if (!r) return malformed(result, "define-foreign", (std::string("unknown C type; the types are ") + kTypes).c_str());
  sig += r;
  DatumId args = F.child(d, 3);
  for (const DatumId* a = F.begin(args); a != F.end(args); ++a) {
    char c = D(*a).kind == DatumKind::Symbol ? typeCode(symName(*a)) : 0;
    if (!c) return malformed(*a, "define-foreign", (std::string("unknown C type; the types are ") + kTypes).c_str());
    if (c == 'v') return malformed(*a, "define-foreign", "void is only a result type");
    sig += c;
  }
  const std::string& symbol = F.strings[D(F.child(d, 2)).str];
  if (symbol.empty() || symbol.find('\0') != std::string::npos)
    return malformed(F.child(d, 2), "define-foreign", "the symbol must be a C function name");
  bool pure = n == 6;
  Sym name = D(F.child(d, 1)).sym;

  LambdaId id = addLambda(name, s);
  auto str = [&](const std::string& text) {
    Literal l{LitKind::String};
    l.s = text;
    return m_.addConst(l, s);
  };
  NodeId callee = node(NodeKind::BuiltinRef, s);
  m_[callee].a = pure ? FL_B_FOREIGN_PURE : FL_B_FOREIGN;
  m_[callee].sym = names_.intern(pure ? "%foreign-pure" : "%foreign");
  std::vector<NodeId> kids{callee, str(symbol), str(sig)};
  for (size_t i = 1; i < sig.size(); ++i) {
    VarId p = m_.addVar(names_.intern("arg" + std::to_string(i - 1)), s, VarKind::Param, id);
    m_.lambdas[id].params.push_back(p);
    kids.push_back(localRef(p, s));
  }
  NodeId call = node(NodeKind::Call, s);
  m_[call].kids.assign(kids.begin(), kids.end());
  m_.foreigns.push_back({var, symbol, D(F.child(d, 2)).span});
  return defineLambda(var, id, call, s);
}

}  // namespace fl::expand
