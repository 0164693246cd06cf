// Progress of long work on stderr: a live line (runs done of total, rate, time
// left) redrawn in place when stderr is a terminal; a plain line every few seconds
// when it is not (a log); nothing when quiet. It runs on its own thread and only
// reads the workers' counters.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "ensemble/replicates.hpp"

namespace regimesim::cli {

class ProgressLine {
 public:
  ProgressLine(const ensemble::Progress& progress, int total_runs, int steps_per_run, bool quiet);
  ~ProgressLine();  // stops and clears the live line
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

 private:
  void show();
  void loop();

  const ensemble::Progress& progress_;
  int total_runs_;
  long total_steps_;
  bool terminal_;
  std::chrono::steady_clock::time_point started_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  bool drawn_ = false;
  std::thread thread_;
};

}  // namespace regimesim::cli
