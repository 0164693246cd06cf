// Enforcement: how hard each exporting state looks for diversion, and what it finds
// (docs/RESPONSES.md, "Diversion and enforcement" and "States decide").
//
// Parameters, the scenario's `responses.enforcement` (Enforcement, model/responses.hpp):
//   escalation  effort added per front detected, from the next step (capped at 1)
//   changes     scripted: from a step on, a state's effort is set to a value
// and, on `world.states` (State, model/world.hpp), each state's enforcement_effort (where
// its effort starts) and cooperation (how far it helps catch fronts on its territory).
//
// Two phases: set_enforcement, between steps, moves each state's effort; in the
// decision point, attempt_diversion lets a diverted order meet the effort of the
// exporter's state. The detection draw is counter-based on the run's seed, the link
// and the step, so it does not depend on the order buyers are visited in, and the
// baseline (which no control touches) never draws it.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/run_state.hpp"
#include "engine/supply_network.hpp"
#include "model/responses.hpp"
#include "model/world.hpp"
#include "random/run_seed.hpp"

namespace regimesim::behaviour {

class EnforcementRule {
 public:
  EnforcementRule(const Enforcement& rule, const std::vector<State>& states, const engine::SupplyNetwork& net,
                  const random::RunSeed& seed);

  // The phase `set_enforcement`, before the step's decisions: scripted changes of
  // effort take effect; last step's caught fronts raise it (escalation).
  void set_enforcement(int step);
  // No scripted change of effort at `step` or later (engine/repeating_state.cpp).
  bool no_change_from(int step) const;

  // In the decision point: a diverted order meets the exporter's enforcement.
  engine::Outcome attempt_diversion(engine::RunState& s, std::uint32_t link);

 public:
  // What it remembers from one step to the next, by name, for a checkpoint
  // (engine/simulation_checkpoint.cpp); the rest is derived from the scenario.
  template <class Visit>
  void for_each_memory(Visit&& visit) { memory(*this, visit); }
  template <class Visit>
  void for_each_memory(Visit&& visit) const { memory(*this, visit); }

 private:
  template <class Self, class Visit>
  static void memory(Self& self, Visit& visit) {
    visit("effort", self.effort_);
    visit("detections", self.detections_);
  }
  const Enforcement& rule_;
  const std::vector<State>& states_;  // their cooperation
  const engine::SupplyNetwork& net_;
  random::RunSeed seed_;
  std::vector<double> effort_;      // per state, this run: starts at the world's, moves by rule and event
  std::vector<double> detections_;  // per exporting state: fronts its authorities caught this step
};

}  // namespace regimesim::behaviour
