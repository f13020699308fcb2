// Internal state of the lower step, shared by its files:
//   lowerer.cpp   module-level driver: one LLVM function per TIR function, closure entries,
//                 fl_program_main
//   values.cpp    representations, boxing/unboxing, truthiness, static objects, locations
//   alloc.cpp     inline allocation (pool fast path), constructors and their raw Float fields
//   expr.cpp      expressions and variables
//   calls.cpp     calls: inline builtin operations, direct calls, unknown callees
//   bits.cpp      inline bitwise operations (§20.2)
//   loops.cpp     inline loops for map/filter/for-each/fold with a known function
//   patterns.cpp / match_tree.cpp   match, try, throw
//   effects.cpp   effect operations and handlers
// Lowering a TIR node returns its value in the node's representation (tir::Node::rep).
#pragma once

#include <functional>
#include <map>
#include <unordered_map>

#include "lower/lower.h"
#include "llvm/IR/DIBuilder.h"
#include "llvm/IR/IRBuilder.h"

namespace fl::lower {

using tir::Rep;
using tir::NodeId;
using tir::VarId;
using tir::FnId;
using tir::PatId;

struct LVal {
  llvm::Value* v = nullptr;
  Rep rep = Rep::Tagged;
};

// Where a variable lives while a function runs.
struct VarSlot {
  enum Kind : uint8_t { Unset, Value, Alloca, Box } kind = Unset;
  llvm::Value* v = nullptr;  // Value: the value; Alloca: the slot; Box: the box pointer (ptr)
  Rep rep = Rep::Tagged;     // Value/Alloca: representation; Box: always Tagged
};

class Lowerer {
 public:
  Lowerer(const tir::Program& p, const Interner& names, const SourceManager& sm, llvm::LLVMContext& ctx,
          llvm::TargetMachine& tm, const Options& opts);
  std::unique_ptr<llvm::Module> run();

 private:
  // ---- lowerer.cpp
  void declareFunctions();
  void defineFunction(FnId id);
  bool defineInitInChunks();
  void beginFunction(FnId id, llvm::Function* f);
  void endFunction();
  void defineProgramMain();
  llvm::FunctionType* functionType(FnId id);
  Rep retRep(FnId id) const { return p_.fns[id].retRep; }
  // The closure's fixed (tailcc, all tagged) and array (C ABI) entries; null if it never escapes.
  llvm::Constant* fixedEntry(ast::LambdaId l);
  llvm::Constant* arrayEntry(ast::LambdaId l);

  // ---- values.cpp
  llvm::Type* llvmType(Rep r);
  LVal coerce(LVal v, Rep to);                 // convert between representations (types agree)
  llvm::Value* toTagged(LVal v) { return coerce(v, Rep::Tagged).v; }
  llvm::Value* truthy(LVal v);                 // i1
  LVal constant(uint32_t lit);
  llvm::Constant* staticLiteral(uint32_t lit);  // any literal as a static tagged constant
  llvm::Constant* taggedConst(uint64_t bits) { return b_.getInt64(bits); }
  llvm::Constant* staticString(const std::string& s);   // an fl_string object, as i64
  llvm::Constant* staticFloat(double d);
  llvm::Constant* staticInt(int64_t i);
  llvm::Constant* staticFunction(const std::string& name, int32_t minArity, int32_t maxArity,
                                 llvm::Constant* fixed, llvm::Constant* array,
                                 std::vector<llvm::Constant*> freeValues = {});
  llvm::Constant* builtinValue(int32_t id, std::string_view name);
  llvm::Constant* constructorFunction(const std::string& tag, uint32_t arity);  // §8 rule 3
  llvm::Constant* staticTagged(const std::string& tag);                         // nullary value
  llvm::Constant* lambdaStaticClosure(ast::LambdaId l);  // for lambdas without free variables
  llvm::Constant* cString(const std::string& s);
  llvm::Constant* location(Span span);                    // "FILE:LINE:COL" or null
  void setLocation(Span span);                            // flrt_current_loc = location(span)
  // Ends the current block with a call to a noreturn runtime function and continues in a fresh
  // unreachable block.
  void emitNoreturn(llvm::FunctionCallee f, llvm::ArrayRef<llvm::Value*> args);
  void failAt(int kind, Span span, const char* message);
  llvm::Value* headerKind(llvm::Value* tagged);           // i8 kind of a pointer value
  llvm::Value* isPtr(llvm::Value* tagged);
  llvm::Value* isTaggedWith(llvm::Value* tagged, const std::string& tag, size_t n);  // i1
  llvm::Value* isFixnum(llvm::Value* tagged);
  llvm::Value* unboxIntChecked(llvm::Value* tagged);      // Int type known: fixnum or boxed
  llvm::Value* boxInt(llvm::Value* raw);
  llvm::Function* helper(const char* name);               // small always-inline IR helpers
  llvm::Function* newHelper(const std::string& name, llvm::FunctionType* ty);
  llvm::Constant* nullPtr();

