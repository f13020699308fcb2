// Expressions and variables. Variables live as SSA values (immutable), stack slots (assigned or
// letrec-initialized), heap boxes (captured and mutable), closure environment slots (captured) or
// the module's globals array.
#include <cstddef>

#include "fluentai/rt.h"
#include "builtins/effects.h"
#include "lower/lowerer.h"
#include "llvm/IR/MDBuilder.h"

namespace fl::lower {

using namespace fl::ast;

namespace {
constexpr uint64_t kEnvOffset = offsetof(fl_function, free);
constexpr uint64_t kBoxValueOffset = offsetof(fl_box, value);
}  // namespace

LVal Lowerer::lower(NodeId n) {
  const Node& x = m_[n];
  if (x.kind == NodeKind::Call) debugLocation(x.span);
  switch (x.kind) {
    case NodeKind::Const: return constant(x.a);
    case NodeKind::Name: return {taggedConst(FL_NIL), Rep::Tagged};
    case NodeKind::LocalRef:
    case NodeKind::GlobalRef: return readVar(x.a, n);
    case NodeKind::BuiltinRef: return {builtinValue(static_cast<int32_t>(x.a), names_.str(x.sym)), Rep::Tagged};
    case NodeKind::If: return lowerIf(n, false);
    case NodeKind::Seq: return lowerSeq(n, false);
    case NodeKind::Let: return lowerLet(n, false);
    case NodeKind::Letrec: return lowerLetrec(n, false);
    case NodeKind::Lambda: return lowerLambda(x.a);
    case NodeKind::Call: return lowerCall(n, false);
    case NodeKind::Define: return lowerDefine(n);
    case NodeKind::SetVar: return lowerSet(n);
    case NodeKind::Construct: {
      // Fields are evaluated first, then one allocation; the fields are stored into it.
      std::vector<llvm::Value*> fields;
      for (NodeId k : x.kids) fields.push_back(toTagged(lower(k)));
      llvm::Value* obj = b_.CreateCall(rt("flrt_alloc_tagged"), {staticString(std::string(names_.str(x.sym))),
                                                                 b_.getInt64(fields.size())});
      llvm::Value* p = b_.CreateIntToPtr(obj, ptr_);
      for (size_t i = 0; i < fields.size(); ++i)
        b_.CreateStore(fields[i], b_.CreateConstGEP1_64(i8_, p, offsetof(fl_tagged, fields) + 8 * i));
      return coerce({obj, Rep::Tagged}, repAt(n));
    }
    case NodeKind::CtorFn: return {constructorFunction(std::string(names_.str(x.sym)), x.a), Rep::Tagged};
    case NodeKind::Match: return lowerMatch(n, false);
    case NodeKind::Try: return lowerTry(n);
    case NodeKind::Throw: return lowerThrow(n);
    case NodeKind::Effect: return lowerEffect(n);
    case NodeKind::EffectFn: {
      int32_t op = static_cast<int32_t>(x.a);
      const effects::OpInfo& o = effects::op(op);
      return {effectFunction(op, effects::canonicalName(op), o.minArity, o.maxArity), Rep::Tagged};
    }
    case NodeKind::Handler: return lowerHandler(n);
  }
  return {taggedConst(FL_NIL), Rep::Tagged};
}

void Lowerer::ret(LVal v) { b_.CreateRet(coerce(v, fn_.retRep).v); }

void Lowerer::lowerTail(NodeId n) {
  const Node& x = m_[n];
  switch (x.kind) {
    case NodeKind::If: lowerIf(n, true); return;
    case NodeKind::Seq: lowerSeq(n, true); return;
    case NodeKind::Let: lowerLet(n, true); return;
    case NodeKind::Letrec: lowerLetrec(n, true); return;
    case NodeKind::Match: lowerMatch(n, true); return;
    case NodeKind::Call: {
      debugLocation(x.span);
      LVal v = lowerCall(n, true);
      if (v.v) ret(v);  // null: the call already returned (musttail)
      return;
    }
    default: ret(lower(n));
  }
}

LVal Lowerer::lowerIf(NodeId n, bool tail) {
  const Node& x = m_[n];
  llvm::Value* cond = truthy(lower(x.kids[0]));
  auto* thenBB = llvm::BasicBlock::Create(ctx_, "then", fn_.fn);
  auto* elseBB = llvm::BasicBlock::Create(ctx_, "else", fn_.fn);
  b_.CreateCondBr(cond, thenBB, elseBB);
  if (tail) {
    b_.SetInsertPoint(thenBB);
    lowerTail(x.kids[1]);
    b_.SetInsertPoint(elseBB);
    lowerTail(x.kids[2]);
    return {};
  }
  Rep rep = repAt(n);
  auto* merge = llvm::BasicBlock::Create(ctx_, "endif", fn_.fn);
  b_.SetInsertPoint(thenBB);
  LVal t = coerce(lower(x.kids[1]), rep);
  llvm::BasicBlock* thenEnd = b_.GetInsertBlock();
  b_.CreateBr(merge);
  b_.SetInsertPoint(elseBB);
  LVal e = coerce(lower(x.kids[2]), rep);
  llvm::BasicBlock* elseEnd = b_.GetInsertBlock();
  b_.CreateBr(merge);
  b_.SetInsertPoint(merge);
  llvm::PHINode* phi = b_.CreatePHI(llvmType(rep), 2);
  phi->addIncoming(t.v, thenEnd);
  phi->addIncoming(e.v, elseEnd);
  return {phi, rep};
}

LVal Lowerer::lowerSeq(NodeId n, bool tail) {
  const Node& x = m_[n];
  if (x.kids.empty()) {
    LVal nil{taggedConst(FL_NIL), Rep::Tagged};
    if (tail) ret(nil);
    return nil;
  }
  for (size_t i = 0; i + 1 < x.kids.size(); ++i) lower(x.kids[i]);
  if (tail) {
    lowerTail(x.kids.back());
    return {};
  }
  return lower(x.kids.back());
}

LVal Lowerer::lowerLet(NodeId n, bool tail) {
  const Node& x = m_[n];
  LVal init = lower(x.kids[0]);
  VarId v = x.a;
  const Var& var = m_.vars[v];
  const auto& locals = p_.instances[fn_.inst].locals;
  auto lt = locals.find(v);
  Rep rep = lt == locals.end() ? Rep::Tagged : repOf(lt->second);
  VarSlot slot;
  if (var.boxed()) {
    slot.kind = VarSlot::Box;
    slot.v = b_.CreateIntToPtr(b_.CreateCall(rt("flrt_make_box"), {toTagged(init)}), ptr_);
  } else if (var.assigned) {
    slot.kind = VarSlot::Alloca;
    slot.rep = rep;
    llvm::IRBuilder<> eb(&fn_.fn->getEntryBlock(), fn_.fn->getEntryBlock().begin());
    slot.v = eb.CreateAlloca(llvmType(rep));
    storeSlot(slot, init);
  } else {
    LVal c = coerce(init, rep);
    slot.v = c.v;
    slot.rep = c.rep;
  }
  fn_.vars[v] = slot;
  if (tail) {
    lowerTail(x.kids[1]);
    return {};
  }
  return lower(x.kids[1]);
}

LVal Lowerer::lowerLetrec(NodeId n, bool tail) {
  const Node& x = m_[n];
  // 1. Storage: boxes and slots start out unbound (§2.2).
  std::vector<VarId> hoisted;
  for (VarId v : x.vars) {
    const Var& var = m_.vars[v];
    VarSlot slot;
    if (var.hoisted) {
      slot.kind = VarSlot::Value;
      slot.v = nullptr;  // created below
      hoisted.push_back(v);
    } else if (var.boxed()) {
      slot.kind = VarSlot::Box;
      slot.v = b_.CreateIntToPtr(b_.CreateCall(rt("flrt_make_box"), {taggedConst(FL_UNBOUND)}), ptr_);
    } else {
      slot.kind = VarSlot::Alloca;
      slot.rep = Rep::Tagged;
      llvm::IRBuilder<> eb(&fn_.fn->getEntryBlock(), fn_.fn->getEntryBlock().begin());
      slot.v = eb.CreateAlloca(i64_);
      storeSlot(slot, {taggedConst(FL_UNBOUND), Rep::Tagged});
    }
    fn_.vars[v] = slot;
  }
  // 2. Hoisted lambdas are initialized on entry; closures that capture a hoisted variable of
  //    this same scope get it patched in once every closure exists.
  struct Patch {
    llvm::Value* closure;
    uint32_t index;
    VarId var;
  };
  std::vector<Patch> patches;
  for (VarId v : hoisted) {
    LambdaId l = m_.vars[v].knownLambda;
    const Lambda& lam = m_.lambdas[l];
    llvm::Value* c;
    if (lam.freeVars.empty()) {
      c = lambdaStaticClosure(l);
    } else {
      c = makeClosure(l);
      for (uint32_t i = 0; i < lam.freeVars.size(); ++i) {
        auto it = fn_.vars.find(lam.freeVars[i]);
        if (it != fn_.vars.end() && it->second.kind == VarSlot::Value && !it->second.v && m_.vars[lam.freeVars[i]].owner == fn_.lambda)
          patches.push_back({c, i, lam.freeVars[i]});
      }
    }
    fn_.vars[v].v = c;
  }
  for (const Patch& p : patches) {
    llvm::Value* slotAddr = b_.CreateConstGEP1_64(i8_, b_.CreateIntToPtr(p.closure, ptr_), kEnvOffset + 8 * p.index);
    b_.CreateStore(fn_.vars[p.var].v, slotAddr);
  }
  if (tail) {
    lowerTail(x.kids[0]);
    return {};
  }
  return lower(x.kids[0]);
}

LVal Lowerer::lowerDefine(NodeId n) {
  const Node& x = m_[n];
  const Var& var = m_.vars[x.a];
  if (!var.hoisted) writeVar(x.a, lower(x.kids[0]), n);
  return {taggedConst(FL_NIL), Rep::Tagged};
}

LVal Lowerer::lowerSet(NodeId n) {
  const Node& x = m_[n];
  LVal v = lower(x.kids[0]);
  if (x.a != kNone) writeVar(x.a, v, n);
  return {taggedConst(FL_NIL), Rep::Tagged};
}

llvm::Value* Lowerer::envSlot(uint32_t index) {
  return b_.CreateConstGEP1_64(i8_, fn_.self, kEnvOffset + 8 * index);
}

static uint32_t freeIndex(const Lambda& lam, VarId v) {
  for (uint32_t i = 0; i < lam.freeVars.size(); ++i)
    if (lam.freeVars[i] == v) return i;
  return 0;
}

LVal Lowerer::readVar(VarId v, NodeId at) {
  const Var& var = m_.vars[v];
  Rep want = repAt(at);
  auto checkUnbound = [&](llvm::Value* tagged) {
    auto* bad = llvm::BasicBlock::Create(ctx_, "unbound", fn_.fn);
    auto* ok = llvm::BasicBlock::Create(ctx_, "bound", fn_.fn);
    b_.CreateCondBr(b_.CreateICmpEQ(tagged, taggedConst(FL_UNBOUND)), bad, ok,
                    llvm::MDBuilder(ctx_).createUnlikelyBranchWeights());
    b_.SetInsertPoint(bad);
    emitNoreturn(rt("flrt_fail_unbound"), {cString(std::string(names_.str(var.name))), location(m_[at].span)});
    b_.CreateBr(ok);
    b_.SetInsertPoint(ok);
  };

  if (var.knownLambda != kNone && m_.lambdas[var.knownLambda].freeVars.empty() && var.hoisted)
    return coerce({lambdaStaticClosure(var.knownLambda), Rep::Tagged}, want);
  if (var.kind == VarKind::Global) {
    llvm::Value* addr = b_.CreateConstGEP2_64(globals_->getValueType(), globals_, 0, var.slot);
    llvm::Value* val = b_.CreateLoad(i64_, addr);
    checkUnbound(val);
    return coerce({val, Rep::Tagged}, want);
  }
  bool mayBeUnbound = var.defineCount > 0 && !var.hoisted;
  if (var.owner != fn_.lambda) {
    llvm::Value* raw = b_.CreateLoad(i64_, envSlot(freeIndex(m_.lambdas[fn_.lambda], v)));
    if (var.boxed()) {
      llvm::Value* box = b_.CreateIntToPtr(raw, ptr_);
      raw = b_.CreateLoad(i64_, b_.CreateConstGEP1_64(i8_, box, kBoxValueOffset));
      if (mayBeUnbound) checkUnbound(raw);
    }
    return coerce({raw, Rep::Tagged}, want);
  }
  auto it = fn_.vars.find(v);
  if (it == fn_.vars.end()) return coerce({taggedConst(FL_NIL), Rep::Tagged}, want);
  const VarSlot& slot = it->second;
  switch (slot.kind) {
    case VarSlot::Value: return coerce({slot.v, slot.rep}, want);
    case VarSlot::Alloca: {
      llvm::Value* val = loadSlot(slot);
      if (mayBeUnbound) checkUnbound(val);
      return coerce({val, slot.rep}, want);
    }
    case VarSlot::Box: {
      llvm::Value* val = b_.CreateLoad(i64_, b_.CreateConstGEP1_64(i8_, slot.v, kBoxValueOffset));
      if (mayBeUnbound) checkUnbound(val);
      return coerce({val, Rep::Tagged}, want);
    }
  }
  return {taggedConst(FL_NIL), Rep::Tagged};
}

void Lowerer::writeVar(VarId v, LVal value, NodeId at) {
  const Var& var = m_.vars[v];
  if (var.kind == VarKind::Global) {
    llvm::Value* addr = b_.CreateConstGEP2_64(globals_->getValueType(), globals_, 0, var.slot);
    b_.CreateStore(toTagged(value), addr);
    return;
  }
  if (var.owner != fn_.lambda) {
    // Assigned captured variables are always boxed.
    llvm::Value* box = b_.CreateIntToPtr(b_.CreateLoad(i64_, envSlot(freeIndex(m_.lambdas[fn_.lambda], v))), ptr_);
    b_.CreateStore(toTagged(value), b_.CreateConstGEP1_64(i8_, box, kBoxValueOffset));
    return;
  }
  auto it = fn_.vars.find(v);
  if (it == fn_.vars.end()) return;
  VarSlot& slot = it->second;
  switch (slot.kind) {
    case VarSlot::Alloca: storeSlot(slot, value); return;
    case VarSlot::Box: b_.CreateStore(toTagged(value), b_.CreateConstGEP1_64(i8_, slot.v, kBoxValueOffset)); return;
    case VarSlot::Value: {
      // Only a hoisted variable is a Value and its define is skipped; keep the new value anyway.
      slot.v = value.v;
      slot.rep = value.rep;
      return;
    }
  }
}

llvm::Value* Lowerer::loadSlot(const VarSlot& slot) {
  llvm::LoadInst* l = b_.CreateLoad(llvmType(slot.rep), slot.v);
  l->setVolatile(fn_.hasTry);
  return l;
}

void Lowerer::storeSlot(const VarSlot& slot, LVal v) {
  llvm::StoreInst* s = b_.CreateStore(coerce(v, slot.rep).v, slot.v);
  s->setVolatile(fn_.hasTry);
}

LVal Lowerer::lowerLambda(LambdaId l) { return {makeClosure(l), Rep::Tagged}; }

llvm::Value* Lowerer::makeClosure(LambdaId l) {
  const Lambda& lam = m_.lambdas[l];
  if (lam.freeVars.empty()) return lambdaStaticClosure(l);
  llvm::Constant* nullp = llvm::ConstantPointerNull::get(llvm::PointerType::get(ctx_, 0));
  llvm::Constant* name = lam.name ? cString(std::string(names_.str(lam.name))) : nullp;
  llvm::Value* c = b_.CreateCall(rt("flrt_make_closure"),
                                 {fixedEntry(l), arrayEntry(l), b_.getInt32(static_cast<int32_t>(lam.params.size())),
                                  name, b_.getInt64(lam.freeVars.size())});
  llvm::Value* p = b_.CreateIntToPtr(c, ptr_);
  for (uint32_t i = 0; i < lam.freeVars.size(); ++i) {
    llvm::Value* val = freeValueForCapture(lam.freeVars[i]);
    if (val) b_.CreateStore(val, b_.CreateConstGEP1_64(i8_, p, kEnvOffset + 8 * i));
  }
  return c;
}

llvm::Value* Lowerer::freeValueForCapture(VarId v) {
  const Var& var = m_.vars[v];
  if (var.owner != fn_.lambda) return b_.CreateLoad(i64_, envSlot(freeIndex(m_.lambdas[fn_.lambda], v)));
  auto it = fn_.vars.find(v);
  if (it == fn_.vars.end()) return taggedConst(FL_UNBOUND);
  const VarSlot& slot = it->second;
  switch (slot.kind) {
    case VarSlot::Box: return b_.CreatePtrToInt(slot.v, i64_);
    case VarSlot::Value: return slot.v ? toTagged({slot.v, slot.rep}) : nullptr;  // null: patched later
    case VarSlot::Alloca: return toTagged({loadSlot(slot), slot.rep});
  }
  return taggedConst(FL_NIL);
}

}  // namespace fl::lower
