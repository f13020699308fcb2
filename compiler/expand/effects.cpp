// Effect operations in their three spellings and handler forms (§11).
#include "builtins/effects.h"
#include "expand/expand.h"
#include "expand/expander.h"

namespace fl::expand {

int32_t Expander::effectOp(DatumId typeDatum, std::string_view type, std::string_view op, Span opSpan) {
  auto t = effects::lookupType(type);
  if (!t) {
    diags_.report(diag::Id::UnknownEffectType, D(typeDatum).span, type);
    return -1;
  }
  if (!effects::type(*t).supported) {
    diags_.report(diag::Id::UnsupportedEffectType, D(typeDatum).span, effects::type(*t).name);
    return -1;
  }
  auto o = effects::lookupOp(*t, op);
  if (!o) {
    diags_.report(diag::Id::UnknownEffectOp, opSpan, effects::type(*t).name, op);
    return -1;
  }
  return *o;
}

int32_t Expander::effectOpOfSymbol(DatumId d) {
  std::string_view name = symName(d);
  size_t colon = name.find(':');
  return effectOp(d, name.substr(0, colon), name.substr(colon + 1), D(d).span);
}

NodeId Expander::effectCall(int32_t op, DatumId d, uint32_t firstArg) {
  std::vector<NodeId> args;
  for (uint32_t i = firstArg; i < F.size(d); ++i) args.push_back(expr(F.child(d, i)));
  NodeId n = node(NodeKind::Effect, D(d).span);
  m_[n].a = static_cast<uint32_t>(op);
  m_[n].kids.assign(args.begin(), args.end());
  return n;
}

// (effect TYPE:OP arg...) or (effect TYPE OP arg...)
NodeId Expander::effectForm(DatumId d) {
  if (F.size(d) < 2 || D(F.child(d, 1)).kind != DatumKind::Symbol)
    return malformed(d, "effect", "expected (effect TYPE:OP ARG...) or (effect TYPE OP ARG...)");
  DatumId first = F.child(d, 1);
  std::string_view name = symName(first);
  if (name.find(':') != std::string_view::npos) {
    int32_t op = effectOpOfSymbol(first);
    return op < 0 ? nilConst(D(d).span) : effectCall(op, d, 2);
  }
  if (F.size(d) < 3 || D(F.child(d, 2)).kind != DatumKind::Symbol)
    return malformed(d, "effect", "expected an operation name after the effect type");
  int32_t op = effectOp(first, name, symName(F.child(d, 2)), D(F.child(d, 2)).span);
  return op < 0 ? nilConst(D(d).span) : effectCall(op, d, 3);
}

// (handler (entry...) body...), entry := (TYPE fn) | (TYPE:OP fn) | (TYPE OP fn)
NodeId Expander::handlerForm(DatumId d) {
  Span span = D(d).span;
  if (F.size(d) < 2 || !F.isList(F.child(d, 1)))
    return malformed(d, "handler", "expected (handler (ENTRY...) BODY...)");
  DatumId entries = F.child(d, 1);
  std::vector<NodeId> fns;
  std::vector<uint32_t> keys;
  for (const DatumId* e = F.begin(entries); e != F.end(entries); ++e) {
    if (!F.isList(*e) || F.size(*e) < 2 || D(F.child(*e, 0)).kind != DatumKind::Symbol) {
      malformed(*e, "handler entry", "expected (TYPE FN), (TYPE:OP FN) or (TYPE OP FN)");
      continue;
    }
    DatumId head = F.child(*e, 0);
    std::string_view name = symName(head);
    int32_t key = -1;
    DatumId fnDatum;
    if (F.size(*e) == 2 && name.find(':') != std::string_view::npos) {
      key = effectOpOfSymbol(head);
      fnDatum = F.child(*e, 1);
    } else if (F.size(*e) == 2) {
      auto t = effects::lookupType(name);
      if (!t) diags_.report(diag::Id::UnknownEffectType, D(head).span, name);
      else if (!effects::type(*t).supported) diags_.report(diag::Id::UnsupportedEffectType, D(head).span, effects::type(*t).name);
      else key = FL_EFFECT_GENERAL | *t;
      fnDatum = F.child(*e, 1);
    } else if (F.size(*e) == 3 && D(F.child(*e, 1)).kind == DatumKind::Symbol) {
      key = effectOp(head, name, symName(F.child(*e, 1)), D(F.child(*e, 1)).span);
      fnDatum = F.child(*e, 2);
    } else {
      malformed(*e, "handler entry", "expected (TYPE FN), (TYPE:OP FN) or (TYPE OP FN)");
      continue;
    }
    if (key < 0) continue;
    int32_t type = (key & FL_EFFECT_GENERAL) ? (key & ~FL_EFFECT_GENERAL) : effects::op(key).type;
    m_.handledEffects |= 1u << type;
    keys.push_back(static_cast<uint32_t>(key));
    fns.push_back(expr(fnDatum));
  }
  NodeId bodyNode = body(childrenFrom(d, 2), span);
  NodeId n = node(NodeKind::Handler, span);
  m_[n].kids.assign(fns.begin(), fns.end());
  m_[n].kids.push_back(bodyNode);
  m_[n].vars.assign(keys.begin(), keys.end());
  return n;
}

}  // namespace fl::expand
