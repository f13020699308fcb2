// match compiled to a decision tree (a clause matrix specialised one test at a time, after
// Maranget): every part of the scrutinee is extracted at most once on any path and no test is
// repeated on a path, because each branch knows the outcome of the tests above it. Clause order
// is preserved (first match wins); a top-level guard is tried at the leaf of its clause, falling
// back to the remaining rows. Patterns whose evaluation order is observable elsewhere (views,
// nested guards) and or-patterns use the sequential lowering in patterns.cpp.
#include <cstddef>
#include <functional>
#include <map>
#include <tuple>

#include "fluentai/rt.h"
#include "lower/lowerer.h"

namespace fl::lower {

using ast::LitKind;
using ast::Literal;
using ast::PatKind;
using ast::Pattern;
using tir::kNone;

namespace {

constexpr size_t kMaxTreeTests = 2000;  // beyond this the sequential lowering is smaller
constexpr size_t kMaxTreeClauses = 400;  // building the tree copies rows: quadratic in clauses

// A part of the scrutinee: the root, a field of a tagged value, the head or tail of a cons.
struct Occ {
  int parent;
  enum Kind : uint8_t { Root, Field, Head, Tail } kind;
  uint32_t index;
  Sym tag{};           // Field: of a (tag ...) value with `arity` fields
  uint32_t arity = 0;
};

// A matrix cell: a pattern, or for list patterns [p...] the part after `skip` elements.
struct Cell {
  PatId pat = kNone;  // kNone: matches anything
  uint32_t skip = 0;
};

struct Row {
  std::vector<Cell> cells;
  std::vector<std::pair<VarId, int>> binds;
  uint32_t clause;
  NodeId guard = kNone;
};

struct Matrix {
  std::vector<int> occs;
  std::vector<Row> rows;
};

enum class TestKind : uint8_t { Tagged, Cons, Empty, NilOrEmpty, Literal, Range, None };

struct Test {
  TestKind kind = TestKind::None;
  Sym tag;
  uint32_t arity = 0;
  uint32_t lit = kNone, hi = kNone;
  bool inclusive = false;
};

bool atomic(const Literal& l) {
  switch (l.kind) {
    case LitKind::Int:
    case LitKind::Float:
    case LitKind::String:
    case LitKind::Bool:
    case LitKind::Symbol:
    case LitKind::Keyword: return true;
    default: return false;
  }
}

class TreeBuilder {
 public:
  TreeBuilder(const tir::Function& f, const std::vector<Literal>& literals) : f_(f), literals_(literals) {}

  // The tree applies when no pattern has an or, a view, a nested guard or a boxed variable.
  bool supported(PatId p, bool top) const {
    const Pattern& pat = f_.patterns[p];
    switch (pat.kind) {
      case PatKind::Or:
      case PatKind::View: return false;
      case PatKind::Guard: return top && supported(pat.kids[0], false);
      case PatKind::Var: return f_.vars[pat.a].storage != tir::Storage::Box;
      case PatKind::As: return f_.vars[pat.a].storage != tir::Storage::Box && supported(pat.kids[0], false);
      default:
        for (PatId k : pat.kids)
          if (!supported(k, false)) return false;
        return true;
    }
  }

  Test testOf(Cell c) const {
    Test t;
    if (c.pat == kNone) return t;
    const Pattern& p = f_.patterns[c.pat];
    switch (p.kind) {
      case PatKind::Ctor:
        t.kind = TestKind::Tagged;
        t.tag = p.tag;
        t.arity = static_cast<uint32_t>(p.kids.size());
        break;
      case PatKind::Cons: t.kind = TestKind::Cons; break;
      case PatKind::List: t.kind = c.skip < p.kids.size() ? TestKind::Cons : TestKind::Empty; break;
      case PatKind::EmptyList: t.kind = TestKind::Empty; break;
      case PatKind::NilOrEmpty: t.kind = TestKind::NilOrEmpty; break;
      case PatKind::Literal:
        // '() is the empty-list test (equal? to () is exactly that)
        t.kind = literals_[p.a].kind == LitKind::EmptyList ? TestKind::Empty : TestKind::Literal;
        t.lit = p.a;
        break;
      case PatKind::Range:
        t.kind = TestKind::Range;
        t.lit = p.a;
        t.hi = p.b;
        t.inclusive = p.inclusive;
        break;
      default: break;
    }
    return t;
  }

