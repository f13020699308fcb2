// Calls: builtins (arithmetic and comparisons inline on unboxed operands, the rest through their
// C implementations), direct calls of known instances, and calls of unknown function values
// (inline check for a matching fixed entry, otherwise flrt_call).
#include <cstddef>

#include "builtins/builtins.h"
#include "builtins/effects.h"
#include "fluentai/rt.h"
#include "infer/infer.h"
#include "lower/lowerer.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/MDBuilder.h"

namespace fl::lower {

using tir::Op;
constexpr uint32_t kFailOrThrow = infer::FxFail | infer::FxThrow;

llvm::CallInst* Lowerer::tailcc(llvm::CallInst* c) {
  c->setCallingConv(llvm::CallingConv::Tail);
  return c;
}

LVal Lowerer::failArity(llvm::Value* fnValue, size_t argc, NodeId n) {
  setLocation(N(n).span);
  emitNoreturn(rt("flrt_fail_arity"), {fnValue, b_.getInt64(argc)});
  return {llvm::PoisonValue::get(llvmType(N(n).rep)), N(n).rep};
}

llvm::Value* Lowerer::argArray(const std::vector<llvm::Value*>& tagged) {
  if (tagged.empty()) return llvm::ConstantPointerNull::get(llvm::PointerType::get(ctx_, 0));
  if (tagged.size() > fn_.argvSize) {
    fn_.argvSize = static_cast<unsigned>(tagged.size());
    fn_.argv->setOperand(0, b_.getInt64(fn_.argvSize));
  }
  for (size_t i = 0; i < tagged.size(); ++i) b_.CreateStore(tagged[i], b_.CreateConstGEP1_64(i64_, fn_.argv, i));
  return fn_.argv;
}

// ---- direct calls ---------------------------------------------------------------------------------

LVal Lowerer::lowerDirectCall(NodeId n, bool tail) {
  const tir::Node& x = N(n);
  FnId target = x.a;
  size_t first = x.b == 1 ? 1 : 0;
  llvm::Value* self = first ? b_.CreateIntToPtr(toTagged(lower(x.kids[0])), ptr_) : nullPtr();
  if (x.c != tir::kNone) {
    std::vector<LVal> vals;
    for (size_t i = first; i < x.kids.size(); ++i) vals.push_back(lower(x.kids[i]));
    return speculateInts(n, self, vals);
  }
  std::vector<llvm::Value*> args{self};
  for (size_t i = first; i < x.kids.size(); ++i) args.push_back(lower(x.kids[i]).v);
  llvm::CallInst* c = tailcc(b_.CreateCall(fnDecls_[target], args));
  Rep r = retRep(target);
  if (tail && r == fn_.retRep) {
    c->setTailCallKind(llvm::CallInst::TCK_MustTail);
    b_.CreateRet(c);
    b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "after.tail", fn_.fn));
    return {};
  }
  return {c, r};
}

// A call whose Int|Float arguments are all fixnums goes to the instance for Int arguments
// (unboxed code); otherwise to the general one. Both results meet in the call's representation.
LVal Lowerer::speculateInts(NodeId n, llvm::Value* self, const std::vector<LVal>& vals) {
  const tir::Function& gi = p_.fns[N(n).a];
  const tir::Function& fi = p_.fns[N(n).c];
  llvm::Value* allFixnums = b_.getTrue();
  for (size_t i = 0; i < vals.size(); ++i)
    if (fi.vars[fi.params[i]].rep == Rep::Int && vals[i].rep == Rep::Tagged)
      allFixnums = b_.CreateAnd(allFixnums, isFixnum(vals[i].v));
  Rep out = N(n).rep;
  auto* fast = llvm::BasicBlock::Create(ctx_, "spec.int", fn_.fn);
  auto* slow = llvm::BasicBlock::Create(ctx_, "spec.general", fn_.fn);
  auto* done = llvm::BasicBlock::Create(ctx_, "spec.done", fn_.fn);
  b_.CreateCondBr(allFixnums, fast, slow);
  auto call = [&](FnId target, const tir::Function& f) {
    std::vector<llvm::Value*> args{self};
    for (size_t i = 0; i < vals.size(); ++i) args.push_back(coerce(vals[i], f.vars[f.params[i]].rep).v);
    LVal r{tailcc(b_.CreateCall(fnDecls_[target], args)), retRep(target)};
    llvm::Value* v = coerce(r, out).v;
    b_.CreateBr(done);
    return std::make_pair(v, b_.GetInsertBlock());
  };
  b_.SetInsertPoint(fast);
  auto [fv, fb] = call(N(n).c, fi);
  b_.SetInsertPoint(slow);
  auto [sv, sb] = call(N(n).a, gi);
  b_.SetInsertPoint(done);
  llvm::PHINode* phi = b_.CreatePHI(llvmType(out), 2);
  phi->addIncoming(fv, fb);
  phi->addIncoming(sv, sb);
  return {phi, out};
}

