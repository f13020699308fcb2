// The lower step's driver: one LLVM function per TIR function, closure entries for lambdas that
// escape, the runtime declarations, and fl_program_main (the module's top level).
#include "lower/lowerer.h"

#include <cstddef>
#include <cstring>

#include "fluentai/rt.h"

namespace fl::lower {

Lowerer::Lowerer(const tir::Program& p, const Interner& names, const SourceManager& sm, llvm::LLVMContext& ctx,
                 llvm::TargetMachine& tm, const Options& opts)
    : p_(p), names_(names), sm_(sm), ctx_(ctx), tm_(tm), opts_(opts), b_(ctx) {
  i64_ = b_.getInt64Ty();
  i32_ = b_.getInt32Ty();
  i8_ = b_.getInt8Ty();
  i1_ = b_.getInt1Ty();
  f64_ = b_.getDoubleTy();
  ptr_ = b_.getPtrTy();
  hdrTy_ = llvm::StructType::get(ctx, {i8_, i8_, b_.getInt16Ty(), i32_});
}

// Runtime entry points used by generated code (rt.h); C calling convention.
llvm::FunctionCallee Lowerer::rt(const char* name) {
  struct Decl {
    const char* name;
    const char* sig;  // result then parameters: v=void i=i64 w=i32 d=double p=ptr
    bool noreturn;
  };
  static const Decl kDecls[] = {
      {"flrt_box_int", "ii", false},         {"flrt_box_float", "id", false},
      {"flrt_make_box", "ii", false},        {"flrt_make_closure", "ippwpi", false},
      {"flrt_unbox_int", "ii", false},       {"flrt_unbox_float", "di", false},
      {"flrt_truthy", "wi", false},          {"flrt_raise", "vi", true},
      {"flrt_fail_at", "vwpp", true},        {"flrt_fail_unbound", "vpp", true},
      {"flrt_fail_arity", "vii", true},      {"flrt_call", "iiip", false},
      {"flrt_add", "iii", false},            {"flrt_sub", "iii", false},
      {"flrt_mul", "iii", false},            {"flrt_div", "iii", false},
      {"flrt_neg", "ii", false},             {"flrt_equal", "wii", false},
      {"flrt_less", "wii", false},           {"flrt_less_eq", "wii", false},
      {"flrt_print_result", "vi", false},    {"flrt_register_roots", "vpi", false},
      {"flrt_intern_symbol", "ii", false},   {"flrt_intern_keyword", "ii", false},
      {"flrt_list_from_array", "ipi", false},
      {"flrt_is_tagged", "wiii", false},     {"flrt_list_first", "ii", false},
      {"flrt_list_rest", "ii", false},       {"flrt_list_count", "ii", false},
      {"flrt_match_range", "wiiiw", false},  {"flrt_try_push", "vp", false},
      {"flrt_try_pop", "vp", false},         {"flrt_perform", "iwip", false},
      {"flrt_effect_default", "iwip", false}, {"flrt_handler_push", "vp", false},
      {"flrt_handler_pop", "vp", false},     {"flrt_apply_spread", "ipiipi", false},
      {"flrt_lb_init", "vpwi", false},       {"flrt_lb_grow", "vp", false},
      {"flrt_lb_finish", "ip", false},       {"flrt_alloc_tagged", "iii", false},
      {"flrt_int_key", "wip", false},        {"flrt_match_name", "iiwppi", false},
      {"flrt_vector_ref", "iii", false},     {"flrt_vector_set", "viii", false},
      {"flrt_ffi_arg", "iiwip", false},      {"flrt_ffi_result", "iiwp", false},
      {"flrt_vector_from_list", "ii", false},
      {"flrt_alloc_slow", "pp", false},      {"flrt_alloc", "pi", false},
      {"flrt_repl_open_slots", "vii", false},
  };
  for (const Decl& d : kDecls) {
    if (strcmp(d.name, name) != 0) continue;
    auto type = [&](char c) -> llvm::Type* {
      switch (c) {
        case 'v': return b_.getVoidTy();
        case 'w': return i32_;
        case 'd': return f64_;
        case 'p': return ptr_;
        default: return i64_;
      }
    };
    std::vector<llvm::Type*> params;
    for (const char* s = d.sig + 1; *s; ++s) params.push_back(type(*s));
    llvm::FunctionCallee f = mod_->getOrInsertFunction(name, llvm::FunctionType::get(type(d.sig[0]), params, false));
    if (auto* fn = llvm::dyn_cast<llvm::Function>(f.getCallee())) {
      fn->addFnAttr(llvm::Attribute::NoUnwind);
      if (d.noreturn) {
        fn->addFnAttr(llvm::Attribute::NoReturn);
        fn->addFnAttr(llvm::Attribute::Cold);
      }
    }
    return f;
  }
  llvm::report_fatal_error(llvm::Twine("flc: unknown runtime function ") + name);
}

std::unique_ptr<llvm::Module> Lowerer::run() {
  mod_ = std::make_unique<llvm::Module>(opts_.moduleName, ctx_);
  mod_->setTargetTriple(tm_.getTargetTriple().str());
  mod_->setDataLayout(tm_.createDataLayout());
  mod_->setPICLevel(llvm::PICLevel::BigPIC);
  mod_->setPIELevel(llvm::PIELevel::Large);

  size_t n = std::max<size_t>(p_.globals.size(), 1);
  auto* arrTy = llvm::ArrayType::get(i64_, n);
  std::vector<llvm::Constant*> unbound(n, b_.getInt64(FL_UNBOUND));
  for (size_t g = 0; g < p_.globals.size(); ++g)
    if (p_.globals[g].initial != tir::kNone) unbound[g] = staticLiteral(p_.globals[g].initial);
  if (p_.sessionEntry)  // the session's globals array, in the runtime (runtime/start/repl.cpp)
    globals_ = new llvm::GlobalVariable(*mod_, arrTy, false, llvm::GlobalValue::ExternalLinkage, nullptr,
                                        "flrt_repl_globals");
  else
    globals_ = new llvm::GlobalVariable(*mod_, arrTy, false, llvm::GlobalValue::InternalLinkage,
                                        llvm::ConstantArray::get(arrTy, unbound), "fl.globals");
  curLoc_ = new llvm::GlobalVariable(*mod_, ptr_, false, llvm::GlobalValue::ExternalLinkage, nullptr,
                                     "flrt_current_loc");

  // Line tables are always emitted (the runtime's backtraces read them); -g adds the rest.
  if (!p_.sessionEntry)
    new llvm::GlobalVariable(*mod_, i32_, true, llvm::GlobalValue::ExternalLinkage, b_.getInt32(opts_.backtrace),
                             "flrt_backtrace_default");
  if (opts_.debugInfo || opts_.backtrace) {
    di_ = std::make_unique<llvm::DIBuilder>(*mod_);
    const SourceFile* main = sm_.fileAt(sm_.file(0).base);
    std::string path = main ? main->path : opts_.moduleName;
    diUnit_ = di_->createCompileUnit(
        llvm::dwarf::DW_LANG_C, di_->createFile(path, "."), "flc " FLC_VERSION, true, "", 0, "",
        opts_.debugInfo ? llvm::DICompileUnit::FullDebug : llvm::DICompileUnit::LineTablesOnly);
    mod_->addModuleFlag(llvm::Module::Warning, "Debug Info Version", llvm::DEBUG_METADATA_VERSION);
    mod_->addModuleFlag(llvm::Module::Warning, "Dwarf Version", 4);
  }
  fixedEntries_.assign(p_.closures.size(), nullptr);
  arrayEntries_.clear();
  declareFunctions();
  for (FnId id = 0; id < p_.fns.size(); ++id)
    if (!p_.fns[id].dead) defineFunction(id);
  defineProgramMain();
  // Frames larger than a page are probed page by page, so a deep recursion faults inside the
  // runtime's stack guard instead of stepping over it (docs/runtime-abi.md, "Stack overflow").
  // Unwind tables let the runtime walk the stack for backtraces (they cost no time).
  for (llvm::Function& f : *mod_)
    if (!f.isDeclaration()) {
      f.addFnAttr("probe-stack", "inline-asm");
      f.setUWTableKind(llvm::UWTableKind::Async);
    }
  if (di_) di_->finalize();
  return std::move(mod_);
}

llvm::FunctionType* Lowerer::functionType(FnId id) {
  const tir::Function& f = p_.fns[id];
  std::vector<llvm::Type*> params{ptr_};
  for (VarId v : f.params) params.push_back(llvmType(f.vars[v].rep));
  return llvm::FunctionType::get(llvmType(f.retRep), params, false);
}

void Lowerer::declareFunctions() {
  fnDecls_.assign(p_.fns.size(), nullptr);
  for (FnId id = 0; id < p_.fns.size(); ++id) {
    const tir::Function& tf = p_.fns[id];
    if (tf.dead) continue;
    llvm::Function* f = llvm::Function::Create(functionType(id), llvm::Function::InternalLinkage, "fl." + tf.name, mod_.get());
    f->setCallingConv(llvm::CallingConv::Tail);
    f->addFnAttr(llvm::Attribute::NoUnwind);
    // No effect at all (no allocation, cannot raise, terminates) and no environment to read:
    // LLVM may CSE, hoist and drop calls (DESIGN.md §3).
    if (tf.effects == 0 && tf.captures.empty() && id != p_.init) {
      f->setDoesNotAccessMemory();
      f->setWillReturn();
    }
    f->getArg(0)->setName("self");
    for (size_t k = 0; k < tf.params.size(); ++k) f->getArg(k + 1)->setName(names_.str(tf.vars[tf.params[k]].name));
    fnDecls_[id] = f;
  }
}

// Starts LLVM function f as the body of TIR function `id` (fresh per-function state).
void Lowerer::beginFunction(FnId id, llvm::Function* f) {
  const tir::Function& tf = p_.fns[id];
  fn_ = FnState{};
  fn_.id = id;
  fn_.fn = f;
  fn_.self = f->getArg(0);
  fn_.retRep = tf.retRep;
  fn_.vars.assign(tf.vars.size(), VarSlot{});
  auto* entry = llvm::BasicBlock::Create(ctx_, "entry", f);
  b_.SetInsertPoint(entry);
  // The source name ("fib" for fl.fib and fl.fib#2), so `break fib` stops in every instance.
  debugStartFunction(f, tf.span, tf.name.substr(0, tf.name.find('#')));
  fn_.argv = b_.CreateAlloca(i64_, b_.getInt64(1), "argv");
  fn_.argvSize = 1;
  for (const tir::Node& n : tf.nodes)
    if (n.op == tir::Op::Try) fn_.hasTry = true;
}

void Lowerer::endFunction() {
  diScope_ = nullptr;
  diSites_.clear();
  b_.SetCurrentDebugLocation(llvm::DebugLoc());
  // Blocks left open after code that never returns.
  for (llvm::BasicBlock& bb : *fn_.fn) {
    if (bb.getTerminator()) continue;
    b_.SetInsertPoint(&bb);
    b_.CreateUnreachable();
  }
}

void Lowerer::defineFunction(FnId id) {
  if (id == p_.init && defineInitInChunks()) return;
  const tir::Function& tf = p_.fns[id];
  beginFunction(id, fnDecls_[id]);
  for (size_t k = 0; k < tf.params.size(); ++k) {
    VarId v = tf.params[k];
    fn_.vars[v] = VarSlot{VarSlot::Value, fn_.fn->getArg(k + 1), tf.vars[v].rep};
    debugVariable(v, static_cast<unsigned>(k + 1));
  }
  debugCaptures();
  lowerTail(tf.body);
  endFunction();
}

// A long top level (thousands of definitions) is split into functions of at most kChunkForms
// top-level forms, called in order: LLVM's code generation is superlinear in the size of one
// function. Top-level forms share no local variables, so each chunk stands alone.
bool Lowerer::defineInitInChunks() {
  constexpr size_t kChunkForms = 200;
  const tir::Function& tf = p_.fns[p_.init];
  std::vector<NodeId> forms, stack{tf.body};
  while (!stack.empty()) {
    NodeId n = stack.back();
    stack.pop_back();
    if (tf[n].op == tir::Op::Seq) {
      for (size_t i = tf[n].kids.size(); i-- > 0;) stack.push_back(tf[n].kids[i]);
      continue;
    }
    forms.push_back(n);
  }
  if (forms.size() <= kChunkForms) return false;
  std::vector<llvm::Function*> chunks;
  for (size_t first = 0; first < forms.size(); first += kChunkForms) {
    auto* f = llvm::Function::Create(functionType(p_.init), llvm::Function::InternalLinkage,
                                     fnDecls_[p_.init]->getName() + "#part" + std::to_string(chunks.size() + 1), mod_.get());
    f->setCallingConv(llvm::CallingConv::Tail);
    f->addFnAttr(llvm::Attribute::NoUnwind);
    f->addFnAttr(llvm::Attribute::NoInline);  // inlined back, they would make one huge function again
    chunks.push_back(f);
    beginFunction(p_.init, f);
    size_t last = std::min(forms.size(), first + kChunkForms);
    for (size_t i = first; i + 1 < last; ++i) lower(forms[i]);
    if (last == forms.size()) {
      LVal v = lower(forms[last - 1]);
      if (v.v) ret(v);
    } else {
      lower(forms[last - 1]);
      ret({taggedConst(FL_NIL), Rep::Tagged});
    }
    endFunction();
  }
  beginFunction(p_.init, fnDecls_[p_.init]);
  llvm::CallInst* c = nullptr;
  for (llvm::Function* f : chunks) c = tailcc(b_.CreateCall(f, {fn_.self}));
  c->setTailCallKind(llvm::CallInst::TCK_MustTail);
  b_.CreateRet(c);
  endFunction();
  return true;
}

// The fixed entry of an escaping lambda: its generic instance when that already takes and
// returns tagged words, otherwise a wrapper that boxes the result.
llvm::Constant* Lowerer::fixedEntry(ast::LambdaId l) {
  FnId g = p_.closures[l].entry;
  if (g == tir::kNone) return nullPtr();
  if (fixedEntries_[l]) return fixedEntries_[l];
  if (retRep(g) == Rep::Tagged) return fixedEntries_[l] = fnDecls_[g];
  std::vector<llvm::Type*> params(p_.closures[l].arity + 1, i64_);
  params[0] = ptr_;
  auto* f = llvm::Function::Create(llvm::FunctionType::get(i64_, params, false), llvm::Function::InternalLinkage,
                                   fnDecls_[g]->getName() + ".entry", mod_.get());
  f->setCallingConv(llvm::CallingConv::Tail);
  f->addFnAttr(llvm::Attribute::NoUnwind);
  fixedEntries_[l] = f;
  llvm::BasicBlock* savedBlock = b_.GetInsertBlock();
  llvm::BasicBlock::iterator savedPoint = b_.GetInsertPoint();
  FnState savedFn = fn_;
  fn_ = FnState{};
  fn_.fn = f;
  b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", f));
  std::vector<llvm::Value*> args;
  for (llvm::Argument& a : f->args()) args.push_back(&a);
  llvm::CallInst* c = tailcc(b_.CreateCall(fnDecls_[g], args));
  b_.CreateRet(toTagged({c, retRep(g)}));
  fn_ = savedFn;
  if (savedBlock) b_.SetInsertPoint(savedBlock, savedPoint);
  return f;
}

// The C-ABI array entry used by flrt_call: unpacks argv and tail-calls the function object's
// fixed entry. One per arity, shared by every closure of that arity; with a rest parameter
// (§20.3) the arguments after the fixed ones are passed as one fresh list.
llvm::Constant* Lowerer::arrayEntry(ast::LambdaId l) {
  if (p_.closures[l].entry == tir::kNone) return nullPtr();
  bool rest = p_.closures[l].rest;
  uint32_t arity = p_.closures[l].arity;
  std::vector<llvm::Function*>& cache = rest ? restArrayEntries_ : arrayEntries_;
  if (cache.size() <= arity) cache.resize(arity + 1, nullptr);
  if (cache[arity]) return cache[arity];
  auto* f = llvm::Function::Create(llvm::FunctionType::get(i64_, {ptr_, i64_, ptr_}, false), llvm::Function::InternalLinkage,
                                   (rest ? "flc.array.rest." : "flc.array.") + std::to_string(arity), mod_.get());
  f->addFnAttr(llvm::Attribute::NoUnwind);
  cache[arity] = f;
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(ctx_, "entry", f));
  llvm::Value* fixed = b.CreateLoad(ptr_, b.CreateConstGEP1_64(i8_, f->getArg(0), offsetof(fl_function, fixed_entry)));
  std::vector<llvm::Value*> args{f->getArg(0)};
  std::vector<llvm::Type*> params{ptr_};
  uint32_t direct = rest ? arity - 1 : arity;
  for (size_t k = 0; k < direct; ++k) {
    args.push_back(b.CreateLoad(i64_, b.CreateConstGEP1_64(i64_, f->getArg(2), k)));
    params.push_back(i64_);
  }
  if (rest) {  // flrt_call checked argc >= direct
    llvm::Value* from = b.CreateConstGEP1_64(i64_, f->getArg(2), direct);
    args.push_back(b.CreateCall(rt("flrt_list_from_array"), {from, b.CreateSub(f->getArg(1), b.getInt64(direct))}));
    params.push_back(i64_);
  }
  llvm::CallInst* c = b.CreateCall(llvm::FunctionType::get(i64_, params, false), fixed, args);
  c->setCallingConv(llvm::CallingConv::Tail);
  b.CreateRet(c);
  return f;
}

