#include "cli/progress_line.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace regimesim::cli {
namespace {

std::string clock_text(double seconds) {
  const auto s = static_cast<long>(seconds + 0.5);
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60) : fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

ProgressLine::ProgressLine(const ensemble::Progress& progress, int total_runs, int steps_per_run, bool quiet)
    : progress_(progress),
      total_runs_(total_runs),
      total_steps_(static_cast<long>(total_runs) * steps_per_run),
      terminal_(::isatty(STDERR_FILENO) != 0),
      started_(std::chrono::steady_clock::now()) {
  if (!quiet) thread_ = std::thread([this] { loop(); });
}

ProgressLine::~ProgressLine() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (drawn_) std::fputs("\r\x1b[K", stderr);
}

void ProgressLine::loop() {
  // A terminal is redrawn four times a second after a short grace (quick runs stay
  // silent); a log gets a line every five seconds.
  const auto period = terminal_ ? std::chrono::milliseconds(250) : std::chrono::milliseconds(5000);
  const auto grace = terminal_ ? std::chrono::milliseconds(500) : std::chrono::milliseconds(5000);
  std::unique_lock lock(mutex_);
  if (wake_.wait_for(lock, grace, [this] { return done_; })) return;
  do show();
  while (!wake_.wait_for(lock, period, [this] { return done_; }));
}

void ProgressLine::show() {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  const long steps = progress_.steps_done.load(std::memory_order_relaxed);
  const int runs = progress_.runs_done.load(std::memory_order_relaxed);
  const double fraction = total_steps_ > 0 ? static_cast<double>(steps) / static_cast<double>(total_steps_) : 0.0;
  const double rate = elapsed > 0 ? fraction * total_runs_ / elapsed : 0.0;  // runs per second, counting part-runs
  const std::string eta = fraction > 0 ? clock_text(elapsed * (1 - fraction) / fraction) : std::string("?");
  const std::string text = fmt::format("runs {}/{} ({:.0f}%), {:.2f} runs/s, elapsed {}, about {} left", runs,
                                       total_runs_, 100 * fraction, rate, clock_text(elapsed), eta);
  if (terminal_) {
    std::fprintf(stderr, "\r%s\x1b[K", text.c_str());
    drawn_ = true;
  } else {
    std::fprintf(stderr, "progress: %s\n", text.c_str());
  }
  std::fflush(stderr);
}

}  // namespace regimesim::cli
