// Vector access inline (§20.1): when a value is known to be a vector and the index an Int,
// vector-ref / vector-set! are a bounds check and a load or store on the slots in the object's
// representation (rt.h fl_vector); anything unusual -- an index out of range, storing an element
// of another kind into raw slots -- goes to the runtime, which raises or converts.
#include <llvm/IR/MDBuilder.h>

#include "fluentai/rt.h"
#include "lower/lowerer.h"

namespace fl::lower {

// Element idx of the vector at vp (in bounds) as `want`: `known` is its representation when the
// program fixes it (FL_ELEM_VALUE: unknown, test `kind`). Bool slots are bytes (rt.h fl_vector).
LVal Lowerer::vectorSlot(llvm::Value* vp, llvm::Value* idx, llvm::Value* kind, uint32_t known, Rep want) {
  llvm::Value* slots = b_.CreateConstGEP1_64(i8_, vp, offsetof(fl_vector, slots));
  auto byteAt = [&]() { return LVal{b_.CreateICmpNE(b_.CreateLoad(b_.getInt8Ty(), b_.CreateGEP(i8_, slots, idx)), b_.getInt8(0)), Rep::Bool}; };
  auto wordAt = [&]() { return b_.CreateLoad(i64_, b_.CreateGEP(i64_, slots, idx)); };
  if (known == FL_ELEM_FLOAT) return coerce({b_.CreateBitCast(wordAt(), f64_), Rep::Float}, want);
  if (known == FL_ELEM_INT) return coerce({wordAt(), Rep::Int}, want);
  if (known == FL_ELEM_BOOL) return coerce(byteAt(), want);
  auto* boolBB = llvm::BasicBlock::Create(ctx_, "vec.bool", fn_.fn);
  auto* wordBB = llvm::BasicBlock::Create(ctx_, "vec.word", fn_.fn);
  auto* done = llvm::BasicBlock::Create(ctx_, "vec.elem", fn_.fn);
  b_.CreateCondBr(b_.CreateICmpEQ(kind, b_.getInt32(FL_ELEM_BOOL)), boolBB, wordBB);
  b_.SetInsertPoint(boolBB);
  llvm::Value* fromBool = coerce(byteAt(), want).v;
  llvm::BasicBlock* boolEnd = b_.GetInsertBlock();
  b_.CreateBr(done);
  b_.SetInsertPoint(wordBB);
  LVal fromWord = slotValue(wordAt(), kind, want, "vec.ref");
  llvm::BasicBlock* wordEnd = b_.GetInsertBlock();
  b_.CreateBr(done);
  b_.SetInsertPoint(done);
  llvm::PHINode* phi = b_.CreatePHI(llvmType(want), 2);
  phi->addIncoming(fromBool, boolEnd);
  phi->addIncoming(fromWord.v, wordEnd);
  return {phi, want};
}

bool Lowerer::lowerVectorBuiltin(NodeId n, int32_t id, const std::vector<LVal>& args, LVal& out) {
  const tir::Node& x = N(n);
  if (args.empty() || args[0].rep != Rep::Tagged || p_.types.bits(N(x.kids[0]).type) != infer::TVector) return false;
  llvm::Value* vp = b_.CreateIntToPtr(args[0].v, ptr_);
  llvm::Value* len = b_.CreateLoad(i64_, b_.CreateConstGEP1_64(i8_, vp, offsetof(fl_vector, len)));
  if (id == FL_B_VECTOR_LENGTH) {
    out = {len, Rep::Int};
    return true;
  }
  if (args.size() < 2 || args[1].rep != Rep::Int) return false;
  llvm::Value* idx = args[1].v;
  uint32_t known = knownVectorKind();
  llvm::Value* kind = known != FL_ELEM_VALUE
                          ? static_cast<llvm::Value*>(b_.getInt32(known))
                          : b_.CreateLoad(i32_, b_.CreateConstGEP1_64(i8_, vp, offsetof(fl_header, aux)));
  llvm::Value* slot = b_.CreateGEP(i64_, b_.CreateConstGEP1_64(i8_, vp, offsetof(fl_vector, slots)), idx);
  auto* ok = llvm::BasicBlock::Create(ctx_, "vec.inbounds", fn_.fn);
  auto* slow = llvm::BasicBlock::Create(ctx_, "vec.slow", fn_.fn);
  auto* done = llvm::BasicBlock::Create(ctx_, "vec.done", fn_.fn);
  auto unlikely = llvm::MDBuilder(ctx_).createUnlikelyBranchWeights();
  b_.CreateCondBr(b_.CreateICmpULT(idx, len), ok, slow, unlikely);  // unsigned: a negative index is out too
  if (id == FL_B_VECTOR_REF) {
    b_.SetInsertPoint(slow);  // raises index-error with the runtime's message
    setLocation(x.span);
    b_.CreateCall(rt("flrt_vector_ref"), {args[0].v, toTagged(args[1])});
    b_.CreateUnreachable();
    b_.SetInsertPoint(ok);
    out = vectorSlot(vp, idx, kind, known, x.rep);
    b_.CreateBr(done);
    b_.SetInsertPoint(done);
    return true;
  }
  // vector-set!: a store when the slots take the value as it is, else the runtime.
  const LVal& v = args[2];
  b_.SetInsertPoint(ok);
  llvm::Value* fits;
  llvm::Value* raw;
  if (v.rep == Rep::Int) {
    fits = b_.CreateICmpEQ(kind, b_.getInt32(FL_ELEM_INT));
    raw = v.v;
  } else if (v.rep == Rep::Float) {
    fits = b_.CreateICmpEQ(kind, b_.getInt32(FL_ELEM_FLOAT));
    raw = b_.CreateBitCast(v.v, i64_);
  } else if (v.rep == Rep::Bool) {  // a byte into Bool slots, else a tagged word
    auto* byteBB = llvm::BasicBlock::Create(ctx_, "vec.store.bool", fn_.fn);
    auto* wordBB = llvm::BasicBlock::Create(ctx_, "vec.store.word", fn_.fn);
    b_.CreateCondBr(b_.CreateICmpEQ(kind, b_.getInt32(FL_ELEM_BOOL)), byteBB, wordBB);
    b_.SetInsertPoint(byteBB);
    b_.CreateStore(b_.CreateZExt(v.v, b_.getInt8Ty()),
                   b_.CreateGEP(i8_, b_.CreateConstGEP1_64(i8_, vp, offsetof(fl_vector, slots)), idx));
    b_.CreateBr(done);
    b_.SetInsertPoint(wordBB);
    fits = b_.CreateICmpEQ(kind, b_.getInt32(FL_ELEM_VALUE));
    raw = toTagged(v);
  } else {
    fits = b_.CreateICmpEQ(kind, b_.getInt32(FL_ELEM_VALUE));
    raw = toTagged(v);
  }
  auto* store = llvm::BasicBlock::Create(ctx_, "vec.store", fn_.fn);
  b_.CreateCondBr(fits, store, slow);
  b_.SetInsertPoint(store);
  b_.CreateStore(raw, slot);
  b_.CreateBr(done);
  b_.SetInsertPoint(slow);
  setLocation(x.span);
  b_.CreateCall(rt("flrt_vector_set"), {args[0].v, toTagged(args[1]), toTagged(v)});
  b_.CreateBr(done);
  b_.SetInsertPoint(done);
  out = coerce({taggedConst(FL_NIL), Rep::Tagged}, x.rep);
  return true;
}

// Every vector of the program holds only Floats, only Ints or only Bools (infer's vectorElem):
// then every vector's slots have that representation (or the vector is empty).
uint32_t Lowerer::knownVectorKind() const {
  if (p_.types.is(p_.vectorElem, infer::TFloat)) return FL_ELEM_FLOAT;
  if (p_.types.is(p_.vectorElem, infer::TInt)) return FL_ELEM_INT;
  if (p_.types.is(p_.vectorElem, infer::TBool)) return FL_ELEM_BOOL;
  return FL_ELEM_VALUE;
}

}  // namespace fl::lower