llvm::Constant* Lowerer::lambdaStaticClosure(ast::LambdaId l) {
  auto it = staticClosures_.find(l);
  if (it != staticClosures_.end()) return it->second;
  const tir::Closure& c0 = p_.closures[l];
  int32_t arity = static_cast<int32_t>(c0.arity);
  llvm::Constant* c = staticFunction(c0.name ? std::string(names_.str(c0.name)) : "", c0.rest ? arity - 1 : arity,
                                     c0.rest ? -1 : arity, fixedEntry(l), arrayEntry(l));
  staticClosures_[l] = c;
  return c;
}

void Lowerer::defineProgramMain() {
  auto* f = llvm::Function::Create(llvm::FunctionType::get(b_.getVoidTy(), false), llvm::Function::ExternalLinkage,
                                   opts_.mainName, mod_.get());
  f->addFnAttr(llvm::Attribute::NoUnwind);
  b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", f));
  FnId init = p_.init;
  // A location for the call, so the top level keeps its lines when it is inlined here.
  debugStartFunction(f, p_.fns[init].span, "fl_program_main");
  if (p_.sessionEntry) {
    if (p_.globals.size() > p_.sessionSlots)
      b_.CreateCall(rt("flrt_repl_open_slots"), {b_.getInt64(p_.sessionSlots), b_.getInt64(p_.globals.size())});
  } else if (!p_.globals.empty()) {
    b_.CreateCall(rt("flrt_register_roots"), {globals_, b_.getInt64(p_.globals.size())});
  }
  llvm::CallInst* r = tailcc(b_.CreateCall(fnDecls_[init], {nullPtr()}));
  if (opts_.printResult) {
    fn_ = FnState{};
    fn_.fn = f;
    b_.CreateCall(rt("flrt_print_result"), {toTagged({r, retRep(init)})});
  }
  b_.CreateRetVoid();
}

