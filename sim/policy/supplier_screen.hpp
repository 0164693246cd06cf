// A buyer's search weighs every maker of an item, and asks of each whether some control
// stands in the way (ShipmentPolicy::free_to_ship). Most of that question depends only on
// the buyer, the item and the step: which controls are on, which of them aim at the
// buyer, which exporting states they bind at that step. The screen reads those once per
// search, so that each maker costs a lookup of its state and of the caught sets of the
// few controls whose reach aims at the buyer. Its answer is free_to_ship's, maker by maker
// (tests/sim/policy/supplier_screen_test.cpp asks both of every buyer and maker).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/supply_network.hpp"
#include "policy/control_plan.hpp"

namespace regimesim::policy {

class SupplierScreen {
 public:
  // For `buyer` weighing makers of `item` at `step`; `caught` as for free_to_ship (the run's
  // recomputed reach, or null or empty for the plan's baseline reach). `plan` null: no controls.
  SupplierScreen(const ControlPlan* plan, int step, const engine::SupplyNetwork& net, std::uint32_t buyer,
                 ItemId item, const std::vector<std::uint8_t>* caught);

  // Could `maker`, a maker of the item, ship it to the buyer with no control in the way?
  bool free_to_ship(FirmId maker) const {
    const StateId from = net_->buyer_state[maker];
    if (from == to_) return true;  // a sale at home is not an export
    if (!bound_from_.empty() && bound_from_[from]) return false;
    for (const Reach& r : reach_)
      if (r.caught ? r.caught[maker] != 0 : (*r.baseline)[maker]) return false;
    return true;
  }

 private:
  // The reach of a control that aims at the buyer: its row of the run's caught sets, or
  // its baseline reach.
  struct Reach {
    const std::uint8_t* caught;
    const std::vector<bool>* baseline;
  };
  const engine::SupplyNetwork* net_;
  StateId to_;
  std::vector<std::uint8_t> bound_from_;  // per state: some control binds its makers of the item to this buyer (empty: no controls)
  std::vector<Reach> reach_;
};

}  // namespace regimesim::policy
