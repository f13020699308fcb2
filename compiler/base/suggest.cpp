#include "base/suggest.h"

#include <algorithm>

namespace fl {

size_t editDistance(std::string_view a, std::string_view b, size_t limit) {
  size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  std::vector<size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    size_t rowMin = cur[0];
    for (size_t j = 1; j <= m; ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      rowMin = std::min(rowMin, cur[j]);
    }
    if (rowMin > limit) return limit + 1;
    prev2.swap(prev);
    prev.swap(cur);
  }
  return prev[m];
}

void Suggester::consider(std::string_view candidate) {
  // one- and two-letter names are too short for a guess to mean anything
  if (typo_.size() < 3 || candidate.empty() || candidate == typo_ || candidate[0] == '%') return;
  size_t d = editDistance(typo_, candidate, limit_);
  if (d <= limit_ && d < bestDistance_) {
    bestDistance_ = d;
    best_ = std::string(candidate);
  }
}

}  // namespace fl
