// Representations and constants: boxing/unboxing between the unboxed and the tagged word
// (include/fluentai/rt.h), truthiness, static objects emitted into the executable, locations.
#include <cstring>

#include "builtins/builtins.h"
#include "builtins/effects.h"
#include "fluentai/rt.h"
#include "lower/lowerer.h"
#include "llvm/IR/MDBuilder.h"

namespace fl::lower {

using ast::Literal;
using ast::LitKind;

llvm::Constant* Lowerer::nullPtr() { return llvm::ConstantPointerNull::get(llvm::PointerType::get(ctx_, 0)); }

llvm::Type* Lowerer::llvmType(Rep r) {
  switch (r) {
    case Rep::Float: return f64_;
    case Rep::Bool: return i1_;
    default: return i64_;
  }
}

LVal Lowerer::coerce(LVal v, Rep to) {
  if (v.rep == to) return v;
  switch (to) {
    case Rep::Tagged:
      switch (v.rep) {
        case Rep::Int: return {boxInt(v.v), to};
        case Rep::Float:
          if (auto* c = llvm::dyn_cast<llvm::ConstantFP>(v.v)) return {staticFloat(c->getValueAPF().convertToDouble()), to};
          return {boxFloat(v.v), to};
        case Rep::Bool: return {b_.CreateSelect(v.v, taggedConst(FL_TRUE), taggedConst(FL_FALSE)), to};
        default: break;
      }
      break;
    case Rep::Int:
      if (v.rep == Rep::Tagged) return {unboxIntChecked(v.v), to};
      break;
    case Rep::Float:
      if (v.rep == Rep::Tagged) return {b_.CreateCall(helper("fl.unbox_float"), {v.v}), to};
      break;
    case Rep::Bool:
      if (v.rep == Rep::Tagged) return {b_.CreateICmpEQ(v.v, taggedConst(FL_TRUE)), to};
      break;
  }
  // Only reachable in code the types prove dead (e.g. after a call that never returns).
  return {llvm::PoisonValue::get(llvmType(to)), to};
}

llvm::Value* Lowerer::boxInt(llvm::Value* raw) {
  if (auto* c = llvm::dyn_cast<llvm::ConstantInt>(raw)) {
    int64_t i = c->getSExtValue();
    if (i >= FL_FIXNUM_MIN && i <= FL_FIXNUM_MAX) return b_.getInt64(fl_make_fixnum(i));
    return staticInt(i);
  }
  return b_.CreateCall(helper("fl.box_int"), {raw});
}
llvm::Value* Lowerer::unboxIntChecked(llvm::Value* tagged) { return b_.CreateCall(helper("fl.unbox_int"), {tagged}); }

llvm::Value* Lowerer::truthy(LVal v) {
  switch (v.rep) {
    case Rep::Bool: return v.v;
    case Rep::Int: return b_.CreateICmpNE(v.v, b_.getInt64(0));
    case Rep::Float: return b_.CreateFCmpUNE(v.v, llvm::ConstantFP::get(f64_, 0.0));
    case Rep::Tagged: return b_.CreateCall(helper("fl.truthy"), {v.v});
  }
  return b_.getTrue();
}

// v is a tagged value with this tag and n fields. Values built by this program's constructors
// carry this module's tag string object, so comparing pointers decides inline; other tag
// strings (make-tagged with a computed name) are compared by the runtime.
llvm::Value* Lowerer::isTaggedWith(llvm::Value* v, const std::string& tag, size_t n) {
  llvm::Constant* tagStr = staticString(tag);
  llvm::BasicBlock* start = b_.GetInsertBlock();
  auto* obj = llvm::BasicBlock::Create(ctx_, "tagged.obj", fn_.fn);
  auto* slow = llvm::BasicBlock::Create(ctx_, "tagged.slow", fn_.fn);
  auto* done = llvm::BasicBlock::Create(ctx_, "tagged.done", fn_.fn);
  b_.CreateCondBr(isPtr(v), obj, done);
  b_.SetInsertPoint(obj);
  llvm::Value* p = b_.CreateIntToPtr(v, ptr_);
  // kind (byte 0) and the field count (the low bits of aux, bytes 4-7), little-endian
  llvm::Value* header = b_.CreateLoad(i64_, p);
  llvm::Value* want = b_.getInt64(FL_K_TAGGED | (static_cast<uint64_t>(n) << 32));
  uint64_t shapeMask = 0xFFull | (static_cast<uint64_t>(FL_TAGGED_MAX_FIELDS) << 32);
  llvm::Value* shape = b_.CreateICmpEQ(b_.CreateAnd(header, b_.getInt64(shapeMask)), want);
  llvm::BasicBlock* objEnd = b_.GetInsertBlock();
  auto* shapeOk = llvm::BasicBlock::Create(ctx_, "tagged.shape", fn_.fn);
  b_.CreateCondBr(shape, shapeOk, done);
  b_.SetInsertPoint(shapeOk);
  llvm::Value* sameTag = b_.CreateICmpEQ(b_.CreateLoad(i64_, b_.CreateConstGEP1_64(i8_, p, offsetof(fl_tagged, tag))), tagStr);
  b_.CreateCondBr(sameTag, done, slow);
  b_.SetInsertPoint(slow);
  llvm::Value* r = b_.CreateICmpNE(b_.CreateCall(rt("flrt_is_tagged"), {v, tagStr, b_.getInt64(n)}), b_.getInt32(0));
  b_.CreateBr(done);
  b_.SetInsertPoint(done);
  llvm::PHINode* phi = b_.CreatePHI(i1_, 4);
  phi->addIncoming(b_.getFalse(), start);
  phi->addIncoming(b_.getFalse(), objEnd);
  phi->addIncoming(b_.getTrue(), shapeOk);
  phi->addIncoming(r, slow);
  return phi;
}

llvm::Value* Lowerer::isPtr(llvm::Value* tagged) {
  return b_.CreateICmpEQ(b_.CreateAnd(tagged, b_.getInt64(FL_TAG_MASK)), b_.getInt64(FL_TAG_PTR));
}

llvm::Value* Lowerer::isFixnum(llvm::Value* tagged) { return b_.CreateTrunc(tagged, i1_); }

llvm::Value* Lowerer::headerKind(llvm::Value* tagged) {
  return b_.CreateLoad(i8_, b_.CreateIntToPtr(tagged, ptr_));
}

// ---- always-inline IR helpers -----------------------------------------------------------------

// An internal always-inline function, registered under `name` (its body is the caller's to emit).
llvm::Function* Lowerer::newHelper(const std::string& name, llvm::FunctionType* ty) {
  llvm::Function* f = llvm::Function::Create(ty, llvm::Function::InternalLinkage, name, mod_.get());
  f->addFnAttr(llvm::Attribute::AlwaysInline);
  f->addFnAttr(llvm::Attribute::NoUnwind);
  helpers_[name] = f;
  return f;
}

llvm::Function* Lowerer::helper(const char* name) {
  auto it = helpers_.find(name);
  if (it != helpers_.end()) return it->second;
  llvm::FunctionType* ty = nullptr;
  std::string n = name;
  if (n == "fl.box_float") {
    llvm::Function* f = newHelper(n, llvm::FunctionType::get(i64_, {f64_}, false));
    llvm::IRBuilderBase::InsertPointGuard guard(b_);
    b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", f));
    b_.SetCurrentDebugLocation(llvm::DebugLoc());
    llvm::Value* p = allocObject(sizeof(fl_float_obj), FL_K_FLOAT, 0);
    b_.CreateStore(f->getArg(0), b_.CreateConstGEP1_64(i8_, p, offsetof(fl_float_obj, value)));
    b_.CreateRet(b_.CreatePtrToInt(p, i64_));
    return f;
  }
  if (n == "fl.box_int") ty = llvm::FunctionType::get(i64_, {i64_}, false);
  else if (n == "fl.unbox_int") ty = llvm::FunctionType::get(i64_, {i64_}, false);
  else if (n == "fl.unbox_float") ty = llvm::FunctionType::get(f64_, {i64_}, false);
  else if (n == "fl.truthy") ty = llvm::FunctionType::get(i1_, {i64_}, false);
  llvm::Function* f = newHelper(n, ty);

  llvm::IRBuilder<> b(ctx_);
  auto* entry = llvm::BasicBlock::Create(ctx_, "entry", f);
  auto* fast = llvm::BasicBlock::Create(ctx_, "fast", f);
  auto* slow = llvm::BasicBlock::Create(ctx_, "slow", f);
  llvm::Value* x = f->getArg(0);
  b.SetInsertPoint(entry);
  if (n == "fl.box_int") {
    // Fixnum when the value survives a round trip through the 63-bit encoding.
    llvm::Value* shl = b.CreateShl(x, 1);
    llvm::Value* fits = b.CreateICmpEQ(b.CreateAShr(shl, 1), x);
    b.CreateCondBr(fits, fast, slow, llvm::MDBuilder(ctx_).createLikelyBranchWeights());
    b.SetInsertPoint(fast);
    b.CreateRet(b.CreateOr(shl, 1));
    b.SetInsertPoint(slow);
    b.CreateRet(b.CreateCall(rt("flrt_box_int"), {x}));
  } else if (n == "fl.unbox_int") {
    b.CreateCondBr(b.CreateTrunc(x, i1_), fast, slow, llvm::MDBuilder(ctx_).createLikelyBranchWeights());
    b.SetInsertPoint(fast);
    b.CreateRet(b.CreateAShr(x, 1));
    b.SetInsertPoint(slow);
    b.CreateRet(b.CreateCall(rt("flrt_unbox_int"), {x}));
  } else if (n == "fl.unbox_float") {
    llvm::Value* ptrTag = b.CreateICmpEQ(b.CreateAnd(x, b.getInt64(FL_TAG_MASK)), b.getInt64(FL_TAG_PTR));
    auto* check = llvm::BasicBlock::Create(ctx_, "check", f, fast);
    b.CreateCondBr(ptrTag, check, slow);
    b.SetInsertPoint(check);
    llvm::Value* p = b.CreateIntToPtr(x, ptr_);
    llvm::Value* isFloat = b.CreateICmpEQ(b.CreateLoad(i8_, p), b.getInt8(FL_K_FLOAT));
    b.CreateCondBr(isFloat, fast, slow, llvm::MDBuilder(ctx_).createLikelyBranchWeights());
    b.SetInsertPoint(fast);
    b.CreateRet(b.CreateLoad(f64_, b.CreateConstGEP1_64(i8_, p, offsetof(fl_float_obj, value))));
    b.SetInsertPoint(slow);
    b.CreateRet(b.CreateCall(rt("flrt_unbox_float"), {x}));
  } else if (n == "fl.truthy") {
    // Immediates and fixnums are decided inline; heap objects (0.0, "", empty map) by the runtime.
    b.CreateCondBr(b.CreateICmpEQ(b.CreateAnd(x, b.getInt64(FL_TAG_MASK)), b.getInt64(FL_TAG_PTR)), slow, fast);
    b.SetInsertPoint(fast);
    llvm::Value* falsy = b.CreateOr(b.CreateOr(b.CreateICmpEQ(x, b.getInt64(FL_FALSE)), b.CreateICmpEQ(x, b.getInt64(FL_NIL))),
                                    b.CreateOr(b.CreateICmpEQ(x, b.getInt64(FL_EMPTY)), b.CreateICmpEQ(x, b.getInt64(1))));
    b.CreateRet(b.CreateNot(falsy));
    b.SetInsertPoint(slow);
    b.CreateRet(b.CreateICmpNE(b.CreateCall(rt("flrt_truthy"), {x}), b.getInt32(0)));
  }
  return f;
}

// ---- constants and static objects ---------------------------------------------------------------

namespace {
llvm::Constant* header(llvm::StructType* hdrTy, uint8_t kind, uint32_t aux) {
  auto& ctx = hdrTy->getContext();
  return llvm::ConstantStruct::get(hdrTy, {llvm::ConstantInt::get(llvm::Type::getInt8Ty(ctx), kind),
                                           llvm::ConstantInt::get(llvm::Type::getInt8Ty(ctx), 0),
                                           llvm::ConstantInt::get(llvm::Type::getInt16Ty(ctx), FL_OBJ_STATIC),
                                           llvm::ConstantInt::get(llvm::Type::getInt32Ty(ctx), aux)});
}
}  // namespace

llvm::Constant* Lowerer::cString(const std::string& s) {
  auto it = cstrings_.find(s);
  if (it != cstrings_.end()) return it->second;
  llvm::Constant* c = b_.CreateGlobalString(s, "fl.cstr", 0, mod_.get());
  cstrings_[s] = c;
  return c;
}

// Static objects are writable (the runtime caches hashes in them) and 8-byte aligned.
static llvm::GlobalVariable* staticObject(llvm::Module& m, llvm::Constant* init, const char* name) {
  auto* g = new llvm::GlobalVariable(m, init->getType(), false, llvm::GlobalValue::PrivateLinkage, init, name);
  g->setAlignment(llvm::Align(8));
  return g;
}

llvm::Constant* Lowerer::staticString(const std::string& s) {
  auto it = strings_.find(s);
  if (it != strings_.end()) return it->second;
  auto* data = llvm::ConstantDataArray::getString(ctx_, s, true);
  auto* dataG = new llvm::GlobalVariable(*mod_, data->getType(), true, llvm::GlobalValue::PrivateLinkage, data, "fl.strdata");
  dataG->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
  auto* ty = llvm::StructType::get(ctx_, {hdrTy_, i64_, i64_, i64_, ptr_});
  llvm::Constant* init = llvm::ConstantStruct::get(
      ty, {header(hdrTy_, FL_K_STRING, 0), b_.getInt64(s.size()), b_.getInt64(countCodePoints(s)), b_.getInt64(0), dataG});
  llvm::Constant* v = llvm::ConstantExpr::getPtrToInt(staticObject(*mod_, init, "fl.str"), i64_);
  strings_[s] = v;
  return v;
}

llvm::Constant* Lowerer::staticFloat(double d) {
  uint64_t bits;
  memcpy(&bits, &d, sizeof bits);
  auto it = floats_.find(bits);
  if (it != floats_.end()) return it->second;
  auto* ty = llvm::StructType::get(ctx_, {hdrTy_, f64_});
  llvm::Constant* init = llvm::ConstantStruct::get(ty, {header(hdrTy_, FL_K_FLOAT, 0), llvm::ConstantFP::get(f64_, d)});
  llvm::Constant* v = llvm::ConstantExpr::getPtrToInt(staticObject(*mod_, init, "fl.float"), i64_);
  floats_[bits] = v;
  return v;
}

llvm::Constant* Lowerer::staticInt(int64_t i) {
  auto it = ints_.find(i);
  if (it != ints_.end()) return it->second;
  auto* ty = llvm::StructType::get(ctx_, {hdrTy_, i64_});
  llvm::Constant* init = llvm::ConstantStruct::get(ty, {header(hdrTy_, FL_K_INT, 0), b_.getInt64(i)});
  llvm::Constant* v = llvm::ConstantExpr::getPtrToInt(staticObject(*mod_, init, "fl.bigint"), i64_);
  ints_[i] = v;
  return v;
}

llvm::Constant* Lowerer::staticFunction(const std::string& name, int32_t minArity, int32_t maxArity,
                                        llvm::Constant* fixed, llvm::Constant* array,
                                        std::vector<llvm::Constant*> freeValues) {
  std::vector<llvm::Type*> fields{hdrTy_, i32_, i32_, ptr_, ptr_, ptr_};
  fields.insert(fields.end(), freeValues.size(), i64_);
  auto* ty = llvm::StructType::get(ctx_, fields);
  llvm::Constant* nameC = name.empty() ? llvm::ConstantPointerNull::get(llvm::PointerType::get(ctx_, 0)) : cString(name);
  std::vector<llvm::Constant*> values{header(hdrTy_, FL_K_FUNCTION, static_cast<uint32_t>(freeValues.size())),
                                      b_.getInt32(minArity), b_.getInt32(maxArity), fixed, array, nameC};
  values.insert(values.end(), freeValues.begin(), freeValues.end());
  return llvm::ConstantExpr::getPtrToInt(staticObject(*mod_, llvm::ConstantStruct::get(ty, values), "fl.fn"), i64_);
}

llvm::Constant* Lowerer::constructorFunction(const std::string& tag, uint32_t arity) {
  auto it = ctorFns_.find(tag);
  if (it != ctorFns_.end()) return it->second;
  llvm::FunctionCallee entry = mod_->getOrInsertFunction("flrt_ctor_entry", llvm::FunctionType::get(i64_, {ptr_, i64_, ptr_}, false));
  llvm::Constant* v = staticFunction(tag, static_cast<int32_t>(arity), static_cast<int32_t>(arity),
                                     llvm::ConstantPointerNull::get(llvm::PointerType::get(ctx_, 0)),
                                     llvm::cast<llvm::Constant>(entry.getCallee()), {staticString(tag)});
  return ctorFns_[tag] = v;
}

llvm::Constant* Lowerer::staticTagged(const std::string& tag) {
  auto it = taggedConsts_.find(tag);
  if (it != taggedConsts_.end()) return it->second;
  auto* ty = llvm::StructType::get(ctx_, {hdrTy_, i64_});
  llvm::Constant* init = llvm::ConstantStruct::get(ty, {header(hdrTy_, FL_K_TAGGED, 0), staticString(tag)});
  return taggedConsts_[tag] = llvm::ConstantExpr::getPtrToInt(staticObject(*mod_, init, "fl.tagged"), i64_);
}

llvm::Constant* Lowerer::builtinValue(int32_t id, std::string_view name) {
  auto key = std::make_pair(id, std::string(name));
  auto it = builtinObjs_.find(key);
  if (it != builtinObjs_.end()) return it->second;
  const builtins::Info& info = builtins::info(id);
  // Builtins that perform an effect are intercepted when passed as values too (§11.3 rule 4).
  int32_t op = effects::builtinOp(id);
  if (op >= 0 && handled(op)) {
    if (id != FL_B_CURRENT_TIME)
      return builtinObjs_[key] = effectFunction(op, std::string(name), info.minArity, info.maxArity);
    llvm::FunctionCallee entry = mod_->getOrInsertFunction("flrt_current_time_entry",
                                                           llvm::FunctionType::get(i64_, {ptr_, i64_, ptr_}, false));
    return builtinObjs_[key] = staticFunction(std::string(name), 0, 0,
                                              llvm::ConstantPointerNull::get(llvm::PointerType::get(ctx_, 0)),
                                              llvm::cast<llvm::Constant>(entry.getCallee()));
  }
  // The runtime's C implementation flb_<ID> (rt.h), used as the array entry.
  static const char* const kSymbols[] = {
#define FL_BUILTIN(bid, bname, min, max, effects, level) "flb_" #bid,
#include "fluentai/builtins.def"
#undef FL_BUILTIN
  };
  llvm::FunctionCallee impl = mod_->getOrInsertFunction(kSymbols[id], llvm::FunctionType::get(i64_, {ptr_, i64_, ptr_}, false));
  llvm::Constant* v = staticFunction(std::string(name), info.minArity, info.maxArity,
                                     llvm::ConstantPointerNull::get(llvm::PointerType::get(ctx_, 0)),
                                     llvm::cast<llvm::Constant>(impl.getCallee()));
  builtinObjs_[key] = v;
  return v;
}

LVal Lowerer::constant(uint32_t id) {
  const Literal& lit = p_.literals[id];
  switch (lit.kind) {
    case LitKind::Int: return {b_.getInt64(lit.i), Rep::Int};
    case LitKind::Float: return {llvm::ConstantFP::get(f64_, lit.f), Rep::Float};
    case LitKind::Bool: return {b_.getInt1(lit.b), Rep::Bool};
    case LitKind::Nil: return {taggedConst(FL_NIL), Rep::Tagged};
    case LitKind::EmptyList: return {taggedConst(FL_EMPTY), Rep::Tagged};
    case LitKind::String: return {staticString(lit.s), Rep::Tagged};
    case LitKind::Tagged: return {staticTagged(lit.s), Rep::Tagged};
    case LitKind::Symbol:
    case LitKind::Keyword:
    case LitKind::List: return {staticLiteral(id), Rep::Tagged};
  }
  return {taggedConst(FL_NIL), Rep::Tagged};
}

// Quoted data and folded constants are static objects in the executable (nothing runs at start):
// a list is a static block of its elements -- unboxed when they are all Ints or all Floats -- and
// a symbol or keyword a static object with its name (equality compares names, rt.h).
llvm::Constant* Lowerer::staticLiteral(uint32_t id) {
  auto it = staticLits_.find(id);
  if (it != staticLits_.end()) return it->second;
  const Literal& lit = p_.literals[id];
  llvm::Constant* v = nullptr;
  switch (lit.kind) {
    case LitKind::Int:
      v = lit.i >= FL_FIXNUM_MIN && lit.i <= FL_FIXNUM_MAX ? taggedConst(fl_make_fixnum(lit.i)) : staticInt(lit.i);
      break;
    case LitKind::Float: v = staticFloat(lit.f); break;
    case LitKind::Bool: v = taggedConst(lit.b ? FL_TRUE : FL_FALSE); break;
    case LitKind::Nil: v = taggedConst(FL_NIL); break;
    case LitKind::EmptyList: v = taggedConst(FL_EMPTY); break;
    case LitKind::String: v = staticString(lit.s); break;
    case LitKind::Tagged: v = staticTagged(lit.s); break;
    case LitKind::Symbol:
    case LitKind::Keyword: {
      auto& cache = lit.kind == LitKind::Symbol ? symbols_ : keywords_;
      auto sym = cache.find(lit.s);
      if (sym != cache.end()) {
        v = sym->second;
        break;
      }
      auto* ty = llvm::StructType::get(ctx_, {hdrTy_, i64_});
      llvm::Constant* init = llvm::ConstantStruct::get(
          ty, {header(hdrTy_, lit.kind == LitKind::Symbol ? FL_K_SYMBOL : FL_K_KEYWORD, 0), staticString(lit.s)});
      v = cache[lit.s] = llvm::ConstantExpr::getPtrToInt(staticObject(*mod_, init, "fl.sym"), i64_);
      break;
    }
    case LitKind::List: {
      if (lit.items.empty()) {
        v = taggedConst(FL_EMPTY);
        break;
      }
      bool ints = true, floats = true;
      for (uint32_t item : lit.items) {
        ints = ints && p_.literals[item].kind == LitKind::Int;
        floats = floats && p_.literals[item].kind == LitKind::Float;
      }
      std::vector<llvm::Constant*> slots;
      for (uint32_t item : lit.items) {
        const Literal& x = p_.literals[item];
        if (ints) slots.push_back(b_.getInt64(static_cast<uint64_t>(x.i)));
        else if (floats) slots.push_back(llvm::ConstantExpr::getBitCast(llvm::ConstantFP::get(f64_, x.f), i64_));
        else slots.push_back(staticLiteral(item));
      }
      uint32_t n = static_cast<uint32_t>(slots.size());
      auto* arrTy = llvm::ArrayType::get(i64_, n);
      // fl_list_block: header, cap, front, elem, pad, rest, rest_len, slots[cap]
      auto* ty = llvm::StructType::get(ctx_, {hdrTy_, i32_, i32_, i32_, i32_, i64_, i64_, arrTy});
      llvm::Constant* init = llvm::ConstantStruct::get(
          ty, {header(hdrTy_, FL_K_LISTBLOCK, 0), b_.getInt32(n), b_.getInt32(0),
               b_.getInt32(ints ? FL_ELEM_INT : floats ? FL_ELEM_FLOAT : FL_ELEM_VALUE), b_.getInt32(0),
               taggedConst(FL_EMPTY), b_.getInt64(0), llvm::ConstantArray::get(arrTy, slots)});
      llvm::GlobalVariable* block = staticObject(*mod_, init, "fl.list");
      // the list value: the block's address with the list tag, slot index 0 (rt.h)
      v = llvm::ConstantExpr::getPtrToInt(llvm::ConstantExpr::getGetElementPtr(i8_, block, b_.getInt64(FL_TAG_LIST)), i64_);
      break;
    }
  }
  staticLits_[id] = v;
  return v;
}

// ---- locations and failures ---------------------------------------------------------------------

llvm::Constant* Lowerer::location(Span span) {
  if (!span.valid()) return llvm::ConstantPointerNull::get(llvm::PointerType::get(ctx_, 0));
  auto it = locations_.find(span.begin);
  if (it != locations_.end()) return it->second;
  llvm::Constant* c = cString(sm_.describe(span.begin));
  locations_[span.begin] = c;
  return c;
}

void Lowerer::setLocation(Span span) { b_.CreateStore(location(span), curLoc_); }

void Lowerer::emitNoreturn(llvm::FunctionCallee f, llvm::ArrayRef<llvm::Value*> args) {
  llvm::CallInst* c = b_.CreateCall(f, args);
  c->setDoesNotReturn();
  b_.CreateUnreachable();
  b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "dead", fn_.fn));
}

void Lowerer::failAt(int kind, Span span, const char* message) {
  emitNoreturn(rt("flrt_fail_at"), {b_.getInt32(kind), location(span), cString(message)});
}

}  // namespace fl::lower
