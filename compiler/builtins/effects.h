// The compiler's view of include/fluentai/effects.def: effect types and operations (§11.1).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fl::effects {

struct TypeInfo {
  int32_t id;
  const char* name;
  bool supported;
};
struct OpInfo {
  int32_t id;
  int32_t type;
  const char* name;  // canonical operation name ("print-line")
  int32_t minArity, maxArity;
  uint32_t fx;       // FL_FX_* bit of its type
};

const TypeInfo& type(int32_t id);
const OpInfo& op(int32_t id);
int32_t typeCount();
// Effect type names are case-insensitive.
std::optional<int32_t> lookupType(std::string_view name);
// Operation names are case-sensitive; '_' may be written for '-'; aliases (println) accepted.
std::optional<int32_t> lookupOp(int32_t type, std::string_view name);
// "io:print-line"
std::string canonicalName(int32_t op);

// The builtin that performs an operation by default, or -1 (state, random, time:elapsed ...).
int32_t defaultBuiltin(int32_t op);
// The operation a builtin performs (print-line -> io:print-line), or -1 for builtins that are
// not effect operations.
int32_t builtinOp(int32_t builtin);

}  // namespace fl::effects
