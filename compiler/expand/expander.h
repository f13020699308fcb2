// Internal to the expand step: the Expander class shared by expand.cpp (forms) and
// patterns.cpp (match and catch patterns, §9).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "ast/ast.h"
#include "diag/diag.h"
#include "fluentai/rt.h"
#include "modules/loader.h"
#include "parse/datum.h"

namespace fl::expand {

using namespace fl::ast;
using parse::DatumId;
using parse::DatumKind;

enum class Form : uint8_t {
  None,
#define FORM(id, name) id,
#include "expand/forms.def"
#undef FORM
};


class Expander {
 public:
  Expander(const parse::Forest& forest, Interner& names, diag::Engine& diags, Module& m, uint32_t file,
           bool checkContracts)
      : F(forest), names_(names), diags_(diags), m_(m), file_(file) {
    checkContracts_ = checkContracts;
#define FORM(fid, fname) forms_[names.intern(fname).id] = Form::fid;
#include "expand/forms.def"
#undef FORM
    symElse_ = names.intern("else");
  }

  // Expands one file into m_.files[file_] (module_scope.cpp).
  void expandFile(const modules::File& file);
  // A REPL entry's main file: each top-level expression prints its value (flc repl).
  void printTopLevelValues() { printValues_ = true; }

 private:
  using Forms = std::vector<DatumId>;

  // ---- datum helpers
  const parse::Datum& D(DatumId d) const { return F[d]; }
  std::string_view symName(DatumId d) const { return names_.str(D(d).sym); }
  Form formOf(DatumId d) const {
    if (D(d).kind != DatumKind::List || F.size(d) == 0) return Form::None;
    DatumId h = F.child(d, 0);
    if (D(h).kind != DatumKind::Symbol) return Form::None;
    auto it = forms_.find(D(h).sym.id);
    return it == forms_.end() ? Form::None : it->second;
  }
  Forms childrenFrom(DatumId d, uint32_t first) const {
    Forms out;
    for (uint32_t i = first; i < F.size(d); ++i) out.push_back(F.child(d, i));
    return out;
  }
  std::string formName(DatumId d) const { return std::string(symName(F.child(d, 0))); }

  // ---- node helpers
  NodeId node(NodeKind k, Span s) { return m_.add(k, s); }
  NodeId nilConst(Span s) { return m_.addConst(Literal{LitKind::Nil}, s); }
  NodeId boolConst(bool b, Span s) {
    Literal l{LitKind::Bool};
    l.b = b;
    return m_.addConst(l, s);
  }
  NodeId seq(std::vector<NodeId> kids, Span s) {
    if (kids.size() == 1) return kids[0];
    NodeId n = node(NodeKind::Seq, s);
    m_[n].kids.assign(kids.begin(), kids.end());
    return n;
  }
  NodeId ifNode(NodeId c, NodeId t, NodeId e, Span s) {
    NodeId n = node(NodeKind::If, s);
    m_[n].kids = {c, t, e};
    return n;
  }
  NodeId localRef(VarId v, Span s) {
    NodeId n = node(NodeKind::LocalRef, s);
    m_[n].a = v;
    return n;
  }

  // ---- errors
  NodeId malformed(DatumId d, const char* what, const char* expected) {
    diags_.report(diag::Id::BadForm, D(d).span, what, expected);
    return nilConst(D(d).span);
  }

  // ---- binding names
  bool checkBindable(DatumId d, const char* context);

  // ---- match, try, patterns (§9, §10) - patterns.cpp
  struct PatCtx {
    std::unordered_map<uint32_t, VarId> bound;          // variables of this pattern so far
    const std::unordered_map<uint32_t, VarId>* reuse = nullptr;  // or-pattern: the first alternative's
  };
  NodeId matchForm(DatumId d);
  NodeId caseForm(DatumId d);
  NodeId tryForm(DatumId d);
  PatId pattern(DatumId d, PatCtx& ctx);
  PatId patternVar(DatumId d, PatCtx& ctx);
  PatId badPattern(DatumId d, const char* why);
  bool isClause(DatumId d, const char* head) const;

  // ---- effects (§11) - effects.cpp
  // The operation named by TYPE:OP (or TYPE and OP); reports unknown/unsupported ones.
  int32_t effectOp(DatumId typeDatum, std::string_view type, std::string_view op, Span opSpan);
  int32_t effectOpOfSymbol(DatumId d);
  NodeId effectCall(int32_t op, DatumId d, uint32_t firstArg);
  NodeId effectForm(DatumId d);
  NodeId handlerForm(DatumId d);