  // ---- alloc.cpp
  llvm::Function* poolAllocator(uint32_t cls);            // fl.alloc.C
  llvm::Value* allocObject(uint64_t bytes, uint8_t kind, uint32_t aux);  // ptr, header set; caller fills the rest
  llvm::Value* boxFloat(llvm::Value* d);                  // tagged
  uint32_t rawFloatFields(Sym tag, size_t arity) const;   // fields stored raw when Floats
  LVal construct(Sym tag, const std::vector<LVal>& fields);
  LVal loadField(llvm::Value* obj, Sym tag, size_t arity, size_t i, Rep want);
  bool lowerFieldAccess(NodeId n, const std::vector<LVal>& args, LVal& out);  // %tagged-field
  LVal likelyElse(llvm::Value* cond, Rep rep, const char* yesName, const char* noName, const char* joinName,
                  const std::function<llvm::Value*()>& yes, const std::function<llvm::Value*()>& no);

  // ---- debug information (-g)
  void debugStartFunction(llvm::Function* f, Span span, const std::string& name);
  void debugLocation(Span span);
  void debugLocation(const tir::Node& x);  // with the inlined calls it came from
  void debugVariable(VarId v, unsigned argNo);
  void debugCaptures();
  llvm::DIType* debugType(Rep rep);
  llvm::DILocation* inlinedAt(uint32_t site);
  llvm::DISubprogram* inlinedSubprogram(FnId callee);
  llvm::DIFile* debugFile(Span span);

  // ---- runtime declarations
  llvm::FunctionCallee rt(const char* name);

  // ---- expr.cpp
  LVal lower(NodeId n);
  LVal lowerNode(NodeId n);
  void lowerTail(NodeId n);            // lowers n in tail position and returns its value
  void ret(LVal v);
  LVal lowerIf(NodeId n, bool tail);
  LVal lowerSeq(NodeId n, bool tail);
  LVal lowerLet(NodeId n, bool tail);
  LVal lowerLetrec(NodeId n, bool tail);
  LVal readLocal(NodeId n);
  LVal readEnv(NodeId n);
  LVal readGlobal(NodeId n);
  void checkUnbound(llvm::Value* tagged, Sym name, Span span);
  void bindVar(VarId v, LVal init);             // a binding occurrence (let, pattern)
  void assignVar(VarId v, LVal value);          // set! of a local
  llvm::Value* allocClosure(NodeId n);          // a MakeClosure's object, captures not yet stored
  void storeCaptures(NodeId n, llvm::Value* closure);
  llvm::Value* envSlot(uint32_t index);         // address of self->free[index]
  const tir::Function& F() const { return p_.fns[fn_.id]; }
  const tir::Node& N(NodeId n) const { return p_.fns[fn_.id][n]; }

  // ---- patterns.cpp
  LVal lowerMatch(NodeId n, bool tail);
  bool lowerMatchTree(NodeId n, bool tail, LVal& out);    // match_tree.cpp
  bool lowerMatchSwitch(NodeId n, bool tail, LVal& out);  // match_switch.cpp
  LVal lowerTry(NodeId n);
  LVal lowerThrow(NodeId n);
  void matchPattern(PatId p, LVal v, llvm::BasicBlock* fail);
  void prepareOrVars(PatId p);
  Rep bindingRep(PatId p);
  llvm::Value* literalTest(LVal v, uint32_t lit);  // i1: v equal? to the literal
  llvm::Value* pushTryFrame(llvm::BasicBlock* caught);
  // Stack slots of mutable variables; volatile in functions with try, so that values assigned
  // between _setjmp and a throw are seen after the longjmp.
  llvm::Value* loadSlot(const VarSlot& slot);
  void storeSlot(const VarSlot& slot, LVal v);
  llvm::AllocaInst* entryAlloca(llvm::Type* t, const char* name = "");

  // ---- effects.cpp
  bool handled(int32_t op) const;  // some handler in the program intercepts op's effect type
  LVal lowerEffect(NodeId n);
  LVal performOp(int32_t op, const std::vector<LVal>& args, Span span);
  LVal lowerHandler(NodeId n);
  llvm::Constant* effectFunction(int32_t op, const std::string& name, int32_t minArity, int32_t maxArity);

  // ---- lists.cpp: a non-empty list's first element (in representation `want`) and rest
  LVal listHead(llvm::Value* list, Rep want);
  bool lowerVectorBuiltin(NodeId n, int32_t id, const std::vector<LVal>& args, LVal& out);
  bool lowerForeignCall(NodeId n, const std::vector<LVal>& args, LVal& out);
  void lbPush(llvm::Value* lb, LVal v, Rep outRep);
  void forEachVectorElement(llvm::Value* v, Rep elemRep, const std::function<void(LVal)>& body);
  LVal slotValue(llvm::Value* raw, llvm::Value* kind, Rep want, const char* what);
  LVal vectorSlot(llvm::Value* vp, llvm::Value* idx, llvm::Value* kind, uint32_t known, Rep want);
  uint32_t knownVectorKind() const;
  llvm::Value* listTail(llvm::Value* list);

