// `flc run`: compile into a cache keyed by the program's content, the options and the compiler
// itself, then replace this process with the program (its exit status is ours).
#pragma once

#include "driver/options.h"

namespace fl::driver {

int runProgram(const Options& opts);

}  // namespace fl::driver
