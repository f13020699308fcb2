// Datums as text: the --emit=ast tree (format: docs/dumps.md) and toSource. Both walk with an
// explicit stack, like the parser, so deep nesting cannot overflow the native stack.
#include <fmt/format.h>

#include "lex/line_cursor.h"
#include "lex/literal.h"
#include "parse/parser.h"

namespace fl::parse {

const char* datumKindName(DatumKind k) {
  switch (k) {
    case DatumKind::List: return "List";
    case DatumKind::Bracket: return "Bracket";
    case DatumKind::Quote: return "Quote";
    case DatumKind::Integer: return "Integer";
    case DatumKind::Float: return "Float";
    case DatumKind::String: return "String";
    case DatumKind::Bool: return "Bool";
    case DatumKind::Nil: return "Nil";
    case DatumKind::Symbol: return "Symbol";
    case DatumKind::Keyword: return "Keyword";
    case DatumKind::Qualified: return "Qualified";
    case DatumKind::RangeOp: return "RangeOp";
    case DatumKind::Dot: return "Dot";
  }
  return "?";
}

namespace {

// The source spelling of an atom datum; empty for List, Bracket and Quote.
std::string atomText(const Forest& forest, const Datum& d, const Interner& names) {
  switch (d.kind) {
    case DatumKind::Integer: return std::to_string(d.i);
    case DatumKind::Float: return lex::floatLiteral(d.f);
    case DatumKind::String: return lex::writeString(forest.strings[d.str]);
    case DatumKind::Bool: return d.b ? "#t" : "#f";
    case DatumKind::Nil: return "nil";
    case DatumKind::Keyword: return ":" + std::string(names.str(d.sym));
    case DatumKind::Symbol:
    case DatumKind::Qualified:
    case DatumKind::RangeOp: return std::string(names.str(d.sym));
    case DatumKind::List:
    case DatumKind::Bracket:
    case DatumKind::Quote: break;
  }
  return "";
}

}  // namespace

std::string dumpDatums(const Forest& forest, const std::vector<DatumId>& roots, const Interner& names,
                       const SourceManager& sm) {
  std::string out;
  lex::LineColCursor cursor(sm);
  struct Item {
    DatumId id;
    uint32_t depth;
  };
  std::vector<Item> work;
  for (DatumId root : roots) {
    work.push_back({root, 0});
    while (!work.empty()) {
      Item item = work.back();
      work.pop_back();
      const Datum& d = forest[item.id];
      LineCol lc = cursor.at(d.span.begin);
      out.append(2 * item.depth, ' ');
      out += fmt::format("{}:{} {}", lc.line, lc.col, datumKindName(d.kind));
      std::string value = atomText(forest, d, names);
      if (!value.empty()) out += " " + value;
      out += '\n';
      for (uint32_t n = forest.size(item.id); n-- > 0;) work.push_back({forest.child(item.id, n), item.depth + 1});
    }
  }
  return out;
}

std::string toSource(const Forest& forest, DatumId id, const Interner& names) {
  std::string out;
  struct Item {
    DatumId id;
    uint32_t next;  // index of the next child to write
  };
  std::vector<Item> work{{id, 0}};
  while (!work.empty()) {
    Item& item = work.back();
    const Datum& d = forest[item.id];
    if (d.kind == DatumKind::Quote) {
      if (item.next == 0) {
        out += '\'';
        item.next = 1;
        if (d.numChildren) {
          work.push_back({forest.child(item.id, 0), 0});
          continue;
        }
      }
      work.pop_back();
      continue;
    }
    if (d.kind != DatumKind::List && d.kind != DatumKind::Bracket) {
      out += atomText(forest, d, names);
      work.pop_back();
      continue;
    }
    bool bracket = d.kind == DatumKind::Bracket;
    if (item.next == 0) out += bracket ? '[' : '(';
    if (item.next == d.numChildren) {
      out += bracket ? ']' : ')';
      work.pop_back();
      continue;
    }
    if (item.next > 0) out += ' ';
    DatumId child = forest.child(item.id, item.next++);
    work.push_back({child, 0});  // invalidates `item`
  }
  return out;
}

}  // namespace fl::parse
