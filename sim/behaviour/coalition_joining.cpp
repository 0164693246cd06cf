#include "behaviour/coalition_joining.hpp"

#include <algorithm>

namespace regimesim::behaviour {

CoalitionJoiningRule::CoalitionJoiningRule(const engine::SupplyNetwork& net, const policy::ControlPlan* plan,
                                           int steps)
    : net_(net), steps_(steps) {
  if (!plan) return;
  const auto& controls = plan->controls();
  for (std::size_t c = 0; c < controls.size(); ++c) {
    const Issuer& issuer = controls[c].control->issuer;
    if (!issuer.join_when) continue;
    for (StateId s : issuer.candidates) candidates_.push_back({static_cast<std::uint32_t>(c), s});
  }
  streak_.assign(candidates_.size(), 0);
  joined_at_.assign(candidates_.size(), kOutside);
  measured_.assign(candidates_.size(), 0.0);
}

bool CoalitionJoiningRule::decide(const engine::RunState& s, policy::ControlPlan& plan) {
  const int next = s.step + 1;
  if (candidates_.empty() || next >= steps_) return false;
  bool joined = false;
  std::size_t first = 0;
  while (first < candidates_.size()) {
    const std::uint32_t index = candidates_[first].control;
    std::size_t last = first;
    bool pending = false;  // some candidate of this control is still outside
    while (last < candidates_.size() && candidates_[last].control == index) pending |= joined_at_[last++] == kOutside;
    const policy::CompiledControl& c = plan.controls()[index];
    if (pending && c.control->active_at(s.step)) {
      // This step's shipments of the control's items, by the state that made them.
      for (auto* v : {&leak_, &exports_, &at_stake_}) v->assign(c.member_spans.size(), 0.0);
      double to_targets = 0;
      for (std::uint32_t b = 0; b < net_.buyer_count(); ++b) {
        const StateId to = net_.buyer_state[b];
        for (const std::uint32_t k : net_.slots_of(b))
          for (auto l = net_.slot_link_begin[k]; l < net_.slot_link_begin[k + 1]; ++l) {
            const FirmId f = s.shipped_by(l);  // what it carries was sent before any move this step
            if (!c.item[net_.buyer_item[f]]) continue;
            const StateId from = net_.buyer_state[f];
            const double q = s.in_transit[l];
            if (c.targeted[b]) {
              to_targets += q;
              leak_[from] += q;
            }
            if (from == to) continue;
            exports_[from] += q;
            if (c.targeted[b]) at_stake_[from] += q;
          }
      }
      const JoinTrigger& rule = *c.control->issuer.join_when;
      for (std::size_t m = first; m < last; ++m) {
        if (joined_at_[m] != kOutside) continue;
        const StateId st = candidates_[m].state;
        const double leakage = to_targets > 0 ? leak_[st] / to_targets : 0.0;
        const double stake = exports_[st] > 0 ? at_stake_[st] / exports_[st] : 0.0;
        const double pressure = leakage - rule.stake_weight * stake;
        streak_[m] = pressure >= rule.leakage ? streak_[m] + 1 : 0;
        if (streak_[m] < rule.steps) continue;
        joined_at_[m] = next;
        measured_[m] = pressure;
        plan.join(index, st, next);
        joined = true;
      }
    }
    first = last;
  }
  return joined;
}

void CoalitionJoiningRule::rejoin(policy::ControlPlan& plan) const {
  for (std::size_t m = 0; m < candidates_.size(); ++m)
    if (joined_at_[m] != kOutside) plan.join(candidates_[m].control, candidates_[m].state, joined_at_[m]);
}

bool CoalitionJoiningRule::joins_at(int step) const {
  return std::find(joined_at_.begin(), joined_at_.end(), step) != joined_at_.end();
}

void CoalitionJoiningRule::decisions(std::vector<StateDecision>& out) const {
  for (std::size_t m = 0; m < candidates_.size(); ++m)
    if (joined_at_[m] != kOutside)
      out.push_back({joined_at_[m], StateDecision::Kind::joins, candidates_[m].control, candidates_[m].state,
                     measured_[m]});
}

}  // namespace regimesim::behaviour