// ---- unknown callees ------------------------------------------------------------------------------

LVal Lowerer::lowerUnknownCall(NodeId n, bool tail) {
  const tir::Node& x = N(n);
  llvm::Value* f = toTagged(lower(x.kids[0]));
  std::vector<llvm::Value*> args;
  for (size_t i = 1; i < x.kids.size(); ++i) args.push_back(toTagged(lower(x.kids[i])));
  uint64_t argc = args.size();

  // Fast path: a function object whose fixed entry takes exactly argc arguments.
  auto* checkKind = llvm::BasicBlock::Create(ctx_, "call.kind", fn_.fn);
  auto* checkArity = llvm::BasicBlock::Create(ctx_, "call.arity", fn_.fn);
  auto* fast = llvm::BasicBlock::Create(ctx_, "call.fast", fn_.fn);
  auto* slow = llvm::BasicBlock::Create(ctx_, "call.slow", fn_.fn);
  b_.CreateCondBr(isPtr(f), checkKind, slow);
  b_.SetInsertPoint(checkKind);
  llvm::Value* fp = b_.CreateIntToPtr(f, ptr_);
  b_.CreateCondBr(b_.CreateICmpEQ(b_.CreateLoad(i8_, fp), b_.getInt8(FL_K_FUNCTION)), checkArity, slow);
  b_.SetInsertPoint(checkArity);
  llvm::Value* arity = b_.CreateLoad(i64_, b_.CreateConstGEP1_64(i8_, fp, offsetof(fl_function, min_arity)));
  llvm::Value* entry = b_.CreateLoad(ptr_, b_.CreateConstGEP1_64(i8_, fp, offsetof(fl_function, fixed_entry)));
  llvm::Value* ok = b_.CreateAnd(b_.CreateICmpEQ(arity, b_.getInt64(argc | (argc << 32))),
                                 b_.CreateICmpNE(entry, llvm::ConstantPointerNull::get(llvm::PointerType::get(ctx_, 0))));
  b_.CreateCondBr(ok, fast, slow, llvm::MDBuilder(ctx_).createLikelyBranchWeights());

  b_.SetInsertPoint(fast);
  std::vector<llvm::Type*> params(argc + 1, i64_);
  params[0] = ptr_;
  auto* fty = llvm::FunctionType::get(i64_, params, false);
  std::vector<llvm::Value*> fastArgs{fp};
  fastArgs.insert(fastArgs.end(), args.begin(), args.end());
  llvm::CallInst* fc = tailcc(b_.CreateCall(fty, entry, fastArgs));
  bool mustTail = tail && fn_.retRep == Rep::Tagged;
  llvm::BasicBlock* fastEnd = nullptr;
  llvm::BasicBlock* merge = nullptr;
  if (mustTail) {
    fc->setTailCallKind(llvm::CallInst::TCK_MustTail);
    b_.CreateRet(fc);
  } else {
    merge = llvm::BasicBlock::Create(ctx_, "call.done", fn_.fn);
    fastEnd = b_.GetInsertBlock();
    b_.CreateBr(merge);
  }

  b_.SetInsertPoint(slow);
  setLocation(x.span);
  llvm::Value* sc = b_.CreateCall(rt("flrt_call"), {f, b_.getInt64(argc), argArray(args)});
  if (mustTail) {
    b_.CreateRet(sc);
    b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "after.tail", fn_.fn));
    return {};
  }
  llvm::BasicBlock* slowEnd = b_.GetInsertBlock();
  b_.CreateBr(merge);
  b_.SetInsertPoint(merge);
  llvm::PHINode* phi = b_.CreatePHI(i64_, 2);
  phi->addIncoming(fc, fastEnd);
  phi->addIncoming(sc, slowEnd);
  return {phi, Rep::Tagged};
}

// ---- builtins -----------------------------------------------------------------------------------

