// Internal state of the lower step, shared by its files:
//   lowerer.cpp   module-level driver: instance functions, closure entries, fl_program_main
//   values.cpp    representations, boxing/unboxing, truthiness, static objects, locations
//   expr.cpp      expressions and variables
//   calls.cpp     calls: inline builtin operations, direct instance calls, unknown callees
//   loops.cpp     inline loops for map/filter/for-each/fold with a known function
#pragma once

#include <functional>
#include <map>
#include <unordered_map>

#include "lower/lower.h"
#include "llvm/IR/DIBuilder.h"
#include "llvm/IR/IRBuilder.h"

namespace fl::lower {

enum class Rep : uint8_t { Tagged, Int, Float, Bool };
const char* repName(Rep r);

struct LVal {
  llvm::Value* v = nullptr;
  Rep rep = Rep::Tagged;
};

// Where a variable lives while a function runs.
struct VarSlot {
  enum Kind : uint8_t { Value, Alloca, Box } kind = Value;
  llvm::Value* v = nullptr;  // Value: the value; Alloca: the slot; Box: the box pointer (ptr)
  Rep rep = Rep::Tagged;     // Value/Alloca: representation; Box: always Tagged
};

class Lowerer {
 public:
  Lowerer(const ast::Module& m, const infer::Program& p, const Interner& names, const SourceManager& sm,
          llvm::LLVMContext& ctx, llvm::TargetMachine& tm, const Options& opts);
  std::unique_ptr<llvm::Module> run();

 private:
  // ---- lowerer.cpp
  void declareInstances();
  void defineInstance(infer::InstanceId i);
  void defineEntries(ast::LambdaId l);
  void defineProgramMain();
  llvm::FunctionType* instanceType(infer::InstanceId i);
  Rep retRep(infer::InstanceId i) const { return repOf(p_.instances[i].ret); }
  // The closure's fixed (tailcc, all tagged) and array (C ABI) entries; null if it never escapes.
  llvm::Constant* fixedEntry(ast::LambdaId l);
  llvm::Constant* arrayEntry(ast::LambdaId l);

  // ---- values.cpp
  Rep repOf(infer::TypeId t) const;
  llvm::Type* llvmType(Rep r);
  LVal coerce(LVal v, Rep to);                 // convert between representations (types agree)
  llvm::Value* toTagged(LVal v) { return coerce(v, Rep::Tagged).v; }
  llvm::Value* truthy(LVal v);                 // i1
  LVal constant(ast::LitId lit);
  // Quoted data (symbols, keywords, lists) is built once at program start into fl.consts.
  llvm::Value* constSlot(ast::LitId lit);        // the tagged value, loaded from its slot
  llvm::Value* materialize(ast::LitId lit, std::vector<bool>& done);  // fl_program_main prologue
  void defineConstants();
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

  // ---- debug information (-g)
  void debugStartFunction(llvm::Function* f, Span span, const std::string& name);
  void debugLocation(Span span);
  llvm::DIFile* debugFile(Span span);

  // ---- runtime declarations
  llvm::FunctionCallee rt(const char* name);

  // ---- expr.cpp
  LVal lower(ast::NodeId n);
  void lowerTail(ast::NodeId n);            // lowers n in tail position and returns its value
  void ret(LVal v);
  LVal lowerIf(ast::NodeId n, bool tail);
  LVal lowerSeq(ast::NodeId n, bool tail);
  LVal lowerLet(ast::NodeId n, bool tail);
  LVal lowerLetrec(ast::NodeId n, bool tail);
  LVal lowerDefine(ast::NodeId n);
  LVal lowerSet(ast::NodeId n);
  LVal readVar(ast::VarId v, ast::NodeId at);
  void writeVar(ast::VarId v, LVal value, ast::NodeId at);
  LVal lowerLambda(ast::LambdaId l);
  llvm::Value* makeClosure(ast::LambdaId l);      // tagged closure value (static or allocated)
  llvm::Value* freeValueForCapture(ast::VarId v);  // what a new closure stores for v
  llvm::Value* envSlot(uint32_t index);           // address of self->free[index]
  infer::TypeId typeOf(ast::NodeId n) const { return p_.typeOf(fn_.inst, n); }
  Rep repAt(ast::NodeId n) const { return repOf(typeOf(n)); }

