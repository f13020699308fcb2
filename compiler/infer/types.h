// The type lattice of DESIGN.md §3: a set of base kinds, refined by the element type of lists and
// the set of functions a value can be. Types are hash-consed in a TypeTable; a TypeId is 32 bits.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace fl::infer {

enum TypeBit : uint32_t {
  TInt = 1u << 0,
  TFloat = 1u << 1,
  TBool = 1u << 2,
  TNil = 1u << 3,
  TString = 1u << 4,
  TList = 1u << 5,
  TFn = 1u << 6,
  TSymbol = 1u << 7,
  TKeyword = 1u << 8,
  TTagged = 1u << 9,
  TMap = 1u << 10,
  TError = 1u << 11,
  TChannel = 1u << 12,
  TPromise = 1u << 13,
  TVector = 1u << 14,
  TAllBits = (1u << 15) - 1,
  TNumber = TInt | TFloat,
};

using TypeId = uint32_t;

// A callable a function value may be: a lambda (id) or a builtin (kBuiltinCallee | id).
using Callee = uint32_t;
constexpr Callee kBuiltinCallee = 0x80000000u;
constexpr size_t kMaxCallees = 4;  // larger sets widen to "any function"
constexpr size_t kMaxTags = 16;    // larger sets of constructors widen to "any tagged value"

// A constructor as types see it: a tag name with a field count (TypeTable::tagId).
using TagId = uint32_t;

struct TypeData {
  uint32_t bits = 0;
  TypeId elem = 0;                // element type when bits has TList (0 = the table's Any)
  std::vector<Callee> callees;    // when bits has TFn; empty = any function. Sorted.
  std::vector<TagId> tags;        // when bits has TTagged; empty = any constructor. Sorted.
  bool operator==(const TypeData&) const = default;
};

class TypeTable {
 public:
  TypeTable();

  TypeId any() const { return any_; }
  TypeId bottom() const { return bottom_; }
  TypeId intT() const { return int_; }
  TypeId floatT() const { return float_; }
  TypeId boolT() const { return bool_; }
  TypeId nilT() const { return nil_; }
  TypeId stringT() const { return string_; }
  TypeId numberT() const { return number_; }
  TypeId emptyList() const { return emptyList_; }  // List<Bottom>
  TypeId anyFn() const { return anyFn_; }

  TypeId base(uint32_t bits);              // bits with unrefined list/fn parts
  TypeId listOf(TypeId elem);              // depth-limited
  TypeId fnOf(std::vector<Callee> callees);
  TypeId taggedOf(TagId tag);              // values of one constructor
  TagId tagId(const std::string& name, uint32_t arity);
  const std::string& tagName(TagId t) const { return tagNames_[t].first; }
  uint32_t tagArity(TagId t) const { return tagNames_[t].second; }
  TypeId join(TypeId a, TypeId b);
  // The value without some kinds, e.g. after a type test.
  TypeId without(TypeId t, uint32_t bits);

  const TypeData& get(TypeId t) const { return types_[t]; }
  uint32_t bits(TypeId t) const { return types_[t].bits; }
  bool is(TypeId t, uint32_t bit) const { return types_[t].bits == bit; }
  bool maybe(TypeId t, uint32_t bit) const { return (types_[t].bits & bit) != 0; }
  TypeId elem(TypeId t) const { return types_[t].elem; }
  std::string show(TypeId t) const;

 private:
  TypeId intern(TypeData d);
  unsigned depth(TypeId t) const;

  struct Hash {
    size_t operator()(const TypeData& d) const;
  };
  std::vector<TypeData> types_;
  std::unordered_map<TypeData, TypeId, Hash> index_;
  std::vector<std::pair<std::string, uint32_t>> tagNames_;
  std::unordered_map<std::string, TagId> tagIndex_;  // "name/arity" -> id
  TypeId any_, bottom_, int_, float_, bool_, nil_, string_, number_, emptyList_, anyFn_;
};

}  // namespace fl::infer
