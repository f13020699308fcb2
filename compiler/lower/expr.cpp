// Expressions and variables. Variables live as SSA values (immutable), stack slots (assigned or
// letrec-initialized), heap boxes (captured and mutable), closure environment slots (captured) or
// the module's globals array.
#include <cassert>
#include <cstddef>

#include "fluentai/rt.h"
#include "builtins/effects.h"
#include "lower/lowerer.h"
#include "llvm/IR/MDBuilder.h"

namespace fl::lower {

using tir::Op;

namespace {
constexpr uint64_t kEnvOffset = offsetof(fl_function, free);
constexpr uint64_t kBoxValueOffset = offsetof(fl_box, value);
}  // namespace

LVal Lowerer::lower(NodeId n) {
  // A node's own instructions (a call after its arguments) keep the node's source position.
  llvm::DebugLoc outer = b_.getCurrentDebugLocation();
  debugLocation(N(n));  // throws, effects and unbound checks too, not only calls
  LVal v = lowerNode(n);
  b_.SetCurrentDebugLocation(outer);
  // Every node is lowered to its own representation (code after a call that never returns may
  // produce a placeholder of another one).
  if (v.v && v.rep != N(n).rep) v = coerce(v, N(n).rep);
  return v;
}

LVal Lowerer::lowerNode(NodeId n) {
  const tir::Node& x = N(n);
  switch (x.op) {
    case Op::Const: return constant(x.a);
    case Op::Local: return readLocal(n);
    case Op::Env: return readEnv(n);
    case Op::Global: return readGlobal(n);
    case Op::SetLocal: {
      LVal v = lower(x.kids[0]);
      assignVar(x.a, v);
      return {taggedConst(FL_NIL), Rep::Tagged};
    }
    case Op::SetEnv: {
      llvm::Value* v = toTagged(lower(x.kids[0]));
      llvm::Value* box = b_.CreateIntToPtr(b_.CreateLoad(i64_, envSlot(x.a)), ptr_);
      b_.CreateStore(v, b_.CreateConstGEP1_64(i8_, box, kBoxValueOffset));
      return {taggedConst(FL_NIL), Rep::Tagged};
    }
    case Op::SetGlobal: {
      llvm::Value* v = toTagged(lower(x.kids[0]));
      b_.CreateStore(v, b_.CreateConstGEP2_64(globals_->getValueType(), globals_, 0, x.a));
      return {taggedConst(FL_NIL), Rep::Tagged};
    }
    case Op::If: return lowerIf(n, false);
    case Op::Seq: return lowerSeq(n, false);
    case Op::Let: return lowerLet(n, false);
    case Op::Letrec: return lowerLetrec(n, false);
    case Op::MakeClosure: {
      llvm::Value* c = allocClosure(n);
      storeCaptures(n, c);
      return {c, Rep::Tagged};
    }
    case Op::Self: return {b_.CreatePtrToInt(fn_.self, i64_), Rep::Tagged};
    case Op::Call: return lowerDirectCall(n, false);
    case Op::CallUnknown: return lowerUnknownCall(n, false);
    case Op::CallBuiltin: return lowerBuiltinCall(n, false);
    case Op::BuiltinFn: return {builtinValue(static_cast<int32_t>(x.a), names_.str(x.sym)), Rep::Tagged};
    case Op::Box:
    case Op::Unbox: return coerce(lower(x.kids[0]), x.rep);
    case Op::Construct: {
      std::vector<LVal> fields;
      for (NodeId k : x.kids) fields.push_back(lower(k));
      return construct(x.sym, fields);
    }
    case Op::CtorFn: return {constructorFunction(std::string(names_.str(x.sym)), x.a), Rep::Tagged};
    case Op::Match: return lowerMatch(n, false);
    case Op::Try: return lowerTry(n);
    case Op::Throw: return lowerThrow(n);
    case Op::Effect: return lowerEffect(n);
    case Op::EffectFn: {
      int32_t op = static_cast<int32_t>(x.a);
      const effects::OpInfo& o = effects::op(op);
      return {effectFunction(op, effects::canonicalName(op), o.minArity, o.maxArity), Rep::Tagged};
    }
    case Op::Handler: return lowerHandler(n);
  }
  return {taggedConst(FL_NIL), Rep::Tagged};
}

void Lowerer::ret(LVal v) { b_.CreateRet(coerce(v, fn_.retRep).v); }

void Lowerer::lowerTail(NodeId n) {
  const tir::Node& x = N(n);
  LVal v;
  switch (x.op) {
    case Op::If: lowerIf(n, true); return;
    case Op::Seq: lowerSeq(n, true); return;
    case Op::Let: lowerLet(n, true); return;
    case Op::Letrec: lowerLetrec(n, true); return;
    case Op::Match: lowerMatch(n, true); return;
    case Op::Call:
      debugLocation(x);
      v = lowerDirectCall(n, x.tail);
      break;
    case Op::CallUnknown:
      debugLocation(x);
      v = lowerUnknownCall(n, x.tail);
      break;
    case Op::CallBuiltin:
      debugLocation(x);
      v = lowerBuiltinCall(n, x.tail);
      break;
    default: ret(lower(n)); return;
  }
  if (v.v) ret(coerce(v, x.rep));  // null: the call already returned (musttail)
}

LVal Lowerer::lowerIf(NodeId n, bool tail) {
  const tir::Node& x = N(n);
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
  Rep rep = x.rep;
  auto* merge = llvm::BasicBlock::Create(ctx_, "endif", fn_.fn);
  b_.SetInsertPoint(thenBB);
  LVal t = lower(x.kids[1]);
  llvm::BasicBlock* thenEnd = b_.GetInsertBlock();
  b_.CreateBr(merge);
  b_.SetInsertPoint(elseBB);
  LVal e = lower(x.kids[2]);
  llvm::BasicBlock* elseEnd = b_.GetInsertBlock();
  b_.CreateBr(merge);
  b_.SetInsertPoint(merge);
  llvm::PHINode* phi = b_.CreatePHI(llvmType(rep), 2);
  phi->addIncoming(t.v, thenEnd);
  phi->addIncoming(e.v, elseEnd);
  return {phi, rep};
}

LVal Lowerer::lowerSeq(NodeId n, bool tail) {
  const tir::Node& x = N(n);
  for (size_t i = 0; i + 1 < x.kids.size(); ++i) lower(x.kids[i]);
  if (tail) {
    lowerTail(x.kids.back());
    return {};
  }
  return lower(x.kids.back());
}

void Lowerer::bindVar(VarId v, LVal init) {
  const tir::Var& var = F().vars[v];
  VarSlot& slot = fn_.vars[v];
  switch (var.storage) {
    case tir::Storage::Box:
      slot = VarSlot{VarSlot::Box, b_.CreateIntToPtr(b_.CreateCall(rt("flrt_make_box"), {toTagged(init)}), ptr_),
                     Rep::Tagged};
      return;
    case tir::Storage::Slot:
      if (slot.kind != VarSlot::Alloca) {
        slot = VarSlot{VarSlot::Alloca, entryAlloca(llvmType(var.rep)), var.rep};
        debugVariable(v, 0);
      }
      storeSlot(slot, init);
      return;
    case tir::Storage::Value: {
      LVal c = coerce(init, var.rep);
      slot = VarSlot{VarSlot::Value, c.v, c.rep};
      debugVariable(v, 0);
      return;
    }
  }
}

LVal Lowerer::lowerLet(NodeId n, bool tail) {
  const tir::Node& x = N(n);
  bindVar(x.a, lower(x.kids[0]));
  if (tail) {
    lowerTail(x.kids[1]);
    return {};
  }
  return lower(x.kids[1]);
}

// Storage of every variable first (the others start unbound, §2.2), then the hoisted closures:
// all of them exist before any captured value is stored, so closures of one group can capture
// each other.
LVal Lowerer::lowerLetrec(NodeId n, bool tail) {
  const tir::Node& x = N(n);
  for (size_t i = x.a; i < x.vars.size(); ++i) {
    VarId v = x.vars[i];
    if (F().vars[v].storage == tir::Storage::Box) {
      fn_.vars[v] = VarSlot{VarSlot::Box,
                            b_.CreateIntToPtr(b_.CreateCall(rt("flrt_make_box"), {taggedConst(FL_UNBOUND)}), ptr_),
                            Rep::Tagged};
    } else {
      VarSlot slot{VarSlot::Alloca, entryAlloca(i64_), Rep::Tagged};
      storeSlot(slot, {taggedConst(FL_UNBOUND), Rep::Tagged});
      fn_.vars[v] = slot;
    }
  }
  std::vector<llvm::Value*> closures;
  for (uint32_t i = 0; i < x.a; ++i) {
    llvm::Value* c = allocClosure(x.kids[i]);
    closures.push_back(c);
    fn_.vars[x.vars[i]] = VarSlot{VarSlot::Value, c, Rep::Tagged};
  }
  for (uint32_t i = 0; i < x.a; ++i) storeCaptures(x.kids[i], closures[i]);
  if (tail) {
    lowerTail(x.kids.back());
    return {};
  }
  return lower(x.kids.back());
}

llvm::Value* Lowerer::envSlot(uint32_t index) {
  return b_.CreateConstGEP1_64(i8_, fn_.self, kEnvOffset + 8 * index);
}

void Lowerer::checkUnbound(llvm::Value* tagged, Sym name, Span span) {
  auto* bad = llvm::BasicBlock::Create(ctx_, "unbound", fn_.fn);
  auto* ok = llvm::BasicBlock::Create(ctx_, "bound", fn_.fn);
  b_.CreateCondBr(b_.CreateICmpEQ(tagged, taggedConst(FL_UNBOUND)), bad, ok,
                  llvm::MDBuilder(ctx_).createUnlikelyBranchWeights());
  b_.SetInsertPoint(bad);
  emitNoreturn(rt("flrt_fail_unbound"), {cString(std::string(names_.str(name))), location(span)});
  b_.CreateBr(ok);
  b_.SetInsertPoint(ok);
}

LVal Lowerer::readLocal(NodeId n) {
  const tir::Node& x = N(n);
  const tir::Var& var = F().vars[x.a];
  const VarSlot& slot = fn_.vars[x.a];
  switch (slot.kind) {
    case VarSlot::Unset: return {taggedConst(FL_UNBOUND), Rep::Tagged};  // only in code that never runs
    case VarSlot::Value: return {slot.v, slot.rep};
    case VarSlot::Alloca: {
      llvm::Value* val = loadSlot(slot);
      if (var.checked) checkUnbound(val, var.name, x.span);
      return {val, slot.rep};
    }
    case VarSlot::Box: {
      if (x.b == 1) return {b_.CreatePtrToInt(slot.v, i64_), Rep::Tagged};
      llvm::Value* val = b_.CreateLoad(i64_, b_.CreateConstGEP1_64(i8_, slot.v, kBoxValueOffset));
      if (var.checked) checkUnbound(val, var.name, x.span);
      return {val, Rep::Tagged};
    }
  }
  return {taggedConst(FL_NIL), Rep::Tagged};
}

LVal Lowerer::readEnv(NodeId n) {
  const tir::Node& x = N(n);
  const tir::Capture& cap = F().captures[x.a];
  llvm::Value* raw = b_.CreateLoad(i64_, envSlot(x.a));
  switch (cap.rep) {  // unboxed captures are stored as their 64 bits
    case Rep::Int: return {raw, Rep::Int};
    case Rep::Float: return {b_.CreateBitCast(raw, f64_), Rep::Float};
    case Rep::Bool: return {b_.CreateTrunc(raw, i1_), Rep::Bool};
    case Rep::Tagged: break;
  }
  if (x.b == 1 || !cap.boxed) return {raw, Rep::Tagged};
  llvm::Value* box = b_.CreateIntToPtr(raw, ptr_);
  llvm::Value* val = b_.CreateLoad(i64_, b_.CreateConstGEP1_64(i8_, box, kBoxValueOffset));
  if (cap.checked) checkUnbound(val, cap.name, x.span);
  return {val, Rep::Tagged};
}

LVal Lowerer::readGlobal(NodeId n) {
  const tir::Node& x = N(n);
  llvm::Value* val = b_.CreateLoad(i64_, b_.CreateConstGEP2_64(globals_->getValueType(), globals_, 0, x.a));
  if (x.b == 1) checkUnbound(val, p_.globals[x.a].name, x.span);
  return {val, Rep::Tagged};
}

void Lowerer::assignVar(VarId v, LVal value) {
  VarSlot& slot = fn_.vars[v];
  switch (slot.kind) {
    case VarSlot::Alloca: storeSlot(slot, value); return;
    case VarSlot::Box: b_.CreateStore(toTagged(value), b_.CreateConstGEP1_64(i8_, slot.v, kBoxValueOffset)); return;
    default: return;  // assignments to variables no code path binds here (dead code)
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

llvm::AllocaInst* Lowerer::entryAlloca(llvm::Type* t, const char* name) {
  llvm::IRBuilder<> eb(&fn_.fn->getEntryBlock(), fn_.fn->getEntryBlock().begin());
  return eb.CreateAlloca(t, nullptr, name);
}

// A closure object for MakeClosure n: static when it captures nothing, else allocated with its
// environment still empty (storeCaptures fills it).
llvm::Value* Lowerer::allocClosure(NodeId n) {
  const tir::Node& x = N(n);
  const tir::Closure& c = p_.closures[x.a];
  if (c.captures.empty()) return lambdaStaticClosure(x.a);
  llvm::Constant* name = c.name ? cString(std::string(names_.str(c.name))) : nullPtr();
  // The header's aux counts the free values the collector traces: the tagged captures, which
  // come first; unboxed ones follow (rt.h, fl_function).
  uint32_t traced = 0;
  for (const tir::Capture& cap : c.captures) traced += cap.rep == Rep::Tagged;
  llvm::Value* fp = allocObject(offsetof(fl_function, free) + 8 * c.captures.size(), FL_K_FUNCTION, traced);
  // n or more arguments (§20.3): only flrt_call, through the array entry
  int32_t minArity = c.rest ? static_cast<int32_t>(c.arity) - 1 : static_cast<int32_t>(c.arity);
  int32_t maxArity = c.rest ? -1 : static_cast<int32_t>(c.arity);
  b_.CreateStore(b_.getInt32(minArity), b_.CreateConstGEP1_64(i8_, fp, offsetof(fl_function, min_arity)));
  b_.CreateStore(b_.getInt32(maxArity), b_.CreateConstGEP1_64(i8_, fp, offsetof(fl_function, max_arity)));
  b_.CreateStore(fixedEntry(x.a), b_.CreateConstGEP1_64(i8_, fp, offsetof(fl_function, fixed_entry)));
  b_.CreateStore(arrayEntry(x.a), b_.CreateConstGEP1_64(i8_, fp, offsetof(fl_function, array_entry)));
  b_.CreateStore(name, b_.CreateConstGEP1_64(i8_, fp, offsetof(fl_function, name)));
  // captures are stored later (their expressions may allocate): the collector must see zeros
  for (size_t i = 0; i < c.captures.size(); ++i)
    b_.CreateStore(b_.getInt64(0), b_.CreateConstGEP1_64(i8_, fp, offsetof(fl_function, free) + 8 * i));
  return b_.CreatePtrToInt(fp, i64_);
}

void Lowerer::storeCaptures(NodeId n, llvm::Value* closure) {
  const tir::Node& x = N(n);
  if (x.kids.empty()) return;
  llvm::Value* p = b_.CreateIntToPtr(closure, ptr_);
  for (uint32_t i = 0; i < x.kids.size(); ++i) {
    LVal v = lower(x.kids[i]);
    llvm::Value* raw = v.rep == Rep::Float ? b_.CreateBitCast(v.v, i64_)
                       : v.rep == Rep::Bool ? b_.CreateZExt(v.v, i64_)
                                            : v.v;
    b_.CreateStore(raw, b_.CreateConstGEP1_64(i8_, p, kEnvOffset + 8 * i));
  }
}

}  // namespace fl::lower
