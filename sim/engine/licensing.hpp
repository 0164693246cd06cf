// What happens to a shipment that needs a licence: the exporter applies (a cost to
// its state's exporters), waits the processing delay (the shipment waits too), and
// the licence is granted with the control's approval probability. A decision is a
// counter-based draw on (seed, link, decision step), so it does not depend on the
// order links are visited in. A granted licence covers the link for as long as the
// same control's terms apply to it (Simulation::apply_events resets it when another
// control's terms take over); a refused one stands as long. Under no-undercut, a
// refusal already on record for one supplier of a buyer's input binds the other
// suppliers of that input when their applications are decided.
#pragma once

#include <cstdint>

#include "engine/run_state.hpp"
#include "engine/supply_network.hpp"
#include "policy/control_plan.hpp"
#include "random/run_seed.hpp"

namespace regimesim::engine {

// Has a licence been refused, under a no-undercut control, for any supplier of this slot?
inline bool undercut_barred(const SupplyNetwork& net, const RunState& s, const policy::ControlPlan& plan,
                            std::uint32_t slot) {
  for (auto l = net.slot_link_begin[slot]; l < net.slot_link_begin[slot + 1]; ++l)
    if (s.licence_status[l] == LicenceStatus::refused && s.licence_control[l] != policy::kNoLicence &&
        plan.controls()[s.licence_control[l]].control->no_undercut)
      return true;
  return false;
}

// The outcome of one licence-requiring link this step.
inline Outcome decide_licence(const SupplyNetwork& net, RunState& s, const policy::ControlPlan& plan,
                              const random::RunSeed& seed, std::uint32_t slot, std::uint32_t l) {
  const Control& control = *plan.controls()[s.licence_control[l]].control;
  if (s.licence_status[l] == LicenceStatus::none) {
    if (!(s.order[l] > 0)) return Outcome::delayed;  // nothing asked, nothing to apply for
    const StateId exporter = net.buyer_state[s.supplier[l]];
    s.licence_applications[exporter] += 1;
    s.licence_cost[exporter] += control.licensing.cost_per_application;
    s.licence_status[l] = LicenceStatus::pending;
    s.licence_decided_at[l] = s.step + control.licensing.delay_steps;
  }
  if (s.licence_status[l] == LicenceStatus::pending && s.step >= s.licence_decided_at[l]) {
    const double u = random::uniform(seed, random::kLicenceDecision, net.link_key[l], static_cast<std::uint64_t>(s.licence_decided_at[l]));
    const bool barred = control.no_undercut && undercut_barred(net, s, plan, slot);
    s.licence_status[l] = u < control.licensing.approval_probability && !barred ? LicenceStatus::granted
                                                                                 : LicenceStatus::refused;
  }
  switch (s.licence_status[l]) {
    case LicenceStatus::granted: return Outcome::shipped;
    case LicenceStatus::refused: return Outcome::denied;
    default: return Outcome::delayed;
  }
}

}  // namespace regimesim::engine
