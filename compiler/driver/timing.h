// Compile-step timing: with -v each pipeline step is logged with its wall time as it finishes
// (spdlog info), and --time-report prints all of them as a table on stderr at the end.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace fl::driver {

class StepTimer {
 public:
  StepTimer(bool log, bool report) : log_(log), report_(report), last_(Clock::now()), start_(last_) {}
  ~StepTimer();
  // The step that just finished (the time since the previous one); detail is logged with -v.
  void done(const char* step, const std::string& detail = "");

 private:
  using Clock = std::chrono::steady_clock;
  bool log_, report_;
  Clock::time_point last_, start_;
  std::vector<std::pair<std::string, double>> steps_;
};

}  // namespace fl::driver
