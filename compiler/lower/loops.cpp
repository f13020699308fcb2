// Inline loops for (map f l), (filter f l), (for-each f l) and (fold f init l) -- and for
// vector-map / vector-for-each / vector-fold over a vector -- when infer found a
// kernel: f is a known lambda with an instance for the element type of l. The loop walks l's
// blocks itself (Int and Float blocks are read unboxed), calls the instance directly (LLVM can
// inline it), and builds results with the runtime's list builder (fl_list_builder in rt.h),
// whose store fast path is inline. Element order, the calls made and the results are those of
// the runtime builtins, so the two paths cannot be told apart except by speed.
#include <cstddef>

#include "fluentai/rt.h"
#include "lower/lowerer.h"
#include "llvm/IR/MDBuilder.h"

namespace fl::lower {

namespace {
uint32_t elemKindFor(Rep r) {
  return r == Rep::Int ? FL_ELEM_INT : r == Rep::Float ? FL_ELEM_FLOAT : FL_ELEM_VALUE;
}
}  // namespace

void Lowerer::forEachElement(llvm::Value* list, Rep elemRep, const std::function<void(LVal)>& body) {
  llvm::BasicBlock* entry = b_.GetInsertBlock();
  auto* head = llvm::BasicBlock::Create(ctx_, "each.head", fn_.fn);
  auto* block = llvm::BasicBlock::Create(ctx_, "each.block", fn_.fn);
  auto* next = llvm::BasicBlock::Create(ctx_, "each.next", fn_.fn);
  auto* done = llvm::BasicBlock::Create(ctx_, "each.done", fn_.fn);
  b_.CreateBr(head);

  b_.SetInsertPoint(head);
  llvm::PHINode* l = b_.CreatePHI(i64_, 2, "each.list");
  l->addIncoming(list, entry);
  b_.CreateCondBr(b_.CreateICmpEQ(l, b_.getInt64(FL_EMPTY)), done, block);

  // One block of the list: slots [i, cap) in the block's representation, then `rest`.
  b_.SetInsertPoint(block);
  llvm::Value* blk = b_.CreateIntToPtr(b_.CreateAnd(l, b_.getInt64(FL_LIST_ADDR_MASK)), ptr_);
  llvm::Value* first = b_.CreateLShr(l, FL_LIST_INDEX_SHIFT);
  llvm::Value* cap = b_.CreateZExt(b_.CreateLoad(i32_, b_.CreateConstGEP1_64(i8_, blk, offsetof(fl_list_block, cap))), i64_);
  llvm::Value* kind = b_.CreateLoad(i32_, b_.CreateConstGEP1_64(i8_, blk, offsetof(fl_list_block, elem)));
  llvm::Value* rest = b_.CreateLoad(i64_, b_.CreateConstGEP1_64(i8_, blk, offsetof(fl_list_block, rest)));
  llvm::Value* slots = b_.CreateConstGEP1_64(i8_, blk, offsetof(fl_list_block, slots));
  l->addIncoming(rest, next);

  // A loop per block representation the element type allows (other kinds cannot occur).
  auto loop = [&](const char* name, uint32_t k) {
    auto* bb = llvm::BasicBlock::Create(ctx_, name, fn_.fn);
    b_.SetInsertPoint(bb);
    llvm::PHINode* j = b_.CreatePHI(i64_, 2, "each.j");
    j->addIncoming(first, block);
    llvm::Value* raw = b_.CreateLoad(i64_, b_.CreateGEP(i64_, slots, j));
    LVal x = k == FL_ELEM_INT ? LVal{raw, Rep::Int}
             : k == FL_ELEM_FLOAT ? LVal{b_.CreateBitCast(raw, f64_), Rep::Float}
                                  : LVal{raw, Rep::Tagged};
    body(coerce(x, elemRep));
    llvm::Value* j1 = b_.CreateAdd(j, b_.getInt64(1));
    j->addIncoming(j1, b_.GetInsertBlock());
    b_.CreateCondBr(b_.CreateICmpULT(j1, cap), bb, next);
    return bb;
  };
  llvm::BasicBlock* intLoop = nullptr;
  llvm::BasicBlock* floatLoop = nullptr;
  if (elemRep == Rep::Int || elemRep == Rep::Tagged) intLoop = loop("each.int", FL_ELEM_INT);
  if (elemRep == Rep::Float || elemRep == Rep::Tagged) floatLoop = loop("each.float", FL_ELEM_FLOAT);
  llvm::BasicBlock* valueLoop = loop("each.value", FL_ELEM_VALUE);
  b_.SetInsertPoint(block);
  llvm::SwitchInst* sw = b_.CreateSwitch(kind, valueLoop, 2);
  if (intLoop) sw->addCase(b_.getInt32(FL_ELEM_INT), intLoop);
  if (floatLoop) sw->addCase(b_.getInt32(FL_ELEM_FLOAT), floatLoop);

  b_.SetInsertPoint(next);
  b_.CreateBr(head);
  b_.SetInsertPoint(done);
}

// The elements of vector v (§20.1) in index order: element i is read (in the slots' current
// representation: the body may store into the vector) just before the body runs on it.
void Lowerer::forEachVectorElement(llvm::Value* v, Rep elemRep, const std::function<void(LVal)>& body) {
  llvm::Value* vp = b_.CreateIntToPtr(v, ptr_);
  llvm::Value* len = b_.CreateLoad(i64_, b_.CreateConstGEP1_64(i8_, vp, offsetof(fl_vector, len)));
  llvm::BasicBlock* entry = b_.GetInsertBlock();
  auto* head = llvm::BasicBlock::Create(ctx_, "vk.head", fn_.fn);
  auto* step = llvm::BasicBlock::Create(ctx_, "vk.body", fn_.fn);
  auto* done = llvm::BasicBlock::Create(ctx_, "vk.done", fn_.fn);
  b_.CreateBr(head);
  b_.SetInsertPoint(head);
  llvm::PHINode* i = b_.CreatePHI(i64_, 2, "vk.i");
  i->addIncoming(b_.getInt64(0), entry);
  b_.CreateCondBr(b_.CreateICmpULT(i, len), step, done);
  b_.SetInsertPoint(step);
  llvm::Value* kind = b_.CreateLoad(i32_, b_.CreateConstGEP1_64(i8_, vp, offsetof(fl_header, aux)));
  body(vectorSlot(vp, i, kind, knownVectorKind(), elemRep));
  i->addIncoming(b_.CreateAdd(i, b_.getInt64(1)), b_.GetInsertBlock());
  b_.CreateBr(head);
  b_.SetInsertPoint(done);
}

// Appends v (as outRep) to the list builder lb: the inline store, the runtime when it is full.
void Lowerer::lbPush(llvm::Value* lb, LVal v, Rep outRep) {
  v = coerce(v, outRep);
  llvm::Value* raw = v.rep == Rep::Float ? b_.CreateBitCast(v.v, i64_) : v.v;
  llvm::Value* endSlot = b_.CreateConstGEP1_64(i8_, lb, offsetof(fl_list_builder, end));
  llvm::Value* cur = b_.CreateLoad(ptr_, lb);
  llvm::Value* room = b_.CreateICmpULT(cur, b_.CreateLoad(ptr_, endSlot));
  auto* grow = llvm::BasicBlock::Create(ctx_, "lb.grow", fn_.fn);
  auto* store = llvm::BasicBlock::Create(ctx_, "lb.store", fn_.fn);
  llvm::BasicBlock* from = b_.GetInsertBlock();
  b_.CreateCondBr(room, store, grow, llvm::MDBuilder(ctx_).createLikelyBranchWeights());
  b_.SetInsertPoint(grow);
  b_.CreateCall(rt("flrt_lb_grow"), {lb});
  llvm::Value* fresh = b_.CreateLoad(ptr_, lb);
  b_.CreateBr(store);
  b_.SetInsertPoint(store);
  llvm::PHINode* at = b_.CreatePHI(ptr_, 2);
  at->addIncoming(cur, from);
  at->addIncoming(fresh, grow);
  b_.CreateStore(raw, at);
  b_.CreateStore(b_.CreateConstGEP1_64(i64_, at, 1), lb);
}

// The kernels of lists and of vectors (vector-map / -for-each / -fold) differ only in how the
// elements are walked and in what map's results become.
LVal Lowerer::lowerKernelCall(NodeId n, int32_t id, const std::vector<LVal>& args, FnId k) {
  bool vector = id == FL_B_VECTOR_MAP || id == FL_B_VECTOR_FOR_EACH || id == FL_B_VECTOR_FOLD;
  if (id == FL_B_VECTOR_MAP) id = FL_B_MAP;
  if (id == FL_B_VECTOR_FOR_EACH) id = FL_B_FOR_EACH;
  if (id == FL_B_VECTOR_FOLD) id = FL_B_FOLD;
  const tir::Function& kf = p_.fns[k];
  llvm::Value* self = kf.captures.empty() ? nullPtr() : b_.CreateIntToPtr(toTagged(args[0]), ptr_);
  llvm::Value* list = toTagged(args.back());
  auto paramRep = [&](size_t i) { return kf.vars[kf.params[i]].rep; };
  Rep elemRep = paramRep(kf.params.size() - 1);
  auto call = [&](std::vector<LVal> in) -> LVal {
    std::vector<llvm::Value*> callArgs{self};
    for (size_t i = 0; i < in.size(); ++i) callArgs.push_back(coerce(in[i], paramRep(i)).v);
    return {tailcc(b_.CreateCall(fnDecls_[k], callArgs)), retRep(k)};
  };
  auto each = [&](const std::function<void(LVal)>& body) {
    if (vector) forEachVectorElement(list, elemRep, body);
    else forEachElement(list, elemRep, body);
  };

  if (id == FL_B_FOLD) {
    Rep accRep = paramRep(0);
    llvm::AllocaInst* acc = entryAlloca(llvmType(accRep), "fold.acc");
    b_.CreateStore(coerce(args[1], accRep).v, acc);
    each([&](LVal x) {
      LVal r = call({{b_.CreateLoad(llvmType(accRep), acc), accRep}, x});
      b_.CreateStore(coerce(r, accRep).v, acc);
    });
    return {b_.CreateLoad(llvmType(accRep), acc), accRep};
  }
  if (id == FL_B_FOR_EACH) {
    each([&](LVal x) { call({x}); });
    return {b_.getInt64(FL_NIL), Rep::Tagged};
  }

  // map and filter: the results go to a list builder (map knows the length in advance).
  Rep outRep = id == FL_B_MAP ? retRep(k) : elemRep;
  if (outRep == Rep::Bool) outRep = Rep::Tagged;
  llvm::IRBuilder<> eb(&fn_.fn->getEntryBlock(), fn_.fn->getEntryBlock().begin());
  llvm::AllocaInst* lb = eb.CreateAlloca(llvm::ArrayType::get(i64_, sizeof(fl_list_builder) / 8), nullptr, "lb");
  llvm::Value* hint = b_.getInt64(0);
  if (vector) hint = b_.CreateLoad(i64_, b_.CreateConstGEP1_64(i8_, b_.CreateIntToPtr(list, ptr_), offsetof(fl_vector, len)));
  else if (id == FL_B_MAP) hint = b_.CreateCall(rt("flrt_list_count"), {list});
  b_.CreateCall(rt("flrt_lb_init"), {lb, b_.getInt32(elemKindFor(outRep)), hint});
  auto push = [&](LVal v) { lbPush(lb, v, outRep); };
  each([&](LVal x) {
    LVal r = call({x});
    if (id == FL_B_MAP) {
      push(r);
      return;
    }
    auto* keep = llvm::BasicBlock::Create(ctx_, "filter.keep", fn_.fn);
    auto* skip = llvm::BasicBlock::Create(ctx_, "filter.next", fn_.fn);
    b_.CreateCondBr(truthy(r), keep, skip);
    b_.SetInsertPoint(keep);
    push(x);
    b_.CreateBr(skip);
    b_.SetInsertPoint(skip);
  });
  llvm::Value* out = b_.CreateCall(rt("flrt_lb_finish"), {lb});
  if (vector) out = b_.CreateCall(rt("flrt_vector_from_list"), {out});
  return {out, Rep::Tagged};
}

}  // namespace fl::lower
