#include "behaviour/enforcement.hpp"

#include <algorithm>

#include "random/counter_draw.hpp"

namespace regimesim::behaviour {

EnforcementRule::EnforcementRule(const Enforcement& rule, const std::vector<State>& states,
                                 const engine::SupplyNetwork& net, const random::RunSeed& seed)
    : rule_(rule), states_(states), net_(net), seed_(seed) {
  for (const State& state : states) effort_.push_back(state.enforcement_effort);
  detections_.assign(states.size(), 0.0);
}

// Effort moves between steps only, so every detection within a step faces the same
// effort whatever order the buyers are visited in: first last step's catches raise
// it by `escalation` each (capped at 1), then any change scripted for this step.
void EnforcementRule::set_enforcement(int step) {
  for (std::size_t s = 0; s < detections_.size(); ++s) {
    effort_[s] = std::min(1.0, effort_[s] + rule_.escalation * detections_[s]);
    detections_[s] = 0;
  }
  for (const EffortChange& c : rule_.changes)
    if (c.step == step) effort_[c.state] = c.effort;
}

bool EnforcementRule::no_change_from(int step) const {
  return std::none_of(rule_.changes.begin(), rule_.changes.end(), [&](const EffortChange& c) { return c.step >= step; });
}

// A diverted order ships unless the exporter's state detects it: with probability
// its enforcement effort x the cooperation of the state the front sits in. A
// detected front is entity-listed, the order is stopped, and the buyer starts over.
engine::Outcome EnforcementRule::attempt_diversion(engine::RunState& s, std::uint32_t l) {
  if (!(s.order[l] > 0)) return engine::Outcome::shipped;  // nothing asked, nothing to detect
  const StateId via = s.via[l];
  const StateId exporter = net_.buyer_state[s.supplier[l]];
  const double p = effort_[exporter] * states_[via].cooperation;
  if (random::uniform(seed_, random::kDetection, net_.link_key[l], static_cast<std::uint64_t>(s.step)) >= p)
    return engine::Outcome::shipped;
  s.fronts_listed[via] += 1;
  detections_[exporter] += 1;
  s.via[l] = engine::kDirect;
  s.denied_steps[l] = 0;
  return engine::Outcome::denied;
}

}  // namespace regimesim::behaviour
