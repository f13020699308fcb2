#include "parse/recovery.h"

namespace fl::parse {

namespace {

using lex::TokenKind;

// How far ahead a reading is tried; beyond this, readings that survive are equally good.
constexpr size_t kLookahead = 2000;

bool matches(TokenKind opener, TokenKind closer) {
  return (opener == TokenKind::LParen && closer == TokenKind::RParen) ||
         (opener == TokenKind::LBracket && closer == TokenKind::RBracket);
}

struct Score {
  size_t survived = 0;          // tokens read without a bracket error (kLookahead + 1: the whole file)
  size_t topLevelReturns = 0;   // times all brackets were closed: a reading that leaves an extra
                                // list open never gets back to the top level
  bool betterThan(const Score& o) const {
    return survived != o.survived ? survived > o.survived : topLevelReturns > o.topLevelReturns;
  }
};

Score simulate(const std::vector<lex::Token>& tokens, size_t start, std::vector<TokenKind> open) {
  Score s;
  for (size_t j = start; j < start + kLookahead; ++j) {
    TokenKind k = tokens[j].kind;
    if (k == TokenKind::Eof) {
      if (open.empty()) s.survived = kLookahead + 1;
      return s;
    }
    if (k == TokenKind::LParen || k == TokenKind::LBracket) {
      open.push_back(k);
    } else if (k == TokenKind::RParen || k == TokenKind::RBracket) {
      if (open.empty() || !matches(open.back(), k)) return s;
      open.pop_back();
      if (open.empty()) ++s.topLevelReturns;
    }
    ++s.survived;
  }
  return s;
}

}  // namespace

CloserFix chooseCloserFix(const std::vector<lex::Token>& tokens, size_t closer,
                          const std::vector<TokenKind>& open, std::optional<size_t> enclosing) {
  // Candidates in order of preference when they score the same.
  CloserFix best = CloserFix::Typo;
  Score bestScore;
  bool first = true;
  for (CloserFix fix : {CloserFix::Enclosing, CloserFix::Typo, CloserFix::Stray}) {
    std::vector<TokenKind> after = open;
    if (fix == CloserFix::Enclosing) {
      if (!enclosing) continue;
      after.resize(*enclosing);
    } else if (fix == CloserFix::Typo) {
      after.pop_back();
    }
    Score score = simulate(tokens, closer + 1, std::move(after));
    if (first || score.betterThan(bestScore)) {
      best = fix;
      bestScore = score;
      first = false;
    }
  }
  return best;
}

}  // namespace fl::parse
