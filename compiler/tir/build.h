// tir::build: the last step of infer. Turns the core AST and infer's per-instance facts into the
// typed middle IR (tir.h), one Function per instance, choosing every value's representation.
#pragma once

#include "ast/ast.h"
#include "infer/infer.h"
#include "tir/tir.h"

namespace fl::tir {

Program build(const ast::Module& m, infer::Program&& p, const Interner& names);

}  // namespace fl::tir
