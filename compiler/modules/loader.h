// modules: finds and reads every file a program imports (LANGUAGE.md §13): import paths are
// resolved against the importing file's directory, each -I directory, then the standard library
// directory; files are identified by canonical path and loaded once; an import cycle is an error.
// The result lists the files in initialization order (a module before its importers, siblings in
// order of first import), the main file last.
#pragma once

#include <string>
#include <vector>

#include "base/interner.h"
#include "base/source.h"
#include "diag/diag.h"
#include "lex/lexer.h"
#include "parse/datum.h"

namespace fl::modules {

struct Import {
  parse::DatumId form;   // the (import ...) form
  std::string path;      // as written
  uint32_t file = 0;     // index in Program::files of the imported file
};

struct File {
  std::string path;       // as displayed in diagnostics
  std::string canonical;  // identity
  const SourceFile* source = nullptr;
  std::vector<parse::DatumId> topLevel;
  std::vector<Import> imports;  // in source order
};

struct Program {
  std::vector<File> files;  // initialization order; the main file is last
};

struct Options {
  std::vector<std::string> includeDirs;
  std::string stdlibDir;
};

// Loads the main file and everything it imports. Diagnostics for unreadable or missing modules
// and cycles go to `diags`; lexical and syntax errors of every file too.
Program load(const SourceFile& main, const Options& opts, SourceManager& sm, parse::Forest& forest,
             Interner& names, diag::Engine& diags);

// The top-level forms of a file with begin/do and (module ...) bodies spliced in, as expand
// sees them. `moduleForm` receives the module form if there is one.
std::vector<parse::DatumId> topLevelForms(const parse::Forest& forest, const std::vector<parse::DatumId>& datums,
                                          const Interner& names, std::vector<parse::DatumId>* moduleForms = nullptr);

// The directory of the standard library: $FLC_STDLIB_DIR, else the one next to the compiler.
std::string defaultStdlibDir();

}  // namespace fl::modules
