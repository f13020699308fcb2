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

BuiltinResult builtinResult(int32_t id, const std::vector<TypeId>& args, TypeTable& t);

}  // namespace fl::infer