  bool litEqual(uint32_t a, uint32_t b) const {
    const Literal& x = literals_[a];
    const Literal& y = literals_[b];
    bool xn = x.kind == LitKind::Int || x.kind == LitKind::Float;
    bool yn = y.kind == LitKind::Int || y.kind == LitKind::Float;
    if (xn && yn) {
      if (x.kind == LitKind::Int && y.kind == LitKind::Int) return x.i == y.i;
      double dx = x.kind == LitKind::Int ? static_cast<double>(x.i) : x.f;
      double dy = y.kind == LitKind::Int ? static_cast<double>(y.i) : y.f;
      return dx == dy;
    }
    return x.kind == y.kind && x.s == y.s && x.b == y.b && x.i == y.i;
  }

  bool same(const Test& a, const Test& b) const {
    if (a.kind != b.kind) return false;
    switch (a.kind) {
      case TestKind::Tagged: return a.tag == b.tag && a.arity == b.arity;
      case TestKind::Literal: return atomic(literals_[a.lit]) && atomic(literals_[b.lit]) && litEqual(a.lit, b.lit);
      case TestKind::Range:
        return a.inclusive == b.inclusive && litEqual(a.lit, b.lit) && litEqual(a.hi, b.hi);
      default: return true;
    }
  }

  // a true implies b true
  bool implies(const Test& a, const Test& b) const {
    return same(a, b) || (a.kind == TestKind::Empty && b.kind == TestKind::NilOrEmpty);
  }

  bool disjoint(const Test& a, const Test& b) const {
    auto shapeOnly = [&](const Test& t) {  // tests that only structured values or nil pass
      return t.kind == TestKind::Tagged || t.kind == TestKind::Cons || t.kind == TestKind::Empty ||
             t.kind == TestKind::NilOrEmpty;
    };
    auto atomicLit = [&](const Test& t) { return t.kind == TestKind::Literal && atomic(literals_[t.lit]); };
    if (a.kind == TestKind::Tagged && b.kind == TestKind::Tagged) return !same(a, b);
    if (shapeOnly(a) && shapeOnly(b)) {
      if (a.kind == TestKind::Tagged || b.kind == TestKind::Tagged) return true;
      if (a.kind == TestKind::Cons || b.kind == TestKind::Cons) return a.kind != b.kind;
      return false;  // Empty / NilOrEmpty overlap
    }
    if ((shapeOnly(a) && (atomicLit(b) || b.kind == TestKind::Range)) ||
        (shapeOnly(b) && (atomicLit(a) || a.kind == TestKind::Range)))
      return true;
    if (atomicLit(a) && atomicLit(b)) return !same(a, b);
    return false;
  }

  // Sub-cells of a cell whose test passed.
  std::vector<Cell> decompose(Cell c) const {
    const Pattern& p = f_.patterns[c.pat];
    switch (p.kind) {
      case PatKind::Ctor: {
        std::vector<Cell> out;
        for (PatId k : p.kids) out.push_back({k, 0});
        return out;
      }
      case PatKind::Cons: return {{p.kids[0], 0}, {p.kids[1], 0}};
      case PatKind::List:
        if (c.skip < p.kids.size()) return {{p.kids[c.skip], 0}, {c.pat, c.skip + 1}};
        return {};
      default: return {};
    }
  }

