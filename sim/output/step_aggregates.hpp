// What one step of one run adds up to per (state, item): the quantities that
// every metric against baseline is computed from.
#pragma once

#include <cstddef>
#include <vector>

#include "engine/run_state.hpp"
#include "engine/supply_network.hpp"

namespace regimesim::output {

struct StepAggregates {
  std::size_t states = 0, items = 0;
  // dense, index state * items + item
  std::vector<double> output;           // gross output made in the state
  std::vector<double> purchases;        // quantity delivered to buyers in the state
  std::vector<double> ordered;          // quantity the state's buyers asked for
  std::vector<double> ordered_value;    // the same at the prices of the suppliers asked
  std::vector<double> blocked_imports;  // orders of buyers in the state denied at the decision point, valued
  std::vector<double> blocked_exports;  // orders to firms in the state denied, valued
  std::vector<double> final_delivered;  // delivered to the state's final demand

  std::size_t at(std::size_t state, std::size_t item) const { return state * items + item; }
};

StepAggregates aggregate_step(const engine::SupplyNetwork& net, const engine::RunState& s, std::size_t states,
                              std::size_t items);

}  // namespace regimesim::output