// ---- debug information -----------------------------------------------------------------------

llvm::DIFile* Lowerer::debugFile(Span span) {
  const SourceFile* f = sm_.fileAt(span.begin);
  if (!f) return diUnit_->getFile();
  auto it = diFiles_.find(f->id);
  if (it != diFiles_.end()) return it->second;
  return diFiles_[f->id] = di_->createFile(f->path, ".");
}

void Lowerer::debugStartFunction(llvm::Function* f, Span span, const std::string& name) {
  if (!di_) return;
  llvm::DIFile* file = debugFile(span);
  unsigned line = sm_.lineCol(span.begin).line;
  auto* type = di_->createSubroutineType(di_->getOrCreateTypeArray({}));
  // No linkage name: gdb would look functions up by it instead of the source name.
  diScope_ = di_->createFunction(file, name, "", file, line, type, line, llvm::DINode::FlagZero,
                                 llvm::DISubprogram::SPFlagDefinition);
  f->setSubprogram(diScope_);
  // Every call in a function with a subprogram needs a location (line 0: none in particular).
  b_.SetCurrentDebugLocation(llvm::DILocation::get(ctx_, 0, 0, diScope_));
  debugLocation(span);
}

// The subprogram an inlined copy of `callee` is attributed to (its name is what backtraces show).
llvm::DISubprogram* Lowerer::inlinedSubprogram(FnId callee) {
  auto it = diInlined_.find(callee);
  if (it != diInlined_.end()) return it->second;
  const tir::Function& t = p_.fns[callee];
  llvm::DIFile* file = debugFile(t.span);
  unsigned line = t.span.valid() ? sm_.lineCol(t.span.begin).line : 0;
  auto* type = di_->createSubroutineType(di_->getOrCreateTypeArray({}));
  return diInlined_[callee] = di_->createFunction(file, t.name.substr(0, t.name.find('#')), "", file, line, type,
                                                  line, llvm::DINode::FlagZero,
                                                  llvm::DISubprogram::SPFlagDefinition);
}

