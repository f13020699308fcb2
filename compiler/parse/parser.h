// parse: tokens -> datums (LANGUAGE.md §1.4). Iterative (an explicit stack), so any nesting depth
// is handled without recursion; nesting beyond kMaxDepth is reported (E0204). Unbalanced
// brackets are reported with the position of the opener and recovery continues.
#pragma once

#include <string>
#include <vector>

#include "base/interner.h"
#include "diag/diag.h"
#include "lex/lexer.h"
#include "parse/datum.h"

namespace fl::parse {

constexpr unsigned kMaxDepth = 10000;

// Appends the datums of one file to `forest` and the ids of its top-level datums to
// forest.topLevel; returns those ids. Datum comments and rejected tokens produce no datum.
std::vector<DatumId> parse(const std::vector<lex::Token>& tokens, Forest& forest, Interner& names,
                           diag::Engine& diags);

// The --emit=ast dump: each top-level datum as an indented tree with kinds and LINE:COL.
std::string dumpDatums(const Forest& forest, const std::vector<DatumId>& roots, const Interner& names,
                       const SourceManager& sm);

// Writes a datum back as source text (used by diagnostics and dumps).
std::string toSource(const Forest& forest, DatumId id, const Interner& names);

}  // namespace fl::parse
