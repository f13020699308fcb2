#include "builtins/effects.h"

#include <cctype>
#include <cstring>

#include "fluentai/rt.h"

namespace fl::effects {

namespace {
constexpr TypeInfo kTypes[] = {
#define FL_EFFECT_TYPE(tid, tname, supported) {FL_EFT_##tid, tname, supported != 0},
#include "fluentai/effects.def"
#undef FL_EFFECT_TYPE
};
constexpr OpInfo kOps[] = {
#define FL_EFFECT_OP(oid, otype, oname, min, max, fx) {FL_EOP_##oid, FL_EFT_##otype, oname, min, max, fx},
#include "fluentai/effects.def"
#undef FL_EFFECT_OP
};
struct Alias {
  int32_t type;
  const char* name;
  int32_t op;
};
constexpr Alias kAliases[] = {
#define FL_EFFECT_ALIAS(atype, aname, aid) {FL_EFT_##atype, aname, FL_EOP_##aid},
#include "fluentai/effects.def"
#undef FL_EFFECT_ALIAS
};
}  // namespace

const TypeInfo& type(int32_t id) { return kTypes[id]; }
const OpInfo& op(int32_t id) { return kOps[id]; }
int32_t typeCount() { return FL_EFT_COUNT_; }

std::optional<int32_t> lookupType(std::string_view name) {
  for (const TypeInfo& t : kTypes) {
    if (strlen(t.name) != name.size()) continue;
    bool same = true;
    for (size_t i = 0; i < name.size(); ++i)
      same &= std::tolower(static_cast<unsigned char>(name[i])) == t.name[i];
    if (same) return t.id;
  }
  return std::nullopt;
}

std::optional<int32_t> lookupOp(int32_t type, std::string_view name) {
  std::string n(name);
  for (char& c : n)
    if (c == '_') c = '-';
  for (const OpInfo& o : kOps)
    if (o.type == type && n == o.name) return o.id;
  for (const Alias& a : kAliases) {
    std::string alias = a.name;
    if (a.type == type && n == alias) return a.op;
  }
  if (type == FL_EFT_IO && n == "print_line") return FL_EOP_IO_PRINT_LINE;
  return std::nullopt;
}

std::string canonicalName(int32_t o) { return std::string(kTypes[kOps[o].type].name) + ":" + kOps[o].name; }

int32_t defaultBuiltin(int32_t o) {
  switch (o) {
    case FL_EOP_IO_PRINT: return FL_B_PRINT;
    case FL_EOP_IO_PRINT_LINE: return FL_B_PRINT_LINE;
    case FL_EOP_IO_READ_LINE: return FL_B_READ_LINE;
    case FL_EOP_IO_READ_FILE: return FL_B_FILE_READ;
    case FL_EOP_IO_WRITE_FILE: return FL_B_FILE_WRITE;
    case FL_EOP_IO_APPEND_FILE: return FL_B_FILE_APPEND;
    case FL_EOP_IO_FILE_EXISTS: return FL_B_FILE_EXISTS_P;
    case FL_EOP_IO_GETENV: return FL_B_GETENV;
    case FL_EOP_IO_LIST_DIR: return FL_B_LIST_DIR;
    case FL_EOP_IO_DELETE_FILE: return FL_B_DELETE_FILE;
    case FL_EOP_IO_FILE_SIZE: return FL_B_FILE_SIZE;
    case FL_EOP_ERROR_RAISE: return FL_B_ERROR;
    case FL_EOP_TIME_NOW: return FL_B_CURRENT_MILLIS;
    case FL_EOP_TIME_SLEEP: return FL_B_SLEEP;
    default: return -1;
  }
}

int32_t builtinOp(int32_t b) {
  switch (b) {
    case FL_B_PRINT: return FL_EOP_IO_PRINT;
    case FL_B_PRINT_LINE:
    case FL_B_NEWLINE: return FL_EOP_IO_PRINT_LINE;
    case FL_B_READ_LINE: return FL_EOP_IO_READ_LINE;
    case FL_B_FILE_READ: return FL_EOP_IO_READ_FILE;
    case FL_B_FILE_WRITE: return FL_EOP_IO_WRITE_FILE;
    case FL_B_FILE_APPEND: return FL_EOP_IO_APPEND_FILE;
    case FL_B_FILE_EXISTS_P: return FL_EOP_IO_FILE_EXISTS;
    case FL_B_GETENV: return FL_EOP_IO_GETENV;
    case FL_B_LIST_DIR: return FL_EOP_IO_LIST_DIR;
    case FL_B_DELETE_FILE: return FL_EOP_IO_DELETE_FILE;
    case FL_B_FILE_SIZE: return FL_EOP_IO_FILE_SIZE;
    case FL_B_CURRENT_MILLIS:
    case FL_B_CURRENT_TIME: return FL_EOP_TIME_NOW;
    case FL_B_SLEEP: return FL_EOP_TIME_SLEEP;
    case FL_B_ERROR: return FL_EOP_ERROR_RAISE;
    default: return -1;
  }
}

}  // namespace fl::effects
