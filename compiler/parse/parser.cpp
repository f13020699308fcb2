// The reader: tokens -> datums with an explicit stack of open frames, so nesting depth costs heap,
// not native stack. Recovery keeps one mistake to one error: a rejected token (lex::TokenKind::Error)
// counts as a datum that produces nothing, a mismatched closer closes the frame it most likely
// belongs to, and stray closers are skipped.
#include "parse/parser.h"

#include <fmt/format.h>

#include <optional>

#include "parse/recovery.h"

namespace fl::parse {

namespace {

using lex::Token;
using lex::TokenKind;

constexpr size_t kMaxOpenerNotes = 3;  // notes naming unclosed openers; the rest are counted
constexpr unsigned kMaxLookaheads = 100;  // mismatched closers resolved by lookahead (bounds the cost)

bool isOpener(TokenKind k) { return k == TokenKind::LParen || k == TokenKind::LBracket; }
bool isCloser(TokenKind k) { return k == TokenKind::RParen || k == TokenKind::RBracket; }
const char* spelling(TokenKind k) {
  switch (k) {
    case TokenKind::LParen: return "(";
    case TokenKind::RParen: return ")";
    case TokenKind::LBracket: return "[";
    case TokenKind::RBracket: return "]";
    default: return "?";
  }
}

class Parser {
 public:
  Parser(const std::vector<Token>& tokens, Forest& forest, Interner& names, diag::Engine& diags)
      : tokens_(tokens), forest_(forest), names_(names), diags_(diags) {}

  std::vector<DatumId> run();

 private:
  enum class FrameKind : uint8_t { List, Bracket, Quote, DatumComment };
  struct Frame {
    FrameKind kind;
    uint32_t token;         // the opening token: ( [ ' #;
    uint32_t pendingStart;  // List/Bracket: where its children start in pending_
    // DatumComment: forest sizes to restore once the commented-out datum is complete.
    uint32_t datumsMark, childrenMark, stringsMark;
  };
  static constexpr DatumId kNone = ~DatumId{0};  // an erroneous datum: counts, but produces nothing

  bool nests(FrameKind k) const { return k != FrameKind::DatumComment; }
  void push(FrameKind kind);
  void pop() {
    if (nests(stack_.back().kind)) --depth_;
    stack_.pop_back();
  }
  DatumId addDatum(Datum d) {
    forest_.datums.push_back(d);
    return static_cast<DatumId>(forest_.datums.size() - 1);
  }
  DatumId atom(const Token& t);
  void complete(DatumId id);
  DatumId closeList(uint32_t end);
  void closer();
  void reportDanglingPrefix();
  void finish();
  void noteUnclosed(size_t fromFrame);
  void reportUnclosedAtEnd(const Token& eof);
  uint32_t firstDedentedLine(uint32_t opener) const;
  size_t skipGroup(size_t at) const;
  size_t skipDatum(size_t at) const;
  Span tokenSpan(uint32_t index) const { return tokens_[index].span; }

