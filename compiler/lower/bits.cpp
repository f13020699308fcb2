// §20.2 bitwise operations on operands known to be Ints: inline LLVM instructions with the
// runtime's rules (runtime/builtins/bits.cpp). LLVM's shl/ashr by 64 or more is poison, so every
// shift amount is clamped to 63 first and the counts beyond it are decided explicitly.
#include "fluentai/rt.h"
#include "lower/lowerer.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/MDBuilder.h"

namespace fl::lower {

namespace {
bool allInts(const std::vector<LVal>& args) {
  for (const LVal& a : args)
    if (a.rep != Rep::Int) return false;
  return true;
}
}  // namespace

// Raises `kind` with `message` at the call when `bad` holds; continues after the check.
void Lowerer::failIf(llvm::Value* bad, int kind, Span span, const char* message) {
  auto* fail = llvm::BasicBlock::Create(ctx_, "bits.fail", fn_.fn);
  auto* ok = llvm::BasicBlock::Create(ctx_, "bits.ok", fn_.fn);
  b_.CreateCondBr(bad, fail, ok, llvm::MDBuilder(ctx_).createUnlikelyBranchWeights());
  b_.SetInsertPoint(fail);
  failAt(kind, span, message);
  b_.CreateBr(ok);
  b_.SetInsertPoint(ok);
}

// n·2^k for k >= 0: overflow unless shifting back gives n, and for every k >= 64 unless n = 0.
llvm::Value* Lowerer::shiftLeftChecked(llvm::Value* n, llvm::Value* k, llvm::Value* isLeft, Span span, const char* who) {
  llvm::Value* amount = b_.CreateBinaryIntrinsic(llvm::Intrinsic::umin, k, b_.getInt64(63));
  llvm::Value* shifted = b_.CreateShl(n, amount);
  llvm::Value* lost = b_.CreateICmpNE(b_.CreateAShr(shifted, amount), n);
  llvm::Value* tooFar = b_.CreateAnd(b_.CreateICmpSGT(k, b_.getInt64(63)), b_.CreateICmpNE(n, b_.getInt64(0)));
  llvm::Value* ovf = b_.CreateOr(lost, tooFar);
  if (isLeft) ovf = b_.CreateAnd(isLeft, ovf);
  failIf(ovf, FL_ERR_OVERFLOW, span, (std::string(who) + ": integer overflow").c_str());
  return shifted;
}

// ⌊n / 2^k⌋ for k >= 0 (as unsigned: -INT64_MIN wraps to 2^63, which the clamp also catches).
llvm::Value* Lowerer::shiftRight(llvm::Value* n, llvm::Value* k) {
  return b_.CreateAShr(n, b_.CreateBinaryIntrinsic(llvm::Intrinsic::umin, k, b_.getInt64(63)));
}

bool Lowerer::lowerInlineBits(NodeId n, int32_t id, const std::vector<LVal>& args, LVal& out) {
  Span span = N(n).span;
  switch (id) {
    case FL_B_BIT_AND:
    case FL_B_BIT_OR:
    case FL_B_BIT_XOR: {
      if (!allInts(args)) return false;  // the runtime checks the types
      if (args.empty()) {
        out = {b_.getInt64(id == FL_B_BIT_AND ? -1 : 0), Rep::Int};
        return true;
      }
      llvm::Value* acc = args[0].v;
      for (size_t i = 1; i < args.size(); ++i) {
        llvm::Value* x = args[i].v;
        acc = id == FL_B_BIT_AND ? b_.CreateAnd(acc, x) : id == FL_B_BIT_OR ? b_.CreateOr(acc, x) : b_.CreateXor(acc, x);
      }
      out = {acc, Rep::Int};
      return true;
    }
    case FL_B_BIT_NOT:
      if (!allInts(args)) return false;
      out = {b_.CreateNot(args[0].v), Rep::Int};
      return true;
    case FL_B_BIT_COUNT:
      if (!allInts(args)) return false;
      out = {b_.CreateUnaryIntrinsic(llvm::Intrinsic::ctpop, args[0].v), Rep::Int};
      return true;
    case FL_B_ARITHMETIC_SHIFT: {
      if (!allInts(args)) return false;
      llvm::Value* x = args[0].v;
      llvm::Value* k = args[1].v;
      llvm::Value* isLeft = b_.CreateICmpSGE(k, b_.getInt64(0));
      llvm::Value* left = shiftLeftChecked(x, k, isLeft, span, "arithmetic-shift");
      llvm::Value* right = shiftRight(x, b_.CreateNeg(k));
      out = {b_.CreateSelect(isLeft, left, right), Rep::Int};
      return true;
    }
    case FL_B_SHIFT_LEFT:
    case FL_B_SHIFT_RIGHT: {
      if (!allInts(args)) return false;
      bool left = id == FL_B_SHIFT_LEFT;
      std::string who = left ? "shift-left" : "shift-right";
      llvm::Value* k = args[1].v;
      failIf(b_.CreateICmpSLT(k, b_.getInt64(0)), FL_ERR_VALUE, span, (who + ": negative count").c_str());
      out = {left ? shiftLeftChecked(args[0].v, k, nullptr, span, who.c_str()) : shiftRight(args[0].v, k), Rep::Int};
      return true;
    }
    default: return false;
  }
}

}  // namespace fl::lower