LVal Lowerer::lowerBuiltinCall(NodeId n, bool tail) {
  const tir::Node& x = N(n);
  int32_t id = static_cast<int32_t>(x.a);
  std::vector<LVal> args;
  for (NodeId k : x.kids) args.push_back(lower(k));
  const builtins::Info& info = builtins::info(id);
  if (!builtins::arityOk(info, args.size())) return failArity(builtinValue(id, names_.str(x.sym)), args.size(), n);
  // Builtins that perform an effect operation go through the handler stack when some handler in
  // the program intercepts that effect type; otherwise they are direct calls (§11.3 rule 4).
  int32_t op = effects::builtinOp(id);
  if (op >= 0 && handled(op)) {
    if (id == FL_B_CURRENT_TIME) {
      LVal ms = performOp(op, {}, x.span);
      return callBuiltinGeneric(FL_B_QUOTIENT, {ms, {b_.getInt64(1000), Rep::Int}}, n);
    }
    return performOp(op, args, x.span);
  }
  if (id == FL_B_APPLY && tail && fn_.retRep == Rep::Tagged) return lowerTailApply(n, args);
  if (x.b != tir::kNone) return lowerKernelCall(n, id, args, x.b);
  LVal out;
  if (lowerInlineBuiltin(n, id, args, out)) return out;
  return callBuiltinGeneric(id, args, n);
}

// (apply f a... list) in tail position (§7: loops through apply run in constant stack): the
// arguments are spread into a stack buffer, then a function whose fixed entry takes exactly that
// many is tail-called; anything else goes through the runtime (not a tail call).
LVal Lowerer::lowerTailApply(NodeId n, const std::vector<LVal>& args) {
  constexpr unsigned kMaxSpread = 8;
  llvm::Value* f = toTagged(args[0]);
  std::vector<llvm::Value*> fixed;
  for (size_t i = 1; i + 1 < args.size(); ++i) fixed.push_back(toTagged(args[i]));
  llvm::Value* list = toTagged(args.back());
  llvm::IRBuilder<> eb(&fn_.fn->getEntryBlock(), fn_.fn->getEntryBlock().begin());
  llvm::AllocaInst* buf = eb.CreateAlloca(i64_, eb.getInt64(kMaxSpread), "apply.args");
  setLocation(N(n).span);
  llvm::Value* fixedArr = argArray(fixed);
  llvm::Value* argc = b_.CreateCall(rt("flrt_apply_spread"), {buf, b_.getInt64(kMaxSpread), b_.getInt64(fixed.size()), fixedArr, list});

  auto* slow = llvm::BasicBlock::Create(ctx_, "apply.slow", fn_.fn);
  auto* checkKind = llvm::BasicBlock::Create(ctx_, "apply.kind", fn_.fn);
  auto* checkArity = llvm::BasicBlock::Create(ctx_, "apply.arity", fn_.fn);
  auto* dispatch = llvm::BasicBlock::Create(ctx_, "apply.dispatch", fn_.fn);
  b_.CreateCondBr(b_.CreateAnd(isPtr(f), b_.CreateICmpULE(argc, b_.getInt64(kMaxSpread))), checkKind, slow);
  b_.SetInsertPoint(checkKind);
  llvm::Value* fp = b_.CreateIntToPtr(f, ptr_);
  b_.CreateCondBr(b_.CreateICmpEQ(b_.CreateLoad(i8_, fp), b_.getInt8(FL_K_FUNCTION)), checkArity, slow);
  b_.SetInsertPoint(checkArity);
  llvm::Value* arity = b_.CreateLoad(i64_, b_.CreateConstGEP1_64(i8_, fp, offsetof(fl_function, min_arity)));
  llvm::Value* entry = b_.CreateLoad(ptr_, b_.CreateConstGEP1_64(i8_, fp, offsetof(fl_function, fixed_entry)));
  llvm::Value* ok = b_.CreateAnd(b_.CreateICmpEQ(arity, b_.CreateOr(argc, b_.CreateShl(argc, 32))),
                                 b_.CreateICmpNE(entry, llvm::ConstantPointerNull::get(llvm::PointerType::get(ctx_, 0))));
  b_.CreateCondBr(ok, dispatch, slow);
  b_.SetInsertPoint(dispatch);
  llvm::SwitchInst* sw = b_.CreateSwitch(argc, slow, kMaxSpread + 1);
  for (unsigned k = 0; k <= kMaxSpread; ++k) {
    auto* bb = llvm::BasicBlock::Create(ctx_, "apply." + std::to_string(k), fn_.fn);
    sw->addCase(b_.getInt64(k), bb);
    b_.SetInsertPoint(bb);
    std::vector<llvm::Type*> params(k + 1, i64_);
    params[0] = ptr_;
    std::vector<llvm::Value*> callArgs{fp};
    for (unsigned i = 0; i < k; ++i) callArgs.push_back(b_.CreateLoad(i64_, b_.CreateConstGEP1_64(i64_, buf, i)));
    llvm::CallInst* c = tailcc(b_.CreateCall(llvm::FunctionType::get(i64_, params, false), entry, callArgs));
    c->setTailCallKind(llvm::CallInst::TCK_MustTail);
    b_.CreateRet(c);
    b_.SetInsertPoint(dispatch);
  }
  b_.SetInsertPoint(slow);
  return callBuiltinGeneric(FL_B_APPLY, args, n);
}