  // Moves variable bindings out of a cell: x and (as x p) bind the occurrence.
  Cell normalize(Cell c, int occ, Row& row) {
    while (c.pat != kNone && c.skip == 0) {
      const Pattern& p = f_.patterns[c.pat];
      if (p.kind == PatKind::Var) {
        row.binds.push_back({p.a, occ});
        noteRep(occ, f_.vars[p.a].rep);
        return Cell{};
      }
      if (p.kind == PatKind::As) {
        row.binds.push_back({p.a, occ});
        noteRep(occ, f_.vars[p.a].rep);
        c = Cell{p.kids[0], 0};
        continue;
      }
      if (p.kind == PatKind::Wildcard) return Cell{};
      break;
    }
    return c;
  }

  // The representation an occurrence is best extracted in: that of the variables bound to it,
  // when they agree (an Int element then comes out of an Int list block unboxed).
  void noteRep(int occ, Rep r) {
    auto [it, fresh] = occRep_.emplace(occ, r);
    if (!fresh && it->second != r) it->second = Rep::Tagged;
  }
  Rep repFor(int occ) const {
    auto it = occRep_.find(occ);
    return it == occRep_.end() ? Rep::Tagged : it->second;
  }

  int subOcc(int parent, Occ::Kind kind, uint32_t index, const Test& t) {
    Sym tag = kind == Occ::Field ? t.tag : Sym{};
    uint32_t arity = kind == Occ::Field ? t.arity : 0;
    auto key = std::make_tuple(parent, static_cast<int>(kind), index, tag.id, arity);
    auto it = occIndex_.find(key);
    if (it != occIndex_.end()) return it->second;
    occs_.push_back({parent, kind, index, tag, arity});
    int id = static_cast<int>(occs_.size() - 1);
    occIndex_[key] = id;
    return id;
  }

  // The rows for the branch where test t on column col passed (or failed).
  Matrix specialize(const Matrix& m, size_t col, const Test& t, bool passed) {
    Matrix out;
    out.occs = m.occs;
    std::vector<int> subs;
    if (passed) {
      uint32_t n = t.kind == TestKind::Tagged ? t.arity : t.kind == TestKind::Cons ? 2 : 0;
      for (uint32_t i = 0; i < n; ++i)
        subs.push_back(subOcc(m.occs[col],
                              t.kind == TestKind::Tagged ? Occ::Field : (i == 0 ? Occ::Head : Occ::Tail), i, t));
      out.occs.insert(out.occs.end(), subs.begin(), subs.end());
    }
    for (const Row& r : m.rows) {
      Row row = r;
      Cell c = r.cells[col];
      Test p = testOf(c);
      std::vector<Cell> extra(subs.size());
      if (passed) {
        if (p.kind == TestKind::None) {
          // matches anything: the sub-parts are unconstrained
        } else if (same(p, t)) {
          std::vector<Cell> parts = decompose(c);
          for (size_t i = 0; i < parts.size() && i < extra.size(); ++i) extra[i] = parts[i];
          row.cells[col] = Cell{};
        } else if (implies(t, p)) {
          row.cells[col] = Cell{};
        } else if (disjoint(p, t)) {
          continue;
        }
      } else {
        if (p.kind != TestKind::None && implies(p, t)) continue;
      }
      for (size_t i = 0; i < extra.size(); ++i) extra[i] = normalize(extra[i], subs[i], row);
      row.cells.insert(row.cells.end(), extra.begin(), extra.end());
      out.rows.push_back(std::move(row));
    }
    return out;
  }

  // The number of tests the tree needs, stopping at `limit`.
  size_t size(const Matrix& m, size_t limit) {
    if (m.rows.empty() || limit == 0) return 0;
    const Row& r0 = m.rows[0];
    size_t col = firstRefutable(r0);
    if (col == SIZE_MAX) {
      if (r0.guard == kNone) return 0;
      Matrix rest = m;
      rest.rows.erase(rest.rows.begin());
      return 1 + size(rest, limit - 1);
    }
    Test t = testOf(r0.cells[col]);
    size_t a = size(specialize(m, col, t, true), limit - 1);
    if (a >= limit - 1) return limit;
    return 1 + a + size(specialize(m, col, t, false), limit - 1 - a);
  }

