// Anticipation: a control announced before it starts (`announced:`) lets the buyers it
// will cut off stock up beforehand. Between the announcement and the start, each firm
// with a link the control will cover raises its target inventory of that input from
// inventory_periods to inventory_periods + extra_stock_periods steps of use; its orders
// then carry the gap at the refill rate, so its suppliers see the surge. At the start
// the target falls back, and the stock carries the buyer into the control.
//
// Parameters, the scenario's `responses.anticipation` (Anticipation, model/responses.hpp):
//   extra_stock_periods  steps of use held on top of the usual stock while a control is announced
//
// Which slots front-load is fixed when the run starts, from the compiled controls: the
// rule draws nothing, so it is the same on every run, and the baseline (no controls)
// never front-loads.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/equilibrium.hpp"
#include "engine/run_state.hpp"
#include "engine/supply_network.hpp"
#include "model/responses.hpp"
#include "policy/shipment_policy.hpp"

namespace regimesim::behaviour {

class AnticipationRule {
 public:
  AnticipationRule(const Anticipation& rule, double inventory_periods, const engine::SupplyNetwork& net,
                   const engine::Equilibrium& eq, const policy::ShipmentPolicy& policy);

  // At the start of a step, before orders: where an announcement opens or a control
  // starts this step, set the slots' target inventories for the steps ahead.
  void set_targets(engine::RunState& s) const;

 private:
  struct Window {
    int announced, start;
    std::vector<std::uint32_t> slots;  // firms' input slots with a link the control will cover
  };
  bool announced_at(std::uint32_t slot, int step) const;

  double base_periods_, extra_periods_;
  const engine::SupplyNetwork& net_;
  const engine::Equilibrium& eq_;
  std::vector<Window> windows_;
  std::vector<std::uint32_t> slot_firm_;  // the firm each slot of a window belongs to
};

}  // namespace regimesim::behaviour
