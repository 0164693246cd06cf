// A run's seed, and whether the run has drawn on it yet. A run's path up to its
// first draw is a function of the scenario alone, the same for every seed: the
// replicates of an ensemble can take those steps once between them
// (ensemble/shared_prefix.hpp). So every draw a run makes goes through a RunSeed,
// and the rules that draw keep copies of the run's, which share one record.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "random/counter_draw.hpp"

namespace regimesim::random {

class RunSeed {
 public:
  // Implicit: a test or a tool that draws with a plain seed need not say more.
  RunSeed(std::uint64_t value = 0) : value_(value), drawn_(std::make_shared<std::atomic<bool>>(false)) {}

  std::uint64_t value() const { return value_; }
  // Whether any copy of this seed has been drawn on since it was made.
  bool drawn() const { return drawn_->load(std::memory_order_relaxed); }
  // Draws can be made on several threads at once (a sweep's pieces): the record is
  // one flag, set by any of them, read between steps.
  void note_draw() const {
    if (!drawn_->load(std::memory_order_relaxed)) drawn_->store(true, std::memory_order_relaxed);
  }

 private:
  std::uint64_t value_;
  std::shared_ptr<std::atomic<bool>> drawn_;
};

// A run's draw: counter_draw.hpp's, noted on the seed.
inline double uniform(const RunSeed& seed, std::uint64_t a, std::uint64_t b = 0, std::uint64_t c = 0,
                      std::uint64_t d = 0) {
  seed.note_draw();
  return uniform(seed.value(), a, b, c, d);
}

}  // namespace regimesim::random
