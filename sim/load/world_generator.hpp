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

struct GenerationSpec {
  std::uint64_t seed = 1;
  int firms_per_state = 1;
  int links_per_input = 2;  // pieces each buyer's need of an input is cut into (load/sourcing_line.hpp)
  double firm_size_spread = 0.0;  // sigma of log firm size within a state
  std::vector<ProductionShares> production;
  std::vector<ImportShares> import_shares;
};

// Appends generated firms and links them so that, at baseline, each (state, item)
// makes exactly its share of the item's world output. Each firm makes its share of
// the item's Leontief total; each buyer's need of an input is cut into
// `links_per_input` pieces laid at random along the line of that input's makers, and
// each maker's stretch of the line is its output (load/sourcing_line.hpp). Final
// demand for a generated item buys from every producing state in proportion to its
// share. Sets world.production.
void generate_firms_and_links(World& world, const GenerationSpec& spec);

// Links each state's final demand for a listed (not generated) item to the firms
// making it: all of them, or at most `per_state` firms from each producing state (0 = all).
void link_final_demand(World& world, int per_state, std::uint64_t seed);

}  // namespace regimesim::load
