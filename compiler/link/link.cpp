#include "link/link.h"

#include <algorithm>
#include <filesystem>
#include <mutex>

#include "lld/Common/Driver.h"
#include "llvm/Support/raw_ostream.h"

LLD_HAS_DRIVER(elf)

namespace fl::link {

namespace fs = std::filesystem;

namespace {

struct Recipe {
  std::string emulation;       // -m
  std::string dynamicLinker;
  std::string libDir;          // glibc: crt1.o, libc.so, libc.a ...
  std::string gccDir;          // crtbegin*.o, libgcc.a
  std::vector<std::string> searchDirs;
};

// The newest GCC version directory under `root` that has crtbeginS.o.
std::string findGccDir(const std::string& root) {
  std::error_code ec;
  std::string best;
  int bestVersion = -1;
  for (const auto& e : fs::directory_iterator(root, ec)) {
    std::string name = e.path().filename().string();
    int v = std::atoi(name.c_str());
    if (v > bestVersion && fs::exists(e.path() / "crtbeginS.o")) {
      bestVersion = v;
      best = e.path().string();
    }
  }
  return best;
}

bool recipeFor(const codegen::Target& t, Recipe& r, std::string& error) {
  if (t.multiarch == "x86_64-linux-gnu") {
    r.emulation = "elf_x86_64";
    r.dynamicLinker = "/lib64/ld-linux-x86-64.so.2";
    r.libDir = "/usr/lib/x86_64-linux-gnu";
    r.gccDir = findGccDir("/usr/lib/gcc/x86_64-linux-gnu");
    r.searchDirs = {r.gccDir, r.libDir, "/lib/x86_64-linux-gnu", "/usr/lib", "/lib"};
  } else if (t.multiarch == "aarch64-linux-gnu") {
    r.emulation = "aarch64linux";
    r.dynamicLinker = "/lib/ld-linux-aarch64.so.1";
    if (t.isHost) {
      r.libDir = "/usr/lib/aarch64-linux-gnu";
      r.gccDir = findGccDir("/usr/lib/gcc/aarch64-linux-gnu");
    } else {
      r.libDir = "/usr/aarch64-linux-gnu/lib";
      r.gccDir = findGccDir("/usr/lib/gcc-cross/aarch64-linux-gnu");
    }
    r.searchDirs = {r.gccDir, r.libDir};
  } else {
    error = "no link recipe for " + t.multiarch;
    return false;
  }
  if (r.gccDir.empty()) {
    error = "GCC support files (crtbeginS.o, libgcc.a) for " + t.multiarch + " not found; run scripts/setup.sh";
    return false;
  }
  if (!fs::exists(r.libDir + "/crti.o")) {
    error = "C library for " + t.multiarch + " not found in " + r.libDir + "; run scripts/setup.sh";
    return false;
  }
  return true;
}

}  // namespace

bool buildCommand(const Job& job, std::vector<std::string>& a, std::string& error) {
  Recipe r;
  if (!recipeFor(job.target, r, error)) return false;
  a = {"ld.lld", "-m", r.emulation, "--eh-frame-hdr", "--hash-style=gnu", "--build-id", "-z", "relro", "-z", "now"};
  if (!job.keepDebugInfo) a.push_back("--strip-debug");  // --no-backtrace without -g: no line tables
  // The runtime is compiled with one section per function: only what the program uses is kept.
  a.push_back("--gc-sections");
  if (job.debugHelpers) a.insert(a.end(), {"-u", "flrt_debug_write"});  // nothing calls it but gdb
  if (job.staticLink) {
    a.insert(a.end(), {"-static", "-o", job.output, r.libDir + "/crt1.o", r.libDir + "/crti.o", r.gccDir + "/crtbeginT.o"});
  } else {
    a.insert(a.end(), {"-pie", "-dynamic-linker", r.dynamicLinker, "-o", job.output, r.libDir + "/Scrt1.o",
                       r.libDir + "/crti.o", r.gccDir + "/crtbeginS.o"});
  }
  for (const std::string& l : job.libraryArgs) {  // -L: searched before the target's directories
    if (l.rfind("-L", 0) != 0) continue;
    a.push_back(l);
    // also searched at run time, so that `flc run -L DIR -l NAME` just works
    if (!job.staticLink) a.push_back("-rpath=" + fs::absolute(l.substr(2)).string());
  }
  for (const std::string& d : r.searchDirs) a.push_back("-L" + d);
#ifdef FLC_SANITIZE_RT_DIR
  // A sanitizer build of flc (FLC_SANITIZE) has a sanitized libflrt: link clang's ASan runtime
  // the way clang's driver does for -fsanitize=address.
  if (job.target.isHost && !job.staticLink) {
    std::string rt = std::string(FLC_SANITIZE_RT_DIR) + "/libclang_rt.asan";
    std::string arch = job.target.multiarch.substr(0, job.target.multiarch.find('-'));
    a.insert(a.end(), {"--whole-archive", rt + "_static-" + arch + ".a", rt + "-" + arch + ".a", "--no-whole-archive",
                       "--dynamic-list=" + rt + "-" + arch + ".a.syms"});
  }
#endif
  a.insert(a.end(), job.objects.begin(), job.objects.end());
  a.push_back(job.runtimeLib);
  for (const std::string& l : job.libraryArgs)  // -l: after the objects that use them, in order
    if (l.rfind("-l", 0) == 0) a.push_back(l);
#ifdef FLC_SANITIZE_RT_DIR
  if (job.target.isHost && !job.staticLink)
    a.insert(a.end(), {"--no-as-needed", "-lpthread", "-lrt", "-ldl", "-lresolv"});
#endif
  if (job.staticLink) {
    a.insert(a.end(), {"--start-group", "-lm", "-lc", "-lgcc", "-lgcc_eh", "--end-group"});
    a.insert(a.end(), {r.gccDir + "/crtend.o", r.libDir + "/crtn.o"});
  } else {
    a.insert(a.end(), {"-lm", "-lc", "-lgcc", "--as-needed", "-lgcc_s", "--no-as-needed"});
    a.insert(a.end(), {r.gccDir + "/crtendS.o", r.libDir + "/crtn.o"});
  }
  return true;
}

bool run(const Job& job, std::string& error, std::string* log) {
  std::vector<std::string> args;
  if (!buildCommand(job, args, error)) return false;
  if (log) {
    for (size_t i = 0; i < args.size(); ++i) *log += (i ? " " : "") + args[i];
    *log += "\n";
  }
  std::vector<const char*> argv;
  for (const std::string& s : args) argv.push_back(s.c_str());
  std::string out, err;
  llvm::raw_string_ostream outs(out), errs(err);
  // lld keeps global state while it runs; one link at a time per process.
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  lld::Result res = lld::lldMain(argv, outs, errs, {{lld::Gnu, &lld::elf::link}});
  outs.flush();
  errs.flush();
  if (res.retCode != 0) {
    error = err.empty() ? "ld.lld failed" : err;
    while (!error.empty() && error.back() == '\n') error.pop_back();
    return false;
  }
  return true;
}

}  // namespace fl::link
