// Generates firms and supply links from production shares, so a world of a few
// states and one of a million firms are written in the same format. Also links
// each state's final demand to the firms that make each item.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "model/world.hpp"

namespace regimesim::load {

struct ProductionShares {
  ItemId item;
  std::vector<std::pair<StateId, double>> shares;  // sum to 1
  Origin origin;
};

struct GenerationSpec {
  std::uint64_t seed = 1;
  int firms_per_state = 1;
  int links_per_input = 2;
  double firm_size_spread = 0.0;  // sigma of log firm size within a state
  std::vector<ProductionShares> production;
};

// Appends generated firms, then links every generated firm to suppliers of each
// input in its item's recipe, sampled in proportion to the suppliers' market weight.
void generate_firms_and_links(World& world, const GenerationSpec& spec);

// Links each state's final demand for an item to the firms making it: all of them,
// or at most `per_state` firms from each producing state (0 = all).
void link_final_demand(World& world, int per_state, std::uint64_t seed);

}  // namespace regimesim::load
