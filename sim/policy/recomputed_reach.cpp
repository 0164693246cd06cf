#include "policy/recomputed_reach.hpp"

#include "policy/jurisdiction.hpp"

namespace regimesim::policy {

RecomputedReach::RecomputedReach(const ControlPlan* plan, const World& w, const engine::SupplyNetwork& net,
                                 bool design_out)
    : plan_(plan), net_(&net), states_(w.states.size()) {
  if (!plan) return;
  const auto& controls = plan->controls();
  for (std::size_t index = 0; index < controls.size(); ++index) {
    const ExtraterritorialReach& r = controls[index].control->reach;
    std::vector<bool> equipment(w.items.size(), false);
    for (ItemId i : r.direct_product_equipment) equipment[i] = true;
    equipment_.push_back(std::move(equipment));
    if (r.any() && (r.recompute_every > 0 || design_out)) recomputes_.push_back(index);
  }
  content_.resize(controls.size());
}

std::vector<std::uint8_t> RecomputedReach::baseline() const {
  if (!active()) return {};
  const auto& controls = plan_->controls();
  const std::size_t F = net_->firm_count;
  std::vector<std::uint8_t> caught(controls.size() * F, 0);
  for (std::size_t index = 0; index < controls.size(); ++index)
    for (FirmId f = 0; f < F; ++f) caught[index * F + f] = controls[index].reach[f] ? 1 : 0;
  return caught;
}

bool RecomputedReach::recompute(int step, const std::vector<FirmId>& supplier, const std::vector<double>& share,
                                const std::function<bool(std::size_t)>& designed_out, bool controls_change,
                                std::vector<std::uint8_t>& caught) {
  if (!active() || step == 0) return false;
  const std::size_t F = net_->firm_count;
  bool changed = false;
  // The controls read so far in this step, with their members: a control whose reach,
  // items and members are another's (a listing compiled as a control of its own) has
  // that control's caught set, read once.
  std::vector<std::pair<std::size_t, std::vector<bool>>> read;
  for (std::size_t index : recomputes_) {
    const CompiledControl& c = plan_->controls()[index];
    const int every = c.control->reach.recompute_every;
    if (!(designed_out(index) || controls_change || (every > 0 && step % every == 0))) continue;
    std::vector<bool> member(states_, false);
    for (StateId s = 0; s < states_; ++s) member[s] = c.member_at(s, step);
    std::uint8_t* row = caught.data() + index * F;
    const ExtraterritorialReach& r = c.control->reach;
    const std::uint8_t* same = nullptr;
    for (const auto& [other, other_member] : read) {
      const CompiledControl& o = plan_->controls()[other];
      const ExtraterritorialReach& q = o.control->reach;
      if (other_member == member && o.item == c.item && q.de_minimis_threshold == r.de_minimis_threshold &&
          equipment_[other] == equipment_[index] && (r.direct_product_equipment.empty() ==
                                                     q.direct_product_equipment.empty()) &&
          q.direct_product_stages == r.direct_product_stages)
        same = caught.data() + other * F;
    }
    if (same) {
      for (FirmId f = 0; f < F; ++f) {
        changed = changed || row[f] != same[f];
        row[f] = same[f];
      }
      continue;
    }
    read.emplace_back(index, member);
    const auto now = subject_by_reach(r, c.item, equipment_[index], *net_, ReachGraph{supplier, share, member},
                                      &content_[index]);
    for (FirmId f = 0; f < F; ++f) {
      const std::uint8_t v = now[f] ? 1 : 0;
      changed = changed || row[f] != v;
      row[f] = v;
    }
  }
  return changed;
}

}  // namespace regimesim::policy
