// What one step of one run adds up to per (state, item): the quantities that
// every metric against baseline is computed from.
#pragma once

#include <cstddef>
#include <vector>

#include "engine/run_state.hpp"
#include "engine/supply_network.hpp"
#include "policy/control_plan.hpp"

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
  // what the controls aim at (policy::ControlRoles), per destination state and item
  std::vector<double> target_received;        // delivered into aimed-at buyers' controlled inputs
  std::vector<double> target_received_other;  // ... from states that apply no control aimed at them
  std::vector<double> target_received_home;   // ... from makers in the buyer's own state
  std::vector<double> wmd_risk_received;      // WMD-relevant items delivered to WMD-risk end users, valued
  std::vector<double> leakage;                // controlled items shipped to the state's buyers through fronts, valued
  std::vector<double> tier_substitution;      // the item's work done by lower-tier substitutes, in units of the item
  std::vector<double> capacity_built;         // capacity the state's makers added answering denial
  // per state (index state)
  std::vector<double> collateral;      // value of civilian, not-aimed-at orders denied or delayed
  std::vector<double> delayed;         // value of orders held for a licence decision, by exporter
  std::vector<double> export_revenue;  // shipped to foreign buyers, at the exporter's price
  std::vector<double> diverted_trade;  // shipped through fronts on the state's territory, valued
  std::vector<double> licence_applications, licence_cost, switching_cost, fronts_listed;

  std::size_t at(std::size_t state, std::size_t item) const { return state * items + item; }
};

// `roles` may be null (no controls): the control-related sums are then zero.
StepAggregates aggregate_step(const World& w, const engine::SupplyNetwork& net, const engine::RunState& s,
                              const policy::ControlRoles* roles);

}  // namespace regimesim::output
