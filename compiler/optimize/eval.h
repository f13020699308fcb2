// Compile-time evaluation with the runtime's own code (Chez cp0 folds a primitive by calling it):
// the compiler links the host build of libflrt, turns constant literals into runtime values, calls
// the builtin's implementation flb_<ID> under a try frame, and turns the result back into a
// literal. A call that raises, or whose result has no literal form, is not folded: it stays for
// run time, where it behaves as the language says.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "ast/ast.h"

namespace fl::optimize {

// Builtins whose calls may be evaluated at compile time: no effect but possibly raising, no
// function arguments called, no mutable result.
bool foldable(int32_t builtin);

// Truthiness of a literal (LANGUAGE.md §3.2).
bool truthyLiteral(const ast::Literal& lit);

class RuntimeEval {
 public:
  explicit RuntimeEval(std::vector<ast::Literal>& literals) : literals_(literals) {}
  ~RuntimeEval();
  RuntimeEval(const RuntimeEval&) = delete;
  RuntimeEval& operator=(const RuntimeEval&) = delete;
  // The literal `builtin` returns for these literal arguments; nullopt when it raises or when
  // the result cannot be written as a literal (functions, maps, large lists...).
  std::optional<uint32_t> call(int32_t builtin, const std::vector<uint32_t>& args);

 private:
  std::vector<ast::Literal>& literals_;
  // List literals and the runtime lists made from them or folded into them, both ways, so that
  // folding (list (list ... )) level by level costs each level, not its whole contents again.
  // The runtime values stay alive: no collection runs while this evaluator exists.
  std::unordered_map<uint32_t, uint64_t> listValues_;
  std::unordered_map<uint64_t, uint32_t> listLiterals_;
  bool collectionsHeld_ = false;
};

}  // namespace fl::optimize
