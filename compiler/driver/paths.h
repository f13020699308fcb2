// Where flc finds its runtime libraries and keeps its cache.
#pragma once

#include <string>

namespace fl::driver {

// The directory of the running flc executable.
std::string selfDirectory();
// <prefix>/lib/fluentai/<multiarch>/libflrt.a next to bin/flc ($FLC_RUNTIME_DIR/<multiarch> overrides).
std::string runtimeLibraryPath(const std::string& multiarch);
// $FLC_CACHE_DIR, else $XDG_CACHE_HOME/flc, else ~/.cache/flc (created on demand).
std::string cacheDirectory();

}  // namespace fl::driver