// Where inline site `site` of the running function was called, as the inlinedAt of its copies.
llvm::DILocation* Lowerer::inlinedAt(uint32_t site) {
  const auto& sites = p_.fns[fn_.id].inlineSites;
  if (diSites_.size() != sites.size()) diSites_.assign(sites.size(), nullptr);
  if (diSites_[site]) return diSites_[site];
  const tir::InlineSite& s = sites[site];
  LineCol lc = s.call.valid() ? sm_.lineCol(s.call.begin) : LineCol{0, 0};
  llvm::DIScope* scope = diScope_;
  llvm::DILocation* at = nullptr;
  if (s.parent != tir::kNone) {
    scope = inlinedSubprogram(sites[s.parent].callee);
    at = inlinedAt(s.parent);
  }
  return diSites_[site] = llvm::DILocation::get(ctx_, lc.line, lc.col, scope, at);
}

void Lowerer::debugLocation(const tir::Node& x) {
  if (!di_ || !diScope_ || !x.span.valid()) return;
  if (x.scope == tir::kNone) return debugLocation(x.span);
  LineCol lc = sm_.lineCol(x.span.begin);
  b_.SetCurrentDebugLocation(llvm::DILocation::get(ctx_, lc.line, lc.col,
                                                   inlinedSubprogram(p_.fns[fn_.id].inlineSites[x.scope].callee),
                                                   inlinedAt(x.scope)));
}