  // ---- concurrency (§14) - concurrency.cpp
  NodeId builtinCall(int32_t id, const char* name, const std::vector<NodeId>& args, Span s);
  NodeId thunk(const Forms& bodyForms, Span span);  // (lambda () body...)
  NodeId spawnForm(DatumId d, bool lazy);             // spawn, async
  NodeId selectForm(DatumId d);

  // ---- modules (§13) - module_scope.cpp
  struct NameEntry {
    std::string name, alias;
    Span span;
  };
  std::vector<NameEntry> nameList(const DatumId* b, const DatumId* e, const char* what);
  void importNames(const modules::File& file, const modules::Import& imp);
  void bindImport(const std::string& alias, VarId var, Span span);
  VarId globalVar(Sym name, Span span);

  // ---- contracts (§15) - contracts.cpp
  NodeId contractForm(DatumId f) {
    contracts_.push_back(f);
    return nilConst(D(f).span);  // the form itself evaluates to nil where it stands
  }
  // Applies every contract of the file to its function's lambda (kids: the file's top level).
  void applyContracts(const std::vector<NodeId>& kids);
  NodeId contractChecks(LambdaId lam, const std::vector<std::pair<DatumId, std::string>>& conds,
                        const std::string& fn);
  std::vector<DatumId> contracts_;
  bool checkContracts_ = false;

  // ---- data / define-type (§8)
  struct Accessor {
    Sym name;          // C-f
    std::string ctor;  // C
    uint32_t arity;
    uint32_t index;
    Span span;
  };
  void declareType(DatumId d, bool withAccessors, std::vector<Accessor>& accessors);
  NodeId accessorDefine(const Accessor& a, VarId var);
  NodeId foreignDefine(DatumId d, VarId var);
  LambdaId addLambda(Sym name, Span span);
  NodeId defineLambda(VarId var, LambdaId id, NodeId body, Span span);

  // ---- expressions
  NodeId expr(DatumId d, Sym nameHint = {});
  NodeId symbolExpr(DatumId d);
  // Quoted data (§6): atoms denote themselves, symbols become Symbols, lists become lists.
  Literal quoted(DatumId d);
  NodeId quoteExpr(DatumId d, Span span) {
    Literal lit = quoted(d);
    return m_.addConst(std::move(lit), span);
  }
  NodeId listExpr(DatumId d, Sym nameHint);
  NodeId callExpr(DatumId d);
  NodeId body(const Forms& forms, Span span);
  void flattenBody(const Forms& forms, Forms& out);
  NodeId ifForm(DatumId d);
  NodeId condForm(DatumId d);
  NodeId whenForm(DatumId d, bool negate);
  NodeId andOrForm(DatumId d, bool isAnd);
  NodeId letForm(DatumId d);
  NodeId namedLet(DatumId d);
  NodeId letrecForm(DatumId d);
  NodeId lambdaForm(DatumId d, Sym name);
  NodeId lambdaFrom(DatumId paramList, bool skipFirst, const Forms& bodyForms, Span span, Sym name);
  LambdaId openLambda(Span span, Sym name);
  NodeId closeLambda(LambdaId id, LambdaId saved, const Forms& bodyForms, Span span);
  NodeId setForm(DatumId d);
  bool bindingPair(DatumId b, DatumId& name, DatumId& value);

  // A `(define ...)` form: its target name datum and value expression (nameHint-aware).
  struct DefineParts {
    DatumId nameDatum = 0;
    bool ok = false;
  };
  DefineParts defineTarget(DatumId d);
  // defineTarget of every define form in `forms` (reporting malformed ones once); ok=false elsewhere.
  std::vector<DefineParts> defineTargets(const Forms& forms) {
    std::vector<DefineParts> out(forms.size());
    for (size_t i = 0; i < forms.size(); ++i)
      if (formOf(forms[i]) == Form::Define) out[i] = defineTarget(forms[i]);
    return out;
  }
  NodeId defineValue(DatumId d, Sym name);

  const parse::Forest& F;
  Interner& names_;
  diag::Engine& diags_;
  Module& m_;
  uint32_t file_;
  FileUnit& unit() { return m_.files[file_]; }
  bool printValues_ = false;
  std::unordered_map<std::string, CtorDecl>& ctors() { return m_.files[file_].ctors; }
  std::unordered_map<uint32_t, Form> forms_;
  Sym symElse_;
  LambdaId cur_ = kNone;
};

bool isEffectTypeName(std::string_view t);

}  // namespace fl::expand