  // ---- patterns.cpp
  LVal lowerMatch(ast::NodeId n, bool tail);
  bool lowerMatchTree(ast::NodeId n, bool tail, LVal& out);  // match_tree.cpp
  LVal lowerTry(ast::NodeId n);
  LVal lowerThrow(ast::NodeId n);
  void matchPattern(ast::PatId p, LVal v, llvm::BasicBlock* fail);
  void bindPatternVar(ast::VarId v, LVal value);
  void prepareOrVars(ast::PatId p);
  llvm::Value* pushTryFrame(llvm::BasicBlock* caught);
  // Stack slots of mutable variables; volatile in functions with try, so that values assigned
  // between _setjmp and a throw are seen after the longjmp.
  llvm::Value* loadSlot(const VarSlot& slot);
  void storeSlot(const VarSlot& slot, LVal v);

  // ---- effects.cpp
  bool handled(int32_t op) const;  // some handler in the program intercepts op's effect type
  LVal lowerEffect(ast::NodeId n);
  LVal performOp(int32_t op, const std::vector<LVal>& args, ast::NodeId n);
  LVal lowerHandler(ast::NodeId n);
  llvm::Constant* effectFunction(int32_t op, const std::string& name, int32_t minArity, int32_t maxArity);

  // ---- loops.cpp
  LVal lowerKernelCall(ast::NodeId n, int32_t id, const std::vector<LVal>& args, infer::InstanceId k);
  // Runs body for every element of a list value, converted to elemRep.
  void forEachElement(llvm::Value* list, Rep elemRep, const std::function<void(LVal)>& body);

  // ---- calls.cpp
  LVal lowerCall(ast::NodeId n, bool tail);
  LVal lowerBuiltinCall(ast::NodeId n, int32_t id, bool tail);
  LVal lowerTailApply(ast::NodeId n, const std::vector<LVal>& args);
  bool lowerInlineBuiltin(ast::NodeId n, int32_t id, const std::vector<LVal>& args, LVal& out);
  LVal arith(int32_t id, LVal a, LVal b, ast::NodeId n);
  LVal compare(int32_t id, LVal a, LVal b, ast::NodeId n);
  LVal intDivision(int32_t id, llvm::Value* a, llvm::Value* b, ast::NodeId n);
  LVal callBuiltinGeneric(int32_t id, const std::vector<LVal>& args, ast::NodeId n);
  LVal lowerDirectCall(ast::NodeId n, infer::InstanceId target, bool tail);
  LVal speculateInts(ast::NodeId n, llvm::Value* self, const std::vector<LVal>& vals, infer::InstanceId general,
                     infer::InstanceId ints);
  LVal lowerUnknownCall(ast::NodeId n, bool tail);
  LVal failArity(llvm::Value* fnValue, size_t argc, ast::NodeId n);
  llvm::Value* argArray(const std::vector<llvm::Value*>& tagged);  // ptr to a stack array
  llvm::CallInst* tailcc(llvm::CallInst* c);

  const ast::Module& m_;
  const infer::Program& p_;
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
  llvm::GlobalVariable* consts_ = nullptr;   // placeholder for [N x i64] fl.consts until run() ends
  std::vector<ast::LitId> constLits_;        // slot -> literal
  std::unordered_map<ast::LitId, uint32_t> constSlots_;

  std::vector<llvm::Function*> instFns_;
  std::vector<llvm::Function*> fixedEntries_;
  std::vector<llvm::Function*> arrayEntries_;
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

  // Per-function state.
  struct FnState {
    infer::InstanceId inst = infer::kNoInstance;
    ast::LambdaId lambda = ast::kNone;
    llvm::Function* fn = nullptr;
    llvm::Value* self = nullptr;  // ptr to the running closure (may be null for direct calls)
    Rep retRep = Rep::Tagged;
    std::unordered_map<ast::VarId, VarSlot> vars;
    bool hasTry = false;
    llvm::AllocaInst* argv = nullptr;  // scratch array for runtime calls
    unsigned argvSize = 0;
  } fn_;
};

}  // namespace fl::lower