llvm::DIType* Lowerer::debugType(Rep rep) {
  llvm::DIType*& type = diTypes_[static_cast<size_t>(rep)];
  if (!type) {
    switch (rep) {
      case Rep::Int: type = di_->createBasicType("Int", 64, llvm::dwarf::DW_ATE_signed); break;
      case Rep::Float: type = di_->createBasicType("Float", 64, llvm::dwarf::DW_ATE_float); break;
      case Rep::Bool: type = di_->createBasicType("Bool", 8, llvm::dwarf::DW_ATE_boolean); break;
      case Rep::Tagged:  // a typedef: debuggers show (and pretty-print by) its name
        type = di_->createTypedef(di_->createBasicType("unsigned long", 64, llvm::dwarf::DW_ATE_unsigned), "fl_value",
                                  nullptr, 0, diUnit_);
        break;
    }
  }
  return type;
}

// -g: the free variables of a closure, described as where they live (the environment slot,
// or the box it points to), computed from the closure pointer: no code, always current.
void Lowerer::debugCaptures() {
  const tir::Function& tf = F();
  if (!opts_.debugInfo || !diScope_ || tf.captures.empty()) return;
  Span at = tf.span;
  llvm::DIFile* file = debugFile(at);
  unsigned line = at.valid() ? sm_.lineCol(at.begin).line : 0;
  auto* loc = llvm::DILocation::get(ctx_, line, 0, diScope_);
  llvm::AllocaInst* home = nullptr;
  if (opts_.debugSpill) {
    home = entryAlloca(ptr_);
    b_.CreateStore(fn_.self, home)->setDebugLoc(llvm::DILocation::get(ctx_, 0, 0, diScope_));
  }
  for (size_t i = 0; i < tf.captures.size(); ++i) {
    const tir::Capture& cap = tf.captures[i];
    auto* dv = di_->createAutoVariable(diScope_, std::string(names_.str(cap.name)), file, line,
                                       debugType(cap.boxed ? Rep::Tagged : cap.rep), true);
    llvm::SmallVector<uint64_t, 8> ops;
    if (home) ops.push_back(llvm::dwarf::DW_OP_deref);  // the closure pointer, from its slot
    ops.push_back(llvm::dwarf::DW_OP_plus_uconst);
    ops.push_back(offsetof(fl_function, free) + 8 * i);
    if (cap.boxed) {
      ops.push_back(llvm::dwarf::DW_OP_deref);
      ops.push_back(llvm::dwarf::DW_OP_plus_uconst);
      ops.push_back(offsetof(fl_box, value));
    }
    if (home) {
      di_->insertDeclare(home, dv, di_->createExpression(ops), loc, b_.GetInsertBlock());
    } else {
      ops.push_back(llvm::dwarf::DW_OP_deref);
      di_->insertDbgValueIntrinsic(fn_.self, dv, di_->createExpression(ops), loc, b_.GetInsertBlock());
    }
  }
}

