// A link taken over by a new supplier that no control covers: after a search
// (re-sourcing, resourcing.cpp), after design-out (design_out.cpp), or back to a supplier
// that recovered (return_to_recovered.cpp). The link is then as a fresh one: allowed, no
// licence or quota in the way. What each answer adds, its switching cost, qualification or denial
// count, stays with the answer. The link's slot `k` is stamped for the readers of the
// suppliers (engine/slot_changes.hpp).
#pragma once

#include <cstdint>

#include "engine/run_state.hpp"
#include "engine/slot_changes.hpp"
#include "policy/shipment_policy.hpp"

namespace regimesim::behaviour {

inline void take_over_link(engine::RunState& s, engine::SlotChanges& changes, std::uint32_t k, std::uint32_t l,
                           FirmId supplier, double yield) {
  changes.note_move(k, s.step);
  s.note_move(l);  // as the decision point left it, for the step's accounting (RunState::moved)
  s.supplier[l] = supplier;
  s.set_yield(l, yield);
  s.verdict[l] = policy::Verdict::allowed;
  if (!s.keeps_link_decisions()) return;  // a baseline's link: allowed is all it records
  if (!s.licence_control.empty()) {  // kept where some control licenses (Simulation::fit_link_decisions)
    s.licence_control[l] = policy::kNoLicence;
    s.licence_status[l] = engine::LicenceStatus::none;
  }
  if (!s.quota_control.empty()) {  // a supplier no control covers: no quota either
    s.quota_control[l] = policy::kNoQuota;
    s.quota_refused[l] = 0;
  }
  s.outcome[l] = engine::Outcome::shipped;
}

}  // namespace regimesim::behaviour
