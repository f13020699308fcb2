#include "modules/loader.h"

#include <cstdlib>
#include <filesystem>
#include <unordered_map>

#include "base/suggest.h"
#include "driver/paths.h"
#include "parse/parser.h"

namespace fl::modules {

namespace fs = std::filesystem;
using parse::DatumId;
using parse::DatumKind;

namespace {

bool isForm(const parse::Forest& f, const Interner& names, DatumId d, std::string_view head) {
  return f[d].kind == DatumKind::List && f.size(d) > 0 && f[f.child(d, 0)].kind == DatumKind::Symbol &&
         names.str(f[f.child(d, 0)].sym) == head;
}

void flatten(const parse::Forest& f, const Interner& names, const DatumId* b, const DatumId* e,
             std::vector<DatumId>& out, std::vector<DatumId>* moduleForms) {
  for (const DatumId* p = b; p != e; ++p) {
    DatumId d = *p;
    if (isForm(f, names, d, "begin") || isForm(f, names, d, "do")) {
      flatten(f, names, f.begin(d) + 1, f.end(d), out, moduleForms);
    } else if (isForm(f, names, d, "module")) {
      if (moduleForms) moduleForms->push_back(d);
      // (module NAME [EXPORTS] body...): EXPORTS is (export ...), [...] or ().
      uint32_t first = 2;
      if (f.size(d) > 2) {
        DatumId ex = f.child(d, 2);
        if (f[ex].kind == DatumKind::Bracket || (f[ex].kind == DatumKind::List && f.size(ex) == 0) ||
            isForm(f, names, ex, "export"))
          first = 3;
      }
      if (f.size(d) > first) flatten(f, names, f.begin(d) + first, f.end(d), out, moduleForms);
    } else {
      out.push_back(d);
    }
  }
}

class Loader {
 public:
  Loader(const Options& o, SourceManager& sm, parse::Forest& f, Interner& n, diag::Engine& d)
      : opts_(o), sm_(sm), forest_(f), names_(n), diags_(d) {}

  Program run(const SourceFile& main) {
    visit(main, main.path, Span{});
    return std::move(program_);
  }

 private:
  // Reads, parses and (depth first) loads the imports of one file; returns its index in
  // program_.files, or -1 when it cannot be loaded.
  int visit(const SourceFile& src, const std::string& display, Span importSpan) {
    std::error_code ec;
    std::string canon = fs::weakly_canonical(fs::absolute(src.path), ec).string();
    std::vector<lex::Token> tokens = lex::lex(src, diags_);
    std::vector<DatumId> top = parse::parse(tokens, forest_, names_, diags_);
    state_[canon] = State::Loading;
    File file;
    file.path = display;
    file.canonical = canon;
    file.source = &src;
    file.topLevel = top;

    for (DatumId d : topLevelForms(forest_, top, names_)) {
      if (!isForm(forest_, names_, d, "import")) continue;
      if (forest_.size(d) < 2 || forest_[forest_.child(d, 1)].kind != DatumKind::String) {
        diags_.report(diag::Id::BadForm, forest_[d].span, "import", "the path must be a string literal: (import \"PATH\" [NAMES])");
        continue;
      }
      DatumId pathD = forest_.child(d, 1);
      std::string path = forest_.strings[forest_[pathD].str];
      std::string found = resolvePath(path, fs::path(src.path).parent_path().string());
      if (found.empty()) {
        diags_.report(diag::Id::ModuleNotFound, forest_[pathD].span, path);
        noteSearch(path, fs::path(src.path).parent_path().string());
        continue;
      }
      std::string target = fs::weakly_canonical(fs::absolute(found), ec).string();
      auto st = state_.find(target);
      int index;
      if (st != state_.end() && st->second == State::Loading) {
        diags_.report(diag::Id::ImportCycle, forest_[pathD].span, path);
        continue;
      } else if (st != state_.end()) {
        index = indexOf_[target];
      } else {
        std::string err;
        const SourceFile* imported = sm_.loadFile(found, &err);
        if (!imported) {
          diags_.report(diag::Id::CannotReadFile, forest_[pathD].span, found, err);
          continue;
        }
        index = visit(*imported, found, forest_[pathD].span);
      }
      if (index >= 0) file.imports.push_back({d, path, static_cast<uint32_t>(index)});
    }
    state_[canon] = State::Done;
    program_.files.push_back(std::move(file));
    int index = static_cast<int>(program_.files.size() - 1);
    indexOf_[canon] = index;
    (void)importSpan;
    return index;
  }