LVal Lowerer::callBuiltinGeneric(int32_t id, const std::vector<LVal>& args, NodeId n) {
  std::vector<llvm::Value*> tagged;
  for (const LVal& a : args) tagged.push_back(toTagged(a));
  static const char* const kSymbols[] = {
#define FL_BUILTIN(bid, bname, min, max, effects, level) "flb_" #bid,
#include "fluentai/builtins.def"
#undef FL_BUILTIN
  };
  llvm::FunctionCallee f = mod_->getOrInsertFunction(kSymbols[id], llvm::FunctionType::get(i64_, {ptr_, i64_, ptr_}, false));
  if (N(n).effects & kFailOrThrow) setLocation(N(n).span);
  llvm::Value* r = b_.CreateCall(f, {llvm::ConstantPointerNull::get(llvm::PointerType::get(ctx_, 0)),
                                     b_.getInt64(tagged.size()), argArray(tagged)});
  if (builtins::info(id).effects & FL_FX_EXIT) {
    b_.CreateUnreachable();
    b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "dead", fn_.fn));
    return {llvm::PoisonValue::get(llvmType(N(n).rep)), N(n).rep};
  }
  return {r, Rep::Tagged};
}

static bool numeric(Rep r) { return r == Rep::Int || r == Rep::Float; }