  // ---- loops.cpp
  LVal lowerKernelCall(NodeId n, int32_t id, const std::vector<LVal>& args, FnId k);
  // Runs body for every element of a list value, converted to elemRep.
  void forEachElement(llvm::Value* list, Rep elemRep, const std::function<void(LVal)>& body);

  // ---- calls.cpp: each returns the call's value, or {} when it already returned (musttail)
  LVal lowerBuiltinCall(NodeId n, bool tail);
  LVal lowerTailApply(NodeId n, const std::vector<LVal>& args);
  bool lowerInlineBuiltin(NodeId n, int32_t id, const std::vector<LVal>& args, LVal& out);
  LVal arith(int32_t id, LVal a, LVal b, Span span);
  LVal compare(int32_t id, LVal a, LVal b, Span span);
  LVal intDivision(int32_t id, llvm::Value* a, llvm::Value* b, Span span);
  LVal callBuiltinGeneric(int32_t id, const std::vector<LVal>& args, NodeId n);
  LVal lowerDirectCall(NodeId n, bool tail);
  LVal speculateInts(NodeId n, llvm::Value* self, const std::vector<LVal>& vals);
  LVal lowerUnknownCall(NodeId n, bool tail);
  LVal failArity(llvm::Value* fnValue, size_t argc, NodeId n);
  llvm::Value* argArray(const std::vector<llvm::Value*>& tagged);  // ptr to a stack array
  llvm::CallInst* tailcc(llvm::CallInst* c);

  // ---- bits.cpp: §20.2 bitwise operations on Int operands
  bool lowerInlineBits(NodeId n, int32_t id, const std::vector<LVal>& args, LVal& out);
  llvm::Value* shiftLeftChecked(llvm::Value* n, llvm::Value* k, llvm::Value* isLeft, Span span, const char* who);
  llvm::Value* shiftRight(llvm::Value* n, llvm::Value* k);
  void failIf(llvm::Value* bad, int kind, Span span, const char* message);

  const tir::Program& p_;
  const Interner& names_;
  const SourceManager& sm_;
  llvm::LLVMContext& ctx_;
  llvm::TargetMachine& tm_;
  Options opts_;
  std::unique_ptr<llvm::Module> mod_;
  llvm::IRBuilder<> b_;

  llvm::Type* i64_;
  llvm::Type* i32_;
  llvm::Type* i8_;
  llvm::Type* ptr_;
  llvm::Type* f64_;
  llvm::Type* i1_;
  llvm::StructType* hdrTy_;
  llvm::GlobalVariable* globals_ = nullptr;  // [N x i64] module-level variables
  llvm::GlobalVariable* curLoc_ = nullptr;   // flrt_current_loc
  std::unordered_map<uint32_t, llvm::Constant*> staticLits_;
  std::unordered_map<std::string, llvm::Constant*> symbols_, keywords_;

  std::vector<llvm::Function*> fnDecls_;
  std::vector<llvm::Function*> fixedEntries_;
  std::vector<llvm::Function*> arrayEntries_;
  std::vector<llvm::Function*> restArrayEntries_;
  std::unordered_map<std::string, llvm::Constant*> strings_;
  std::unordered_map<std::string, llvm::Constant*> cstrings_;
  std::map<uint64_t, llvm::Constant*> floats_;
  std::map<int64_t, llvm::Constant*> ints_;
  std::map<std::pair<int32_t, std::string>, llvm::Constant*> builtinObjs_;
  std::unordered_map<ast::LambdaId, llvm::Constant*> staticClosures_;
  std::unordered_map<std::string, llvm::Constant*> ctorFns_, taggedConsts_;
  std::unordered_map<uint32_t, llvm::Constant*> locations_;
  std::unordered_map<std::string, llvm::Function*> helpers_;
  std::unique_ptr<llvm::DIBuilder> di_;
  llvm::DICompileUnit* diUnit_ = nullptr;
  std::unordered_map<uint32_t, llvm::DIFile*> diFiles_;
  llvm::DISubprogram* diScope_ = nullptr;
  std::unordered_map<FnId, llvm::DISubprogram*> diInlined_;  // subprograms of inlined functions
  std::vector<llvm::DILocation*> diSites_;                   // this function's inline sites
  llvm::DIType* diTypes_[4] = {};                            // by Rep: -g variables' types

  // Per-function state.
  struct FnState {
    FnId id = tir::kNone;
    llvm::Function* fn = nullptr;
    llvm::Value* self = nullptr;  // ptr to the running closure (may be null for direct calls)
    Rep retRep = Rep::Tagged;
    std::vector<VarSlot> vars;    // by TIR variable
    bool hasTry = false;
    llvm::AllocaInst* argv = nullptr;  // scratch array for runtime calls
    unsigned argvSize = 0;
  } fn_;
};

}  // namespace fl::lower
