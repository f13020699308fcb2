#include "driver/timing.h"

#include <cstdio>

#include "spdlog/spdlog.h"

namespace fl::driver {

void StepTimer::done(const char* step, const std::string& detail) {
  Clock::time_point now = Clock::now();
  double ms = std::chrono::duration<double, std::milli>(now - last_).count();
  last_ = now;
  steps_.push_back({step, ms});
  if (log_) spdlog::info("{}: {:.1f} ms{}{}", step, ms, detail.empty() ? "" : ", ", detail);
}

StepTimer::~StepTimer() {
  if (!report_ || steps_.empty()) return;
  double total = std::chrono::duration<double, std::milli>(last_ - start_).count();
  std::fprintf(stderr, "flc time report (wall clock)\n  %-10s %10s %7s\n", "step", "ms", "%");
  for (const auto& [name, ms] : steps_)
    std::fprintf(stderr, "  %-10s %10.1f %6.1f%%\n", name.c_str(), ms, total > 0 ? 100 * ms / total : 0.0);
  std::fprintf(stderr, "  %-10s %10.1f %6.1f%%\n", "total", total, 100.0);
}

}  // namespace fl::driver
