#include "infer/builtin_rules.h"

#include "builtins/builtins.h"
#include "builtins/effects.h"
#include "fluentai/rt.h"
#include "infer/infer.h"

namespace fl::infer {

namespace {

struct ArgFacts {
  bool allInt = true, allFloatOrInt = true, anyFloat = false, allString = true, allList = true;
};

ArgFacts facts(const std::vector<TypeId>& args, const TypeTable& t) {
  ArgFacts f;
  for (TypeId a : args) {
    uint32_t b = t.bits(a);
    if (b != TInt) f.allInt = false;
    if (b == 0 || (b & ~TNumber)) f.allFloatOrInt = false;
    if (b == TFloat) f.anyFloat = true;
    if (b != TString) f.allString = false;
    if (b != TList) f.allList = false;
  }
  return f;
}

// The element type of a list argument (Any when it may not be a list).
TypeId elemOf(TypeId list, const TypeTable& t) {
  if ((t.bits(list) & ~(TList | TNil)) || !(t.bits(list) & TList)) return t.any();
  return t.elem(list);
}

bool isListish(TypeId a, const TypeTable& t) { return t.bits(a) && !(t.bits(a) & ~(TList | TNil)); }

}  // namespace

BuiltinResult effectResult(int32_t op, const std::vector<TypeId>& args, TypeTable& t, uint32_t handled) {
  const effects::OpInfo& o = effects::op(op);
  size_t n = args.size();
  if (n < static_cast<size_t>(o.minArity) || (o.maxArity >= 0 && n > static_cast<size_t>(o.maxArity)))
    return {t.bottom(), FxFail};
  // An intercepted operation returns whatever its handler returns and may do anything (§11.3).
  if (handled & (1u << o.type)) return {t.any(), FxAll};
  uint32_t fx = o.fx | FxFail;
  switch (op) {
    case FL_EOP_IO_PRINT:
    case FL_EOP_IO_PRINT_LINE:
    case FL_EOP_IO_WRITE_FILE:
    case FL_EOP_IO_APPEND_FILE:
    case FL_EOP_IO_DELETE_FILE:
    case FL_EOP_STATE_DELETE:
    case FL_EOP_STATE_CLEAR:
    case FL_EOP_TIME_SLEEP:
    case FL_EOP_RANDOM_SEED: return {t.nilT(), fx};
    case FL_EOP_IO_READ_LINE: return {t.base(TString | TNil), fx};
    case FL_EOP_IO_READ_FILE: return {t.stringT(), fx};
    case FL_EOP_IO_GETENV: return {t.base(TString | TNil), fx};
    case FL_EOP_IO_LIST_DIR: return {t.listOf(t.stringT()), fx};
    case FL_EOP_IO_FILE_SIZE: return {t.intT(), fx};
    case FL_EOP_IO_FILE_EXISTS:
    case FL_EOP_RANDOM_BOOL: return {t.boolT(), fx};
    case FL_EOP_STATE_SET: return {args[1], fx};
    case FL_EOP_ERROR_RAISE: return {t.bottom(), FxThrow | FxFail};
    case FL_EOP_TIME_NOW:
    case FL_EOP_TIME_ELAPSED:
    case FL_EOP_TIME_MONOTONIC:
    case FL_EOP_RANDOM_INT: return {t.intT(), fx};
    case FL_EOP_RANDOM_FLOAT: return {t.floatT(), fx};
    case FL_EOP_RANDOM_CHOICE: return {elemOf(args[0], t), fx};
    case FL_EOP_RANDOM_SHUFFLE: return {t.listOf(elemOf(args[0], t)), fx};
    default: return {t.any(), fx};
  }
}

BuiltinResult builtinResult(int32_t id, const std::vector<TypeId>& args, TypeTable& t, uint32_t handled) {
  const builtins::Info& info = builtins::info(id);
  if (!builtins::arityOk(info, args.size())) return {t.bottom(), FxFail};
  int32_t op = effects::builtinOp(id);
  if (op >= 0 && (handled & (1u << effects::op(op).type))) return {t.any(), FxAll};
  for (TypeId a : args)
    if (t.bits(a) == 0) return {t.bottom(), 0};  // an argument never produces a value
  uint32_t fx = info.effects & (FxIo | FxState | FxTime | FxRandom | FxThrow | FxFail | FxSpawn | FxExit | FxMutate | FxForeign);
  if (info.effects & FL_FX_CALLS) fx |= FxAll;
  ArgFacts f = facts(args, t);
  const uint32_t noFail = fx & ~FxFail;
  auto numeric = [&](bool intResultMayFail) -> BuiltinResult {
    if (f.allInt) return {t.intT(), intResultMayFail ? fx : noFail};
    if (f.allFloatOrInt && f.anyFloat) return {t.floatT(), noFail};
    return {t.numberT(), fx};
  };

  switch (id) {
    case FL_B_ADD:
      if (args.empty()) return {t.intT(), noFail};
      if (f.allString) return {t.stringT(), noFail};
      if (f.allInt || (f.allFloatOrInt && f.anyFloat)) return numeric(true);
      for (TypeId a : args)
        if (!t.maybe(a, TString)) return {t.numberT(), fx};  // a non-string operand rules out concatenation
      return {t.base(TInt | TFloat | TString), fx};
    case FL_B_SUB:
    case FL_B_MUL:
      if (args.empty()) return {t.intT(), noFail};
      return numeric(true);
    case FL_B_DIV:
      return numeric(true);
    case FL_B_QUOTIENT:
    case FL_B_GCD:
    case FL_B_LCM:
      return {t.intT(), fx};
    case FL_B_MOD:
    case FL_B_MODULO:
      if (f.allInt) return {t.intT(), fx};
      if (f.allFloatOrInt && t.is(args[1], TFloat)) return {t.floatT(), noFail};
      return {t.numberT(), fx};
    case FL_B_ABS:
      return numeric(true);
    case FL_B_MIN:
    case FL_B_MAX:
    case FL_B_FLOOR:
    case FL_B_CEIL:
    case FL_B_ROUND:
    case FL_B_TRUNCATE:
      return numeric(false);
    case FL_B_TO_INT: return {t.intT(), fx};
    case FL_B_BIT_AND:
    case FL_B_BIT_OR:
    case FL_B_BIT_XOR:
    case FL_B_BIT_NOT:
    case FL_B_BIT_COUNT: return {t.intT(), f.allInt ? noFail : fx};
    case FL_B_ARITHMETIC_SHIFT:
    case FL_B_SHIFT_LEFT:
    case FL_B_SHIFT_RIGHT: return {t.intT(), fx};  // overflow, negative counts
    case FL_B_TO_FLOAT:
    case FL_B_SQRT:
    case FL_B_EXP:
    case FL_B_SIN:
    case FL_B_COS:
    case FL_B_TAN:
    case FL_B_ASIN:
    case FL_B_ACOS:
    case FL_B_ATAN:
    case FL_B_LOG:
      return {t.floatT(), f.allFloatOrInt ? noFail : fx};
    case FL_B_ROUND_TO: return {t.floatT(), fx};
    case FL_B_POW: return {f.allFloatOrInt && f.anyFloat ? t.floatT() : t.numberT(), fx};
    case FL_B_EVEN_P:
    case FL_B_ODD_P: return {t.boolT(), f.allInt ? noFail : fx};
    case FL_B_ZERO_P:
    case FL_B_POSITIVE_P:
    case FL_B_NEGATIVE_P: return {t.boolT(), f.allFloatOrInt ? noFail : fx};
    case FL_B_LT:
    case FL_B_LE:
    case FL_B_GT:
    case FL_B_GE: return {t.boolT(), (f.allFloatOrInt || f.allString) ? noFail : fx};
    case FL_B_EQUAL:
    case FL_B_NOT_EQUAL:
    case FL_B_NOT:
    case FL_B_AND_FN:
    case FL_B_OR_FN:
    case FL_B_INT_P:
    case FL_B_FLOAT_P:
    case FL_B_NUMBER_P:
    case FL_B_STRING_P:
    case FL_B_BOOL_P:
    case FL_B_NIL_P:
    case FL_B_LIST_P:
    case FL_B_MAP_P:
    case FL_B_FUNCTION_P:
    case FL_B_SYMBOL_P:
    case FL_B_KEYWORD_P:
    case FL_B_TAGGED_P:
    case FL_B_ERROR_P:
    case FL_B_CHANNEL_P:
    case FL_B_PROMISE_P:
    case FL_B_EMPTY_P: return {t.boolT(), noFail};
    case FL_B_TYPE_OF: return {t.stringT(), noFail};

    // §20.1: a vector's elements are Any (vectors are mutable: no element type is tracked yet)
    case FL_B_VECTOR:
    case FL_B_MAKE_VECTOR:
    case FL_B_LIST_TO_VECTOR:
    case FL_B_VECTOR_COPY: return {t.base(TVector), fx | FxAlloc};
    case FL_B_VECTOR_MAP: return {t.base(TVector), fx | FxAlloc};
    case FL_B_VECTOR_P: return {t.boolT(), noFail};
    case FL_B_VECTOR_LENGTH: return {t.intT(), t.is(args[0], TVector) ? noFail : fx};
    case FL_B_VECTOR_SET:
    case FL_B_VECTOR_FILL:
    case FL_B_VECTOR_FOR_EACH: return {t.nilT(), fx};
    case FL_B_VECTOR_TO_LIST: return {t.listOf(t.any()), fx | FxAlloc};

    case FL_B_LIST: {
      TypeId e = t.bottom();
      for (TypeId a : args) e = t.join(e, a);
      return {t.listOf(e), noFail | FxAlloc};
    }
    case FL_B_CONS:
      return {t.listOf(t.join(args[0], elemOf(args[1], t))), (isListish(args[1], t) ? noFail : fx) | FxAlloc};
    case FL_B_HEAD:
    case FL_B_LAST: return {elemOf(args[0], t), fx};
    case FL_B_NTH: return {elemOf(args[0], t), fx};
    case FL_B_TAIL:
    case FL_B_REVERSE:
    case FL_B_LIST_UNIQUE: return {t.listOf(elemOf(args[0], t)), fx};
    case FL_B_LIST_SLICE: return {t.listOf(elemOf(args[0], t)), fx};
    case FL_B_TAKE:
    case FL_B_DROP: {
      // Either argument order (§12.3): the list is the non-Int one.
      TypeId l = t.is(args[0], TInt) ? args[1] : args[0];
      return {t.listOf(elemOf(l, t)), fx};
    }
    case FL_B_LENGTH: return {t.intT(), fx};
    case FL_B_APPEND: {
      if (!f.allList) return {t.listOf(t.any()), fx};
      TypeId e = t.bottom();
      for (TypeId a : args) e = t.join(e, t.elem(a));
      return {t.listOf(e), noFail};
    }
    case FL_B_RANGE: return {t.listOf(t.intT()), fx};
    case FL_B_REPEAT: return {t.listOf(args[0]), fx};
    case FL_B_MEMBER_P: return {t.boolT(), fx};
    case FL_B_INDEX_OF: return {t.intT(), fx};
    case FL_B_FLATTEN: return {t.listOf(t.any()), fx};
    case FL_B_ZIP: return {t.listOf(t.listOf(t.any())), fx};
    case FL_B_CHUNK: return {t.listOf(t.listOf(elemOf(args[0], t))), fx};
    case FL_B_SUM:
    case FL_B_PRODUCT: {
      TypeId e = elemOf(args[0], t);
      if (t.is(e, TInt)) return {t.intT(), fx};
      if (t.is(e, TFloat)) return {t.floatT(), fx};
      return {t.numberT(), fx};
    }

    case FL_B_STRING_LENGTH:
    case FL_B_STRING_INDEX_OF:
    case FL_B_CHAR_TO_INT: return {t.intT(), fx};
    case FL_B_STRING_APPEND:
    case FL_B_SUBSTRING:
    case FL_B_STRING_REF:
    case FL_B_STRING_JOIN:
    case FL_B_STRING_TRIM:
    case FL_B_STRING_TRIM_LEFT:
    case FL_B_STRING_TRIM_RIGHT:
    case FL_B_STRING_UPCASE:
    case FL_B_STRING_DOWNCASE:
    case FL_B_STRING_CAPITALIZE:
    case FL_B_STRING_REVERSE:
    case FL_B_STRING_REPLACE:
    case FL_B_STRING_REPEAT:
    case FL_B_STRING_PAD_LEFT:
    case FL_B_STRING_PAD_RIGHT:
    case FL_B_LIST_TO_STRING:
    case FL_B_NUMBER_TO_STRING:
    case FL_B_TO_STRING:
    case FL_B_STR:
    case FL_B_STRING_FORMAT:
    case FL_B_CHAR_UPCASE:
    case FL_B_CHAR_DOWNCASE:
    case FL_B_INT_TO_CHAR:
    case FL_B_SYMBOL_TO_STRING:
    case FL_B_KEYWORD_TO_STRING: return {t.stringT(), fx};
    case FL_B_STRING_SPLIT:
    case FL_B_STRING_TO_LIST: return {t.listOf(t.stringT()), fx};
    case FL_B_STRING_TO_NUMBER: return {t.numberT(), fx};
    case FL_B_STRING_CONTAINS_P:
    case FL_B_STRING_STARTS_WITH_P:
    case FL_B_STRING_ENDS_WITH_P:
    case FL_B_STRING_EMPTY_P:
    case FL_B_STRING_EQ_P:
    case FL_B_STRING_LT_P:
    case FL_B_STRING_GT_P:
    case FL_B_CHAR_ALPHABETIC_P:
    case FL_B_CHAR_NUMERIC_P:
    case FL_B_CHAR_ALPHANUMERIC_P:
    case FL_B_CHAR_WHITESPACE_P:
    case FL_B_CHAR_UPPER_CASE_P:
    case FL_B_CHAR_LOWER_CASE_P:
    case FL_B_CHAR_EQ_P:
    case FL_B_CHAR_LT_P:
    case FL_B_CHAR_GT_P:
    case FL_B_CHAR_LE_P:
    case FL_B_CHAR_GE_P: return {t.boolT(), fx};

    case FL_B_PRINT:
    case FL_B_PRINT_LINE:
    case FL_B_NEWLINE: return {t.nilT(), fx};
    case FL_B_READ_LINE: return {t.base(TString | TNil), fx};
    case FL_B_COMMAND_LINE: return {t.listOf(t.stringT()), fx};
    case FL_B_EXIT: return {t.bottom(), fx};
    case FL_B_GETENV: return {t.base(TString | TNil), fx};
    case FL_B_LIST_DIR: return {t.listOf(t.stringT()), fx};
    case FL_B_DELETE_FILE: return {t.nilT(), fx};
    case FL_B_FILE_SIZE: return {t.intT(), fx};
    case FL_B_CHAN: return {t.base(TChannel), fx | FxAlloc};
    case FL_B_SELECT_CHANNEL: return {t.base(TChannel), fx};
    case FL_B_SPAWN:
    case FL_B_ASYNC: return {t.base(TPromise), fx | FxAlloc};
    case FL_B_SEND: return {t.nilT(), fx};
    case FL_B_TRY_SEND: return {t.boolT(), fx};
    case FL_B_TRY_RECV:
    case FL_B_SELECT: return {t.base(TList), fx | FxAlloc};
    default: return {t.any(), fx};
  }
}

}  // namespace fl::infer
