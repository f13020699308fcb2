// Compile-time evaluation of builtin calls whose arguments are all constants. Only operations
// whose result is exactly what the runtime computes are folded; anything that would raise at
// run time (overflow, division by zero, type errors) is left alone so it raises there.
#pragma once

#include "ast/ast.h"

namespace fl::optimize {

// Truthiness of a literal (LANGUAGE.md §3.2).
bool truthyLiteral(const ast::Literal& lit);

// If `call` is a builtin call with constant arguments that folds, rewrites the node in place
// into a Const and returns true.
bool foldBuiltinCall(ast::Module& m, ast::NodeId call);

}  // namespace fl::optimize
