// The run's event log: what states decided during it (behaviour/state_decision.hpp),
// as events.csv and as lines `regimesim run` prints under its summary.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "behaviour/state_decision.hpp"
#include "model/scenario.hpp"

namespace regimesim::output {

// step,decision,state,control,measured,rule: one row a decision, in step order.
std::string state_decisions_csv(const Scenario& sc, const std::vector<behaviour::StateDecision>& decisions);
// "  step 7: KOR joins chip-rule (leakage pressure 0.412 >= 0.2 for 3 steps)"; nothing when none.
void print_state_decisions(std::ostream& out, const Scenario& sc,
                           const std::vector<behaviour::StateDecision>& decisions);

}  // namespace regimesim::output
