#include "optimize/eval.h"

#include <setjmp.h>

#include "builtins/builtins.h"
#include "fluentai/rt.h"
#include "gc/heap.h"
#include "internal.h"

namespace fl::optimize {

using ast::Literal;
using ast::LitKind;

namespace {

constexpr size_t kMaxListItems = 1 << 20;  // larger results stay computed at run time
constexpr size_t kMaxStringBytes = 1 << 20;

using Impl = fl_value (*)(fl_function*, int64_t, const fl_value*);
const Impl kImpls[] = {
#define FL_BUILTIN(id, name, min, max, effects, level) flb_##id,
#include "fluentai/builtins.def"
#undef FL_BUILTIN
};

// string-format's widths and precisions (LANGUAGE.md §20.5) ask for results of any size: a
// format whose widths and precisions add up to more than the folding limit stays for run time
// (like string-pad-left), so the compiler never builds a huge string or runs out of memory.
bool formatFitsFolding(const std::string& fmt) {
  size_t total = 0;
  for (size_t i = 0; i < fmt.size(); ++i) {
    if (fmt[i] != '~') continue;
    size_t j = i + 1;
    size_t count = 0;
    for (; j < fmt.size() && (fmt[j] == '-' || fmt[j] == '.' || (fmt[j] >= '0' && fmt[j] <= '9')); ++j) {
      bool digit = fmt[j] >= '0' && fmt[j] <= '9';
      if (!digit) total += count;
      count = digit ? count * 10 + static_cast<size_t>(fmt[j] - '0') : 0;
      if (total + count > kMaxStringBytes) return false;
    }
    total += count;
    i = j;  // the conversion character (maybe '~' of "~~") starts no directive
  }
  return true;
}

}  // namespace

bool foldable(int32_t id) {
  const builtins::Info& b = builtins::info(id);
  constexpr uint32_t kBlocking = FL_FX_IO | FL_FX_STATE | FL_FX_TIME | FL_FX_RANDOM | FL_FX_THROW | FL_FX_SPAWN |
                                 FL_FX_EXIT | FL_FX_CALLS | FL_FX_MUTATE;
  if (b.effects & kBlocking) return false;
  if (b.name[0] == '%') return false;  // compiler support entries
  switch (id) {
    case FL_B_CHAN:          // a new channel each time
    case FL_B_COMMAND_LINE:  // known only when the program runs
    // results as large as an argument asks for: left to run time (where running out of memory
    // is the program's error, not the compiler's)
    case FL_B_RANGE:
    case FL_B_REPEAT:
    case FL_B_STRING_REPEAT:
    case FL_B_STRING_PAD_LEFT:
    case FL_B_STRING_PAD_RIGHT:
      return false;
    default: return true;
  }
}

bool truthyLiteral(const Literal& lit) {
  switch (lit.kind) {
    case LitKind::Int: return lit.i != 0;
    case LitKind::Float: return lit.f != 0.0;  // NaN is truthy
    case LitKind::Bool: return lit.b;
    case LitKind::Nil: return false;
    case LitKind::String: return !lit.s.empty();
    case LitKind::EmptyList: return false;
    case LitKind::Symbol:
    case LitKind::Keyword:
    case LitKind::List:
    case LitKind::Tagged: return true;
  }
  return true;
}

namespace {

class Bridge {
 public:
  Bridge(std::vector<Literal>& literals, std::unordered_map<uint32_t, uint64_t>& listValues,
         std::unordered_map<uint64_t, uint32_t>& listLiterals)
      : literals_(literals), listValues_(listValues), listLiterals_(listLiterals) {}

  fl_value toValue(uint32_t id) {
    const Literal& l = literals_[id];
    switch (l.kind) {
      case LitKind::Int: return flrt_box_int(l.i);
      case LitKind::Float: return flrt_box_float(l.f);
      case LitKind::Bool: return l.b ? FL_TRUE : FL_FALSE;
      case LitKind::Nil: return FL_NIL;
      case LitKind::EmptyList: return FL_EMPTY;
      case LitKind::String: return flrt_string_from(l.s.data(), static_cast<int64_t>(l.s.size()));
      case LitKind::Symbol: return flrt_intern_symbol(flrt_string_from(l.s.data(), static_cast<int64_t>(l.s.size())));
      case LitKind::Keyword: return flrt_intern_keyword(flrt_string_from(l.s.data(), static_cast<int64_t>(l.s.size())));
      case LitKind::List: {
        if (auto it = listValues_.find(id); it != listValues_.end()) return it->second;
        std::vector<fl_value> items;
        for (uint32_t item : literals_[id].items) items.push_back(toValue(item));
        fl_value v = flrt_list_from_array(items.data(), static_cast<int64_t>(items.size()));
        listValues_[id] = v;
        listLiterals_.emplace(v, id);
        return v;
      }
      case LitKind::Tagged: return FL_UNBOUND;  // not passed to builtins (see call)
    }
    return FL_NIL;
  }

