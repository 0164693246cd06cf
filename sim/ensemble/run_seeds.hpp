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

// The world draw of run i under --vary world: the same rule on the world's own seed,
// kept to 63 bits because world.generate.seed is a non-negative YAML integer.
constexpr std::uint64_t world_seed(std::uint64_t base, std::uint64_t run) {
  return run == 0 ? base : run_seed(base, run) & 0x7fffffffffffffffULL;
}

}  // namespace regimesim::ensemble
