// match over many literals of one kind -- Int, or String / Symbol / Keyword -- possibly ended by
// a clause that matches anything: a switch instead of one test per clause. Ints switch on their
// value (the runtime turns a boxed Int or an integral Float into the same key, §3.3); names are
// looked up by binary search in a static table sorted by (length, bytes). Code size and compile
// time are linear in the number of clauses and the first clause with a literal wins.
#include <algorithm>
#include <map>

#include "fluentai/rt.h"
#include "lower/lowerer.h"

namespace fl::lower {

using ast::LitKind;
using ast::Literal;
using ast::PatKind;
using ast::Pattern;

namespace {
constexpr size_t kMinClauses = 8;  // fewer literals: the decision tree is as good
}  // namespace

bool Lowerer::lowerMatchSwitch(NodeId n, bool tail, LVal& out) {
  const tir::Node& x = N(n);
  // Literal clauses first, then at most one clause matching anything (a variable or _).
  // A clause may also be an or-pattern of literals (`case` clauses with several datums, §20.4).
  LitKind kind = LitKind::Nil;
  std::vector<std::pair<uint32_t, size_t>> keys;  // (literal, clause)
  PatId catchAll = tir::kNone;
  for (size_t i = 0; i < x.pats.size(); ++i) {
    const Pattern& p = F().patterns[x.pats[i]];
    if (catchAll != tir::kNone) return false;
    if (p.kind == PatKind::Wildcard || (p.kind == PatKind::Var && F().vars[p.a].storage != tir::Storage::Box)) {
      catchAll = x.pats[i];
      if (i + 1 != x.pats.size()) return false;
      continue;
    }
    std::vector<PatId> alts{x.pats[i]};
    if (p.kind == PatKind::Or) alts.assign(p.kids.begin(), p.kids.end());
    for (PatId a : alts) {
      const Pattern& lit = F().patterns[a];
      if (lit.kind != PatKind::Literal) return false;
      LitKind k = p_.literals[lit.a].kind;
      if (k != LitKind::Int && k != LitKind::String && k != LitKind::Symbol && k != LitKind::Keyword) return false;
      if (!keys.empty() && k != kind) return false;
      kind = k;
      keys.push_back({lit.a, i});
    }
  }
  if (keys.size() < kMinClauses) return false;

  LVal scrut = lower(x.kids[0]);
  Rep rep = x.rep;
  std::vector<llvm::BasicBlock*> bodies;
  for (size_t i = 0; i < x.pats.size(); ++i) bodies.push_back(llvm::BasicBlock::Create(ctx_, "clause", fn_.fn));
  auto* none = llvm::BasicBlock::Create(ctx_, "match.none", fn_.fn);
  llvm::BasicBlock* fallback = catchAll != tir::kNone ? bodies.back() : none;

  if (kind == LitKind::Int) {
    llvm::Value* key;
    if (scrut.rep == Rep::Int) {
      key = scrut.v;
    } else if (scrut.rep == Rep::Tagged) {
      // fixnums inline, anything else through the runtime
      llvm::BasicBlock* start = b_.GetInsertBlock();
      auto* slow = llvm::BasicBlock::Create(ctx_, "key.slow", fn_.fn);
      auto* have = llvm::BasicBlock::Create(ctx_, "key.have", fn_.fn);
      llvm::Value* fix = b_.CreateAShr(scrut.v, 1);
      b_.CreateCondBr(isFixnum(scrut.v), have, slow);
      b_.SetInsertPoint(slow);
      llvm::AllocaInst* slot = entryAlloca(i64_, "match.key");
      llvm::Value* ok = b_.CreateCall(rt("flrt_int_key"), {scrut.v, slot});
      llvm::Value* slowKey = b_.CreateLoad(i64_, slot);
      auto* slowOk = llvm::BasicBlock::Create(ctx_, "key.ok", fn_.fn);
      b_.CreateCondBr(b_.CreateICmpNE(ok, b_.getInt32(0)), slowOk, fallback);
      b_.SetInsertPoint(slowOk);
      b_.CreateBr(have);
      b_.SetInsertPoint(have);
      llvm::PHINode* phi = b_.CreatePHI(i64_, 2);
      phi->addIncoming(fix, start);
      phi->addIncoming(slowKey, slowOk);
      key = phi;
    } else {
      // a Float or a Bool scrutinee: an integral Float may match; compare through the runtime
      llvm::AllocaInst* slot = entryAlloca(i64_, "match.key");
      llvm::Value* ok = b_.CreateCall(rt("flrt_int_key"), {toTagged(scrut), slot});
      auto* have = llvm::BasicBlock::Create(ctx_, "key.have", fn_.fn);
      b_.CreateCondBr(b_.CreateICmpNE(ok, b_.getInt32(0)), have, fallback);
      b_.SetInsertPoint(have);
      key = b_.CreateLoad(i64_, slot);
    }
    llvm::SwitchInst* sw = b_.CreateSwitch(key, fallback, static_cast<unsigned>(keys.size()));
    std::map<int64_t, bool> seen;
    for (auto [lit, clause] : keys) {
      int64_t k = p_.literals[lit].i;
      if (!seen.emplace(k, true).second) continue;  // an earlier clause has it
      sw->addCase(b_.getInt64(static_cast<uint64_t>(k)), bodies[clause]);
    }
  } else {
    // Names: a static table sorted by (length, bytes); duplicates keep their first clause.
    std::vector<std::pair<std::string, int64_t>> table;
    for (auto [lit, clause] : keys) table.push_back({p_.literals[lit].s, static_cast<int64_t>(clause)});
    std::stable_sort(table.begin(), table.end(), [](const auto& a, const auto& b) {
      return a.first.size() != b.first.size() ? a.first.size() < b.first.size() : a.first < b.first;
    });
    table.erase(std::unique(table.begin(), table.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
                table.end());
    std::vector<llvm::Constant*> names, clauses;
    for (auto& [name, clause] : table) {
      names.push_back(staticString(name));
      clauses.push_back(b_.getInt64(clause));
    }
    auto* namesTy = llvm::ArrayType::get(i64_, names.size());
    auto* namesG = new llvm::GlobalVariable(*mod_, namesTy, true, llvm::GlobalValue::PrivateLinkage,
                                            llvm::ConstantArray::get(namesTy, names), "fl.match.names");
    auto* clausesG = new llvm::GlobalVariable(*mod_, namesTy, true, llvm::GlobalValue::PrivateLinkage,
                                              llvm::ConstantArray::get(namesTy, clauses), "fl.match.clauses");
    uint32_t objKind = kind == LitKind::String ? FL_K_STRING : kind == LitKind::Symbol ? FL_K_SYMBOL : FL_K_KEYWORD;
    llvm::Value* clause = b_.CreateCall(rt("flrt_match_name"), {toTagged(scrut), b_.getInt32(objKind), namesG, clausesG,
                                                                b_.getInt64(names.size())});
    llvm::SwitchInst* sw = b_.CreateSwitch(clause, fallback, static_cast<unsigned>(table.size()));
    std::map<int64_t, bool> seen;  // several names may select one clause
    for (auto& [name, c] : table)
      if (seen.emplace(c, true).second) sw->addCase(b_.getInt64(static_cast<uint64_t>(c)), bodies[c]);
  }

  // The clause bodies; the catch-all binds its variable first.
  auto* merge = tail ? nullptr : llvm::BasicBlock::Create(ctx_, "match.end", fn_.fn);
  std::vector<std::pair<llvm::Value*, llvm::BasicBlock*>> incoming;
  for (size_t i = 0; i < x.pats.size(); ++i) {
    b_.SetInsertPoint(bodies[i]);
    if (bodies[i]->hasNPredecessors(0)) {  // a duplicate literal: an earlier clause wins
      b_.CreateUnreachable();
      continue;
    }
    if (x.pats[i] == catchAll && F().patterns[catchAll].kind == PatKind::Var) bindVar(F().patterns[catchAll].a, scrut);
    if (tail) {
      lowerTail(x.kids[i + 1]);
    } else {
      LVal v = lower(x.kids[i + 1]);
      incoming.push_back({v.v, b_.GetInsertBlock()});
      b_.CreateBr(merge);
    }
  }
  b_.SetInsertPoint(none);
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
