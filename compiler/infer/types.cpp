#include "infer/types.h"

#include <algorithm>
#include <iterator>

#include "builtins/builtins.h"

namespace fl::infer {

namespace {
constexpr unsigned kMaxListDepth = 2;  // List<List<T>> keeps T; deeper element types widen to Any
}

size_t TypeTable::Hash::operator()(const TypeData& d) const {
  size_t h = d.bits * 0x9E3779B97F4A7C15ull ^ d.elem;
  for (Callee c : d.callees) h = h * 31 + c;
  for (TagId t : d.tags) h = h * 37 + t;
  return h;
}

TypeTable::TypeTable() {
  // Id 0 is Any, so a zero `elem` means "elements of any type".
  any_ = intern(TypeData{TAllBits, 0, {}, {}});
  bottom_ = intern(TypeData{0, 0, {}, {}});
  int_ = base(TInt);
  float_ = base(TFloat);
  bool_ = base(TBool);
  nil_ = base(TNil);
  string_ = base(TString);
  number_ = base(TNumber);
  emptyList_ = intern(TypeData{TList, bottom_, {}, {}});
  anyFn_ = base(TFn);
}

TypeId TypeTable::intern(TypeData d) {
  if (!(d.bits & TList)) d.elem = 0;
  if (!(d.bits & TFn)) d.callees.clear();
  if (!(d.bits & TTagged)) d.tags.clear();
  auto it = index_.find(d);
  if (it != index_.end()) return it->second;
  types_.push_back(d);
  TypeId id = static_cast<TypeId>(types_.size() - 1);
  index_.emplace(types_.back(), id);
  return id;
}

TypeId TypeTable::base(uint32_t bits) { return intern(TypeData{bits, 0, {}, {}}); }

TagId TypeTable::tagId(const std::string& name, uint32_t arity) {
  std::string key = name + "/" + std::to_string(arity);
  auto it = tagIndex_.find(key);
  if (it != tagIndex_.end()) return it->second;
  tagNames_.push_back({name, arity});
  TagId id = static_cast<TagId>(tagNames_.size() - 1);
  tagIndex_.emplace(key, id);
  return id;
}

TypeId TypeTable::taggedOf(TagId tag) { return intern(TypeData{TTagged, 0, {}, {tag}}); }

unsigned TypeTable::depth(TypeId t) const {
  const TypeData& d = types_[t];
  if (!(d.bits & TList) || d.elem == any_) return d.bits & TList ? 1 : 0;
  return 1 + depth(d.elem);
}

TypeId TypeTable::listOf(TypeId elem) {
  if (depth(elem) >= kMaxListDepth) elem = any_;
  return intern(TypeData{TList, elem, {}, {}});
}

TypeId TypeTable::fnOf(std::vector<Callee> callees) {
  std::sort(callees.begin(), callees.end());
  callees.erase(std::unique(callees.begin(), callees.end()), callees.end());
  if (callees.size() > kMaxCallees) callees.clear();
  return intern(TypeData{TFn, 0, std::move(callees), {}});
}

TypeId TypeTable::join(TypeId a, TypeId b) {
  if (a == b) return a;
  // Copies: joining element types may grow types_ and invalidate references.
  const TypeData x = types_[a];
  const TypeData y = types_[b];
  if (x.bits == 0) return b;
  if (y.bits == 0) return a;
  TypeData r;
  r.bits = x.bits | y.bits;
  if (r.bits & TList) {
    bool xl = x.bits & TList, yl = y.bits & TList;
    if (xl && yl) r.elem = join(x.elem, y.elem);
    else r.elem = xl ? x.elem : y.elem;
    if (depth(r.elem) >= kMaxListDepth) r.elem = any_;
  }
  if (r.bits & TFn) {
    bool xf = x.bits & TFn, yf = y.bits & TFn;
    if (xf && yf) {
      if (!x.callees.empty() && !y.callees.empty()) {
        r.callees = x.callees;
        r.callees.insert(r.callees.end(), y.callees.begin(), y.callees.end());
        std::sort(r.callees.begin(), r.callees.end());
        r.callees.erase(std::unique(r.callees.begin(), r.callees.end()), r.callees.end());
        if (r.callees.size() > kMaxCallees) r.callees.clear();
      }
    } else {
      r.callees = xf ? x.callees : y.callees;
    }
  }
  if (r.bits & TTagged) {
    bool xt = x.bits & TTagged, yt = y.bits & TTagged;
    if (xt && yt) {
      if (!x.tags.empty() && !y.tags.empty()) {
        std::set_union(x.tags.begin(), x.tags.end(), y.tags.begin(), y.tags.end(), std::back_inserter(r.tags));
        if (r.tags.size() > kMaxTags) r.tags.clear();
      }
    } else {
      r.tags = xt ? x.tags : y.tags;
    }
  }
  return intern(std::move(r));
}

TypeId TypeTable::without(TypeId t, uint32_t bits) {
  TypeData d = types_[t];
  d.bits &= ~bits;
  return intern(std::move(d));
}

std::string TypeTable::show(TypeId t) const {
  const TypeData& d = types_[t];
  if (d.bits == TAllBits && d.elem == any_ && d.callees.empty() && d.tags.empty()) return "Any";
  if (d.bits == 0) return "Never";
  static const std::pair<uint32_t, const char*> kNames[] = {
      {TInt, "Int"},     {TFloat, "Float"},     {TBool, "Bool"},      {TNil, "Nil"},        {TString, "String"},
      {TList, "List"},   {TFn, "Fn"},           {TSymbol, "Symbol"},  {TKeyword, "Keyword"}, {TTagged, "Tagged"},
      {TMap, "Map"},     {TError, "Error"},     {TChannel, "Channel"}, {TPromise, "Promise"},
      {TVector, "Vector"}};
  std::string out;
  uint32_t bits = d.bits;
  if (bits == TAllBits) {
    out = "Any";
    bits = 0;
  }
  for (auto [bit, name] : kNames) {
    if (!(bits & bit)) continue;
    if (!out.empty()) out += "|";
    out += name;
    if (bit == TList && d.elem != any_) out += "<" + show(d.elem) + ">";
    if (bit == TFn && !d.callees.empty()) {
      out += "{";
      for (size_t i = 0; i < d.callees.size(); ++i) {
        if (i) out += ",";
        Callee c = d.callees[i];
        out += (c & kBuiltinCallee) ? builtins::info(static_cast<int32_t>(c & ~kBuiltinCallee)).name : "#" + std::to_string(c);
      }
      out += "}";
    }
    if (bit == TTagged && !d.tags.empty()) {
      out += "{";
      for (size_t i = 0; i < d.tags.size(); ++i) out += (i ? "," : "") + tagNames_[d.tags[i]].first;
      out += "}";
    }
  }
  return out;
}

}  // namespace fl::infer
