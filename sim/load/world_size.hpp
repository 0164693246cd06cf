// What a generated world will cost before it is generated: a `generate:` section
// of a few lines can ask for more firms and links than any machine holds, and
// that is refused up front with the estimate rather than after minutes with
// std::bad_alloc.
#pragma once

#include <cstdint>

#include "load/world_generator.hpp"
#include "model/origin.hpp"
#include "model/world.hpp"

namespace regimesim::load {

inline constexpr int kMaxFirmsPerState = 1000000;
inline constexpr int kMaxLinksPerInput = 100000;

struct WorldSize {
  double firms = 0;
  double links = 0;
  double bytes = 0;  // the loaded world, its network and the two runs of a paired run
};

WorldSize estimate_generated_size(const World& world, const GenerationSpec& spec);

// The memory a run may use: the machine's physical memory, or
// REGIMESIM_MEMORY_LIMIT_MB when set (tests use it to be machine-independent).
double memory_budget_bytes();

// Throws ScenarioError at `where` when the world would not fit in memory_budget_bytes().
void check_generated_size(const World& world, const GenerationSpec& spec, const Origin& where);

}  // namespace regimesim::load
