// expand: datums -> core AST (LANGUAGE.md §2, §6). Sugar (cond when unless let* do and or, named
// let, internal defines, define-forms) becomes the small core of ast/nodes.def. Binding sites
// create variables; identifiers stay Name nodes for resolve. Malformed forms are reported (E02xx)
// and forms of later conformance levels get "not supported yet" (E0901) at their location.
#pragma once

#include <vector>

#include "ast/ast.h"
#include "diag/diag.h"
#include "modules/loader.h"
#include "parse/datum.h"

namespace fl::expand {

// Expands every file of the program (in initialization order) into one Module whose init lambda
// runs their top levels in that order; each file gets its module scope (ast::FileUnit).
// checkContracts: compile :requires/:ensures/:invariant checks into contracted functions
// (--contracts=check, §15); otherwise they are only resolved.
// session: the program is one entry of a REPL session (ast::Module::sessionEntry); the main file
// starts with the session's names and constructors in scope.
ast::Module expand(const parse::Forest& forest, const modules::Program& program, Interner& names,
                   diag::Engine& diags, bool checkContracts = false, const ast::SessionScope* session = nullptr);

// Effect types of LANGUAGE.md §11 (lower-case); a symbol TYPE:OP with such a TYPE is an effect
// operation name and cannot be bound.
bool isEffectOperationName(std::string_view name);

}  // namespace fl::expand
