// Inline list access (rt.h, "Lists"): a list value is a block address with the slot index in its
// top bits; Int and Float elements are stored unboxed in blocks of that kind. head and tail of a
// non-empty list are a few loads, and the head is produced directly in the representation the
// consumer wants, so an Int element of an Int block is never boxed.
#include <cstddef>

#include "fluentai/rt.h"
#include "lower/lowerer.h"

namespace fl::lower {

// A raw slot of a list block or vector with representation `kind` (FL_ELEM_*), as `want`.
LVal Lowerer::slotValue(llvm::Value* raw, llvm::Value* kind, Rep want, const char* what) {
  auto* done = llvm::BasicBlock::Create(ctx_, std::string(what) + ".done", fn_.fn);
  auto* valueBB = llvm::BasicBlock::Create(ctx_, std::string(what) + ".value", fn_.fn);
  auto* intBB = llvm::BasicBlock::Create(ctx_, std::string(what) + ".int", fn_.fn);
  auto* floatBB = llvm::BasicBlock::Create(ctx_, std::string(what) + ".float", fn_.fn);
  llvm::SwitchInst* sw = b_.CreateSwitch(kind, valueBB, 2);
  sw->addCase(b_.getInt32(FL_ELEM_INT), intBB);
  sw->addCase(b_.getInt32(FL_ELEM_FLOAT), floatBB);
  std::vector<std::pair<llvm::Value*, llvm::BasicBlock*>> in;
  b_.SetInsertPoint(valueBB);
  in.push_back({coerce({raw, Rep::Tagged}, want).v, b_.GetInsertBlock()});
  b_.CreateBr(done);
  b_.SetInsertPoint(intBB);
  in.push_back({coerce({raw, Rep::Int}, want).v, b_.GetInsertBlock()});
  b_.CreateBr(done);
  b_.SetInsertPoint(floatBB);
  in.push_back({coerce({b_.CreateBitCast(raw, f64_), Rep::Float}, want).v, b_.GetInsertBlock()});
  b_.CreateBr(done);
  b_.SetInsertPoint(done);
  llvm::PHINode* phi = b_.CreatePHI(llvmType(want), 3);
  for (auto& [v, bb] : in) phi->addIncoming(v, bb);
  return {phi, want};
}

LVal Lowerer::listHead(llvm::Value* list, Rep want) {
  llvm::Value* blk = b_.CreateIntToPtr(b_.CreateAnd(list, b_.getInt64(FL_LIST_ADDR_MASK)), ptr_);
  llvm::Value* idx = b_.CreateLShr(list, FL_LIST_INDEX_SHIFT);
  llvm::Value* slots = b_.CreateConstGEP1_64(i8_, blk, offsetof(fl_list_block, slots));
  llvm::Value* raw = b_.CreateLoad(i64_, b_.CreateGEP(i64_, slots, idx));
  llvm::Value* kind = b_.CreateLoad(i32_, b_.CreateConstGEP1_64(i8_, blk, offsetof(fl_list_block, elem)));
  return slotValue(raw, kind, want, "head");
}

llvm::Value* Lowerer::listTail(llvm::Value* list) {
  llvm::Value* blk = b_.CreateIntToPtr(b_.CreateAnd(list, b_.getInt64(FL_LIST_ADDR_MASK)), ptr_);
  llvm::Value* next = b_.CreateAdd(b_.CreateLShr(list, FL_LIST_INDEX_SHIFT), b_.getInt64(1));
  llvm::Value* cap = b_.CreateZExt(b_.CreateLoad(i32_, b_.CreateConstGEP1_64(i8_, blk, offsetof(fl_list_block, cap))), i64_);
  llvm::Value* rest = b_.CreateLoad(i64_, b_.CreateConstGEP1_64(i8_, blk, offsetof(fl_list_block, rest)));
  llvm::Value* same = b_.CreateAdd(list, b_.getInt64(uint64_t(1) << FL_LIST_INDEX_SHIFT));
  return b_.CreateSelect(b_.CreateICmpULT(next, cap), same, rest);
}

}  // namespace fl::lower
