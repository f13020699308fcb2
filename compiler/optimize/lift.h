// Lambda lifting on the core AST (lift.cpp, docs/tir.md): runs between resolve and infer at -O1
// and above. Returns the number of lambdas lifted.
#pragma once

#include <cstddef>

#include "ast/ast.h"

namespace fl::optimize {

size_t liftLambdas(ast::Module& m);

}  // namespace fl::optimize