  static size_t firstRefutable(const Row& r) {
    for (size_t i = 0; i < r.cells.size(); ++i)
      if (r.cells[i].pat != kNone) return i;
    return SIZE_MAX;
  }

  const tir::Function& f_;
  const std::vector<Literal>& literals_;
  std::vector<Occ> occs_;
  std::map<std::tuple<int, int, uint32_t, uint32_t, uint32_t>, int> occIndex_;
  std::map<int, Rep> occRep_;
};

}  // namespace

// Implemented with the builder above; see lowerMatch for the sequential fallback.
bool Lowerer::lowerMatchTree(NodeId n, bool tail, LVal& out) {
  const tir::Node& x = N(n);
  if (x.pats.size() > kMaxTreeClauses) return false;
  TreeBuilder tb(F(), p_.literals);
  for (PatId p : x.pats)
    if (!tb.supported(p, true)) return false;

  tb.occs_.push_back({-1, Occ::Root, 0});
  Matrix initial;
  initial.occs = {0};
  for (uint32_t i = 0; i < x.pats.size(); ++i) {
    Row row;
    row.clause = i;
    PatId p = x.pats[i];
    if (F().patterns[p].kind == PatKind::Guard) {
      row.guard = F().patterns[p].expr;
      p = F().patterns[p].kids[0];
    }
    row.cells = {tb.normalize(Cell{p, 0}, 0, row)};
    initial.rows.push_back(std::move(row));
  }
  if (tb.size(initial, kMaxTreeTests) >= kMaxTreeTests) return false;

  // Pattern variables live in stack slots: several leaves may bind them for one clause body.
  std::function<void(PatId)> slots = [&](PatId p) {
    const Pattern& pat = F().patterns[p];
    if (pat.kind == PatKind::Var || pat.kind == PatKind::As) {
      Rep r = F().vars[pat.a].rep;
      fn_.vars[pat.a] = VarSlot{VarSlot::Alloca, entryAlloca(llvmType(r)), r};
    }
    for (PatId k : pat.kids) slots(k);
  };
  for (PatId p : x.pats) slots(p);

  LVal scrut = lower(x.kids[0]);
  Rep rep = x.rep;
  std::vector<llvm::BasicBlock*> actions;
  for (size_t i = 0; i < x.pats.size(); ++i) actions.push_back(llvm::BasicBlock::Create(ctx_, "clause", fn_.fn));
  auto* noMatch = llvm::BasicBlock::Create(ctx_, "match.none", fn_.fn);

  // value of an occurrence, computed once per tree path (the map is copied into each branch).
  using Values = std::map<int, LVal>;
  std::function<LVal(int, Values&)> value = [&](int occ, Values& vals) -> LVal {
    auto it = vals.find(occ);
    if (it != vals.end()) return it->second;
    const Occ& o = tb.occs_[occ];
    llvm::Value* parent = toTagged(value(o.parent, vals));
    switch (o.kind) {
      case Occ::Field: return vals[occ] = loadField(parent, o.tag, o.arity, o.index, tb.repFor(occ));
      case Occ::Head: return vals[occ] = listHead(parent, tb.repFor(occ));
      default: return vals[occ] = LVal{listTail(parent), Rep::Tagged};
    }
  };

  auto emitTest = [&](const Test& t, LVal v) -> llvm::Value* {
    switch (t.kind) {
      case TestKind::Tagged: {
        return isTaggedWith(toTagged(v), std::string(names_.str(t.tag)), t.arity);
      }
      case TestKind::Cons: {
        llvm::Value* tv = toTagged(v);
        return b_.CreateICmpEQ(b_.CreateAnd(tv, b_.getInt64(FL_TAG_MASK)), b_.getInt64(FL_TAG_LIST));
      }
      case TestKind::Empty: return b_.CreateICmpEQ(toTagged(v), taggedConst(FL_EMPTY));
      case TestKind::NilOrEmpty: {
        llvm::Value* tv = toTagged(v);
        return b_.CreateOr(b_.CreateICmpEQ(tv, taggedConst(FL_NIL)), b_.CreateICmpEQ(tv, taggedConst(FL_EMPTY)));
      }
      case TestKind::Literal: {
        const Literal& lit = p_.literals[t.lit];
        if ((lit.kind == LitKind::Int || lit.kind == LitKind::Float) && (v.rep == Rep::Int || v.rep == Rep::Float))
          return compare(FL_B_EQUAL, v, constant(t.lit), Span{}).v;
        return literalTest(v, t.lit);
      }
      case TestKind::Range: {
        llvm::Value* ok = b_.CreateCall(rt("flrt_match_range"), {toTagged(v), toTagged(constant(t.lit)),
                                                                toTagged(constant(t.hi)), b_.getInt32(t.inclusive)});
        return b_.CreateICmpNE(ok, b_.getInt32(0));
      }
      case TestKind::None: break;
    }
    return b_.getTrue();
  };

  std::function<void(const Matrix&, Values)> emit = [&](const Matrix& m, Values vals) {
    if (m.rows.empty()) {
      b_.CreateBr(noMatch);
      return;
    }
    const Row& r0 = m.rows[0];
    size_t col = TreeBuilder::firstRefutable(r0);
    if (col == SIZE_MAX) {
      for (auto [var, occ] : r0.binds) storeSlot(fn_.vars[var], value(occ, vals));
      if (r0.guard == kNone) {
        b_.CreateBr(actions[r0.clause]);
        return;
      }
      auto* next = llvm::BasicBlock::Create(ctx_, "guard.failed", fn_.fn);
      b_.CreateCondBr(truthy(lower(r0.guard)), actions[r0.clause], next);
      b_.SetInsertPoint(next);
      Matrix rest = m;
      rest.rows.erase(rest.rows.begin());
      emit(rest, vals);
      return;
    }
    Test t = tb.testOf(r0.cells[col]);
    llvm::Value* cond = emitTest(t, value(m.occs[col], vals));
    auto* yes = llvm::BasicBlock::Create(ctx_, "test.yes", fn_.fn);
    auto* no = llvm::BasicBlock::Create(ctx_, "test.no", fn_.fn);
    b_.CreateCondBr(cond, yes, no);
    Matrix passed = tb.specialize(m, col, t, true);
    Matrix failed = tb.specialize(m, col, t, false);
    b_.SetInsertPoint(yes);
    emit(passed, vals);
    b_.SetInsertPoint(no);
    emit(failed, vals);
  };
  Values root;
  root[0] = scrut;
  emit(initial, root);

  // The clause bodies, each once; the result merges here unless in tail position.
  auto* merge = tail ? nullptr : llvm::BasicBlock::Create(ctx_, "match.end", fn_.fn);
  std::vector<std::pair<llvm::Value*, llvm::BasicBlock*>> incoming;
  for (size_t i = 0; i < x.pats.size(); ++i) {
    b_.SetInsertPoint(actions[i]);
    if (actions[i]->hasNPredecessors(0)) {  // shadowed by earlier clauses
      b_.CreateUnreachable();
      continue;
    }
    if (tail) {
      lowerTail(x.kids[i + 1]);
    } else {
      LVal v = coerce(lower(x.kids[i + 1]), rep);
      incoming.push_back({v.v, b_.GetInsertBlock()});
      b_.CreateBr(merge);
    }
  }
  b_.SetInsertPoint(noMatch);
  LVal nil{taggedConst(FL_NIL), Rep::Tagged};  // no clause matched (§9)
  if (tail) {
    ret(nil);
    out = {};
    return true;
  }
  LVal nv = coerce(nil, rep);
  incoming.push_back({nv.v, b_.GetInsertBlock()});
  b_.CreateBr(merge);
  b_.SetInsertPoint(merge);
  llvm::PHINode* phi = b_.CreatePHI(llvmType(rep), static_cast<unsigned>(incoming.size()));
  for (auto& [val, bb] : incoming) phi->addIncoming(val, bb);
  out = {phi, rep};
  return true;
}

}  // namespace fl::lower
