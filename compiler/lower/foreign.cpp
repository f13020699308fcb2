// Foreign calls (§20.7): (%foreign "SYMBOL" "TYPES" arg...) is a direct call of the C function
// SYMBOL, declared with the prototype TYPES spells (rt.h: result code, then one per argument),
// in the target's C calling convention (LLVM's default for a plain declaration). Every argument
// is checked and converted before the call (flrt_ffi_arg; Int and Float values the compiler
// already has unboxed go straight in), then the result is converted back.
#include "fluentai/rt.h"
#include "lower/lowerer.h"

namespace fl::lower {

bool Lowerer::lowerForeignCall(NodeId n, const std::vector<LVal>& args, LVal& out) {
  const tir::Node& x = N(n);
  if (x.kids.size() < 2 || N(x.kids[0]).op != tir::Op::Const || N(x.kids[1]).op != tir::Op::Const) return false;
  const std::string symbol = p_.literals[N(x.kids[0]).a].s;
  const std::string sig = p_.literals[N(x.kids[1]).a].s;
  if (sig.empty() || sig.size() - 1 != args.size() - 2) return false;
  llvm::Constant* name = cString(symbol);
  setLocation(x.span);
  auto cType = [&](char c) -> llvm::Type* {
    switch (c) {
      case 'v': return b_.getVoidTy();
      case 'i':
      case 'b': return i32_;
      case 'd': return f64_;
      case 's':
      case 'p': return ptr_;
      default: return i64_;  // int64, size
    }
  };
  std::vector<llvm::Value*> cargs;
  std::vector<llvm::Type*> ctypes;
  for (size_t i = 1; i < sig.size(); ++i) {
    char c = sig[i];
    const LVal& a = args[i + 1];
    llvm::Value* v;
    if (c == 'd' && a.rep == Rep::Float) v = a.v;
    else if (c == 'd' && a.rep == Rep::Int) v = b_.CreateSIToFP(a.v, f64_);
    else if (c == 'l' && a.rep == Rep::Int) v = a.v;
    else if (c == 'b' && a.rep == Rep::Bool) v = b_.CreateZExt(a.v, i32_);
    else {
      llvm::Value* bits = b_.CreateCall(rt("flrt_ffi_arg"), {toTagged(a), b_.getInt32(static_cast<uint32_t>(c)),
                                                              b_.getInt64(static_cast<int64_t>(i - 1)), name});
      switch (c) {
        case 'i':
        case 'b': v = b_.CreateTrunc(bits, i32_); break;
        case 'd': v = b_.CreateBitCast(bits, f64_); break;
        case 's':
        case 'p': v = b_.CreateIntToPtr(bits, ptr_); break;
        default: v = bits;
      }
    }
    cargs.push_back(v);
    ctypes.push_back(cType(c));
  }
  char r = sig[0];
  llvm::FunctionCallee f = mod_->getOrInsertFunction(symbol, llvm::FunctionType::get(cType(r), ctypes, false));
  llvm::Value* res = b_.CreateCall(f, cargs);
  LVal value;
  switch (r) {
    case 'v': value = {taggedConst(FL_NIL), Rep::Tagged}; break;
    case 'i': value = {b_.CreateSExt(res, i64_), Rep::Int}; break;
    case 'l': value = {res, Rep::Int}; break;
    case 'd': value = {res, Rep::Float}; break;
    case 'b': value = {b_.CreateICmpNE(res, b_.getInt32(0)), Rep::Bool}; break;
    default: {  // size (range check), string, pointer: through the runtime
      llvm::Value* bits = r == 's' || r == 'p' ? b_.CreatePtrToInt(res, i64_) : res;
      value = {b_.CreateCall(rt("flrt_ffi_result"), {bits, b_.getInt32(static_cast<uint32_t>(r)), name}), Rep::Tagged};
    }
  }
  out = coerce(value, x.rep);
  return true;
}

}  // namespace fl::lower
