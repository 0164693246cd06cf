#include "output/state_decisions.hpp"

#include <fmt/format.h>

namespace regimesim::output {
namespace {

// The rule that decided, in the words of the scenario's keys.
std::string rule_words(const Scenario& sc, const behaviour::StateDecision& d) {
  const Control& c = sc.controls[d.control];
  if (d.kind == behaviour::StateDecision::Kind::joins) {
    const JoinTrigger& j = *c.issuer.join_when;
    return fmt::format("leakage - {:g} x exports at stake >= {:g} for {} steps", j.stake_weight, j.leakage, j.steps);
  }
  const RunTrigger& t = *c.trigger;
  return fmt::format("{}'s {} >= {:g} for {} steps", t.control_id, to_string(t.metric), t.threshold, t.steps);
}

}  // namespace

std::string state_decisions_csv(const Scenario& sc, const std::vector<behaviour::StateDecision>& decisions) {
  std::string out = "step,decision,state,control,measured,rule\n";
  for (const auto& d : decisions)
    out += fmt::format("{},{},{},{},{:.6g},\"{}\"\n", d.step, to_string(d.kind), sc.world.states[d.state].code,
                       sc.controls[d.control].id, d.measured, rule_words(sc, d));
  return out;
}

void print_state_decisions(std::ostream& out, const Scenario& sc,
                           const std::vector<behaviour::StateDecision>& decisions) {
  if (decisions.empty()) return;
  out << "\nStates decided during the run:\n";
  for (const auto& d : decisions) {
    const Control& c = sc.controls[d.control];
    const std::string what = d.kind == behaviour::StateDecision::Kind::joins
                                 ? fmt::format("{} joins {}", sc.world.states[d.state].code, c.id)
                                 : fmt::format("{} starts {}", c.issuer.id, c.id);
    out << fmt::format("  from step {}: {} (measured {:.3f}; {})\n", d.step, what, d.measured, rule_words(sc, d));
  }
}

}  // namespace regimesim::output