  // §13 resolution: P.fl/P.ai as is; otherwise P.fl, P.ai, P/module.fl, P/module.ai, under the
  // importing file's directory, each -I directory, then the standard library.
  static std::vector<std::string> candidatesFor(const std::string& path) {
    if (path.ends_with(".fl") || path.ends_with(".ai")) return {path};
    return {path + ".fl", path + ".ai", path + "/module.fl", path + "/module.ai"};
  }
  // The importing file's directory, the -I directories, the standard library: in search order.
  std::vector<std::string> searchDirs(const std::string& fromDir) const {
    std::vector<std::string> bases{fromDir.empty() ? "." : fromDir};
    bases.insert(bases.end(), opts_.includeDirs.begin(), opts_.includeDirs.end());
    if (!opts_.stdlibDir.empty()) bases.push_back(opts_.stdlibDir);
    return bases;
  }

  // Notes for a module that was not found: where flc looked, and a module of a similar name
  // in those places, if there is one.
  void noteSearch(const std::string& path, const std::string& fromDir) {
    std::vector<std::string> candidates = candidatesFor(path);
    std::vector<std::string> bases = searchDirs(fromDir);
    std::string files, dirs;
    for (size_t i = 0; i < candidates.size(); ++i)
      files += (i == 0 ? "" : i + 1 == candidates.size() ? " and " : ", ") + candidates[i];
    for (size_t i = 0; i < bases.size(); ++i) dirs += (i == 0 ? "" : ", ") + bases[i];
    diags_.note(Span{}, "looked for " + files + " in: " + dirs);
    // similar names: NAME.fl / NAME.ai files and NAME/ directories beside where it was sought
    fs::path wanted(path);
    std::string stem = wanted.filename().string();
    if (stem.ends_with(".fl") || stem.ends_with(".ai")) stem = stem.substr(0, stem.size() - 3);
    Suggester suggest(stem);
    for (const std::string& base : bases) {
      std::error_code ec;
      fs::path dir = fs::path(base) / wanted.parent_path();
      for (const auto& entry : fs::directory_iterator(dir, ec)) {
        std::string name = entry.path().filename().string();
        if (entry.is_directory(ec)) suggest.consider(name);
        else if (name.ends_with(".fl") || name.ends_with(".ai")) suggest.consider(name.substr(0, name.size() - 3));
      }
    }
    if (!suggest.best().empty()) {
      std::string guess = (wanted.parent_path() / suggest.best()).string();
      diags_.note(Span{}, "did you mean \"" + guess + "\"?");
    }
  }

  std::string resolvePath(const std::string& path, const std::string& fromDir) {
    std::vector<std::string> candidates = candidatesFor(path);
    std::vector<std::string> bases = searchDirs(fromDir);
    for (const std::string& base : bases)
      for (const std::string& c : candidates) {
        fs::path p = fs::path(base) / c;
        std::error_code ec;
        if (fs::is_regular_file(p, ec)) return p.lexically_normal().string();
      }
    return "";
  }

  enum class State { Loading, Done };
  const Options& opts_;
  SourceManager& sm_;
  parse::Forest& forest_;
  Interner& names_;
  diag::Engine& diags_;
  Program program_;
  std::unordered_map<std::string, State> state_;
  std::unordered_map<std::string, int> indexOf_;
};

}  // namespace

std::vector<DatumId> topLevelForms(const parse::Forest& forest, const std::vector<DatumId>& datums,
                                   const Interner& names, std::vector<DatumId>* moduleForms) {
  std::vector<DatumId> out;
  flatten(forest, names, datums.data(), datums.data() + datums.size(), out, moduleForms);
  return out;
}

Program load(const SourceFile& main, const Options& opts, SourceManager& sm, parse::Forest& forest, Interner& names,
             diag::Engine& diags) {
  return Loader(opts, sm, forest, names, diags).run(main);
}

std::string defaultStdlibDir() {
  if (const char* d = getenv("FLC_STDLIB_DIR"); d && *d) return d;
  fs::path installed = fs::path(driver::selfDirectory()).parent_path() / "share" / "fluentai" / "stdlib";
  std::error_code ec;
  if (fs::is_directory(installed, ec)) return installed.string();
  return FLC_SOURCE_STDLIB_DIR;
}

}  // namespace fl::modules