bool Lowerer::lowerInlineBuiltin(NodeId n, int32_t id, const std::vector<LVal>& args, LVal& out) {
  switch (id) {
    case FL_B_VECTOR_REF:
    case FL_B_VECTOR_SET:
    case FL_B_VECTOR_LENGTH: return lowerVectorBuiltin(n, id, args, out);
    case FL_B_FOREIGN:
    case FL_B_FOREIGN_PURE: return lowerForeignCall(n, args, out);
    case FL_B_TAGGED_FIELD: return lowerFieldAccess(n, args, out);
    case FL_B_ADD:
    case FL_B_MUL:
      if (args.empty()) {
        out = {b_.getInt64(id == FL_B_ADD ? 0 : 1), Rep::Int};
        return true;
      }
      [[fallthrough]];
    case FL_B_SUB:
    case FL_B_DIV: {
      if (args.size() == 1) {
        if (id == FL_B_SUB) {
          if (args[0].rep == Rep::Int) out = arith(FL_B_SUB, {b_.getInt64(0), Rep::Int}, args[0], N(n).span);
          else if (args[0].rep == Rep::Float) out = {b_.CreateFNeg(args[0].v), Rep::Float};
          else {
            setLocation(N(n).span);
            out = {b_.CreateCall(rt("flrt_neg"), {toTagged(args[0])}), Rep::Tagged};
          }
          return true;
        }
        if (numeric(args[0].rep)) {
          out = args[0];
          return true;
        }
        return false;  // (+ "s") and friends: the runtime checks the type
      }
      LVal acc = args[0];
      for (size_t i = 1; i < args.size(); ++i) acc = arith(id, acc, args[i], N(n).span);
      out = acc;
      return true;
    }
    case FL_B_LT:
    case FL_B_LE:
    case FL_B_GT:
    case FL_B_GE:
    case FL_B_EQUAL: {
      // Chained: every adjacent pair is checked (and may raise) before the result is known (§19).
      llvm::Value* all = b_.getTrue();
      for (size_t i = 0; i + 1 < args.size(); ++i) all = b_.CreateAnd(all, compare(id, args[i], args[i + 1], N(n).span).v);
      out = {all, Rep::Bool};
      return true;
    }
    case FL_B_NOT_EQUAL:
      out = {b_.CreateNot(compare(FL_B_EQUAL, args[0], args[1], N(n).span).v), Rep::Bool};
      return true;
    case FL_B_QUOTIENT:
    case FL_B_MOD:
    case FL_B_MODULO:
      if (args[0].rep != Rep::Int || args[1].rep != Rep::Int) return false;  // Floats, type errors
      out = intDivision(id, args[0].v, args[1].v, N(n).span);
      return true;
    case FL_B_NOT:
      out = {b_.CreateNot(truthy(args[0])), Rep::Bool};
      return true;
    case FL_B_HEAD:
    case FL_B_TAIL: {
      // A value known to be a list (not nil): the runtime's checks reduce to emptiness.
      if (args.size() != 1 || args[0].rep != Rep::Tagged || p_.types.bits(N(N(n).kids[0]).type) != infer::TList)
        return false;
      auto* empty = llvm::BasicBlock::Create(ctx_, "list.empty", fn_.fn);
      auto* ok = llvm::BasicBlock::Create(ctx_, "list.nonempty", fn_.fn);
      b_.CreateCondBr(b_.CreateICmpEQ(args[0].v, taggedConst(FL_EMPTY)), empty, ok,
                      llvm::MDBuilder(ctx_).createUnlikelyBranchWeights());
      b_.SetInsertPoint(empty);
      failAt(FL_ERR_EMPTY_LIST, N(n).span, id == FL_B_HEAD ? "head of an empty list" : "tail of an empty list");
      b_.CreateBr(ok);
      b_.SetInsertPoint(ok);
      out = id == FL_B_HEAD ? listHead(args[0].v, N(n).rep) : LVal{listTail(args[0].v), Rep::Tagged};
      return true;
    }
    case FL_B_ABS:
      if (args.size() != 1) return false;
      if (args[0].rep == Rep::Float) {
        out = {b_.CreateUnaryIntrinsic(llvm::Intrinsic::fabs, args[0].v), Rep::Float};
        return true;
      }
      if (args[0].rep == Rep::Int) {
        auto* ovf = llvm::BasicBlock::Create(ctx_, "abs.ovf", fn_.fn);
        auto* ok = llvm::BasicBlock::Create(ctx_, "abs.ok", fn_.fn);
        b_.CreateCondBr(b_.CreateICmpEQ(args[0].v, b_.getInt64(INT64_MIN)), ovf, ok,
                        llvm::MDBuilder(ctx_).createUnlikelyBranchWeights());
        b_.SetInsertPoint(ovf);
        failAt(FL_ERR_OVERFLOW, N(n).span, "abs: integer overflow");
        b_.CreateBr(ok);
        b_.SetInsertPoint(ok);
        llvm::Value* x = args[0].v;
        out = {b_.CreateSelect(b_.CreateICmpSLT(x, b_.getInt64(0)), b_.CreateNeg(x), x), Rep::Int};
        return true;
      }
      return false;
    case FL_B_SQRT:
    case FL_B_EXP:
    case FL_B_SIN:
    case FL_B_COS:
    case FL_B_TAN:
    case FL_B_ASIN:
    case FL_B_ACOS:
    case FL_B_ATAN: {
      // On a number these are libm's functions of its value as a double, as in the runtime
      // (domain errors give NaN, §12): sqrt is the IEEE instruction, the others the same libm
      // call on the unboxed value.
      if (args.size() != 1 || (args[0].rep != Rep::Float && args[0].rep != Rep::Int)) return false;
      llvm::Value* x = args[0].rep == Rep::Int ? b_.CreateSIToFP(args[0].v, f64_) : args[0].v;
      if (id == FL_B_SQRT) {
        out = {b_.CreateUnaryIntrinsic(llvm::Intrinsic::sqrt, x), Rep::Float};
        return true;
      }
      const char* name = id == FL_B_EXP ? "exp" : id == FL_B_SIN ? "sin" : id == FL_B_COS ? "cos" : id == FL_B_TAN ? "tan"
                         : id == FL_B_ASIN ? "asin" : id == FL_B_ACOS ? "acos" : "atan";
      llvm::FunctionCallee f = mod_->getOrInsertFunction(name, llvm::FunctionType::get(f64_, {f64_}, false));
      if (auto* fn = llvm::dyn_cast<llvm::Function>(f.getCallee())) fn->addFnAttr(llvm::Attribute::NoUnwind);
      out = {b_.CreateCall(f, {x}), Rep::Float};
      return true;
    }
    default: return lowerInlineBits(n, id, args, out);
  }
}

