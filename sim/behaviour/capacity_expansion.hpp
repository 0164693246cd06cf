// Capacity expansion: a maker, in any state, whose capacity is what holds it back while
// its price or its orders stay high invests, and after a lag that grows with the item's
// technology tier its capacity grows, at a cost its state pays (docs/RESPONSES.md,
// "Capacity expansion"). This is how competitors in third states take the share a
// control frees, not only the target building at home (build_at_home.hpp).
//
// Parameters, the scenario's `responses.capacity_expansion` (CapacityExpansion,
// model/responses.hpp):
//   steps         steps in a row demand must stay high; 0 = never (the default)
//   price_above   high: price >= 1 + price_above (the baseline price is 1) ...
//   orders_above  ... or accepted orders >= (1 + orders_above) x capacity;
//                 either only while output stands at capacity (a maker its inputs
//                 hold back gains nothing from more capacity)
//   lag_per_tier  steps per technology tier from the decision to the new capacity
//   growth        capacity one investment adds, as a share of the maker's baseline capacity
//   max_growth    at most this much added in a run, as a share of its baseline capacity
//   cost          paid by the maker's state per unit a month of capacity added, in steps of
//                 that capacity's output at the baseline price (metric expansion_cost)
//
// A maker has at most one investment under way; once it delivers, demand must stay high
// another `steps` in a row before the next. The rule draws nothing, and reads each
// maker's own arrays only, so it does not depend on the order firms are visited in.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/equilibrium.hpp"
#include "engine/run_state.hpp"
#include "engine/supply_network.hpp"
#include "model/responses.hpp"
#include "model/world.hpp"

namespace regimesim::behaviour {

class CapacityExpansionRule {
 public:
  CapacityExpansionRule(const CapacityExpansion& rule, const std::vector<Item>& items,
                        const engine::SupplyNetwork& net, const engine::Equilibrium& eq);

  bool active() const { return rule_.steps > 0; }

  // After the shipments: counts the steps each maker's demand has stayed high, decides an
  // investment once they are `steps` in a row, and adds the capacity of those now due.
  void expand(engine::RunState& s);
  // No investment under way: none is due at a step to come, so the rule's next steps
  // read the counts of high demand, not the step's number (engine/repeating_state.cpp).
  bool nothing_under_way() const;

  // What it remembers from one step to the next, by name, for a checkpoint
  // (engine/simulation_checkpoint.cpp); the rest is derived from the scenario.
  template <class Visit>
  void for_each_memory(Visit&& visit) { memory(*this, visit); }
  template <class Visit>
  void for_each_memory(Visit&& visit) const { memory(*this, visit); }

 private:
  template <class Self, class Visit>
  static void memory(Self& self, Visit& visit) {
    visit("high_steps", self.high_steps_);
    visit("ready_at", self.ready_at_);
    visit("under_way", self.under_way_);
    visit("added", self.added_);
  }
  bool demand_high(const engine::RunState& s, FirmId f) const;

  static constexpr std::int32_t kNone = -1;

  const CapacityExpansion& rule_;
  const std::vector<Item>& items_;  // their technology tier
  const engine::SupplyNetwork& net_;
  const engine::Equilibrium& eq_;  // the makers' baseline capacity
  // per firm, sized whether the rule is on or not, so that a checkpoint fits either way
  std::vector<std::uint16_t> high_steps_;  // steps in a row its demand has been high
  std::vector<std::int32_t> ready_at_;     // the step its investment under way delivers, or kNone
  std::vector<double> under_way_;          // what that investment adds
  std::vector<double> added_;              // what it has decided to add since the start
};

}  // namespace regimesim::behaviour
