// Coalition joining triggered by the run: a candidate state of a coalition joins one of
// its controls when the run shows that the control leaks through it, unless it has
// too much at stake (docs/RESPONSES.md, "States decide").
//
// Parameters, the coalition's `join_when` (JoinTrigger, model/world.hpp):
//   leakage       the pressure at which the candidate joins, a share from 0 to 1
//   stake_weight  how much its own exports at stake weigh against it (0: not at all)
//   steps         how many steps in a row the pressure must reach `leakage`
//
// At the end of each step t, for each control whose issuer is the coalition and each
// candidate still outside it, the rule measures what was shipped this step of the
// control's items (the item each supplier makes):
//   leakage  = the candidate's makers' shipments to the control's targeted buyers
//              / all shipments to those buyers, home makers included
//   at stake = the candidate's makers' shipments to the targeted buyers
//              / all the candidate's makers ship of the items to other states
//   pressure = leakage - stake_weight x at stake
// A step with pressure >= leakage threshold extends the candidate's streak; any other
// step ends it. When the streak reaches `steps`, the candidate applies the control
// from step t + 1 (ControlPlan::join), and the verdicts are redone at that step as for
// a `changes:` event. The decision is taken between steps from this step's
// shipments, so the order firms were visited in cannot change it.
#pragma once

#include <cstdint>
#include <vector>

#include "behaviour/state_decision.hpp"
#include "engine/run_state.hpp"
#include "engine/supply_network.hpp"
#include "policy/control_plan.hpp"

namespace regimesim::behaviour {

class CoalitionJoiningRule {
 public:
  // The candidates of every control whose issuer has `join_when`; none without a plan.
  CoalitionJoiningRule(const engine::SupplyNetwork& net, const policy::ControlPlan* plan, int steps);

  bool active() const { return !candidates_.empty(); }
  // Between steps (after step s.step): measures and decides; true when some candidate
  // joins from the next step.
  bool decide(const engine::RunState& s, policy::ControlPlan& plan);
  // After a checkpoint is restored: the joins it remembers, written into the run's plan.
  void rejoin(policy::ControlPlan& plan) const;
  // Does some join take effect at `step`? (Its verdicts must then be redone.)
  bool joins_at(int step) const;
  void decisions(std::vector<StateDecision>& out) const;

  // What it remembers from one step to the next (engine/simulation_checkpoint.cpp).
  template <class Visit>
  void for_each_memory(Visit&& visit) { memory(*this, visit); }
  template <class Visit>
  void for_each_memory(Visit&& visit) const { memory(*this, visit); }

 private:
  template <class Self, class Visit>
  static void memory(Self& self, Visit& visit) {
    visit("streak", self.streak_);
    visit("joined_at", self.joined_at_);
    visit("measured", self.measured_);
  }
  struct Candidate {
    std::uint32_t control;
    StateId state;
  };
  static constexpr std::int32_t kOutside = -1;
  const engine::SupplyNetwork& net_;
  int steps_;  // the run's length: a join from the step after the last is no join
  std::vector<Candidate> candidates_;  // grouped by control, in scenario order
  // per candidate
  std::vector<std::int32_t> streak_;     // consecutive steps the pressure reached the threshold
  std::vector<std::int32_t> joined_at_;  // the first step it applies the control, or kOutside
  std::vector<double> measured_;         // its pressure at the deciding step
  std::vector<double> leak_, exports_, at_stake_;  // per state, this step's shipments (scratch)
};

}  // namespace regimesim::behaviour