namespace {
llvm::Intrinsic::ID overflowIntrinsic(int32_t id) {
  switch (id) {
    case FL_B_ADD: return llvm::Intrinsic::sadd_with_overflow;
    case FL_B_SUB: return llvm::Intrinsic::ssub_with_overflow;
    default: return llvm::Intrinsic::smul_with_overflow;
  }
}
}  // namespace

LVal Lowerer::arith(int32_t id, LVal a, LVal b, Span span) {
  if (a.rep == Rep::Int && b.rep == Rep::Int) {
    if (id == FL_B_DIV) {
      auto* zero = llvm::BasicBlock::Create(ctx_, "div.zero", fn_.fn);
      auto* ovf = llvm::BasicBlock::Create(ctx_, "div.ovf", fn_.fn);
      auto* ok = llvm::BasicBlock::Create(ctx_, "div.ok", fn_.fn);
      auto* check = llvm::BasicBlock::Create(ctx_, "div.check", fn_.fn);
      auto unlikely = llvm::MDBuilder(ctx_).createUnlikelyBranchWeights();
      b_.CreateCondBr(b_.CreateICmpEQ(b.v, b_.getInt64(0)), zero, check, unlikely);
      b_.SetInsertPoint(check);
      llvm::Value* isOvf = b_.CreateAnd(b_.CreateICmpEQ(a.v, b_.getInt64(INT64_MIN)), b_.CreateICmpEQ(b.v, b_.getInt64(-1)));
      b_.CreateCondBr(isOvf, ovf, ok, unlikely);
      b_.SetInsertPoint(zero);
      failAt(FL_ERR_DIV_ZERO, span, "division by zero");
      b_.CreateBr(ok);
      b_.SetInsertPoint(ovf);
      failAt(FL_ERR_OVERFLOW, span, "integer overflow");
      b_.CreateBr(ok);
      b_.SetInsertPoint(ok);
      return {b_.CreateSDiv(a.v, b.v), Rep::Int};
    }
    llvm::Value* pair = b_.CreateBinaryIntrinsic(overflowIntrinsic(id), a.v, b.v);
    auto* ovf = llvm::BasicBlock::Create(ctx_, "overflow", fn_.fn);
    auto* ok = llvm::BasicBlock::Create(ctx_, "no.overflow", fn_.fn);
    b_.CreateCondBr(b_.CreateExtractValue(pair, 1), ovf, ok, llvm::MDBuilder(ctx_).createUnlikelyBranchWeights());
    b_.SetInsertPoint(ovf);
    failAt(FL_ERR_OVERFLOW, span, "integer overflow");
    b_.CreateBr(ok);
    b_.SetInsertPoint(ok);
    return {b_.CreateExtractValue(pair, 0), Rep::Int};
  }
  if (numeric(a.rep) && numeric(b.rep)) {
    llvm::Value* x = a.rep == Rep::Int ? b_.CreateSIToFP(a.v, f64_) : a.v;
    llvm::Value* y = b.rep == Rep::Int ? b_.CreateSIToFP(b.v, f64_) : b.v;
    switch (id) {
      case FL_B_ADD: return {b_.CreateFAdd(x, y), Rep::Float};
      case FL_B_SUB: return {b_.CreateFSub(x, y), Rep::Float};
      case FL_B_MUL: return {b_.CreateFMul(x, y), Rep::Float};
      default: return {b_.CreateFDiv(x, y), Rep::Float};
    }
  }
  // Tagged operands: both fixnums inline (63-bit overflow falls back), otherwise the runtime.
  llvm::Value* ta = toTagged(a);
  llvm::Value* tb = toTagged(b);
  const char* slowName = id == FL_B_ADD ? "flrt_add" : id == FL_B_SUB ? "flrt_sub" : id == FL_B_MUL ? "flrt_mul" : "flrt_div";
  if (id == FL_B_DIV) {
    setLocation(span);
    return {b_.CreateCall(rt(slowName), {ta, tb}), Rep::Tagged};
  }
  auto* fastCheck = llvm::BasicBlock::Create(ctx_, "arith.fixnum", fn_.fn);
  auto* slow = llvm::BasicBlock::Create(ctx_, "arith.slow", fn_.fn);
  auto* done = llvm::BasicBlock::Create(ctx_, "arith.done", fn_.fn);
  b_.CreateCondBr(isFixnum(b_.CreateAnd(ta, tb)), fastCheck, slow, llvm::MDBuilder(ctx_).createLikelyBranchWeights());
  b_.SetInsertPoint(fastCheck);
  llvm::Value* pair;
  llvm::Value* adjust = nullptr;
  if (id == FL_B_ADD) {
    pair = b_.CreateBinaryIntrinsic(llvm::Intrinsic::sadd_with_overflow, ta, b_.CreateSub(tb, b_.getInt64(1)));
  } else if (id == FL_B_SUB) {
    pair = b_.CreateBinaryIntrinsic(llvm::Intrinsic::ssub_with_overflow, ta, tb);
    adjust = b_.getInt64(1);
  } else {
    pair = b_.CreateBinaryIntrinsic(llvm::Intrinsic::smul_with_overflow, b_.CreateAShr(ta, 1), b_.CreateSub(tb, b_.getInt64(1)));
    adjust = b_.getInt64(1);
  }
  auto* fastOk = llvm::BasicBlock::Create(ctx_, "arith.fast", fn_.fn);
  b_.CreateCondBr(b_.CreateExtractValue(pair, 1), slow, fastOk, llvm::MDBuilder(ctx_).createUnlikelyBranchWeights());
  b_.SetInsertPoint(fastOk);
  llvm::Value* fastV = b_.CreateExtractValue(pair, 0);
  if (adjust) fastV = b_.CreateOr(fastV, adjust);
  b_.CreateBr(done);
  b_.SetInsertPoint(slow);
  setLocation(span);
  llvm::Value* slowV = b_.CreateCall(rt(slowName), {ta, tb});
  llvm::BasicBlock* slowEnd = b_.GetInsertBlock();
  b_.CreateBr(done);
  b_.SetInsertPoint(done);
  llvm::PHINode* phi = b_.CreatePHI(i64_, 2);
  phi->addIncoming(fastV, fastOk);
  phi->addIncoming(slowV, slowEnd);
  return {phi, Rep::Tagged};
}

