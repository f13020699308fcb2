// The typed middle IR (DESIGN.md §1, docs/tir.md): one Function per specialised instance that
// infer found, each a tree of typed nodes in its own vectors (Zig's AIR, OCaml Flambda). Every
// node carries its type, its representation and its effects; calls name their target function;
// closures are explicit (MakeClosure with its captured values, Env reads, Self); representation
// changes are explicit Box / Unbox nodes. Built by infer (tir::build), rewritten by the passes
// of optimize/, translated by lower.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "base/interner.h"
#include "base/source.h"
#include "infer/types.h"
#include "llvm/ADT/SmallVector.h"

namespace fl::tir {

using NodeId = uint32_t;
using VarId = uint32_t;
using FnId = uint32_t;
using PatId = uint32_t;
using infer::TypeId;
constexpr uint32_t kNone = UINT32_MAX;

enum class Op : uint8_t {
#define OP(name, text) name,
#include "tir/ops.def"
#undef OP
};
const char* opName(Op op);

// How a value is held: the tagged 64-bit word of rt.h, or unboxed.
enum class Rep : uint8_t { Tagged, Int, Float, Bool };
const char* repName(Rep r);
Rep repOf(const infer::TypeTable& t, TypeId type);

// Effect bits (infer.h): the one purity query of the optimizer is Program::isPure.
struct Node {
  Op op;
  Rep rep = Rep::Tagged;
  bool tail = false;  // in tail position of its function
  TypeId type = 0;
  uint32_t effects = 0;
  Span span;
  uint32_t scope = kNone;  // the inlined call this node came from (Function::inlineSites), or kNone
  uint32_t a = kNone, b = kNone, c = kNone;
  Sym sym;
  llvm::SmallVector<NodeId, 3> kids;
  llvm::SmallVector<uint32_t, 0> vars;  // Letrec: variables; Handler: entry keys
  llvm::SmallVector<PatId, 0> pats;     // Match, Try
};

// Where a variable lives: an immutable value, a stack slot (assigned, or initialized by a define
// that may run late), or a heap box shared with closures (captured and mutable).
enum class Storage : uint8_t { Value, Slot, Box };

struct Var {
  Sym name;
  Span span;
  TypeId type = 0;
  Rep rep = Rep::Tagged;
  Storage storage = Storage::Value;
  bool checked = false;  // may be read before its define ran: reads test for unbound (§2.2)
  ast::VarId origin = kNone;
};

// A free variable of a function, read from the running closure's environment.
struct Capture {
  Sym name;
  TypeId type = 0;
  Rep rep = Rep::Tagged;
  bool boxed = false;    // the environment holds a box (the variable can change after capture)
  bool checked = false;  // may be unbound when read
  ast::VarId origin = kNone;
};

// A call the inliner replaced by a copy of the callee's body: debug information and backtraces
// show the copied nodes as a frame of `callee` called at `call` (DWARF inlined subroutines).
struct InlineSite {
  uint32_t callee;          // FnId of the inlined function
  Span call;                // where it was called
  uint32_t parent = kNone;  // the site the call itself was inlined from, or kNone
};

struct Function {
  std::string name;  // "fib", "fib#2": dumps and symbol names
  ast::LambdaId lambda = kNone;
  Span span;
  std::vector<VarId> params;
  std::vector<Capture> captures;  // the layout of the lambda's closures
  std::vector<Var> vars;
  std::vector<Node> nodes;
  std::vector<ast::Pattern> patterns;  // as ast::Pattern, with this function's variables and nodes
  std::vector<InlineSite> inlineSites;  // Node::scope indexes these
  TypeId ret = 0;
  Rep retRep = Rep::Tagged;
  uint32_t effects = 0;
  NodeId body = kNone;
  bool generic = false;  // the entry of its lambda's closure values (all-tagged arguments)
  bool dead = false;     // removed by a pass: no longer emitted

  Node& operator[](NodeId n) { return nodes[n]; }
  const Node& operator[](NodeId n) const { return nodes[n]; }
  NodeId add(Node n) {
    nodes.push_back(std::move(n));
    return static_cast<NodeId>(nodes.size() - 1);
  }
  VarId addVar(Var v) {
    vars.push_back(v);
    return static_cast<VarId>(vars.size() - 1);
  }
};

// The closure values of one lambda: every MakeClosure of it builds this shape.
struct Closure {
  Sym name;                 // printed as #<function NAME> (empty: anonymous)
  uint32_t arity = 0;       // parameters of the fixed entry (with the rest list, if any)
  bool rest = false;        // the last parameter gets the arguments after the others (§20.3)
  FnId entry = kNone;       // the generic function called through the closure (kNone: never escapes)
  std::vector<Capture> captures;
};

struct Global {
  Sym name;
  TypeId type = 0;
  uint32_t initial = kNone;  // a literal the variable holds from the start (const-globals)
};

struct Program {
  infer::TypeTable types;
  std::vector<ast::Literal> literals;
  std::vector<Function> fns;
  std::vector<Closure> closures;  // by lambda id
  std::vector<Global> globals;    // by slot
  FnId init = kNone;              // runs every file's top level in order
  uint32_t handledEffects = 0;    // bit per effect type some handler intercepts
  bool sessionEntry = false;      // one entry of a REPL session (ast::Module::sessionEntry)
  uint32_t sessionSlots = 0;      // globals 0..sessionSlots-1 are earlier entries'
  TypeId vectorElem = 0;          // infer::Program::vectorElem
  // Constructors (name, arity) whose Float fields may be stored raw: a Construct's kid i has the
  // Float representation only where bit i is set (infer::Program::rawFloatFields).
  std::map<std::pair<uint32_t, uint32_t>, uint32_t> rawFloatFields;  // (Sym id, arity) -> mask
  uint32_t rawFields(Sym tag, size_t arity) const {
    auto it = rawFloatFields.find({tag.id, static_cast<uint32_t>(arity)});
    return it == rawFloatFields.end() ? 0 : it->second;
  }

  // The single query that decides whether code may be dropped, moved or folded: the node's
  // inferred effects are harmless (allocation at most).
  bool isPure(const Function& f, NodeId n) const;
  uint32_t addLiteral(ast::Literal lit);
  uint32_t nilLiteral();  // one shared nil literal

 private:
  uint32_t nilLit_ = kNone;
};

std::string dump(const Program& p, const Interner& names, const SourceManager& sm);
std::string dumpFunction(const Program& p, FnId f, const Interner& names, const SourceManager& sm);

// Checks the invariants of docs/tir.md; returns the problems found (empty: valid).
std::vector<std::string> verify(const Program& p);

// Calls f(kid) for every direct child expression of node n, including the guard and view
// expressions of its patterns.
template <typename F>
void forEachChild(const Function& fn, NodeId n, F&& f) {
  for (NodeId k : fn[n].kids) f(k);
  std::vector<PatId> pats(fn[n].pats.begin(), fn[n].pats.end());
  while (!pats.empty()) {
    const ast::Pattern& p = fn.patterns[pats.back()];
    pats.pop_back();
    if (p.expr != kNone) f(p.expr);
    pats.insert(pats.end(), p.kids.begin(), p.kids.end());
  }
}

}  // namespace fl::tir
