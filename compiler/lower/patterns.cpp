// match (§9), try/catch/finally and throw (§10). Clauses are tried in order; inside a pattern,
// sub-patterns are tested left to right and each part of the value is extracted once. try uses
// the runtime's handler frames with _setjmp (rt.h): flrt_raise longjmps to the innermost frame.
#include <cstddef>

#include "fluentai/rt.h"
#include "lower/lowerer.h"
#include "llvm/IR/MDBuilder.h"

namespace fl::lower {

using ast::LitKind;
using ast::Literal;
using ast::PatKind;
using ast::Pattern;

namespace {
// Room for flrt_try_frame on every supported target: 32 bytes of fields, then a jmp_buf
// (200 bytes on x86-64 glibc, 312 on AArch64 glibc).
constexpr uint64_t kTryFrameSize = 32 + 512;
constexpr uint64_t kTryJmpBufOffset = 32;
constexpr uint64_t kTryHandlerOffset = 24;  // flrt_try_frame.reserved

void collectOrVars(const tir::Function& f, PatId p, bool inOr, std::vector<VarId>& out) {
  const Pattern& pat = f.patterns[p];
  bool below = inOr || pat.kind == PatKind::Or;
  if ((pat.kind == PatKind::Var || pat.kind == PatKind::As) && inOr) out.push_back(pat.a);
  for (PatId k : pat.kids) collectOrVars(f, k, below, out);
}
}  // namespace

// Emits the tests of pattern p against v; falls through when it matches, branches to `fail`
// otherwise. Variables are bound as they are reached (guards and views see them).
void Lowerer::matchPattern(PatId p, LVal v, llvm::BasicBlock* fail) {
  const Pattern& pat = F().patterns[p];
  auto test = [&](llvm::Value* ok) {
    auto* next = llvm::BasicBlock::Create(ctx_, "pat.ok", fn_.fn);
    b_.CreateCondBr(ok, next, fail);
    b_.SetInsertPoint(next);
  };
  auto tagged = [&]() { return toTagged(v); };
  switch (pat.kind) {
    case PatKind::Wildcard: return;
    case PatKind::Var: bindVar(pat.a, v); return;
    case PatKind::As:
      bindVar(pat.a, v);
      matchPattern(pat.kids[0], v, fail);
      return;
    case PatKind::Literal: test(literalTest(v, pat.a)); return;
    case PatKind::NilOrEmpty: {
      llvm::Value* t = tagged();
      test(b_.CreateOr(b_.CreateICmpEQ(t, taggedConst(FL_NIL)), b_.CreateICmpEQ(t, taggedConst(FL_EMPTY))));
      return;
    }
    case PatKind::EmptyList: test(b_.CreateICmpEQ(tagged(), taggedConst(FL_EMPTY))); return;
    case PatKind::Ctor: {
      llvm::Value* t = tagged();
      test(isTaggedWith(t, std::string(names_.str(pat.tag)), pat.kids.size()));
      for (size_t i = 0; i < pat.kids.size(); ++i)
        matchPattern(pat.kids[i], loadField(t, pat.tag, pat.kids.size(), i, bindingRep(pat.kids[i])), fail);
      return;
    }
    case PatKind::Cons: {
      llvm::Value* t = tagged();
      test(b_.CreateICmpEQ(b_.CreateAnd(t, b_.getInt64(FL_TAG_MASK)), b_.getInt64(FL_TAG_LIST)));
      matchPattern(pat.kids[0], listHead(t, bindingRep(pat.kids[0])), fail);
      matchPattern(pat.kids[1], {listTail(t), Rep::Tagged}, fail);
      return;
    }
    case PatKind::List: {
      llvm::Value* t = tagged();
      test(b_.CreateICmpEQ(b_.CreateCall(rt("flrt_list_count"), {t}), b_.getInt64(pat.kids.size())));
      llvm::Value* rest = t;
      for (size_t i = 0; i < pat.kids.size(); ++i) {
        LVal item = listHead(rest, bindingRep(pat.kids[i]));
        if (i + 1 < pat.kids.size()) rest = listTail(rest);
        matchPattern(pat.kids[i], item, fail);
      }
      return;
    }
    case PatKind::Or: {
      auto* matched = llvm::BasicBlock::Create(ctx_, "or.matched", fn_.fn);
      for (size_t i = 0; i < pat.kids.size(); ++i) {
        bool last = i + 1 == pat.kids.size();
        auto* next = last ? fail : llvm::BasicBlock::Create(ctx_, "or.next", fn_.fn);
        matchPattern(pat.kids[i], v, next);
        b_.CreateBr(matched);
        if (!last) b_.SetInsertPoint(next);
      }
      b_.SetInsertPoint(matched);
      return;
    }
    case PatKind::Guard:
      matchPattern(pat.kids[0], v, fail);
      test(truthy(lower(pat.expr)));
      return;
    case PatKind::Range: {
      llvm::Value* ok = b_.CreateCall(rt("flrt_match_range"), {tagged(), toTagged(constant(pat.a)),
                                                              toTagged(constant(pat.b)), b_.getInt32(pat.inclusive)});
      test(b_.CreateICmpNE(ok, b_.getInt32(0)));
      return;
    }
    case PatKind::View: {
      llvm::Value* f = toTagged(lower(pat.expr));
      setLocation(pat.span);
      llvm::Value* r = b_.CreateCall(rt("flrt_call"), {f, b_.getInt64(1), argArray({tagged()})});
      matchPattern(pat.kids[0], {r, Rep::Tagged}, fail);
      return;
    }
  }
}

// The representation a sub-value is best extracted in for pattern p: its variable's.
Rep Lowerer::bindingRep(PatId p) {
  const Pattern& pat = F().patterns[p];
  if (pat.kind == PatKind::Var || pat.kind == PatKind::As) return F().vars[pat.a].rep;
  return Rep::Tagged;
}

// v equal? to literal `lit` (§3.3): unboxed compares where the representation allows, the empty
// list, nil, booleans and fixnums by their tagged words, other values by the runtime.
llvm::Value* Lowerer::literalTest(LVal v, uint32_t lit) {
  const Literal& l = p_.literals[lit];
  bool number = l.kind == LitKind::Int || l.kind == LitKind::Float;
  if (number && (v.rep == Rep::Int || v.rep == Rep::Float)) return compare(FL_B_EQUAL, v, constant(lit), Span{}).v;
  if (l.kind == LitKind::Bool && v.rep == Rep::Bool) return b_.CreateICmpEQ(v.v, b_.getInt1(l.b));
  if (v.rep != Rep::Tagged && !number) return b_.getFalse();
  llvm::Value* t = toTagged(v);
  switch (l.kind) {
    case LitKind::EmptyList: return b_.CreateICmpEQ(t, taggedConst(FL_EMPTY));
    case LitKind::Nil: return b_.CreateICmpEQ(t, taggedConst(FL_NIL));
    case LitKind::Bool: return b_.CreateICmpEQ(t, taggedConst(l.b ? FL_TRUE : FL_FALSE));
    case LitKind::Int:
      if (l.i >= FL_FIXNUM_MIN && l.i <= FL_FIXNUM_MAX) {
        // the same fixnum, or (only for a non-fixnum operand) a Float or big Int equal to it
        llvm::Value* same = b_.CreateICmpEQ(t, b_.getInt64(fl_make_fixnum(l.i)));
        llvm::BasicBlock* start = b_.GetInsertBlock();
        auto* slow = llvm::BasicBlock::Create(ctx_, "lit.slow", fn_.fn);
        auto* done = llvm::BasicBlock::Create(ctx_, "lit.done", fn_.fn);
        b_.CreateCondBr(b_.CreateOr(same, isFixnum(t)), done, slow);
        b_.SetInsertPoint(slow);
        llvm::Value* eq = b_.CreateICmpNE(b_.CreateCall(rt("flrt_equal"), {t, toTagged(constant(lit))}), b_.getInt32(0));
        b_.CreateBr(done);
        b_.SetInsertPoint(done);
        llvm::PHINode* phi = b_.CreatePHI(i1_, 2);
        phi->addIncoming(same, start);
        phi->addIncoming(eq, slow);
        return phi;
      }
      break;
    default: break;
  }
  return b_.CreateICmpNE(b_.CreateCall(rt("flrt_equal"), {t, toTagged(constant(lit))}), b_.getInt32(0));
}

void Lowerer::prepareOrVars(PatId p) {
  std::vector<VarId> vars;
  collectOrVars(F(), p, false, vars);
  for (VarId v : vars) {
    const tir::Var& var = F().vars[v];
    if (var.storage != tir::Storage::Slot || fn_.vars[v].kind == VarSlot::Alloca) continue;
    fn_.vars[v] = VarSlot{VarSlot::Alloca, entryAlloca(llvmType(var.rep)), var.rep};
  }
}

LVal Lowerer::lowerMatch(NodeId n, bool tail) {
  LVal tree;
  if (lowerMatchSwitch(n, tail, tree) || lowerMatchTree(n, tail, tree)) return tree;
  const tir::Node& x = N(n);
  LVal scrut = lower(x.kids[0]);
  Rep rep = x.rep;
  auto* merge = tail ? nullptr : llvm::BasicBlock::Create(ctx_, "match.end", fn_.fn);
  std::vector<std::pair<llvm::Value*, llvm::BasicBlock*>> incoming;
  for (size_t i = 0; i < x.pats.size(); ++i) {
    auto* next = llvm::BasicBlock::Create(ctx_, "match.next", fn_.fn);
    prepareOrVars(x.pats[i]);
    matchPattern(x.pats[i], scrut, next);
    if (tail) {
      lowerTail(x.kids[i + 1]);
    } else {
      LVal v = lower(x.kids[i + 1]);
      incoming.push_back({v.v, b_.GetInsertBlock()});
      b_.CreateBr(merge);
    }
    b_.SetInsertPoint(next);
  }
  LVal nil{taggedConst(FL_NIL), Rep::Tagged};  // no clause matched (§9)
  if (tail) {
    ret(nil);
    return {};
  }
  LVal nv = coerce(nil, rep);
  incoming.push_back({nv.v, b_.GetInsertBlock()});
  b_.CreateBr(merge);
  b_.SetInsertPoint(merge);
  llvm::PHINode* phi = b_.CreatePHI(llvmType(rep), static_cast<unsigned>(incoming.size()));
  for (auto& [val, bb] : incoming) phi->addIncoming(val, bb);
  return {phi, rep};
}

// Pushes a handler frame and calls _setjmp on it; returns the frame and leaves the builder in
// the block that runs normally. `caught` is where control arrives after a throw.
llvm::Value* Lowerer::pushTryFrame(llvm::BasicBlock* caught) {
  llvm::IRBuilder<> eb(&fn_.fn->getEntryBlock(), fn_.fn->getEntryBlock().begin());
  llvm::AllocaInst* frame = eb.CreateAlloca(llvm::ArrayType::get(i8_, kTryFrameSize), nullptr, "try.frame");
  frame->setAlignment(llvm::Align(16));
  b_.CreateCall(rt("flrt_try_push"), {frame});
  // The handler stack depth at the try, restored when a throw arrives (frames popped on throw).
  llvm::Value* top = mod_->getOrInsertGlobal("flrt_handler_top", ptr_);
  b_.CreateStore(b_.CreateLoad(ptr_, top), b_.CreateConstGEP1_64(i8_, frame, kTryHandlerOffset));
  llvm::FunctionCallee setjmp = mod_->getOrInsertFunction("_setjmp", llvm::FunctionType::get(i32_, {ptr_}, false));
  if (auto* f = llvm::dyn_cast<llvm::Function>(setjmp.getCallee())) f->addFnAttr(llvm::Attribute::ReturnsTwice);
  llvm::CallInst* r = b_.CreateCall(setjmp, {b_.CreateConstGEP1_64(i8_, frame, kTryJmpBufOffset)});
  r->addFnAttr(llvm::Attribute::ReturnsTwice);
  auto* normal = llvm::BasicBlock::Create(ctx_, "try.body", fn_.fn);
  auto* restore = llvm::BasicBlock::Create(ctx_, "try.restore", fn_.fn);
  b_.CreateCondBr(b_.CreateICmpEQ(r, b_.getInt32(0)), normal, restore, llvm::MDBuilder(ctx_).createLikelyBranchWeights());
  b_.SetInsertPoint(restore);
  b_.CreateStore(b_.CreateLoad(ptr_, b_.CreateConstGEP1_64(i8_, frame, kTryHandlerOffset)), top);
  b_.CreateBr(caught);
  b_.SetInsertPoint(normal);
  return frame;
}

LVal Lowerer::lowerTry(NodeId n) {
  const tir::Node& x = N(n);
  bool hasFinally = x.a == 1;
  size_t catches = x.pats.size();
  auto* caught = llvm::BasicBlock::Create(ctx_, "try.caught", fn_.fn);
  auto* done = llvm::BasicBlock::Create(ctx_, "try.done", fn_.fn);
  auto* cleanup = hasFinally ? llvm::BasicBlock::Create(ctx_, "try.finally", fn_.fn) : nullptr;
  // Values arriving at `finally` (or `done`): the result or the pending throw, and which it is.
  std::vector<std::tuple<llvm::Value*, llvm::Value*, llvm::BasicBlock*>> toFinally;
  std::vector<std::pair<llvm::Value*, llvm::BasicBlock*>> toDone;
  auto finish = [&](llvm::Value* value, bool thrown) {
    if (hasFinally) {
      toFinally.push_back({value, b_.getInt1(thrown), b_.GetInsertBlock()});
      b_.CreateBr(cleanup);
    } else if (thrown) {
      emitNoreturn(rt("flrt_raise"), {value});
    } else {
      toDone.push_back({value, b_.GetInsertBlock()});
      b_.CreateBr(done);
    }
  };

  llvm::Value* frame = pushTryFrame(caught);
  llvm::Value* v = toTagged(lower(x.kids[0]));
  b_.CreateCall(rt("flrt_try_pop"), {frame});
  finish(v, false);

  b_.SetInsertPoint(caught);
  llvm::Value* thrown = b_.CreateLoad(i64_, frame);  // flrt_try_frame.thrown (the frame is popped)
  if (catches > 0) {
    // With a finally, a throw from a catch handler must still run it: a second frame.
    llvm::Value* inner = nullptr;
    auto* rethrown = hasFinally ? llvm::BasicBlock::Create(ctx_, "try.rethrown", fn_.fn) : nullptr;
    if (hasFinally) inner = pushTryFrame(rethrown);
    for (size_t i = 0; i < catches; ++i) {
      auto* next = llvm::BasicBlock::Create(ctx_, "catch.next", fn_.fn);
      prepareOrVars(N(n).pats[i]);
      matchPattern(N(n).pats[i], {thrown, Rep::Tagged}, next);
      llvm::Value* h = toTagged(lower(N(n).kids[i + 1]));
      if (inner) b_.CreateCall(rt("flrt_try_pop"), {inner});
      finish(h, false);
      b_.SetInsertPoint(next);
    }
    if (inner) b_.CreateCall(rt("flrt_try_pop"), {inner});
    finish(thrown, true);  // no clause matched: rethrow after finally
    if (hasFinally) {
      b_.SetInsertPoint(rethrown);
      finish(b_.CreateLoad(i64_, inner), true);
    }
  } else {
    finish(thrown, true);
  }

  if (hasFinally) {
    b_.SetInsertPoint(cleanup);
    llvm::PHINode* val = b_.CreatePHI(i64_, static_cast<unsigned>(toFinally.size()));
    llvm::PHINode* isThrow = b_.CreatePHI(i1_, static_cast<unsigned>(toFinally.size()));
    for (auto& [value, flag, bb] : toFinally) {
      val->addIncoming(value, bb);
      isThrow->addIncoming(flag, bb);
    }
    lower(x.kids.back());  // its value is discarded; a throw from it replaces the pending one
    auto* raise = llvm::BasicBlock::Create(ctx_, "finally.raise", fn_.fn);
    auto* normal = llvm::BasicBlock::Create(ctx_, "finally.normal", fn_.fn);
    b_.CreateCondBr(isThrow, raise, normal);
    b_.SetInsertPoint(raise);
    emitNoreturn(rt("flrt_raise"), {val});
    b_.CreateBr(normal);
    b_.SetInsertPoint(normal);
    toDone.push_back({val, b_.GetInsertBlock()});
    b_.CreateBr(done);
  }
  b_.SetInsertPoint(done);
  llvm::PHINode* result = b_.CreatePHI(i64_, static_cast<unsigned>(toDone.size()));
  for (auto& [value, bb] : toDone) result->addIncoming(value, bb);
  return {result, Rep::Tagged};
}

LVal Lowerer::lowerThrow(NodeId n) {
  llvm::Value* v = toTagged(lower(N(n).kids[0]));
  setLocation(N(n).span);
  emitNoreturn(rt("flrt_raise"), {v});
  return {llvm::PoisonValue::get(llvmType(N(n).rep)), N(n).rep};
}

}  // namespace fl::lower
