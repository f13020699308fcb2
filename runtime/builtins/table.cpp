/* builtins/table.cpp - the static function objects of the builtins and their aliases.
 * Every row of builtins.def gets flrt_builtin_obj_ID (canonical name); every FL_ALIAS row gets
 * its own object so that it prints with the name it was referred by (§19). */
#include "builtins/builtin.h"

#define FLRT_HDR {FL_K_FUNCTION, 0, FL_OBJ_STATIC, 0}

#define FL_BUILTIN(id, name, min, max, effects, level) \
  fl_function flrt_builtin_obj_##id = {FLRT_HDR, min, max, NULL, flb_##id, name};
#include "fluentai/builtins.def"
#undef FL_BUILTIN

static fl_function *const canonical[FL_B_COUNT_] = {
#define FL_BUILTIN(id, name, min, max, effects, level) &flrt_builtin_obj_##id,
#include "fluentai/builtins.def"
#undef FL_BUILTIN
};

static constexpr int32_t min_arity[FL_B_COUNT_] = {
#define FL_BUILTIN(id, name, min, max, effects, level) min,
#include "fluentai/builtins.def"
#undef FL_BUILTIN
};

static constexpr int32_t max_arity[FL_B_COUNT_] = {
#define FL_BUILTIN(id, name, min, max, effects, level) max,
#include "fluentai/builtins.def"
#undef FL_BUILTIN
};

/* Same layout as fl_function without the flexible array, so that it can form an array. */
typedef struct alias_fn {
  fl_header hdr;
  int32_t min_arity, max_arity;
  void *fixed_entry;
  fl_array_entry array_entry;
  const char *name;
} alias_fn;
static_assert(sizeof(alias_fn) == sizeof(fl_function), "alias_fn must match fl_function");
static_assert(offsetof(alias_fn, name) == offsetof(fl_function, name), "alias_fn layout");

#define FL_BUILTIN(id, name, min, max, effects, level)
#define FL_ALIAS(alias, id) \
  {FLRT_HDR, min_arity[FL_B_##id], max_arity[FL_B_##id], NULL, flb_##id, alias},
static alias_fn aliases[] = {
#include "fluentai/builtins.def"
};
#undef FL_ALIAS
#define FL_ALIAS(alias, id) FL_B_##id,
static const int32_t alias_ids[] = {
#include "fluentai/builtins.def"
};
#undef FL_ALIAS
#undef FL_BUILTIN

fl_value flrt_builtin_value(int32_t id, const char *name) {
  if (id < 0 || id >= FL_B_COUNT_) flrt_fail(FL_ERR_VALUE, "no builtin with id %d", id);
  fl_function *f = canonical[id];
  if (name && strcmp(name, f->name) != 0) {
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
      if (alias_ids[i] == id && strcmp(aliases[i].name, name) == 0)
        return flrt_ptr_value(&aliases[i]);
  }
  return flrt_ptr_value(f);
}
