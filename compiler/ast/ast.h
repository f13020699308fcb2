// The core AST: the output of expand, annotated in place by resolve. Nodes, variables, lambdas
// and literals live in vectors of one Module and are addressed by 32-bit ids.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/interner.h"
#include "base/source.h"
#include "llvm/ADT/SmallVector.h"

namespace fl::ast {

using NodeId = uint32_t;
using VarId = uint32_t;
using LambdaId = uint32_t;
using LitId = uint32_t;
constexpr uint32_t kNone = UINT32_MAX;

enum class NodeKind : uint8_t {
#define NODE(kind, name) kind,
#include "ast/nodes.def"
#undef NODE
};
const char* nodeKindName(NodeKind k);

using PatId = uint32_t;

struct Node {
  NodeKind kind;
  bool tail = false;  // in tail position of its lambda (set by resolve)
  Span span;
  uint32_t a = kNone;  // var / lambda / literal / builtin id, by kind (nodes.def)
  Sym sym;             // Name: the identifier; BuiltinRef: the name used
  llvm::SmallVector<NodeId, 3> kids;
  llvm::SmallVector<VarId, 1> vars;  // Letrec
  llvm::SmallVector<PatId, 0> pats;  // Match, Try
};

// Patterns of match and catch clauses (LANGUAGE.md §9).
enum class PatKind : uint8_t {
  Wildcard,    // _
  Var,         // x: a = var
  Literal,     // a = literal (numbers match numerically, `1` matches `1.0`)
  NilOrEmpty,  // nil: matches nil or ()
  EmptyList,   // Nil, [], (list)
  Ctor,        // (C p...): tag, kids
  Cons,        // (cons ph pt): kids = {head, tail}
  List,        // [p...]: exactly that many elements
  Or,          // kids: alternatives (binding the same variables)
  As,          // (as x p): a = var, kids = {p}
  Guard,       // (when p expr): kids = {p}, expr
  Range,       // (.. lo hi) / (..= lo hi): a = lo literal, b = hi literal
  View,        // (view f p): expr = f, kids = {p}
};

struct Pattern {
  Pattern(PatKind k, Span s) : kind(k), span(s) {}
  PatKind kind;
  Span span;
  uint32_t a = kNone;
  uint32_t b = kNone;
  bool inclusive = false;
  Sym tag;
  std::vector<PatId> kids;
  NodeId expr = kNone;
};

enum class LitKind : uint8_t { Int, Float, Bool, Nil, String, EmptyList, Symbol, Keyword, List, Tagged };

// A constant value: an atom, or quoted data (§6 quote). Symbol/Keyword keep their name in `s`;
// a List holds the literal ids of its elements; Tagged is a nullary tagged value (tag in `s`).
struct Literal {
  explicit Literal(LitKind k) : kind(k) {}
  LitKind kind;
  int64_t i = 0;
  double f = 0;
  bool b = false;
  std::string s;
  std::vector<uint32_t> items;
  bool operator==(const Literal&) const = default;
};

enum class VarKind : uint8_t { Global, Local, Param };

struct Var {
  Sym name;
  Span span;                 // the binding occurrence
  VarKind kind;
  LambdaId owner = kNone;    // the lambda whose frame holds it (module init lambda for globals)
  uint32_t slot = kNone;     // Global: index in the globals array
  uint32_t defineCount = 0;  // Define nodes for it (module level: a repeated define acts as set!)
  bool assigned = false;     // target of set! (or of a repeated module-level define)
  bool captured = false;     // referenced from a lambda other than its owner
  bool hoisted = false;      // initialized on scope entry with a lambda (§2.2)
  LambdaId knownLambda = kNone;  // hoisted: the lambda it always holds
  // Captured variables that can change after a closure captured them live in a heap box:
  // assigned ones, and body/letrec ones initialized by a (non-hoisted) define.
  bool boxed() const { return kind != VarKind::Global && captured && (assigned || (defineCount > 0 && !hoisted)); }
};

struct Lambda {
  Sym name;                  // the bound name when the lambda is directly the value of a binding
  Span span;
  std::vector<VarId> params;
  bool rest = false;         // the last parameter is a rest parameter (`. r`, §20.3)
  NodeId body = kNone;
  NodeId node = kNone;       // the Lambda node that creates it
  LambdaId parent = kNone;   // enclosing lambda (kNone for the module init lambda)
  std::vector<VarId> freeVars;  // captured variables, in first-use order (set by resolve)
};

// A constructor declared by `data` or `define-type` (§8).
struct CtorDecl {
  std::string type;  // the declared type's name
  uint32_t arity = 0;
  Span span;
  std::vector<std::string> fields;  // define-type field names ("" for data)
};

// One source file of the program: its module scope and what it exports (§13).
struct FileUnit {
  std::string path;
  NodeId body = kNone;                                   // the file's top-level forms (a Seq)
  std::unordered_map<uint32_t, VarId> scope;             // Sym id -> definitions and imported names
  std::unordered_set<uint32_t> imported;                 // Sym ids bound by imports (read-only)
  std::unordered_map<std::string, VarId> exports;        // exported name -> variable
  std::unordered_map<std::string, std::vector<uint32_t>> qualifiers;  // Q of Q.x -> files
  std::unordered_map<std::string, CtorDecl> ctors;       // declared constructors by name
  std::vector<std::pair<VarId, Span>> pureContracts;     // functions declared :pure #t (§15)
  std::unordered_set<std::string> inheritedCtors;        // from earlier REPL entries (redeclarable)
  // Q.x of modules imported by earlier REPL entries: Q -> exported name -> variable.
  std::unordered_map<std::string, std::unordered_map<std::string, VarId>> inheritedQualified;
};

// What one entry of a REPL session (flc repl) sees of the entries before it: the global slots
// they used (slots 0..slots-1 of the session's globals array, shared by every entry), the names
// the session's scope binds to them, and the constructors they declared.
struct SessionScope {
  uint32_t slots = 0;
  std::unordered_map<std::string, uint32_t> names;  // name -> slot
  std::unordered_set<std::string> imported;         // names bound by imports (read-only)
  // Modules already run, by canonical path: an entry that imports one again binds its exports
  // instead of running it again (a module runs once, §13). Exported name -> slot.
  std::unordered_map<std::string, std::unordered_map<std::string, uint32_t>> modules;
  std::unordered_map<std::string, std::unordered_map<std::string, uint32_t>> qualified;  // Q -> x -> slot
  std::unordered_map<std::string, CtorDecl> ctors;
  bool printValues = false;  // the entry prints the value of each top-level expression (write form)
};

// A C function declared by define-foreign (§20.7): the driver checks that a linked library
// defines `symbol`; resolve rejects set! of `var`.
struct Foreign {
  VarId var;
  std::string symbol;
  Span span;  // of the SYMBOL string
};

struct Module {
  std::vector<FileUnit> files;  // in initialization order, the main file last
  std::vector<Foreign> foreigns;
  uint32_t handledEffects = 0;  // bit per effect type some handler form has an entry for
  std::vector<Node> nodes;
  std::vector<Var> vars;
  std::vector<Lambda> lambdas;
  std::vector<Literal> literals;
  std::vector<Pattern> patterns;
  std::vector<VarId> globals;   // module-level variables in slot order
  LambdaId init = kNone;        // the lambda whose body runs every file's top level in order
  // One entry of a REPL session: globals 0..sessionSlots-1 belong to earlier entries, and any
  // global may be read or assigned by entries compiled later. So no global has a known value,
  // lambda or type, and no whole-program fact (constructor fields, vector slots, which effects
  // are handled: the session sets handledEffects) may be assumed: later entries' code meets
  // this entry's values.
  bool sessionEntry = false;
  uint32_t sessionSlots = 0;

