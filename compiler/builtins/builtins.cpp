#include "builtins/builtins.h"

#include <string>
#include <unordered_map>

#include "fluentai/rt.h"

namespace fl::builtins {

namespace {
constexpr Info kInfos[] = {
#define FL_BUILTIN(id, name, min, max, effects, level) {FL_B_##id, name, min, max, effects, level},
#include "fluentai/builtins.def"
#undef FL_BUILTIN
};

const std::unordered_map<std::string_view, int32_t>& table() {
  static const std::unordered_map<std::string_view, int32_t> t = [] {
    std::unordered_map<std::string_view, int32_t> m;
#define FL_BUILTIN(id, name, min, max, effects, level) m.emplace(name, FL_B_##id);
#define FL_ALIAS(alias, id) m.emplace(alias, FL_B_##id);
#include "fluentai/builtins.def"
#undef FL_BUILTIN
#undef FL_ALIAS
    return m;
  }();
  return t;
}
}  // namespace

const Info& info(int32_t id) { return kInfos[id]; }

std::optional<int32_t> lookup(std::string_view name) {
  auto it = table().find(name);
  if (it == table().end()) return std::nullopt;
  return it->second;
}

bool arityOk(const Info& b, size_t argc) {
  return static_cast<int64_t>(argc) >= b.minArity && (b.maxArity < 0 || static_cast<int64_t>(argc) <= b.maxArity);
}

std::string describeArity(const Info& b) {
  auto args = [](int n) { return std::to_string(n) + (n == 1 ? " argument" : " arguments"); };
  if (b.maxArity < 0) return "at least " + args(b.minArity);
  if (b.minArity == b.maxArity) return args(b.minArity);
  return std::to_string(b.minArity) + " to " + args(b.maxArity);
}

}  // namespace fl::builtins
