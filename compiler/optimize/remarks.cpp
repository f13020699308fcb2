// Optimisation remarks (`flc build --remarks`, docs/remarks.md): after the optimizer, every
// operation left generic in the program's TIR, with its location and the reason -- which value's
// type was not precise enough, and what that value is. Like SBCL's efficiency notes and Julia's
// @code_warntype, they point at the code to change (or at a limit of the compiler).
#include "optimize/remarks.h"

#include <algorithm>

#include "builtins/builtins.h"
#include "fluentai/rt.h"
#include "infer/infer.h"

namespace fl::optimize {

using namespace fl::tir;

namespace {

bool arithmetic(int32_t id) {
  switch (id) {
    case FL_B_ADD:
    case FL_B_SUB:
    case FL_B_MUL:
    case FL_B_DIV:
    case FL_B_LT:
    case FL_B_LE:
    case FL_B_GT:
    case FL_B_GE:
    case FL_B_EQUAL:
    case FL_B_NOT_EQUAL:
    case FL_B_QUOTIENT:
    case FL_B_MOD:
    case FL_B_MODULO:
    case FL_B_ABS:
    case FL_B_BIT_AND:
    case FL_B_BIT_OR:
    case FL_B_BIT_XOR:
    case FL_B_BIT_NOT:
    case FL_B_BIT_COUNT:
    case FL_B_ARITHMETIC_SHIFT:
    case FL_B_SHIFT_LEFT:
    case FL_B_SHIFT_RIGHT: return true;
    default: return false;
  }
}

class Finder {
 public:
  Finder(const Program& p, const Interner& names) : p_(p), names_(names) {}

  std::vector<Remark> run() {
    for (const Function& f : p_.fns) {
      if (f.dead) continue;
      f_ = &f;
      std::vector<NodeId> stack{f.body};
      while (!stack.empty()) {
        NodeId n = stack.back();
        stack.pop_back();
        check(n);
        forEachChild(f, n, [&](NodeId k) { stack.push_back(k); });
      }
    }
    std::stable_sort(out_.begin(), out_.end(), [](const Remark& a, const Remark& b) { return a.span.begin < b.span.begin; });
    return std::move(out_);
  }

 private:
  std::string name(Sym s) const { return std::string(names_.str(s)); }
  std::string type(TypeId t) const { return p_.types.show(t); }

  // What a value is, for the reason of a remark.
  std::string describe(NodeId n) const {
    const Node& x = (*f_)[n];
    switch (x.op) {
      case Op::Local: {
        bool param = std::find(f_->params.begin(), f_->params.end(), x.a) != f_->params.end();
        return (param ? "parameter `" : "variable `") + name(f_->vars[x.a].name) + "`";
      }
      case Op::Env: return "captured `" + name(f_->captures[x.a].name) + "`";
      case Op::Global: return "global `" + name(p_.globals[x.a].name) + "`";
      case Op::Call: return "the result of `" + p_.fns[x.a].name + "`";
      case Op::CallUnknown: return "the result of an unknown call";
      case Op::CallBuiltin: return "the result of `" + name(x.sym) + "`";
      case Op::Box:
      case Op::Unbox: return describe(x.kids[0]);
      default: return std::string("a ") + opName(x.op);
    }
  }

  void add(NodeId n, std::string what, std::string why) {
    out_.push_back({(*f_)[n].span, f_->name, std::move(what), std::move(why)});
  }

  void check(NodeId n) {
    const Node& x = (*f_)[n];
    const auto& T = p_.types;
    switch (x.op) {
      case Op::CallBuiltin: {
        int32_t id = static_cast<int32_t>(x.a);
        if (!arithmetic(id)) return;
        for (NodeId k : x.kids) {
          const Node& arg = (*f_)[k];
          uint32_t bits = T.bits(arg.type);
          // An operand that may be a number but is not known to be one kind of number.
          if (arg.rep == Rep::Tagged && (bits & infer::TNumber) && bits != infer::TInt && bits != infer::TFloat) {
            add(n, "generic arithmetic `" + name(x.sym) + "`", describe(k) + " is " + type(arg.type));
            return;
          }
        }
        return;
      }
      case Op::CallUnknown:
        add(n, "unknown call", "the callee, " + describe(x.kids[0]) + ", is " + type((*f_)[x.kids[0]].type));
        return;
      case Op::Call:
        if (x.c != kNone)
          add(n, "call of `" + p_.fns[x.a].name + "` decided at run time",
              "an argument is Int|Float: fixnums go to `" + p_.fns[x.c].name + "`, anything else to the general one");
        return;
      case Op::MakeClosure:
        if (!x.kids.empty()) {
          const Closure& c = p_.closures[x.a];
          std::string lam = c.name ? "`" + name(c.name) + "`" : "a lambda";
          add(n, "closure allocated for " + lam,
              "it is used as a value and captures " + std::to_string(x.kids.size()) + " variable" +
                  (x.kids.size() == 1 ? "" : "s"));
        }
        return;
      case Op::Global:
        if (x.b == 1)
          add(n, "unbound check on global `" + name(p_.globals[x.a].name) + "`",
              "it is assigned, or code that runs before its definition may read it");
        return;
      case Op::Local:
        if (x.b != 1 && f_->vars[x.a].checked)
          add(n, "unbound check on `" + name(f_->vars[x.a].name) + "`", "it is initialized by a define that may run later");
        return;
      case Op::Box:
        if ((*f_)[x.kids[0]].rep == Rep::Float) add(n, "Float boxed (allocates)", describe(x.kids[0]) + " goes where any value may go");
        return;
      default: return;
    }
  }

  const Program& p_;
  const Interner& names_;
  const Function* f_ = nullptr;
  std::vector<Remark> out_;
};

}  // namespace

std::vector<Remark> remarks(const Program& p, const Interner& names) { return Finder(p, names).run(); }

std::string formatRemarks(const std::vector<Remark>& rs, const SourceManager& sm) {
  std::string out;
  for (const Remark& r : rs) {
    out += r.span.valid() ? sm.describe(r.span.begin) : std::string("<unknown>");
    out += ": remark: in " + r.fn + ": " + r.what + ": " + r.why + "\n";
  }
  return out;
}

}  // namespace fl::optimize
