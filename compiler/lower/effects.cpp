// Effect operations and handler forms (§11). An operation of an effect type that no handler in
// the program intercepts is a direct call of its default implementation; otherwise it goes
// through flrt_perform and the runtime's handler stack.
#include "builtins/effects.h"
#include "fluentai/rt.h"
#include "infer/infer.h"
#include "lower/lowerer.h"

namespace fl::lower {


bool Lowerer::handled(int32_t op) const { return p_.handledEffects & (1u << effects::op(op).type); }

LVal Lowerer::performOp(int32_t op, const std::vector<LVal>& args, Span span) {
  std::vector<llvm::Value*> tagged;
  for (const LVal& a : args) tagged.push_back(toTagged(a));
  setLocation(span);
  llvm::Value* r = b_.CreateCall(rt("flrt_perform"), {b_.getInt32(op), b_.getInt64(tagged.size()), argArray(tagged)});
  return {r, Rep::Tagged};
}

LVal Lowerer::lowerEffect(NodeId n) {
  const tir::Node& x = N(n);
  int32_t op = static_cast<int32_t>(x.a);
  std::vector<LVal> args;
  for (NodeId k : x.kids) args.push_back(lower(k));
  if (handled(op)) return performOp(op, args, x.span);
  const effects::OpInfo& o = effects::op(op);
  bool arityOk = args.size() >= static_cast<size_t>(o.minArity) &&
                 (o.maxArity < 0 || args.size() <= static_cast<size_t>(o.maxArity));
  int32_t builtin = effects::defaultBuiltin(op);
  if (builtin >= 0 && arityOk) return callBuiltinGeneric(builtin, args, n);
  std::vector<llvm::Value*> tagged;
  for (const LVal& a : args) tagged.push_back(toTagged(a));
  setLocation(x.span);
  llvm::Value* r =
      b_.CreateCall(rt("flrt_effect_default"), {b_.getInt32(op), b_.getInt64(tagged.size()), argArray(tagged)});
  return {r, Rep::Tagged};
}

llvm::Constant* Lowerer::effectFunction(int32_t op, const std::string& name, int32_t minArity, int32_t maxArity) {
  llvm::FunctionCallee entry =
      mod_->getOrInsertFunction("flrt_effect_entry", llvm::FunctionType::get(i64_, {ptr_, i64_, ptr_}, false));
  return staticFunction(name, minArity, maxArity, nullPtr(),
                        llvm::cast<llvm::Constant>(entry.getCallee()), {b_.getInt64(fl_make_fixnum(op))});
}

// (handler (entry...) body...): the entries' functions are evaluated in order, a frame is pushed
// for the body and popped when it finishes (a throw restores the depth saved by its try).
LVal Lowerer::lowerHandler(NodeId n) {
  const tir::Node& x = N(n);
  size_t count = x.vars.size();
  std::vector<llvm::Value*> fns;
  for (size_t i = 0; i < count; ++i) fns.push_back(toTagged(lower(N(n).kids[i])));
  llvm::IRBuilder<> eb(&fn_.fn->getEntryBlock(), fn_.fn->getEntryBlock().begin());
  auto* entryTy = llvm::StructType::get(ctx_, {i64_, i64_});
  llvm::AllocaInst* entries = eb.CreateAlloca(entryTy, eb.getInt64(std::max<size_t>(count, 1)), "handler.entries");
  auto* frameTy = llvm::StructType::get(ctx_, {ptr_, i64_, ptr_});
  llvm::AllocaInst* frame = eb.CreateAlloca(frameTy, nullptr, "handler.frame");
  for (size_t i = 0; i < count; ++i) {
    b_.CreateStore(b_.getInt64(x.vars[i]), b_.CreateConstGEP1_64(i64_, entries, 2 * i));
    b_.CreateStore(fns[i], b_.CreateConstGEP1_64(i64_, entries, 2 * i + 1));
  }
  b_.CreateStore(b_.getInt64(count), b_.CreateConstGEP2_32(frameTy, frame, 0, 1));
  b_.CreateStore(entries, b_.CreateConstGEP2_32(frameTy, frame, 0, 2));
  setLocation(x.span);
  b_.CreateCall(rt("flrt_handler_push"), {frame});
  LVal v = lower(N(n).kids.back());
  b_.CreateCall(rt("flrt_handler_pop"), {frame});
  return v;
}

}  // namespace fl::lower
