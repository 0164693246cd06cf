// Who sells how much of one generated item to whom, between states. Without public
// bilateral figures the generator's sourcing line makes every buying state source
// from each producing state in proportion to its output. Where figures exist
// (ImportShares: "70% of US imports of rare-earth compounds come from China"), they fix
// those cells of the buying state's row: its home purchases stay proportional, its
// imports follow the figures. Every other cell is then scaled by iterative proportional
// fitting (RAS) until each buying state gets its need and each producing state sells
// its output: of the tables with both margins and the figures, the one closest to
// proportional sourcing (least Kullback-Leibler divergence). The generator lays the
// links along this table (load/world_generator.cpp).
#pragma once

#include <vector>

#include "model/world.hpp"

namespace regimesim::load {

struct StateFlows {
  std::size_t states = 0;
  std::vector<double> flow;  // [buyer state * states + producer state]
  double at(StateId buyer, StateId producer) const { return flow[buyer * states + producer]; }
};

// `need[b]`: what buying state b's firms need of the item; `output[s]`: what producing
// state s's makers sell to firms; the two sum to the same total. `figures`: the import
// shares of this item. Throws ScenarioError, located at a figure, when the figures
// cannot hold together with the production shares (they take more from a state than
// it makes, or leave a buyer nowhere to buy).
StateFlows state_flows(const World& w, ItemId item, const std::vector<double>& need, const std::vector<double>& output,
                       const std::vector<const ImportShares*>& figures);

}  // namespace regimesim::load
