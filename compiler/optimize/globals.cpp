// const-globals: a module-level variable defined once by a top-level form and never assigned is a
// constant. When nothing that runs before its definition can read it (the earlier top-level forms
// and its own value, through every function they may call), no read anywhere can find it
// unbound: reads lose their check, and where the value is a literal they become that literal (no
// load either), and the variable holds that literal from the start (static data: its top-level
// definition does nothing any more). Anything that may run unknown code before the definition (a
// call of an unknown function, a handled effect) keeps every check.
#include <set>

#include "builtins/builtins.h"
#include "fluentai/rt.h"
#include "infer/infer.h"
#include "optimize/passes.h"
#include "tir/rewrite.h"

namespace fl::optimize {

using namespace fl::tir;

namespace {

struct Reads {
  std::set<uint32_t> globals;  // slots read
  bool opaque = false;         // may run code we cannot see (reads anything)
  void add(const Reads& r) {
    globals.insert(r.globals.begin(), r.globals.end());
    opaque |= r.opaque;
  }
};

class GlobalConstants {
 public:
  GlobalConstants(Program& p, PassContext& cx) : p_(p), cx_(cx) {}

  void run() {
    summarize();
    std::vector<uint32_t> literal(p_.globals.size(), kNone);
    std::vector<bool> safe(p_.globals.size(), false);
    std::vector<uint32_t> sets = setCounts();
    Function& init = p_.fns[p_.init];
    Reads before;  // what may have been read so far, in initialization order
    std::vector<NodeId> definitions;  // SetGlobal forms of literal constants
    for (NodeId form : topLevelForms(init)) {
      const Node& x = init[form];
      if (x.op == Op::SetGlobal) {
        Reads value = subtree(init, x.kids[0]);
        before.add(value);
        uint32_t g = x.a;
        if (sets[g] == 1 && !before.opaque && !before.globals.count(g)) {
          safe[g] = true;
          NodeId v = x.kids[0];
          if (init[v].op == Op::Box) v = init[v].kids[0];
          if (init[v].op == Op::Const) {
            literal[g] = init[v].a;
            definitions.push_back(form);
          }
        }
        continue;
      }
      before.add(subtree(init, form));
    }
    for (NodeId form : definitions) {
      p_.globals[init[form].a].initial = literal[init[form].a];
      Span span = init[form].span;
      replaceNode(init, form, constant(init, p_, p_.nilLiteral(), span));
      ++cx_.rewrites;
    }
    for (Function& f : p_.fns) {
      if (f.dead) continue;
      for (NodeId n = 0; n < f.nodes.size(); ++n) {
        Node& x = f[n];
        if (x.op != Op::Global || !safe[x.a]) continue;
        if (literal[x.a] != kNone) {
          Rep rep = x.rep;
          NodeId c = coerceTo(f, constant(f, p_, literal[x.a], f[n].span), rep);
          replaceNode(f, n, c);
        } else {
          x.b = 0;
          x.effects &= ~infer::FxFail;
        }
        ++cx_.rewrites;
      }
    }
  }

 private:
  // The init function's body as a sequence of top-level forms (nested seqs flattened).
  std::vector<NodeId> topLevelForms(const Function& f) {
    std::vector<NodeId> out, stack{f.body};
    while (!stack.empty()) {
      NodeId n = stack.back();
      stack.pop_back();
      if (f[n].op == Op::Seq) {
        for (size_t i = f[n].kids.size(); i-- > 0;) stack.push_back(f[n].kids[i]);
        continue;
      }
      out.push_back(n);
    }
    return out;
  }

  std::vector<uint32_t> setCounts() {
    std::vector<uint32_t> sets(p_.globals.size(), 0);
    for (const Function& f : p_.fns) {
      if (f.dead) continue;
      for (NodeId n = 0; n < f.nodes.size(); ++n)
        if (f[n].op == Op::SetGlobal) sets[f[n].a]++;
    }
    return sets;
  }

  struct Direct {
    Reads reads;
    std::vector<FnId> callees;
  };

  // What evaluating node n reads: its own global reads and those of every function it calls.
  Reads subtree(const Function& f, NodeId n) {
    Direct d;
    std::vector<NodeId> stack{n};
    while (!stack.empty()) {
      NodeId k = stack.back();
      stack.pop_back();
      direct(f, k, d);
      forEachChild(f, k, [&](NodeId c) { stack.push_back(c); });
    }
    Reads r = d.reads;
    for (FnId callee : std::set<FnId>(d.callees.begin(), d.callees.end())) r.add(summary_[callee]);
    return r;
  }

  void direct(const Function& f, NodeId n, Direct& out) {
    const Node& x = f[n];
    switch (x.op) {
      case Op::Global: out.reads.globals.insert(x.a); break;
      case Op::Call:
        out.callees.push_back(x.a);
        if (x.c != kNone) out.callees.push_back(x.c);
        break;
      case Op::CallBuiltin:
        if (x.b != kNone) out.callees.push_back(x.b);
        else if (builtins::info(static_cast<int32_t>(x.a)).effects & FL_FX_CALLS) out.reads.opaque = true;
        break;
      case Op::CallUnknown:
      case Op::Handler: out.reads.opaque = true; break;
      case Op::Effect:
        // a handler may run, and state:update calls a function argument
        if (p_.handledEffects || x.a == FL_EOP_STATE_UPDATE) out.reads.opaque = true;
        break;
      default: break;
    }
  }
  // summary_[f]: what calling f may read, transitively (a fixpoint over the call graph).
  void summarize() {
    std::vector<Direct> d(p_.fns.size());
    for (FnId id = 0; id < p_.fns.size(); ++id) {
      const Function& f = p_.fns[id];
      if (f.dead) continue;
      for (NodeId n = 0; n < f.nodes.size(); ++n) direct(f, n, d[id]);
    }
    summary_.assign(p_.fns.size(), Reads{});
    for (FnId id = 0; id < p_.fns.size(); ++id) summary_[id] = d[id].reads;
    for (bool changed = true; changed;) {
      changed = false;
      for (FnId id = 0; id < p_.fns.size(); ++id) {
        size_t before = summary_[id].globals.size();
        bool opaque = summary_[id].opaque;
        for (FnId c : d[id].callees) summary_[id].add(summary_[c]);
        if (summary_[id].globals.size() != before || summary_[id].opaque != opaque) changed = true;
      }
    }
  }

  Program& p_;
  PassContext& cx_;
  std::vector<Reads> summary_;
};

}  // namespace

void constGlobals(Program& p, PassContext& cx) {
  if (p.sessionEntry) return;  // later REPL entries may assign any global
  GlobalConstants(p, cx).run();
}

}  // namespace fl::optimize
