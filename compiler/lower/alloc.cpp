// Allocation in generated code: the size-class pool fast path of rt.h (fl_pool_alloc) is emitted
// inline for objects whose size is known at compile time, so a constructor, a boxed Float or a
// closure costs a few loads and stores; the runtime is called only to refill the pool
// (flrt_alloc_slow: sweeping, a new page or a collection). Also the layout of tagged values
// with raw Float fields (rt.h, fl_tagged).
#include <cstddef>

#include "builtins/builtins.h"
#include "fluentai/rt.h"
#include "lower/lowerer.h"
#include "llvm/IR/MDBuilder.h"

namespace fl::lower {

namespace {

constexpr uint32_t kClassSizes[] = {
#define FL_CLASS_SIZE(n) n,
    FL_SIZE_CLASSES(FL_CLASS_SIZE)
#undef FL_CLASS_SIZE
};
static_assert(sizeof kClassSizes / sizeof kClassSizes[0] == FL_NCLASSES);

uint32_t classOf(uint64_t bytes) {
  uint32_t c = 0;
  while (kClassSizes[c] < bytes) ++c;
  return c;
}

}  // namespace

// fl.alloc.C: a cell of size class C, holding old bytes (the caller stores every word). Always
// inlined: pop the free list, else bump, else the runtime.
llvm::Function* Lowerer::poolAllocator(uint32_t cls) {
  std::string name = "fl.alloc." + std::to_string(cls);
  auto it = helpers_.find(name);
  if (it != helpers_.end()) return it->second;
  auto* poolTy = llvm::StructType::get(ctx_, {ptr_, ptr_, ptr_, i64_});
  auto* pools = mod_->getOrInsertGlobal("flrt_pools", llvm::ArrayType::get(poolTy, FL_NCLASSES));
  llvm::Function* f = newHelper(name, llvm::FunctionType::get(ptr_, {}, false));

  llvm::IRBuilder<> b(ctx_);
  auto* entry = llvm::BasicBlock::Create(ctx_, "entry", f);
  auto* pop = llvm::BasicBlock::Create(ctx_, "pop", f);
  auto* bump = llvm::BasicBlock::Create(ctx_, "bump", f);
  auto* take = llvm::BasicBlock::Create(ctx_, "take", f);
  auto* slow = llvm::BasicBlock::Create(ctx_, "slow", f);
  llvm::MDNode* likely = llvm::MDBuilder(ctx_).createLikelyBranchWeights();
  b.SetInsertPoint(entry);
  llvm::Value* pool = b.CreateConstInBoundsGEP2_64(llvm::ArrayType::get(poolTy, FL_NCLASSES), pools, 0, cls);
  llvm::Value* freeSlot = b.CreateStructGEP(poolTy, pool, 0);
  llvm::Value* cell = b.CreateLoad(ptr_, freeSlot);
  b.CreateCondBr(b.CreateIsNotNull(cell), pop, bump);

  b.SetInsertPoint(pop);  // a free cell: the caller's header and fields overwrite marker and link
  b.CreateStore(b.CreateLoad(ptr_, b.CreateConstGEP1_64(i8_, cell, 8)), freeSlot);
  b.CreateRet(cell);

  b.SetInsertPoint(bump);
  llvm::Value* bumpSlot = b.CreateStructGEP(poolTy, pool, 1);
  llvm::Value* p = b.CreateLoad(ptr_, bumpSlot);
  llvm::Value* end = b.CreateLoad(ptr_, b.CreateStructGEP(poolTy, pool, 2));
  llvm::Value* next = b.CreateConstGEP1_64(i8_, p, kClassSizes[cls]);
  b.CreateCondBr(b.CreateICmpULE(b.CreatePtrToInt(next, i64_), b.CreatePtrToInt(end, i64_)), take, slow, likely);
  b.SetInsertPoint(take);
  b.CreateStore(next, bumpSlot);
  b.CreateRet(p);

  b.SetInsertPoint(slow);
  b.CreateRet(b.CreateCall(rt("flrt_alloc_slow"), {pool}));
  return f;
}

// The header is stored here; the caller stores every other word of the object at once (before
// anything else can allocate or collect).
llvm::Value* Lowerer::allocObject(uint64_t bytes, uint8_t kind, uint32_t aux) {
  llvm::Value* p = bytes <= FL_SMALL_MAX ? b_.CreateCall(poolAllocator(classOf(bytes)), {})
                                         : b_.CreateCall(rt("flrt_alloc"), {b_.getInt64(bytes)});
  // kind (byte 0), gc and flags zero, aux (bytes 4-7): one little-endian word
  b_.CreateStore(b_.getInt64(kind | (static_cast<uint64_t>(aux) << 32)), p);
  return p;
}

llvm::Value* Lowerer::boxFloat(llvm::Value* d) {
  if (auto* c = llvm::dyn_cast<llvm::ConstantFP>(d)) return staticFloat(c->getValueAPF().convertToDouble());
  return b_.CreateCall(helper("fl.box_float"), {d});
}

uint32_t Lowerer::rawFloatFields(Sym tag, size_t arity) const { return p_.rawFields(tag, arity); }

// Fields are evaluated first, then one allocation; the fields are stored into it. A field the
// program always fills with a Float is stored raw when this value is a Float (the header says
// which fields are raw, so readers never depend on it being so).
LVal Lowerer::construct(Sym tag, const std::vector<LVal>& fields) {
  size_t n = fields.size();
  llvm::Constant* tagStr = staticString(std::string(names_.str(tag)));
  if (n > FL_TAGGED_MAX_FIELDS) {  // flrt_alloc_tagged reports it
    b_.CreateCall(rt("flrt_alloc_tagged"), {tagStr, b_.getInt64(n)});
    return {taggedConst(FL_NIL), Rep::Tagged};
  }
  uint32_t wanted = rawFloatFields(tag, n), raw = 0;
  std::vector<llvm::Value*> words;
  for (size_t i = 0; i < n; ++i) {
    if ((wanted >> i & 1u) && fields[i].rep == Rep::Float) {
      raw |= 1u << i;
      words.push_back(b_.CreateBitCast(fields[i].v, i64_));
    } else {
      words.push_back(toTagged(fields[i]));
    }
  }
  llvm::Value* p = allocObject(offsetof(fl_tagged, fields) + 8 * n, FL_K_TAGGED,
                               static_cast<uint32_t>(n) | raw << FL_TAGGED_COUNT_BITS);
  b_.CreateStore(tagStr, b_.CreateConstGEP1_64(i8_, p, offsetof(fl_tagged, tag)));
  for (size_t i = 0; i < n; ++i) b_.CreateStore(words[i], b_.CreateConstGEP1_64(i8_, p, offsetof(fl_tagged, fields) + 8 * i));
  return {b_.CreatePtrToInt(p, i64_), Rep::Tagged};
}

// Field i of obj, a tagged value known to be a (tag ...) with `arity` fields. A field that may
// be raw is read by the header's raw bit, as a Float when `want` is Float (no allocation).
LVal Lowerer::loadField(llvm::Value* obj, Sym tag, size_t arity, size_t i, Rep want) {
  llvm::Value* p = b_.CreateIntToPtr(obj, ptr_);
  llvm::Value* word = b_.CreateLoad(i64_, b_.CreateConstGEP1_64(i8_, p, offsetof(fl_tagged, fields) + 8 * i));
  if (!(rawFloatFields(tag, arity) >> i & 1u)) return {word, Rep::Tagged};
  llvm::Value* aux = b_.CreateLoad(i32_, b_.CreateConstGEP1_64(i8_, p, offsetof(fl_header, aux)));
  llvm::Value* isRaw = b_.CreateTrunc(b_.CreateLShr(aux, FL_TAGGED_COUNT_BITS + i), i1_);
  Rep rep = want == Rep::Float ? Rep::Float : Rep::Tagged;
  return likelyElse(isRaw, rep, "field.raw", "field.value", "field.done", [&] {
    llvm::Value* d = b_.CreateBitCast(word, f64_);
    return rep == Rep::Float ? d : boxFloat(d);
  }, [&] { return coerce({word, Rep::Tagged}, rep).v; });
}

// if (cond) yes() else no(), cond likely true; both arms give a value of representation rep.
LVal Lowerer::likelyElse(llvm::Value* cond, Rep rep, const char* yesName, const char* noName, const char* joinName,
                         const std::function<llvm::Value*()>& yes, const std::function<llvm::Value*()>& no) {
  auto* yesB = llvm::BasicBlock::Create(ctx_, yesName, fn_.fn);
  auto* noB = llvm::BasicBlock::Create(ctx_, noName, fn_.fn);
  auto* done = llvm::BasicBlock::Create(ctx_, joinName, fn_.fn);
  b_.CreateCondBr(cond, yesB, noB, llvm::MDBuilder(ctx_).createLikelyBranchWeights());
  b_.SetInsertPoint(yesB);
  llvm::Value* r1 = yes();
  llvm::BasicBlock* yesEnd = b_.GetInsertBlock();
  b_.CreateBr(done);
  b_.SetInsertPoint(noB);
  llvm::Value* r2 = no();
  llvm::BasicBlock* noEnd = b_.GetInsertBlock();
  b_.CreateBr(done);
  b_.SetInsertPoint(done);
  llvm::PHINode* phi = b_.CreatePHI(llvmType(rep), 2);
  phi->addIncoming(r1, yesEnd);
  phi->addIncoming(r2, noEnd);
  return {phi, rep};
}

// (%tagged-field v "C" n i "C-f"), the body of a define-type accessor: when v is a (C ...) with
// n fields, field i is read inline (a raw Float straight into a double); any other value goes to
// the runtime, which accepts C values of other sizes (§8: a tag identifies a constructor) and
// reports the rest.
bool Lowerer::lowerFieldAccess(NodeId n, const std::vector<LVal>& args, LVal& out) {
  const tir::Node& x = N(n);
  if (x.kids.size() != 5 || args.size() != 5) return false;
  for (size_t k = 1; k < 4; ++k)
    if (N(x.kids[k]).op != tir::Op::Const) return false;
  const ast::Literal& name = p_.literals[N(x.kids[1]).a];
  const ast::Literal& arity = p_.literals[N(x.kids[2]).a];
  const ast::Literal& index = p_.literals[N(x.kids[3]).a];
  if (name.kind != ast::LitKind::String || arity.kind != ast::LitKind::Int || index.kind != ast::LitKind::Int ||
      index.i < 0 || index.i >= arity.i || arity.i > FL_TAGGED_MAX_FIELDS)
    return false;
  Sym tag = names_.find(name.s);
  if (!tag) return false;
  Rep want = x.rep;
  llvm::Value* v = toTagged(args[0]);
  out = likelyElse(isTaggedWith(v, name.s, static_cast<size_t>(arity.i)), want, "field.fast", "field.slow", "field.end",
                   [&] {
                     return coerce(loadField(v, tag, static_cast<size_t>(arity.i), static_cast<size_t>(index.i), want),
                                   want).v;
                   },
                   [&] { return coerce(callBuiltinGeneric(FL_B_TAGGED_FIELD, args, n), want).v; });
  return true;
}

}  // namespace fl::lower
