// The compiler's view of the builtin table (include/fluentai/builtins.def): lookup by any name
// (canonical or alias), arity, effects and level.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace fl::builtins {

struct Info {
  int32_t id;            // FL_B_* of rt.h
  const char* name;      // canonical name
  int32_t minArity;
  int32_t maxArity;      // -1: any number
  uint32_t effects;      // FL_FX_* bits
  int32_t level;
};

const Info& info(int32_t id);
// Looks up a builtin by canonical or alias name.
std::optional<int32_t> lookup(std::string_view name);
bool arityOk(const Info& b, size_t argc);
// "1 argument", "2 to 3 arguments", "at least 1 argument" ...
std::string describeArity(const Info& b);

}  // namespace fl::builtins