// quotient, mod (remainder) and modulo of two Ints, with the runtime's checks and messages.
LVal Lowerer::intDivision(int32_t id, llvm::Value* a, llvm::Value* b, Span span) {
  const char* who = id == FL_B_QUOTIENT ? "quotient" : id == FL_B_MOD ? "mod" : "modulo";
  auto unlikely = llvm::MDBuilder(ctx_).createUnlikelyBranchWeights();
  auto* zero = llvm::BasicBlock::Create(ctx_, "idiv.zero", fn_.fn);
  auto* ok = llvm::BasicBlock::Create(ctx_, "idiv.ok", fn_.fn);
  b_.CreateCondBr(b_.CreateICmpEQ(b, b_.getInt64(0)), zero, ok, unlikely);
  b_.SetInsertPoint(zero);
  failAt(FL_ERR_DIV_ZERO, span, (std::string(who) + ": division by zero").c_str());
  b_.CreateBr(ok);
  b_.SetInsertPoint(ok);
  llvm::Value* minusOne = b_.CreateICmpEQ(b, b_.getInt64(-1));
  if (id == FL_B_QUOTIENT) {
    auto* ovf = llvm::BasicBlock::Create(ctx_, "idiv.ovf", fn_.fn);
    auto* fine = llvm::BasicBlock::Create(ctx_, "idiv.fine", fn_.fn);
    b_.CreateCondBr(b_.CreateAnd(minusOne, b_.CreateICmpEQ(a, b_.getInt64(INT64_MIN))), ovf, fine, unlikely);
    b_.SetInsertPoint(ovf);
    failAt(FL_ERR_OVERFLOW, span, "quotient: integer overflow");
    b_.CreateBr(fine);
    b_.SetInsertPoint(fine);
    return {b_.CreateSDiv(a, b), Rep::Int};
  }
  // x % -1 is 0 (srem would trap on INT64_MIN % -1).
  llvm::Value* r = b_.CreateSRem(a, b_.CreateSelect(minusOne, b_.getInt64(1), b));
  if (id == FL_B_MODULO) {
    llvm::Value* fix = b_.CreateAnd(b_.CreateICmpNE(r, b_.getInt64(0)),
                                    b_.CreateICmpNE(b_.CreateICmpSLT(r, b_.getInt64(0)), b_.CreateICmpSLT(b, b_.getInt64(0))));
    r = b_.CreateSelect(fix, b_.CreateAdd(r, b), r);
  }
  return {r, Rep::Int};
}

