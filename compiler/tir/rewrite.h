// Small tools for the passes that rewrite TIR (optimize/): nodes are replaced in place, so every
// parent keeps pointing at the same id.
#pragma once

#include <vector>

#include "tir/tir.h"

namespace fl::tir {

// Overwrites node `at` with a copy of node `with` (a child of it, typically); `at` keeps its
// tail flag.
void replaceNode(Function& f, NodeId at, NodeId with);

// Reads and writes of every variable (Local nodes, box reads and SetLocal) in the function.
std::vector<uint32_t> useCounts(const Function& f);

// Recomputes every node's tail flag (LANGUAGE.md §7): the body, both branches of an if, the last
// form of a seq, the body of let / letrec and the clause bodies of a match.
void markTails(Function& f);

// A Const node for literal `lit`, typed and represented as that literal.
NodeId constant(Function& f, Program& p, uint32_t lit, Span span);

// Node n converted to representation `want` with a Box or an Unbox node (n itself if it is).
NodeId coerceTo(Function& f, NodeId n, Rep want);

}  // namespace fl::tir
