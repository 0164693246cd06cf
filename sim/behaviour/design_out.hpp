// Design-out: a foreign firm caught by a control's extraterritorial reach (de
// minimis content, or the direct product rule) re-sources, over time, the inputs
// that bring it under reach to makers outside the issuers that the reach does not
// catch, until recomputed reach releases it (docs/RESPONSES.md, "Design-out").
//
// Parameters, the scenario's `responses.design_out` (DesignOut, model/responses.hpp):
//   delay        steps a firm must be caught before it starts; 0 = never (the default)
//   probability  chance per step, from then on, that it re-sources one input
//   cost         paid by its state per input re-sourced, in steps of the link's baseline
//                value (counted with the switching costs)
//
// A firm counts as caught at step t when the reach of a control active at t catches it
// in the run's current sets (RunState::caught_by_reach) and it has a buyer that control
// targets in another state: a firm with no business with the targets has nothing to
// keep by redesigning (and looking only at the targets' suppliers keeps the rule cheap
// on a large world). Caught from step t0, it designs out at
// the end of each step t >= t0 + delay with the probability (a counter-based draw on the
// run's seed, the firm and the step). One input a step: of the links that bring it under
// reach (a supplier in a member state making an item on the control's list or, in a slot
// for the named equipment, any item; or a supplier the same reach catches), the one with
// the most weight, input coefficient x current share (ties: the lower link), that some
// maker can take over. The new supplier makes the slot's item, is in no member state of
// and not caught by any control that catches the firm, can ship to it freely and does
// not decline it; of those, the one with the most spare capacity (ties: the lower firm).
// It takes over the link with its share, qualifying as any new supplier does. A link
// whose item only the issuers make cannot be designed out: the firm stays caught if its
// other inputs leave it above the threshold. The move makes reach due at the next step
// (policy/recomputed_reach.hpp) for the controls that catch the firm, which releases it once its content is below de
// minimis and its chain to the issuers' equipment is cut; a released firm stops.
#pragma once

#include <cstdint>
#include <vector>

#include "behaviour/over_compliance.hpp"
#include "behaviour/qualification.hpp"
#include "engine/equilibrium.hpp"
#include "engine/run_state.hpp"
#include "engine/supply_network.hpp"
#include "engine/slot_changes.hpp"
#include "model/responses.hpp"
#include "model/world.hpp"
#include "policy/shipment_policy.hpp"
#include "random/run_seed.hpp"

namespace regimesim::behaviour {

class DesignOutRule {
 public:
  DesignOutRule(const DesignOut& rule, const World& w, const engine::SupplyNetwork& net, const engine::Equilibrium& eq,
                const policy::ShipmentPolicy& policy, const random::RunSeed& seed, engine::SlotChanges& changes);

  bool active() const { return rule_.active() && policy_.plan() && !policy_.plan()->empty(); }
  // Did a firm caught by control `index` design an input out in the step before `step`?
  // That control's reach is then due (another control's is read at its own moments).
  bool designed_out_before(std::size_t index, const engine::RunState& s) const;
  // After the shipments and the searches: caught firms past the delay re-source one input.
  void design_out(engine::RunState& s, const OverComplianceRule& over_compliance, QualificationRule& qualification);

  // What it remembers from one step to the next (engine/simulation_checkpoint.cpp).
  template <class Visit>
  void for_each_memory(Visit&& visit) { memory(*this, visit); }
  template <class Visit>
  void for_each_memory(Visit&& visit) const { memory(*this, visit); }

 private:
  template <class Self, class Visit>
  static void memory(Self& self, Visit& visit) {
    visit("caught_since", self.caught_since_);
    visit("moved_at", self.moved_at_);
    visit("last_moved", self.last_moved_);
  }
  // Marks, with this step, the firms an active control's reach catches that sell to a
  // buyer it targets in another state (selling_); the controls, by index, in controls_of_.
  void mark_caught_sellers(const engine::RunState& s);
  // Does `supplier`, on slot k, bring the firm under control `index`'s reach?
  bool brings_under(const engine::RunState& s, std::size_t index, std::uint32_t slot, FirmId supplier) const;
  bool redesign(engine::RunState& s, FirmId f, const std::vector<std::size_t>& controls,
                const OverComplianceRule& over_compliance, QualificationRule& qualification);

  static constexpr std::int32_t kFree = -1;
  const DesignOut& rule_;
  const engine::SupplyNetwork& net_;
  const engine::Equilibrium& eq_;  // the baseline flow a move is paid in
  const policy::ShipmentPolicy& policy_;
  random::RunSeed seed_;
  engine::SlotChanges& changes_;  // stamped at each move (engine/slot_changes.hpp)
  std::vector<std::vector<bool>> equipment_;  // per control, per item: its direct product equipment
  std::vector<std::vector<std::uint32_t>> targets_;  // per control with reach: the buyers it targets
  std::vector<std::int32_t> selling_;         // per firm (scratch): the step mark_caught_sellers last marked it
  std::vector<std::vector<std::size_t>> controls_of_;  // per firm (scratch): the controls that catch it
  std::vector<std::int32_t> caught_since_;    // per firm (sized on first use): the step it was caught, or kFree
  std::vector<std::int32_t> moved_at_;        // per firm (sized on first use): the last step it designed an input out
  std::int32_t last_moved_ = -2;              // the last step any firm did
};

}  // namespace regimesim::behaviour
