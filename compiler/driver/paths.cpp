#include "driver/paths.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace fl::driver {

namespace fs = std::filesystem;

std::string selfDirectory() {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return ".";
  return p.parent_path().string();
}

std::string runtimeLibraryPath(const std::string& multiarch) {
  if (const char* dir = getenv("FLC_RUNTIME_DIR"); dir && *dir)
    return (fs::path(dir) / multiarch / "libflrt.a").string();
  return (fs::path(selfDirectory()).parent_path() / "lib" / "fluentai" / multiarch / "libflrt.a").string();
}

std::string cacheDirectory() {
  fs::path dir;
  if (const char* d = getenv("FLC_CACHE_DIR"); d && *d) dir = d;
  else if (const char* x = getenv("XDG_CACHE_HOME"); x && *x) dir = fs::path(x) / "flc";
  else if (const char* h = getenv("HOME"); h && *h) dir = fs::path(h) / ".cache" / "flc";
  else dir = fs::temp_directory_path() / "flc-cache";
  std::error_code ec;
  fs::create_directories(dir, ec);
  return dir.string();
}

}  // namespace fl::driver
