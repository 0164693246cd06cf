// Retaliation triggered by the run: a counter-control written `after: {control: ID,
// when: {...}}` starts when what the other control does to the counter-control's
// issuing states crosses a threshold for some steps in a row (docs/RESPONSES.md,
// "States decide"). `after: {control, lag}` stays a start known before the run.
//
// Parameters, the control's trigger (RunTrigger, model/control.hpp):
//   denied | shortfall  the threshold, a share above 0 and at most 1, of the measure named
//   steps               how many steps in a row the measure must reach it
//
// At the end of each step t, over the buyers in the counter-control's issuing states
// that the other control targets, and their inputs of the other control's items:
//   denied    = what the other control turned away of their orders this step (orders
//               on links it covers less what the decision point accepted: denials,
//               quota refusals, orders waiting for a licence) / all their orders
//   shortfall = 1 - what arrived this step / what arrives at baseline (equilibrium flows)
// A step at or above the threshold extends the streak; any other step ends it. When
// the streak reaches `steps`, the counter-control starts at step t + 1
// (ControlPlan::start), where its verdicts are decided as at any start.
#pragma once

#include <cstdint>
#include <vector>

#include "behaviour/state_decision.hpp"
#include "engine/equilibrium.hpp"
#include "engine/run_state.hpp"
#include "engine/supply_network.hpp"
#include "policy/control_plan.hpp"

namespace regimesim::behaviour {

class RetaliationRule {
 public:
  RetaliationRule(const engine::SupplyNetwork& net, const engine::Equilibrium& eq, const policy::ControlPlan* plan,
                  int steps);

  bool active() const { return !triggered_.empty(); }
  // Between steps (after step s.step): measures and decides; true when some
  // counter-control starts at the next step.
  bool decide(const engine::RunState& s, policy::ControlPlan& plan);
  // After a checkpoint is restored: the starts it remembers, written into the run's plan.
  void restart(policy::ControlPlan& plan) const;
  void decisions(std::vector<StateDecision>& out) const;

  template <class Visit>
  void for_each_memory(Visit&& visit) { memory(*this, visit); }
  template <class Visit>
  void for_each_memory(Visit&& visit) const { memory(*this, visit); }

 private:
  template <class Self, class Visit>
  static void memory(Self& self, Visit& visit) {
    visit("streak", self.streak_);
    visit("started_at", self.started_at_);
    visit("measured", self.measured_);
  }
  double measure(const engine::RunState& s, const policy::ControlPlan& plan, std::size_t index) const;

  static constexpr std::int32_t kWaiting = -1;
  const engine::SupplyNetwork& net_;
  const engine::Equilibrium& eq_;
  int steps_;
  std::vector<std::uint32_t> triggered_;  // the controls with a measured trigger, in scenario order
  // per triggered control
  std::vector<std::int32_t> streak_;
  std::vector<std::int32_t> started_at_;  // its start, or kWaiting
  std::vector<double> measured_;          // the measure at the deciding step
  std::vector<std::vector<bool>> issuing_;  // per triggered control, per state: one of its issuers
};

}  // namespace regimesim::behaviour
