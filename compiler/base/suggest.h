// "Did you mean ...": the candidate closest to a misspelt name by edit distance (Damerau-
// Levenshtein with adjacent transpositions), if it is close enough to be a likely typo.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fl {

size_t editDistance(std::string_view a, std::string_view b, size_t limit);

class Suggester {
 public:
  explicit Suggester(std::string_view typo) : typo_(typo), limit_(std::max<size_t>(1, typo.size() / 3)) {}
  void consider(std::string_view candidate);
  // The best candidate ("" when none is within the limit).
  const std::string& best() const { return best_; }

 private:
  std::string typo_;
  size_t limit_;
  size_t bestDistance_ = SIZE_MAX;
  std::string best_;
};

}  // namespace fl
