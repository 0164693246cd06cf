#include "behaviour/capacity_expansion.hpp"

#include <algorithm>

namespace regimesim::behaviour {

CapacityExpansionRule::CapacityExpansionRule(const CapacityExpansion& rule, const std::vector<Item>& items,
                                             const engine::SupplyNetwork& net, const engine::Equilibrium& eq)
    : rule_(rule), items_(items), net_(net), eq_(eq) {
  high_steps_.assign(net.firm_count, 0);
  ready_at_.assign(net.firm_count, kNone);
  under_way_.assign(net.firm_count, 0.0);
  added_.assign(net.firm_count, 0.0);
}

// High demand, read after the firm's output and price of this step: its capacity binds
// (it made all it could), and its price or its orders stand above their thresholds.
bool CapacityExpansionRule::demand_high(const engine::RunState& s, FirmId f) const {
  const double capacity = s.capacity[f];
  if (!(capacity > 0) || s.output[f] < capacity * (1 - 1e-12)) return false;
  return s.price[f] >= 1 + rule_.price_above || s.orders_accepted[f] >= (1 + rule_.orders_above) * capacity;
}

// A maker whose demand has been high `steps` steps in a row decides to add growth x its
// baseline capacity (less, near max_growth), and its state pays cost x that at once; the
// capacity comes at the end of step decided + lag_per_tier x tier, so it makes output from
// the next step on.
void CapacityExpansionRule::expand(engine::RunState& s) {
  if (!active()) return;
  const std::size_t I = items_.size();
  for (FirmId f = 0; f < net_.firm_count; ++f) {
    if (ready_at_[f] == kNone) {
      if (!demand_high(s, f)) {
        high_steps_[f] = 0;
        continue;
      }
      if (high_steps_[f] < 0xffff) ++high_steps_[f];
      if (high_steps_[f] < rule_.steps) continue;
      high_steps_[f] = 0;
      const double base = eq_.capacity[f];
      const double add = std::min(rule_.growth * base, rule_.max_growth * base - added_[f]);
      if (!(add > 0)) continue;  // grown as far as it may
      added_[f] += add;
      under_way_[f] = add;
      ready_at_[f] = s.step + rule_.delay_for(items_[net_.buyer_item[f]].technology_tier);
      s.expansion_cost[net_.buyer_state[f]] += rule_.cost * add;
    }
    if (ready_at_[f] != s.step) continue;
    s.capacity[f] += under_way_[f];
    s.capacity_built[net_.buyer_state[f] * I + net_.buyer_item[f]] += under_way_[f];
    under_way_[f] = 0;
    ready_at_[f] = kNone;
  }
}

bool CapacityExpansionRule::nothing_under_way() const {
  return std::all_of(ready_at_.begin(), ready_at_.end(), [](std::int32_t at) { return at == kNone; });
}

}  // namespace regimesim::behaviour
