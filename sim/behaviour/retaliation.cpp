#include "behaviour/retaliation.hpp"

namespace regimesim::behaviour {

RetaliationRule::RetaliationRule(const engine::SupplyNetwork& net, const engine::Equilibrium& eq,
                                 const policy::ControlPlan* plan, int steps)
    : net_(net), eq_(eq), steps_(steps) {
  if (!plan) return;
  const auto& controls = plan->controls();
  for (std::size_t c = 0; c < controls.size(); ++c) {
    if (!controls[c].control->trigger) continue;
    triggered_.push_back(static_cast<std::uint32_t>(c));
    std::vector<bool> issuing(controls[c].member_spans.size(), false);
    for (StateId s : controls[c].control->issuer.members) issuing[s] = true;
    issuing_.push_back(std::move(issuing));
  }
  streak_.assign(triggered_.size(), 0);
  started_at_.assign(triggered_.size(), kWaiting);
  measured_.assign(triggered_.size(), 0.0);
}

double RetaliationRule::measure(const engine::RunState& s, const policy::ControlPlan& plan, std::size_t m) const {
  const RunTrigger& trigger = *plan.controls()[triggered_[m]].control->trigger;
  const policy::CompiledControl& other = plan.controls()[trigger.control];
  const bool active = other.control->active_at(s.step);
  double asked = 0, turned = 0, arrived = 0, baseline = 0;
  for (std::uint32_t b = 0; b < net_.buyer_count(); ++b) {
    if (!issuing_[m][net_.buyer_state[b]] || !(other.targeted[b] || other.treated_targeted[b])) continue;
    for (const std::uint32_t k : net_.slots_of(b)) {
      if (!other.item[net_.slot_item[k]]) continue;
      for (auto l = net_.slot_link_begin[k]; l < net_.slot_link_begin[k + 1]; ++l) {
        asked += s.order[l];
        arrived += s.delivered[l];
        baseline += eq_.link_flow[l];
        // As the step's decision point decided it: a link denied this step whose buyer
        // has moved it since was still turned away (RunState::moved).
        const auto* before = s.before_move(l);
        const policy::Verdict verdict = before ? before->verdict : s.verdict[l];
        const FirmId supplier = before ? before->supplier : s.supplier[l];
        if (active && verdict != policy::Verdict::allowed && other.covers(net_, supplier, b, s.step))
          turned += s.order[l] - s.accepted_of(l);
      }
    }
  }
  if (trigger.metric == RunTrigger::Metric::denied) return asked > 0 ? turned / asked : 0.0;
  return baseline > 0 ? 1.0 - arrived / baseline : 0.0;
}

bool RetaliationRule::decide(const engine::RunState& s, policy::ControlPlan& plan) {
  const int next = s.step + 1;
  if (triggered_.empty() || next >= steps_) return false;
  bool started = false;
  for (std::size_t m = 0; m < triggered_.size(); ++m) {
    if (started_at_[m] != kWaiting) continue;
    const RunTrigger& trigger = *plan.controls()[triggered_[m]].control->trigger;
    const double measured = measure(s, plan, m);
    streak_[m] = measured >= trigger.threshold ? streak_[m] + 1 : 0;
    if (streak_[m] < trigger.steps) continue;
    started_at_[m] = next;
    measured_[m] = measured;
    plan.start(triggered_[m], next);
    started = true;
  }
  return started;
}

void RetaliationRule::restart(policy::ControlPlan& plan) const {
  for (std::size_t m = 0; m < triggered_.size(); ++m)
    if (started_at_[m] != kWaiting) plan.start(triggered_[m], started_at_[m]);
}

void RetaliationRule::decisions(std::vector<StateDecision>& out) const {
  for (std::size_t m = 0; m < triggered_.size(); ++m) {
    if (started_at_[m] == kWaiting) continue;
    StateDecision d{started_at_[m], StateDecision::Kind::retaliates, triggered_[m], 0, measured_[m]};
    for (StateId st = 0; st < issuing_[m].size(); ++st)
      if (issuing_[m][st]) {
        d.state = st;
        break;
      }
    out.push_back(d);
  }
}

}  // namespace regimesim::behaviour
