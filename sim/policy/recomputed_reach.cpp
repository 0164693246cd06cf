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
    const bool follows_graph = r.recompute_every > 0 || design_out;
    if (r.any() && (follows_graph || controls[index].members_can_change())) {
      recomputes_.push_back(index);
      follows_graph_.push_back(follows_graph);
    }
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
                                const engine::SlotChanges& changes,
                                const std::function<bool(std::size_t)>& designed_out, bool controls_change,
                                std::vector<std::uint8_t>& caught) {
  if (!active() || step == 0) return false;
  const std::size_t F = net_->firm_count;
  bool changed = false;
  // The controls read so far in this step, with their members: a control whose reach,
  // items, members and graph are another's (a listing compiled as a control of its own)
  // has that control's caught set, read once.
  std::vector<std::pair<std::size_t, std::vector<bool>>> read;  // (entry of recomputes_, members)
  for (std::size_t k = 0; k < recomputes_.size(); ++k) {
    const std::size_t index = recomputes_[k];
    const CompiledControl& c = plan_->controls()[index];
    const int every = c.control->reach.recompute_every;
    const bool members_change = c.members_change_at(step);
    if (follows_graph_[k] ? !(designed_out(index) || controls_change || members_change || (every > 0 && step % every == 0))
                          : !members_change)
      continue;
    std::vector<bool> member(states_, false);
    for (StateId s = 0; s < states_; ++s) member[s] = c.member_at(s, step);
    std::uint8_t* row = caught.data() + index * F;
    const ExtraterritorialReach& r = c.control->reach;
    const std::uint8_t* same = nullptr;
    for (const auto& [other_k, other_member] : read) {
      if (follows_graph_[other_k] != follows_graph_[k]) continue;
      const std::size_t other = recomputes_[other_k];
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
    read.emplace_back(k, member);
    // A control that does not follow the graph reads the baseline's, with the step's members.
    const ReachGraph graph = follows_graph_[k] ? ReachGraph{supplier, share, member}
                                               : ReachGraph{net_->link_supplier, net_->link_base_share, member};
    content_[index].follow(follows_graph_[k] ? &changes : nullptr, step);  // the baseline's graph never changes
    const auto now = subject_by_reach(r, c.item, equipment_[index], *net_, graph, &content_[index]);
    for (FirmId f = 0; f < F; ++f) {
      const std::uint8_t v = now[f] ? 1 : 0;
      changed = changed || row[f] != v;
      row[f] = v;
    }
  }
  return changed;
}

}  // namespace regimesim::policy