// -g: a parameter (argNo > 0) or local variable, as its slot holds it now. Unboxed Int, Float
// and Bool have their own types; tagged words are `fl_value`, which tools/gdb/flc_gdb.py prints.
void Lowerer::debugVariable(VarId v, unsigned argNo) {
  if (!opts_.debugInfo || !diScope_) return;
  const tir::Var& var = F().vars[v];
  const VarSlot& slot = fn_.vars[v];
  if (slot.kind != VarSlot::Value && slot.kind != VarSlot::Alloca) return;  // (boxes: not shown)
  llvm::DIType* type = debugType(slot.rep);
  Span at = var.span.valid() ? var.span : F().span;
  llvm::DIFile* file = debugFile(at);
  unsigned line = at.valid() ? sm_.lineCol(at.begin).line : 0;
  std::string name(names_.str(var.name));
  llvm::DILocalVariable* dv = argNo ? di_->createParameterVariable(diScope_, name, argNo, file, line, type, true)
                                    : di_->createAutoVariable(diScope_, name, file, line, type, true);
  auto* loc = llvm::DILocation::get(ctx_, line, at.valid() ? sm_.lineCol(at.begin).col : 0, diScope_);
  if (slot.kind == VarSlot::Value && opts_.debugSpill) {  // as clang -O0 does: a slot gdb can always read
    llvm::AllocaInst* home = entryAlloca(llvmType(slot.rep));
    llvm::StoreInst* store = b_.CreateStore(slot.v, home);
    // Parameters are stored in the prologue: line 0 keeps gdb's breakpoint after the stores.
    if (argNo) store->setDebugLoc(llvm::DILocation::get(ctx_, 0, 0, diScope_));
    di_->insertDeclare(home, dv, di_->createExpression(), loc, b_.GetInsertBlock());
  } else if (slot.kind == VarSlot::Alloca)
    di_->insertDeclare(slot.v, dv, di_->createExpression(), loc, b_.GetInsertBlock());
  else if (!llvm::isa<llvm::Constant>(slot.v) || argNo)
    di_->insertDbgValueIntrinsic(slot.v, dv, di_->createExpression(), loc, b_.GetInsertBlock());
}

void Lowerer::debugLocation(Span span) {
  if (!di_ || !diScope_ || !span.valid()) return;
  LineCol lc = sm_.lineCol(span.begin);
  b_.SetCurrentDebugLocation(llvm::DILocation::get(ctx_, lc.line, lc.col, diScope_));
}

std::unique_ptr<llvm::Module> lower(const tir::Program& p, const Interner& names, const SourceManager& sm,
                                    llvm::LLVMContext& ctx, llvm::TargetMachine& tm, const Options& opts) {
  return Lowerer(p, names, sm, ctx, tm, opts).run();
}

}  // namespace fl::lower
