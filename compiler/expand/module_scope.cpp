// A file's top level and module scope (§2.1, §13): imports bind names to the exporters'
// variables (live, read-only views), module-level definitions create the file's variables, and
// the export list (or every definition, without one) says what importers see.
#include <filesystem>

#include "expand/expand.h"
#include "expand/expander.h"

namespace fl::expand {

VarId Expander::globalVar(Sym name, Span span) {
  VarId v = m_.addVar(name, span, VarKind::Global, m_.init);
  m_.vars[v].slot = static_cast<uint32_t>(m_.globals.size());
  m_.globals.push_back(v);
  unit().scope[name.id] = v;
  return v;
}

// Entries of import and export lists: name | (name as alias) | name as alias.
std::vector<Expander::NameEntry> Expander::nameList(const DatumId* b, const DatumId* e, const char* what) {
  std::vector<NameEntry> out;
  for (const DatumId* p = b; p != e; ++p) {
    DatumId x = *p;
    if (D(x).kind == DatumKind::Symbol) {
      if (p + 2 < e && D(p[1]).kind == DatumKind::Symbol && symName(p[1]) == "as") {
        if (D(p[2]).kind != DatumKind::Symbol) {
          malformed(p[2], what, "expected a name after 'as'");
          return out;
        }
        out.push_back({std::string(symName(x)), std::string(symName(p[2])), D(x).span});
        p += 2;
      } else {
        out.push_back({std::string(symName(x)), std::string(symName(x)), D(x).span});
      }
    } else if (F.isList(x) && F.size(x) == 3 && D(F.child(x, 0)).kind == DatumKind::Symbol &&
               D(F.child(x, 1)).kind == DatumKind::Symbol && symName(F.child(x, 1)) == "as" &&
               D(F.child(x, 2)).kind == DatumKind::Symbol) {
      out.push_back({std::string(symName(F.child(x, 0))), std::string(symName(F.child(x, 2))), D(x).span});
    } else {
      malformed(x, what, "expected NAME, (NAME as ALIAS) or NAME as ALIAS");
    }
  }
  return out;
}

void Expander::bindImport(const std::string& alias, VarId var, Span span) {
  Sym s = names_.intern(alias);
  if (alias == "nil" || alias == "true" || alias == "false" || isEffectOperationName(alias)) {
    diags_.report(diag::Id::ReservedBinding, span, alias);
    return;
  }
  auto it = unit().scope.find(s.id);
  bool fromEarlierEntry = it != unit().scope.end() && m_.vars[it->second].slot < m_.sessionSlots &&
                          m_.vars[it->second].kind == VarKind::Global && !unit().imported.count(s.id);
  if (it != unit().scope.end() && !fromEarlierEntry) {  // a REPL entry may import over its session's names
    if (it->second != var || !unit().imported.count(s.id)) diags_.report(diag::Id::ImportClash, span, alias);
    return;
  }
  unit().scope[s.id] = var;
  unit().imported.insert(s.id);
}

void Expander::importNames(const modules::File& file, const modules::Import& imp) {
  DatumId form = imp.form;
  const FileUnit& exporter = m_.files[imp.file];
  // Qualified access Q.x: Q is the last path component without extension.
  std::string q = std::filesystem::path(imp.path).filename().string();
  if (q.empty()) q = std::filesystem::path(imp.path).parent_path().filename().string();
  for (const char* ext : {".fl", ".ai"})
    if (q.size() > 3 && q.ends_with(ext)) q.resize(q.size() - 3);
  auto& quals = unit().qualifiers[q];
  if (std::find(quals.begin(), quals.end(), imp.file) == quals.end()) quals.push_back(imp.file);

  if (F.size(form) == 2) return;
  if (F.size(form) != 3) {
    malformed(form, "import", "expected (import \"PATH\"), (import \"PATH\" (NAME...)) or (import \"PATH\" *)");
    return;
  }
  DatumId spec = F.child(form, 2);
  if (D(spec).kind == DatumKind::Symbol && symName(spec) == "*") {
    for (const auto& [name, var] : exporter.exports) bindImport(name, var, D(spec).span);
    return;
  }
  if (!F.isList(spec)) {
    malformed(spec, "import", "expected a list of names or *");
    return;
  }
  for (const NameEntry& e : nameList(F.begin(spec), F.end(spec), "import")) {
    auto it = exporter.exports.find(e.name);
    if (it == exporter.exports.end()) {
      diags_.report(diag::Id::NotExported, e.span, imp.path, e.name);
      continue;
    }
    bindImport(e.alias, it->second, e.span);
  }
  (void)file;
}

void Expander::expandFile(const modules::File& file) {
  cur_ = m_.init;
  unit().path = file.path;
  std::vector<DatumId> moduleForms;
  Forms forms = modules::topLevelForms(F, file.topLevel, names_, &moduleForms);

  // Export declarations: the module form's list and every (export ...) form.
  bool hasExportDecl = false;
  std::vector<NameEntry> exportEntries;
  for (size_t i = 0; i < moduleForms.size(); ++i) {
    DatumId mf = moduleForms[i];
    if (i > 0) diags_.report(diag::Id::SecondModuleForm, D(mf).span);
    if (F.size(mf) < 2 || D(F.child(mf, 1)).kind != DatumKind::Symbol) {
      malformed(mf, "module", "expected (module NAME [EXPORTS] BODY...)");
      continue;
    }
    if (F.size(mf) > 2) {
      DatumId ex = F.child(mf, 2);
      bool isExportForm = D(ex).kind == DatumKind::List && F.size(ex) > 0 && D(F.child(ex, 0)).kind == DatumKind::Symbol &&
                          symName(F.child(ex, 0)) == "export";
      if (D(ex).kind == DatumKind::Bracket || (D(ex).kind == DatumKind::List && F.size(ex) == 0) || isExportForm) {
        hasExportDecl = true;
        auto entries = nameList(F.begin(ex) + (isExportForm ? 1 : 0), F.end(ex), "export");
        exportEntries.insert(exportEntries.end(), entries.begin(), entries.end());
      }
    }
  }
  for (DatumId f : forms)
    if (formOf(f) == Form::Export) {
      hasExportDecl = true;
      auto entries = nameList(F.begin(f) + 1, F.end(f), "export");
      exportEntries.insert(exportEntries.end(), entries.begin(), entries.end());
    }

  // Imports take effect before any form of the file (§2.1).
  for (const modules::Import& imp : file.imports) importNames(file, imp);

  // Declarations apply to the whole file; define-type accessors are module-level definitions.
  std::vector<Accessor> accessors;
  for (DatumId f : forms)
    if (formOf(f) == Form::Data || formOf(f) == Form::DefineType) declareType(f, formOf(f) == Form::DefineType, accessors);
  std::vector<VarId> ownDefs;
  auto define = [&](Sym name, Span span) -> VarId {
    auto it = unit().scope.find(name.id);
    if (it != unit().scope.end()) {
      if (unit().imported.count(name.id)) {
        diags_.report(diag::Id::ImportClash, span, names_.str(name));
        return it->second;
      }
      return it->second;  // a repeated define of the same module-level variable
    }
    VarId v = globalVar(name, span);
    ownDefs.push_back(v);
    return v;
  };
  std::vector<VarId> accessorVars;
  for (const Accessor& a : accessors) accessorVars.push_back(define(a.name, a.span));
  std::vector<DefineParts> targets = defineTargets(forms);
  for (size_t i = 0; i < forms.size(); ++i)
    if (targets[i].ok) define(D(targets[i].nameDatum).sym, D(targets[i].nameDatum).span);
  std::vector<VarId> foreignVars(forms.size(), kNone);
  for (size_t i = 0; i < forms.size(); ++i)
    if (formOf(forms[i]) == Form::DefineForeign && F.size(forms[i]) > 1 && D(F.child(forms[i], 1)).kind == DatumKind::Symbol &&
        checkBindable(F.child(forms[i], 1), "define-foreign"))
      foreignVars[i] = define(D(F.child(forms[i], 1)).sym, D(F.child(forms[i], 1)).span);

  std::vector<NodeId> kids;
  for (size_t i = 0; i < accessors.size(); ++i) kids.push_back(accessorDefine(accessors[i], accessorVars[i]));
  for (size_t i = 0; i < forms.size(); ++i) {
    DatumId f = forms[i];
    switch (formOf(f)) {
      case Form::Define: {
        const DefineParts& t = targets[i];
        if (!t.ok) break;
        Sym name = D(t.nameDatum).sym;
        VarId v = unit().scope[name.id];
        if (unit().imported.count(name.id)) break;  // reported above
        NodeId n = node(NodeKind::Define, D(f).span);
        NodeId value = defineValue(f, name);
        m_[n].a = v;
        m_[n].kids = {value};
        m_.vars[v].defineCount++;
        kids.push_back(n);
        break;
      }
      case Form::Import:
      case Form::Export:
      case Form::Data:
      case Form::DefineType:
        kids.push_back(nilConst(D(f).span));  // handled above; the form itself does nothing
        break;
      case Form::Contract: kids.push_back(contractForm(f)); break;
      case Form::DefineForeign: kids.push_back(foreignDefine(f, foreignVars[i])); break;
      default: {
        NodeId value = expr(f);
        if (printValues_) {  // (print-line (string-format "~s" value))
          Span s = D(f).span;
          Literal format{LitKind::String};
          format.s = "~s";
          NodeId text = builtinCall(FL_B_STRING_FORMAT, "string-format", {m_.addConst(format, s), value}, s);
          value = builtinCall(FL_B_PRINT_LINE, "print-line", {text}, s);
        }
        kids.push_back(value);
      }
    }
  }
  for (size_t i = 0; i < forms.size(); ++i)
    if (foreignVars[i] != kNone && m_.vars[foreignVars[i]].defineCount > 1)
      diags_.report(diag::Id::ForeignRedefined, D(F.child(forms[i], 1)).span, symName(F.child(forms[i], 1)));
  applyContracts(kids);
  NodeId b = node(NodeKind::Seq, Span{});
  m_[b].kids.assign(kids.begin(), kids.end());
  unit().body = b;

  // What importers see.
  if (!hasExportDecl) {
    for (VarId v : ownDefs) unit().exports[std::string(names_.str(m_.vars[v].name))] = v;
    return;
  }
  for (const NameEntry& e : exportEntries) {
    auto it = unit().scope.find(names_.intern(e.name).id);
    if (it == unit().scope.end()) {
      diags_.report(diag::Id::BadExport, e.span, e.name);
      continue;
    }
    auto [ex, fresh] = unit().exports.emplace(e.alias, it->second);
    if (!fresh && ex->second != it->second) diags_.report(diag::Id::DuplicateExport, e.span, e.alias);
  }
}

}  // namespace fl::expand
