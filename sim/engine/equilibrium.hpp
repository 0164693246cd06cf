// The input-output equilibrium a world starts in: each firm's gross output is the
// Leontief solution x = (I - A)^-1 d of the firm-level coefficients implied by the
// recipes and baseline supplier shares. Generated firms get their capacity from it.
#pragma once

#include <vector>

#include "engine/supply_network.hpp"
#include "model/world.hpp"

namespace regimesim::engine {

struct Equilibrium {
  std::vector<double> output;     // per firm
  std::vector<double> capacity;   // per firm: listed, or output * (1 + headroom)
  std::vector<double> link_flow;  // per link, per step
  double relative_residual = 0;
};

// Throws ScenarioError when a listed firm's capacity is below its baseline output.
Equilibrium solve_equilibrium(const World& world, const SupplyNetwork& net);

}  // namespace regimesim::engine
