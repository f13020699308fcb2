// resolve: binds every Name of the core AST (LANGUAGE.md §2.2) to a local, module-level or
// builtin variable, reports unbound names and bad set! targets, marks assigned and captured
// variables, computes the free variables of every lambda, decides hoisting (§2.2) and marks
// tail positions (§7). Works in place on the module expand produced.
#pragma once

#include "ast/ast.h"
#include "diag/diag.h"

namespace fl::resolve {

void resolve(ast::Module& m, Interner& names, diag::Engine& diags);

}  // namespace fl::resolve
