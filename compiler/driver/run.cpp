#include "driver/run.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "codegen/target.h"
#include "driver/compile.h"
#include "driver/paths.h"
#include "spdlog/spdlog.h"

namespace fl::driver {

namespace fs = std::filesystem;

namespace {

struct Fnv {
  uint64_t h = 1469598103934665603ull;
  void add(const void* data, size_t n) {
    auto* p = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ull;
  }
  void add(const std::string& s) {
    add(s.data(), s.size());
    add("\0", 1);
  }
};

// Identifies the compiler build: changes whenever flc or the runtime library is rebuilt.
void addFileStamp(Fnv& f, const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) == 0) {
    f.add(&st.st_size, sizeof st.st_size);
    f.add(&st.st_mtim, sizeof st.st_mtim);
  }
  f.add(path);
}

// Keeps the cache small: beyond kMaxEntries executables, the least recently used go.
void trimCache(const fs::path& dir) {
  constexpr size_t kMaxEntries = 200;
  std::vector<std::pair<fs::file_time_type, fs::path>> entries;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file(ec)) entries.push_back({e.last_write_time(ec), e.path()});
  if (entries.size() <= kMaxEntries) return;
  std::sort(entries.begin(), entries.end());
  for (size_t i = 0; i + kMaxEntries < entries.size(); ++i) fs::remove(entries[i].second, ec);
}

}  // namespace

int runProgram(const Options& opts) {
  std::ostringstream ss;
  if (opts.inputText) {
    ss << *opts.inputText;
  } else {
    std::ifstream in(opts.input, std::ios::binary);
    if (!in) {
      // Let the normal pipeline report the unreadable file with its diagnostic.
      return compile(opts, "");
    }
    ss << in.rdbuf();
  }

  codegen::Target host = codegen::hostTarget();
  Fnv key;
  key.add(FLC_VERSION);
  addFileStamp(key, "/proc/self/exe");
  addFileStamp(key, fs::read_symlink("/proc/self/exe").string());
  addFileStamp(key, runtimeLibraryPath(host.multiarch));
  key.add(ss.str());
  key.add(fs::absolute(opts.input).string());
  key.add(opts.input);  // as given: diagnostics and locations in the executable quote it
  for (const std::string& f : programFiles(opts)) {  // imported modules, by path and content
    std::ifstream m(f, std::ios::binary);
    std::ostringstream ms;
    ms << m.rdbuf();
    key.add(fs::absolute(f).string());
    key.add(ms.str());
  }
  for (const std::string& dir : opts.includeDirs) key.add(dir);
  for (const std::string& lib : opts.libraryArgs) key.add(lib);  // (the libraries' contents are not hashed)
  key.add(opts.checkContracts ? "contracts" : "-");
  key.add(std::to_string(opts.optLevel) + (opts.staticLink ? "s" : "d") + (opts.printResult ? "p" : "-") +
          (opts.debugInfo ? "g" : "-") + (opts.backtrace ? "b" : "-"));
  char name[32];
  snprintf(name, sizeof name, "%016llx", static_cast<unsigned long long>(key.h));
  fs::path exe = fs::path(cacheDirectory()) / name;

  // Remarks and TIR dumps come from a full compile: a cached executable does not show them.
  if (!fs::exists(exe) || opts.remarks || !opts.dumpAfter.empty()) {
    // Build under a unique name and rename, so concurrent runs never see a partial file.
    std::string tmp = exe.string() + ".tmp" + std::to_string(getpid());
    int status = compileOnLargeStack(opts, tmp);
    if (status != 0) return status;
    std::error_code ec;
    fs::rename(tmp, exe, ec);
    if (ec) {
      spdlog::error("cannot store {} in the cache: {}", tmp, ec.message());
      exe = tmp;
    } else {
      trimCache(exe.parent_path());
    }
  } else {
    // The front end is cheap: run it again so warnings are reported on every run.
    spdlog::debug("run: cached executable {}", exe.string());
    std::error_code touch;
    fs::last_write_time(exe, fs::file_time_type::clock::now(), touch);  // recently used
    Options check = opts;
    check.command = Command::Check;
    int status = compileOnLargeStack(check, "");
    if (status != 0) return status;
  }

  std::vector<std::string> argvStrings{opts.input};
  argvStrings.insert(argvStrings.end(), opts.programArgs.begin(), opts.programArgs.end());
  std::vector<char*> argv;
  for (std::string& s : argvStrings) argv.push_back(s.data());
  argv.push_back(nullptr);
  fflush(stdout);
  fflush(stderr);
  execv(exe.c_str(), argv.data());
  fprintf(stderr, "error: cannot run %s: %s\n", exe.c_str(), strerror(errno));
  return 2;
}

}  // namespace fl::driver
