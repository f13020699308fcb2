// `flc repl`: the interactive loop (line editing and history through libedit when standard
// input is a terminal; plain lines otherwise), its commands, and multi-line forms.
#pragma once

#include "driver/options.h"

namespace fl::repl {

// Runs a session until :quit or the end of input; returns the exit status.
int runRepl(const driver::Options& opts);

}  // namespace fl::repl