  std::optional<uint32_t> fromValue(fl_value v) {
    Literal l(LitKind::Nil);
    if (v == FL_NIL) return add(l);
    if (v == FL_TRUE || v == FL_FALSE) {
      l.kind = LitKind::Bool;
      l.b = v == FL_TRUE;
      return add(l);
    }
    if (v == FL_EMPTY) return add(Literal(LitKind::EmptyList));
    if (flrt_is_int(v)) {
      l.kind = LitKind::Int;
      l.i = flrt_int_of(v);
      return add(l);
    }
    if (flrt_is_float(v)) {
      l.kind = LitKind::Float;
      l.f = flrt_float_of(v);
      return add(l);
    }
    if (fl_is_list_ptr(v)) {
      if (auto it = listLiterals_.find(v); it != listLiterals_.end()) return it->second;
      Literal list(LitKind::List);
      size_t n = 0;
      for (fl_value rest = v; rest != FL_EMPTY; rest = flrt_list_tail(rest)) {
        if (++n > kMaxListItems) return std::nullopt;
        std::optional<uint32_t> item = fromValue(flrt_list_head(rest));
        if (!item) return std::nullopt;
        list.items.push_back(*item);
      }
      uint32_t id = add(list);
      listValues_.emplace(id, v);
      listLiterals_.emplace(v, id);
      return id;
    }
    if (!fl_is_ptr(v)) return std::nullopt;
    switch (fl_obj(v)->kind) {
      case FL_K_STRING: {
        fl_string* s = flrt_str(v);
        if (static_cast<size_t>(s->len) > kMaxStringBytes) return std::nullopt;
        l.kind = LitKind::String;
        l.s.assign(s->data, static_cast<size_t>(s->len));
        return add(l);
      }
      case FL_K_SYMBOL:
      case FL_K_KEYWORD: {
        fl_string* s = flrt_str(reinterpret_cast<fl_symbol*>(fl_obj(v))->name);
        l.kind = fl_obj(v)->kind == FL_K_SYMBOL ? LitKind::Symbol : LitKind::Keyword;
        l.s.assign(s->data, static_cast<size_t>(s->len));
        return add(l);
      }
      default: return std::nullopt;
    }
  }

 private:
  uint32_t add(Literal l) {
    literals_.push_back(std::move(l));
    return static_cast<uint32_t>(literals_.size() - 1);
  }
  std::vector<Literal>& literals_;
  std::unordered_map<uint32_t, uint64_t>& listValues_;
  std::unordered_map<uint64_t, uint32_t>& listLiterals_;
};

}  // namespace

RuntimeEval::~RuntimeEval() {
  if (collectionsHeld_) flrt_H.inhibit--;
}

std::optional<uint32_t> RuntimeEval::call(int32_t builtin, const std::vector<uint32_t>& args) {
  if (!foldable(builtin) || !builtins::arityOk(builtins::info(builtin), args.size())) return std::nullopt;
  for (uint32_t a : args)
    if (literals_[a].kind == LitKind::Tagged) return std::nullopt;
  if (builtin == FL_B_STRING_FORMAT && literals_[args[0]].kind == LitKind::String &&
      !formatFitsFolding(literals_[args[0]].s))
    return std::nullopt;
  flrt_heap_init();
  // No collection while the compiler holds runtime values in its own memory, which the
  // collector does not scan (the arguments here, the list caches until the evaluator goes).
  if (!collectionsHeld_) {
    flrt_H.inhibit++;
    collectionsHeld_ = true;
  }
  Bridge bridge(literals_, listValues_, listLiterals_);
  std::vector<fl_value> argv;
  for (uint32_t a : args) argv.push_back(bridge.toValue(a));
  std::optional<uint32_t> out;
  flrt_try_frame frame;
  flrt_try_push(&frame);
  if (_setjmp(frame.jb) == 0) {
    fl_value r = kImpls[builtin](nullptr, static_cast<int64_t>(argv.size()), argv.data());
    flrt_try_pop(&frame);
    out = bridge.fromValue(r);
  }
  return out;
}

}  // namespace fl::optimize
