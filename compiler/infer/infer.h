// infer: whole-program type and effect inference (DESIGN.md §3). Abstract interpretation over the
// lattice of types.h: every lambda is analysed once per distinct tuple of argument types at its
// direct call sites (an *instance*, Julia-style specialisation), with a cap per lambda beyond
// which calls use the generic all-Any instance. The result, the typed program, gives every node of
// every instance a type and an effect set, and every resolvable call its target instance.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "ast/ast.h"
#include "base/source.h"
#include "infer/types.h"

namespace fl::infer {

// Effect bits: the FL_FX_* bits of builtins.def plus analysis-only bits.
enum Effect : uint32_t {
  FxIo = 1,
  FxState = 2,
  FxTime = 4,
  FxRandom = 8,
  FxThrow = 16,
  FxFail = 32,       // may raise a runtime error
  FxSpawn = 64,
  FxExit = 128,
  FxDiverge = 512,   // may not terminate (recursion, unknown calls)
  FxMutate = 1024,   // assigns a variable (set!, define)
  FxAlloc = 2048,
  FxForeign = 4096,  // calls a C function not declared :pure (§20.7)
  FxAll = FxIo | FxState | FxTime | FxRandom | FxThrow | FxFail | FxSpawn | FxExit | FxDiverge | FxMutate | FxAlloc |
          FxForeign,
};
std::string effectsToString(uint32_t fx);
// Effects that forbid removing, moving or folding an expression.
constexpr uint32_t kImpure = FxAll & ~FxAlloc;

using InstanceId = uint32_t;
constexpr InstanceId kNoInstance = UINT32_MAX;

struct Instance {
  ast::LambdaId lambda;
  std::vector<TypeId> args;
  bool generic = false;       // all-Any arguments: the entry of the lambda's closure values
  TypeId ret = 0;
  uint32_t effects = 0;
  std::unordered_map<ast::NodeId, TypeId> types;
  std::unordered_map<ast::NodeId, uint32_t> nodeEffects;
  std::unordered_map<ast::NodeId, InstanceId> targets;  // Call node -> callee instance
  // map / filter / for-each / fold call node -> instance of its function argument, which the
  // lowered loop calls directly for every element (see infer.cpp, "kernels").
  std::unordered_map<ast::NodeId, InstanceId> kernels;
  // Call node -> instance for the same call with its Int|Float arguments narrowed to Int, used
  // when those arguments are fixnums at run time (not in tail position).
  std::unordered_map<ast::NodeId, InstanceId> fastTargets;
  std::unordered_map<ast::VarId, TypeId> locals;        // variables of this lambda
};

struct Program {
  TypeTable types;
  std::vector<Instance> instances;
  InstanceId init = kNoInstance;
  std::vector<TypeId> globals;                     // by global slot
  std::vector<std::vector<InstanceId>> byLambda;   // instances of each lambda
  std::vector<bool> escapes;                       // lambda values that can reach unknown code
  std::vector<bool> mayRecurse;                    // lambda is in a cycle of known calls
  // The types of each lambda's free variables (Lambda::freeVars order): the join of what every
  // closure of it captured, where it was created. Boxed (mutable) captures are Any.
  std::vector<std::vector<TypeId>> captures;
  // The elements of every vector of the program (§20.1): exactly Float or Int means every
  // vector's slots are raw Floats / Ints (or it is empty).
  TypeId vectorElem = 0;
  // Constructors (name, arity) some of whose first FL_TAGGED_RAW_FIELDS fields hold a Float in
  // every construction of the program: bit i set = field i is stored as a raw double (rt.h).
  std::map<std::pair<std::string, uint32_t>, uint32_t> rawFloatFields;

  TypeId typeOf(InstanceId i, ast::NodeId n) const;
  uint32_t effectsOf(InstanceId i, ast::NodeId n) const;
  // The one query the optimizer uses to decide whether an expression may be dropped or folded:
  // its inferred effects are harmless and it is structurally side-effect free.
  bool isPure(InstanceId i, ast::NodeId n) const { return (effectsOf(i, n) & kImpure) == 0; }
  InstanceId genericInstance(ast::LambdaId l) const;
};

Program infer(const ast::Module& m, const Interner& names);

std::string dumpTyped(const Program& p, const ast::Module& m, const Interner& names, const SourceManager& sm);
std::string dumpEffects(const Program& p, const ast::Module& m, const Interner& names);
// "fib", "fib#2" (instance names used in dumps and IR symbols)
std::string instanceName(const Program& p, const ast::Module& m, const Interner& names, InstanceId i);
// "fib (n: Int) -> Int", as --emit=effects prints it ([entry] for the closure's generic one).
std::string signature(const Program& p, const ast::Module& m, const Interner& names, InstanceId i);

}  // namespace fl::infer
