// Symbol lookup for define-foreign (§20.7): reads the dynamic symbol table of shared libraries
// and the symbol index of archives with LLVM's object library, so it works for any target.
#include <filesystem>
#include <map>
#include <set>

#include "link/link.h"
#include "llvm/Object/Archive.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Object/ObjectFile.h"

namespace fl::link {

namespace fs = std::filesystem;

namespace {

// The target's default library directories (as the link recipe uses them).
std::vector<std::string> defaultDirs(const codegen::Target& t) {
  if (t.multiarch == "x86_64-linux-gnu") return {"/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib", "/lib"};
  return {"/usr/lib/aarch64-linux-gnu", "/usr/aarch64-linux-gnu/lib"};
}

// Defined symbols of one library file; nullopt-like `ok` false when it cannot be read.
struct SymbolSet {
  bool ok = false;
  std::set<std::string> names;
};

SymbolSet readSymbols(const std::string& path) {
  static std::map<std::string, SymbolSet> cache;
  auto it = cache.find(path);
  if (it != cache.end()) return it->second;
  SymbolSet out;
  auto bin = llvm::object::createBinary(path);
  if (!bin) {
    llvm::consumeError(bin.takeError());
    return cache[path] = out;
  }
  llvm::object::Binary* b = bin->getBinary();
  if (auto* elf = llvm::dyn_cast<llvm::object::ELFObjectFileBase>(b)) {
    out.ok = true;
    for (const llvm::object::ELFSymbolRef& s : elf->getDynamicSymbolIterators()) {
      auto flags = s.getFlags();
      if (!flags || (*flags & llvm::object::SymbolRef::SF_Undefined)) {
        if (!flags) llvm::consumeError(flags.takeError());
        continue;
      }
      if (auto name = s.getName()) out.names.insert(name->str());
      else llvm::consumeError(name.takeError());
    }
  } else if (auto* ar = llvm::dyn_cast<llvm::object::Archive>(b)) {
    out.ok = true;
    for (const llvm::object::Archive::Symbol& s : ar->symbols()) out.names.insert(s.getName().str());
  }
  return cache[path] = out;
}

std::string findLibrary(const std::string& name, const std::vector<std::string>& dirs) {
  for (const std::string& d : dirs)
    for (const char* form : {"lib%s.so", "lib%s.a"}) {
      std::string file = std::string(form).replace(std::string(form).find("%s"), 2, name);
      if (fs::exists(fs::path(d) / file)) return (fs::path(d) / file).string();
    }
  return "";
}

}  // namespace

bool findSymbol(const codegen::Target& target, const std::vector<std::string>& libraryArgs, const std::string& symbol,
                std::string& searched) {
  std::vector<std::string> dirs, libs;
  for (const std::string& a : libraryArgs) {
    if (a.rfind("-L", 0) == 0) dirs.push_back(a.substr(2));
    else if (a.rfind("-l", 0) == 0) libs.push_back(a.substr(2));
  }
  std::vector<std::string> defaults = defaultDirs(target);
  std::vector<std::string> files;
  // libc and libm themselves (libc.so / libm.so are linker scripts naming these)
  for (const char* f : {"libc.so.6", "libc_nonshared.a", "libm.so.6"})
    for (const std::string& d : defaults)
      if (fs::exists(fs::path(d) / f)) {
        files.push_back((fs::path(d) / f).string());
        break;
      }
  std::vector<std::string> all = dirs;
  all.insert(all.end(), defaults.begin(), defaults.end());
  bool unreadable = false;
  for (const std::string& l : libs) {
    std::string path = findLibrary(l, all);
    if (path.empty()) continue;  // the linker reports a missing library
    files.push_back(path);
  }
  searched.clear();
  for (const std::string& f : files) {
    SymbolSet s = readSymbols(f);
    if (!s.ok) {
      unreadable = true;  // e.g. a linker script: the linker decides
      continue;
    }
    if (s.names.count(symbol)) return true;
    searched += (searched.empty() ? "" : ", ") + fs::path(f).filename().string();
  }
  return unreadable || files.empty();
}

}  // namespace fl::link
