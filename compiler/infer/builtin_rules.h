// Result types and effects of builtin calls from their argument types (infer's transfer functions
// for builtins.def rows).
#pragma once

#include <cstdint>
#include <vector>

#include "infer/types.h"

namespace fl::infer {

struct BuiltinResult {
  TypeId type;
  uint32_t effects;
};

// `handled`: bit per effect type some handler in the program intercepts (ast::Module).
BuiltinResult builtinResult(int32_t id, const std::vector<TypeId>& args, TypeTable& t, uint32_t handled);
// The same for an effect operation performed directly (effects.def).
BuiltinResult effectResult(int32_t op, const std::vector<TypeId>& args, TypeTable& t, uint32_t handled);

}  // namespace fl::infer
