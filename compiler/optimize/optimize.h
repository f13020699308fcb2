// optimize: rewrites the typed AST before lowering (DESIGN.md §1): constant folding of pure
// builtin operations on constants (a fold that would raise is left for run time), propagation of
// immutable constant bindings, branch selection on constant conditions, and removal of unused
// pure expressions. Every decision whether code may be dropped or folded goes through
// infer::Program::isPure. Returns the number of rewrites; the caller infers again afterwards.
#pragma once

#include <cstddef>

#include "ast/ast.h"
#include "infer/infer.h"

namespace fl::optimize {

size_t optimize(ast::Module& m, const infer::Program& p);

}  // namespace fl::optimize
