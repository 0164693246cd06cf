// The seed of each replicate: a pure function of (base seed, run index), so any run
// can be redone alone and give the same numbers.
#pragma once

#include <cstdint>

#include "random/counter_draw.hpp"

namespace regimesim::ensemble {

// Run 0 keeps the base seed, so a single run is the run it always was (and
// `--seed S` alone reproduces run 0 of an ensemble with base seed S). Run i > 0
// takes SplitMix64(SplitMix64(base) + i): well mixed, and distinct for distinct i.
constexpr std::uint64_t run_seed(std::uint64_t base, std::uint64_t run) {
  return run == 0 ? base : random::mix(random::mix(base) + run);
}

}  // namespace regimesim::ensemble