  Node& operator[](NodeId id) { return nodes[id]; }
  const Node& operator[](NodeId id) const { return nodes[id]; }

  NodeId add(NodeKind k, Span span) {
    nodes.push_back(Node{k, false, span, kNone, Sym{}, {}, {}, {}});
    return static_cast<NodeId>(nodes.size() - 1);
  }
  PatId addPattern(Pattern p) {
    patterns.push_back(std::move(p));
    return static_cast<PatId>(patterns.size() - 1);
  }
  LitId addLiteral(Literal lit) {
    literals.push_back(std::move(lit));
    return static_cast<LitId>(literals.size() - 1);
  }
  NodeId addConst(Literal lit, Span span) {
    NodeId n = add(NodeKind::Const, span);
    nodes[n].a = addLiteral(std::move(lit));
    return n;
  }
  VarId addVar(Sym name, Span span, VarKind kind, LambdaId owner) {
    Var v;
    v.name = name;
    v.span = span;
    v.kind = kind;
    v.owner = owner;
    vars.push_back(v);
    return static_cast<VarId>(vars.size() - 1);
  }
};

// Calls f(child) for every direct child expression of node n: its kids and the guard and view
// expressions of its patterns (match and catch clauses).
template <typename F>
void forEachChild(const Module& m, NodeId n, F&& f) {
  for (NodeId k : m[n].kids) f(k);
  std::vector<PatId> pats(m[n].pats.begin(), m[n].pats.end());
  while (!pats.empty()) {
    const Pattern& p = m.patterns[pats.back()];
    pats.pop_back();
    if (p.expr != kNone) f(p.expr);
    pats.insert(pats.end(), p.kids.begin(), p.kids.end());
  }
}

// The lambda whose body contains each node (nested lambdas' bodies belong to them); kNone for
// nodes no lambda body reaches (e.g. left behind by the optimizer).
std::vector<LambdaId> nodeOwners(const Module& m);

// Human-readable dump of a module (--emit=core).
std::string dumpModule(const Module& m, const Interner& names, const SourceManager& sm);
// Writes a literal as the language's write form (dumps, constant names).
std::string literalToString(const Module& m, const Literal& lit);
std::string literalToString(const std::vector<Literal>& literals, const Literal& lit);

}  // namespace fl::ast
