// The pipeline of DESIGN.md §1 driven step by step: each step's entry function is called with the
// previous step's output; --emit stops after a step and dumps its result.
#pragma once

#include <string>
#include <vector>

#include "ast/ast.h"
#include "diag/diag.h"
#include "driver/options.h"

namespace fl::driver {

// Compiles opts.input as the options say. For Emit::Exe writes `exePath`. Returns the process
// exit status: 0 success, 1 compile errors, 2 internal/tool failures (see docs/driver.md).
int compile(const Options& opts, const std::string& exePath);

// Format, colour and warning options of the command line, applied to an engine.
void configureDiagnostics(const Options& opts, diag::Engine& diags);

// define-foreign symbols must be defined by a library the link uses (§20.7): libc, libm, -l.
void checkForeignSymbols(const Options& opts, const ast::Module& module, diag::Engine& diags);

// Reads the main source file once, before the pipeline, when it is `-` (standard input) or not
// a regular file (/dev/stdin, a pipe): a second read would find it empty. Returns false (with a
// message) if it cannot be read.
bool preloadInput(Options& opts, std::string* error);

// The files of the program (the main file and every module it imports), for the run cache.
std::vector<std::string> programFiles(const Options& opts);

// Runs compile() on a thread with a large stack, so deeply nested programs cannot overflow it.
int compileOnLargeStack(const Options& opts, const std::string& exePath);

}  // namespace fl::driver