  const std::vector<Token>& tokens_;
  Forest& forest_;
  Interner& names_;
  diag::Engine& diags_;
  size_t pos_ = 0;
  bool reportedDepth_ = false;
  std::vector<Frame> stack_;
  std::vector<DatumId> pending_;  // children of the open lists, innermost last
  std::vector<DatumId> roots_;
  unsigned depth_ = 0;            // open List, Bracket and Quote frames
  unsigned mismatches_ = 0;
};

std::vector<DatumId> Parser::run() {
  while (true) {
    const Token& t = tokens_[pos_];
    switch (t.kind) {
      case TokenKind::LParen:
      case TokenKind::LBracket:
      case TokenKind::Quote:
        if (depth_ >= kMaxDepth) {
          // Reported once per file (siblings that are too deep too add nothing); the too-deep
          // datum is dropped, so later steps can recurse over datums safely.
          if (!reportedDepth_) diags_.report(diag::Id::NestingTooDeep, t.span, kMaxDepth);
          reportedDepth_ = true;
          pos_ = t.kind == TokenKind::Quote ? skipDatum(pos_ + 1) : skipGroup(pos_);
          complete(kNone);
        } else {
          push(t.kind == TokenKind::LParen ? FrameKind::List
               : t.kind == TokenKind::LBracket ? FrameKind::Bracket : FrameKind::Quote);
          ++pos_;
        }
        break;
      case TokenKind::DatumComment:
        push(FrameKind::DatumComment);
        ++pos_;
        break;
      case TokenKind::RParen:
      case TokenKind::RBracket:
        closer();
        break;
      case TokenKind::Error:
        ++pos_;
        complete(kNone);
        break;
      case TokenKind::Eof:
        finish();
        forest_.topLevel.insert(forest_.topLevel.end(), roots_.begin(), roots_.end());
        return std::move(roots_);
      default:
        ++pos_;
        complete(atom(t));
        break;
    }
  }
}

void Parser::push(FrameKind kind) {
  stack_.push_back(Frame{kind, static_cast<uint32_t>(pos_), static_cast<uint32_t>(pending_.size()),
                         static_cast<uint32_t>(forest_.datums.size()),
                         static_cast<uint32_t>(forest_.children.size()),
                         static_cast<uint32_t>(forest_.strings.size())});
  if (nests(kind)) ++depth_;
}

DatumId Parser::atom(const Token& t) {
  Datum d{};
  d.span = t.span;
  switch (t.kind) {
    case TokenKind::Integer: d.kind = DatumKind::Integer, d.i = t.i; break;
    case TokenKind::Float: d.kind = DatumKind::Float, d.f = t.f; break;
    case TokenKind::Bool: d.kind = DatumKind::Bool, d.b = t.b; break;
    case TokenKind::Nil: d.kind = DatumKind::Nil; break;
    case TokenKind::String:
      d.kind = DatumKind::String;
      d.str = static_cast<uint32_t>(forest_.strings.size());
      forest_.strings.push_back(t.text);
      break;
    case TokenKind::Symbol: d.kind = DatumKind::Symbol, d.sym = names_.intern(t.text); break;
    case TokenKind::Keyword: d.kind = DatumKind::Keyword, d.sym = names_.intern(t.text); break;
    case TokenKind::Qualified: d.kind = DatumKind::Qualified, d.sym = names_.intern(t.text); break;
    case TokenKind::RangeOp: d.kind = DatumKind::RangeOp, d.sym = names_.intern(t.text); break;
    case TokenKind::Dot: d.kind = DatumKind::Dot, d.sym = names_.intern(t.text); break;
    default: return kNone;  // not an atom token: unreachable from run()
  }
  return addDatum(d);
}

// A datum (or kNone) is complete: it fills pending quotes, is swallowed by a datum comment, or
// becomes a child of the innermost list (or a top-level datum).
void Parser::complete(DatumId id) {
  while (!stack_.empty()) {
    const Frame& f = stack_.back();
    switch (f.kind) {
      case FrameKind::Quote:
        if (id != kNone) {
          Datum q{};
          q.kind = DatumKind::Quote;
          q.span = Span{tokenSpan(f.token).begin, forest_[id].span.end};
          q.firstChild = static_cast<uint32_t>(forest_.children.size());
          q.numChildren = 1;
          forest_.children.push_back(id);
          id = addDatum(q);
        }
        pop();
        continue;
      case FrameKind::DatumComment:
        forest_.datums.resize(f.datumsMark);
        forest_.children.resize(f.childrenMark);
        forest_.strings.resize(f.stringsMark);
        pop();
        return;
      case FrameKind::List:
      case FrameKind::Bracket:
        if (id != kNone) pending_.push_back(id);
        return;
    }
  }
  if (id != kNone) roots_.push_back(id);
}

// Closes the innermost frame (a List or Bracket) with its span ending at `end`.
DatumId Parser::closeList(uint32_t end) {
  const Frame& f = stack_.back();
  Datum d{};
  d.kind = f.kind == FrameKind::List ? DatumKind::List : DatumKind::Bracket;
  d.span = Span{tokenSpan(f.token).begin, end};
  d.firstChild = static_cast<uint32_t>(forest_.children.size());
  d.numChildren = static_cast<uint32_t>(pending_.size() - f.pendingStart);
  forest_.children.insert(forest_.children.end(), pending_.begin() + f.pendingStart, pending_.end());
  pending_.resize(f.pendingStart);
  pop();
  return addDatum(d);
}

// A ' or #; on top of the stack that can get no datum (a closer or the end follows): one error,
// and the prefix then counts as an erroneous datum for whatever encloses it.
void Parser::reportDanglingPrefix() {
  const Frame& f = stack_.back();
  bool quote = f.kind == FrameKind::Quote;
  diags_.report(quote ? diag::Id::QuoteAtEnd : diag::Id::DatumCommentAtEnd, tokenSpan(f.token));
  pop();
  complete(kNone);
}

void Parser::closer() {
  const Token& t = tokens_[pos_];
  while (!stack_.empty() && (stack_.back().kind == FrameKind::Quote || stack_.back().kind == FrameKind::DatumComment))
    reportDanglingPrefix();
  if (stack_.empty()) {
    diags_.report(diag::Id::UnexpectedClose, t.span, spelling(t.kind));
    ++pos_;
    return;
  }
  FrameKind wanted = t.kind == TokenKind::RParen ? FrameKind::List : FrameKind::Bracket;
  if (stack_.back().kind == wanted) {
    ++pos_;
    complete(closeList(t.span.end));
    return;
  }
  // Mismatch: decide which opener the closer was meant for (see recovery.h).
  size_t innermost = stack_.size() - 1;
  std::optional<size_t> enclosing;  // index in stack_ of the innermost opener this closer matches
  for (size_t k = innermost; k-- > 0;) {
    if (stack_[k].kind == wanted) {
      enclosing = k;
      break;
    }
  }
  CloserFix fix = enclosing ? CloserFix::Enclosing : CloserFix::Typo;
  if (++mismatches_ <= kMaxLookaheads) {
    std::vector<TokenKind> open;
    std::optional<size_t> openEnclosing;
    for (size_t k = 0; k < stack_.size(); ++k) {
      if (stack_[k].kind != FrameKind::List && stack_[k].kind != FrameKind::Bracket) continue;
      if (enclosing && k == *enclosing) openEnclosing = open.size();
      open.push_back(tokens_[stack_[k].token].kind);
    }
    fix = chooseCloserFix(tokens_, pos_, open, openEnclosing);
  }
  if (fix == CloserFix::Stray) {
    diags_.report(diag::Id::UnexpectedClose, t.span, spelling(t.kind));
    ++pos_;
    return;
  }
  size_t target = fix == CloserFix::Enclosing ? *enclosing : innermost;
  diags_.report(diag::Id::MismatchedClose, t.span, spelling(tokens_[stack_[innermost].token].kind), spelling(t.kind));
  noteUnclosed(target == innermost ? innermost : target + 1);
  uint32_t unclosedEnd = tokenSpan(static_cast<uint32_t>(pos_ - 1)).end;
  while (stack_.size() > target + 1) {
    FrameKind k = stack_.back().kind;
    if (k == FrameKind::Quote || k == FrameKind::DatumComment) reportDanglingPrefix();
    else complete(closeList(unclosedEnd));
  }
  ++pos_;
  complete(closeList(t.span.end));
}

// Notes "'(' opened here" for the List/Bracket frames from the innermost down to stack_[fromFrame].
void Parser::noteUnclosed(size_t fromFrame) {
  size_t noted = 0, more = 0;
  for (size_t k = stack_.size(); k-- > fromFrame;) {
    const Frame& f = stack_[k];
    if (f.kind != FrameKind::List && f.kind != FrameKind::Bracket) continue;
    if (noted == kMaxOpenerNotes) {
      ++more;
      continue;
    }
    const Token& opener = tokens_[f.token];
    diags_.note(opener.span, fmt::format("'{}' opened here", spelling(opener.kind)));
    ++noted;
  }
  if (more) diags_.note(Span{}, fmt::format("and {} more unclosed '(' or '['", more));
}

// The first token after `opener` that starts a line and is indented no deeper than the opener
// (tokens_.size() if none): where an indented program most likely lost a closer.
uint32_t Parser::firstDedentedLine(uint32_t opener) const {
  const SourceManager& sm = diags_.sources();
  LineCol at = sm.lineCol(tokens_[opener].span.begin);
  uint32_t line = at.line;
  for (uint32_t i = opener + 1; i < tokens_.size() && tokens_[i].kind != TokenKind::Eof; ++i) {
    LineCol lc = sm.lineCol(tokens_[i].span.begin);
    if (lc.line == line) continue;
    line = lc.line;  // the first token of a later line
    if (lc.col <= at.col) return i;
  }
  return static_cast<uint32_t>(tokens_.size());
}

// Lists still open at the end of the file: one error at the opener that most likely lacks its
// closer -- the innermost one whose contents continue on a line indented no deeper than it --
// with notes at that line, at the end of the file, and at the other unclosed openers.
void Parser::reportUnclosedAtEnd(const Token& eof) {
  std::vector<size_t> open;  // List/Bracket frames, innermost first
  for (size_t k = stack_.size(); k-- > 0;)
    if (stack_[k].kind == FrameKind::List || stack_[k].kind == FrameKind::Bracket) open.push_back(k);
  if (open.empty()) return;
  size_t culprit = open.front();
  uint32_t dedent = static_cast<uint32_t>(tokens_.size());
  constexpr size_t kMaxTried = 8;  // bounds the cost for thousands of open lists
  for (size_t i = 0; i < open.size() && i < kMaxTried; ++i) {
    uint32_t d = firstDedentedLine(stack_[open[i]].token);
    if (d < tokens_.size()) {
      culprit = open[i];
      dedent = d;
      break;
    }
  }
  const Token& opener = tokens_[stack_[culprit].token];
  diags_.report(diag::Id::UnclosedParen, opener.span, spelling(opener.kind));
  if (dedent < tokens_.size())
    diags_.note(tokens_[dedent].span, fmt::format("perhaps a '{}' is missing before this line: it is indented no "
                                                  "deeper than the '{}'",
                                                  opener.kind == TokenKind::LBracket ? "]" : ")", spelling(opener.kind)));
  diags_.note(eof.span, open.size() == 1 ? std::string("the end of the file is reached with it still open")
                                         : fmt::format("the end of the file is reached with {} lists open", open.size()));
  size_t noted = 0;
  for (size_t k : open) {
    if (k == culprit) continue;
    if (noted++ == kMaxOpenerNotes) {
      diags_.note(Span{}, fmt::format("and {} more unclosed '(' or '['", open.size() - 1 - kMaxOpenerNotes));
      break;
    }
    const Token& t = tokens_[stack_[k].token];
    diags_.note(t.span, fmt::format("'{}' opened here is unclosed too", spelling(t.kind)));
  }
}

// At the end of the file: pending prefixes and unclosed lists are reported once, then everything
// open is closed so that the datums read so far are kept.
void Parser::finish() {
  const Token& eof = tokens_[pos_];
  // An unterminated string or block comment ran to the end: the lists it swallowed are not news.
  bool swallowed = pos_ > 0 && tokens_[pos_ - 1].unterminated;
  bool reported = false;
  while (!stack_.empty()) {
    FrameKind k = stack_.back().kind;
    if (k == FrameKind::Quote || k == FrameKind::DatumComment) {
      if (swallowed) {
        pop();
        complete(kNone);
      } else {
        reportDanglingPrefix();
      }
      continue;
    }
    if (!reported && !swallowed) reportUnclosedAtEnd(eof);
    reported = true;
    complete(closeList(eof.span.end));
  }
}

// The index after the balanced group that starts with the opener at `at` (or the Eof index).
size_t Parser::skipGroup(size_t at) const {
  size_t open = 0;
  for (size_t j = at;; ++j) {
    TokenKind k = tokens_[j].kind;
    if (k == TokenKind::Eof) return j;
    if (isOpener(k)) ++open;
    if (isCloser(k) && --open == 0) return j + 1;
  }
}

// The index after one complete datum starting at `at` (prefixes included); stops before a closer.
size_t Parser::skipDatum(size_t at) const {
  size_t needed = 1;
  size_t j = at;
  while (needed > 0) {
    TokenKind k = tokens_[j].kind;
    if (k == TokenKind::Eof || isCloser(k)) return j;
    if (k == TokenKind::Quote) {
      ++j;
    } else if (k == TokenKind::DatumComment) {
      ++needed;
      ++j;
    } else {
      j = isOpener(k) ? skipGroup(j) : j + 1;
      --needed;
    }
  }
  return j;
}

}  // namespace

std::vector<DatumId> parse(const std::vector<lex::Token>& tokens, Forest& forest, Interner& names,
                           diag::Engine& diags) {
  if (tokens.empty() || tokens.back().kind != TokenKind::Eof) {
    // Not produced by lex(): nothing sensible to read.
    return {};
  }
  return Parser(tokens, forest, names, diags).run();
}

}  // namespace fl::parse
