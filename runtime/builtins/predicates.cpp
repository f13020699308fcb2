/* builtins/predicates.cpp - §12.2 type predicates and type-of. */
#include "builtins/builtin.h"

FLB(INT_P) { return fl_bool(flrt_is_int(argv[0])); }
FLB(FLOAT_P) { return fl_bool(flrt_is_float(argv[0])); }
FLB(NUMBER_P) { return fl_bool(flrt_is_number(argv[0])); }
FLB(STRING_P) { return fl_bool(flrt_is_string(argv[0])); }
FLB(BOOL_P) { return fl_bool(argv[0] == FL_TRUE || argv[0] == FL_FALSE); }
FLB(NIL_P) { return fl_bool(argv[0] == FL_NIL); }
FLB(LIST_P) { return fl_bool(flrt_is_list(argv[0])); }
FLB(MAP_P) { return fl_bool(fl_has_kind(argv[0], FL_K_MAP)); }
FLB(FUNCTION_P) { return fl_bool(flrt_is_function(argv[0])); }
FLB(SYMBOL_P) { return fl_bool(fl_has_kind(argv[0], FL_K_SYMBOL)); }
FLB(KEYWORD_P) { return fl_bool(fl_has_kind(argv[0], FL_K_KEYWORD)); }
FLB(TAGGED_P) { return fl_bool(fl_has_kind(argv[0], FL_K_TAGGED)); }
FLB(ERROR_P) { return fl_bool(fl_has_kind(argv[0], FL_K_ERROR)); }
FLB(CHANNEL_P) { return fl_bool(fl_has_kind(argv[0], FL_K_CHANNEL)); }
FLB(PROMISE_P) { return fl_bool(fl_has_kind(argv[0], FL_K_PROMISE)); }
FLB(TYPE_OF) { return flrt_type_name_value(argv[0]); }
