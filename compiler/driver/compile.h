// The pipeline of DESIGN.md §1 driven step by step: each step's entry function is called with the
// previous step's output; --emit stops after a step and dumps its result.
#pragma once

#include <string>

#include "driver/options.h"

namespace fl::driver {

// Compiles opts.input as the options say. For Emit::Exe writes `exePath`. Returns the process
// exit status: 0 success, 1 compile errors, 2 internal/tool failures (see docs/driver.md).
int compile(const Options& opts, const std::string& exePath);

// Runs compile() on a thread with a large stack, so deeply nested programs cannot overflow it.
int compileOnLargeStack(const Options& opts, const std::string& exePath);

}  // namespace fl::driver