LVal Lowerer::compare(int32_t id, LVal a, LVal b, Span span) {
  if (a.rep == Rep::Int && b.rep == Rep::Int) {
    llvm::CmpInst::Predicate p = id == FL_B_LT   ? llvm::CmpInst::ICMP_SLT
                                 : id == FL_B_LE ? llvm::CmpInst::ICMP_SLE
                                 : id == FL_B_GT ? llvm::CmpInst::ICMP_SGT
                                 : id == FL_B_GE ? llvm::CmpInst::ICMP_SGE
                                                 : llvm::CmpInst::ICMP_EQ;
    return {b_.CreateICmp(p, a.v, b.v), Rep::Bool};
  }
  if (numeric(a.rep) && numeric(b.rep)) {
    llvm::Value* x = a.rep == Rep::Int ? b_.CreateSIToFP(a.v, f64_) : a.v;
    llvm::Value* y = b.rep == Rep::Int ? b_.CreateSIToFP(b.v, f64_) : b.v;
    llvm::CmpInst::Predicate p = id == FL_B_LT   ? llvm::CmpInst::FCMP_OLT
                                 : id == FL_B_LE ? llvm::CmpInst::FCMP_OLE
                                 : id == FL_B_GT ? llvm::CmpInst::FCMP_OGT
                                 : id == FL_B_GE ? llvm::CmpInst::FCMP_OGE
                                                 : llvm::CmpInst::FCMP_OEQ;
    return {b_.CreateFCmp(p, x, y), Rep::Bool};
  }
  if (id == FL_B_EQUAL && a.rep == Rep::Bool && b.rep == Rep::Bool) return {b_.CreateICmpEQ(a.v, b.v), Rep::Bool};
  // Tagged: fixnums compare as their tagged words (the encoding preserves order); others call
  // the runtime, which raises type-error for incomparable operands.
  llvm::Value* ta = toTagged(a);
  llvm::Value* tb = toTagged(b);
  bool swap = id == FL_B_GT || id == FL_B_GE;
  const char* slowName = id == FL_B_EQUAL ? "flrt_equal" : (id == FL_B_LT || id == FL_B_GT) ? "flrt_less" : "flrt_less_eq";
  auto* fast = llvm::BasicBlock::Create(ctx_, "cmp.fixnum", fn_.fn);
  auto* slow = llvm::BasicBlock::Create(ctx_, "cmp.slow", fn_.fn);
  auto* done = llvm::BasicBlock::Create(ctx_, "cmp.done", fn_.fn);
  b_.CreateCondBr(isFixnum(b_.CreateAnd(ta, tb)), fast, slow);
  b_.SetInsertPoint(fast);
  llvm::CmpInst::Predicate p = id == FL_B_LT   ? llvm::CmpInst::ICMP_SLT
                               : id == FL_B_LE ? llvm::CmpInst::ICMP_SLE
                               : id == FL_B_GT ? llvm::CmpInst::ICMP_SGT
                               : id == FL_B_GE ? llvm::CmpInst::ICMP_SGE
                                               : llvm::CmpInst::ICMP_EQ;
  llvm::Value* fv = b_.CreateICmp(p, ta, tb);
  b_.CreateBr(done);
  b_.SetInsertPoint(slow);
  if (id != FL_B_EQUAL) setLocation(span);
  llvm::Value* lhs = swap ? tb : ta;
  llvm::Value* rhs = swap ? ta : tb;
  llvm::Value* sv = b_.CreateICmpNE(b_.CreateCall(rt(slowName), {lhs, rhs}), b_.getInt32(0));
  llvm::BasicBlock* slowEnd = b_.GetInsertBlock();
  b_.CreateBr(done);
  b_.SetInsertPoint(done);
  llvm::PHINode* phi = b_.CreatePHI(i1_, 2);
  phi->addIncoming(fv, fast);
  phi->addIncoming(sv, slowEnd);
  return {phi, Rep::Bool};
}

}  // namespace fl::lower
