// The parse result: S-expression datums (LANGUAGE.md §1.4) in one vector, addressed by 32-bit ids.
// Datum comments (#;) are dropped, 'd becomes a Quote datum with one child.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/interner.h"
#include "base/source.h"

namespace fl::parse {

enum class DatumKind : uint8_t {
  List,       // ( ... )
  Bracket,    // [ ... ]
  Quote,      // 'd  (one child)
  Integer,
  Float,
  String,
  Bool,
  Nil,
  Symbol,
  Keyword,    // name without ':'
  Qualified,  // "geo.area": sym holds the whole text
  RangeOp,    // .. or ..=
  Dot,        // a lone `.` (rest parameters, §20.3)
};
const char* datumKindName(DatumKind k);

using DatumId = uint32_t;

struct Datum {
  DatumKind kind;
  Span span;
  uint32_t firstChild = 0;  // index into Forest::children (List, Bracket, Quote)
  uint32_t numChildren = 0;
  int64_t i = 0;            // Integer
  double f = 0;             // Float
  bool b = false;           // Bool
  Sym sym;                  // Symbol, Keyword, Qualified, RangeOp
  uint32_t str = 0;         // String: index into Forest::strings
};

struct Forest {
  std::vector<Datum> datums;
  std::vector<DatumId> children;
  std::vector<std::string> strings;
  std::vector<DatumId> topLevel;  // per file, in order (see Program)

  const Datum& operator[](DatumId id) const { return datums[id]; }
  // Children of a List/Bracket/Quote datum.
  const DatumId* begin(DatumId id) const { return children.data() + datums[id].firstChild; }
  const DatumId* end(DatumId id) const { return begin(id) + datums[id].numChildren; }
  DatumId child(DatumId id, uint32_t n) const { return children[datums[id].firstChild + n]; }
  uint32_t size(DatumId id) const { return datums[id].numChildren; }
  bool isList(DatumId id) const {
    return datums[id].kind == DatumKind::List || datums[id].kind == DatumKind::Bracket;
  }
  bool isSymbol(DatumId id, Sym s) const { return datums[id].kind == DatumKind::Symbol && datums[id].sym == s; }
};

}  // namespace fl::parse
