#include "output/step_aggregates.hpp"

#include <algorithm>

namespace regimesim::output {

double blocked_on(const engine::RunState& s, const std::vector<double>& baseline_flow, std::uint32_t l) {
  if (s.verdict[l] == policy::Verdict::allowed) return 0.0;
  // Denied or held, the link ships nothing: what it carries in the baseline is what
  // the controls kept from arriving.
  if (s.outcome[l] != engine::Outcome::shipped) return baseline_flow[l];
  // Cut in part by a quota: what it refused, but never more than the link falls short
  // of its baseline flow (not the orders a short buyer piles up).
  if (s.quota_control[l] == policy::kNoQuota || !(s.quota_refused[l] > 0)) return 0.0;
  return std::min(s.quota_refused[l], std::max(0.0, baseline_flow[l] - s.accepted[l]));
}

double blocked_on(const engine::RunState& s, const engine::RunState& baseline, std::uint32_t l) {
  return blocked_on(s, baseline.in_transit, l);
}

namespace {
void aggregate_firms(const engine::SupplyNetwork& net, const engine::RunState& s, const policy::ControlRoles* roles,
                     const std::vector<double>& baseline, const std::vector<FirmId>& firms, StepAggregates& a) {
  a.firms = firms;
  a.firm_slot_begin.push_back(0);
  for (FirmId f : firms) {
    a.firm_output.push_back(s.output[f]);
    for (auto k = net.buyer_slot_begin[f]; k < net.buyer_slot_begin[f + 1]; ++k) {
      double received = 0, blocked = 0, ordered = 0, ordered_value = 0, resourced = 0;
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
        received += s.delivered[l];
        blocked += blocked_on(s, baseline, l);
        ordered += s.order[l];
        ordered_value += s.order[l] * s.price[s.supplier[l]];
        if (s.supplier[l] != net.link_supplier[l]) resourced += s.delivered[l];
      }
      a.firm_slot_item.push_back(net.slot_item[k]);
      a.firm_slot_target.push_back(roles && roles->target_slot[k] ? 1 : 0);
      a.firm_received.push_back(received);
      a.firm_blocked.push_back(blocked);
      a.firm_ordered.push_back(ordered);
      a.firm_ordered_value.push_back(ordered_value);
      a.firm_resourced.push_back(resourced);
    }
    a.firm_slot_begin.push_back(a.firm_received.size());
  }
}
}  // namespace

StepAggregates aggregate_step(const World& w, const engine::SupplyNetwork& net, const engine::RunState& s,
                              const policy::ControlRoles* roles, int step, const engine::RunState& baseline,
                              const std::vector<FirmId>* firms) {
  return aggregate_step(w, net, s, roles, step, baseline.in_transit, firms);
}

StepAggregates aggregate_step(const World& w, const engine::SupplyNetwork& net, const engine::RunState& s,
                              const policy::ControlRoles* roles, int step, const std::vector<double>& baseline,
                              const std::vector<FirmId>* firms) {
  StepAggregates a;
  a.states = w.states.size();
  a.items = w.items.size();
  a.controls = roles ? roles->controls() : 0;
  const policy::StepRoles now = roles ? roles->at(step) : policy::StepRoles{};  // who applies what at this step
  for (auto* v : {&a.output, &a.purchases, &a.ordered, &a.ordered_value, &a.blocked_imports, &a.blocked_exports,
                  &a.final_delivered, &a.target_received, &a.target_received_other, &a.target_received_home,
                  &a.wmd_risk_received, &a.leakage, &a.tier_substitution})
    v->assign(a.states * a.items, 0.0);
  for (auto* v : {&a.collateral, &a.delayed, &a.exports, &a.diverted_trade}) v->assign(a.states, 0.0);
  for (auto* v : {&a.control_received, &a.control_received_other, &a.control_received_home})
    v->assign(a.controls, 0.0);
  a.licence_applications = s.licence_applications;
  a.licence_cost = s.licence_cost;
  a.switching_cost = s.switching_cost;
  a.fronts_listed = s.fronts_listed;
  a.expansion_cost = s.expansion_cost;
  a.capacity_built = s.capacity_built;
  for (std::uint32_t f = 0; f < net.firm_count; ++f) a.output[a.at(net.buyer_state[f], net.buyer_item[f])] += s.output[f];
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b) {
    const StateId buyer_state = net.buyer_state[b];
    // Collateral falls on the buyers no control aims at: third states under a control
    // on named states, civilian buyers under one on end uses.
    const bool bystander = !(roles && roles->aimed_at[b]);
    const bool wmd_risk = net.buyer_end_use[b] == EndUse::wmd_risk;
    for (auto k = net.buyer_slot_begin[b]; k < net.buyer_slot_begin[b + 1]; ++k) {
      const std::size_t in = a.at(buyer_state, net.slot_item[k]);
      const bool target = roles && roles->target_slot[k];
      const bool wmd_item = w.items[net.slot_item[k]].wmd != WmdRelevance::none;
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
        const FirmId supplier = s.supplier[l];
        const StateId from = net.buyer_state[supplier];
        const double delivered = s.delivered[l];
        a.purchases[in] += delivered;
        if (b >= net.firm_count) a.final_delivered[in] += delivered;
        a.ordered[in] += s.order[l];
        a.ordered_value[in] += s.order[l] * s.price[supplier];
        if (from != buyer_state) a.exports[from] += s.in_transit[l];
        // Only a slot that took a lower-tier substitute can hold a link shipping another item.
        const ItemId shipped_item = s.substituted[k] ? net.buyer_item[supplier] : net.slot_item[k];
        if (shipped_item != net.slot_item[k]) {  // a lower-tier substitute: not the item the controls cover
          a.tier_substitution[in] += delivered * s.yield[l];
        } else if (target) {
          const bool home = from == buyer_state;
          const bool other = !home && !now.from_controller(*roles, k, from);
          a.target_received[in] += delivered;
          if (home) a.target_received_home[in] += delivered;
          if (other) a.target_received_other[in] += delivered;
          for (std::uint16_t c : roles->group_controls[roles->slot_group[k]]) {
            a.control_received[c] += delivered;
            if (home) a.control_received_home[c] += delivered;
            else if (!now.control_member[c][from]) a.control_received_other[c] += delivered;
          }
        }
        if (wmd_risk && wmd_item) a.wmd_risk_received[in] += delivered;
        if (s.verdict[l] == policy::Verdict::allowed) continue;
        if (s.via[l] != engine::kDirect) {  // past the controls through a front: shipped, not allowed
          a.leakage[in] += s.in_transit[l];
          a.diverted_trade[s.via[l]] += s.in_transit[l];
        }
        const double blocked = blocked_on(s, baseline, l);
        if (s.outcome[l] == engine::Outcome::shipped && !(blocked > 0)) continue;
        // A sale an over-complying exporter declines was legal: collateral, whoever the buyer.
        if (bystander || s.verdict[l] == policy::Verdict::declined) a.collateral[buyer_state] += blocked;
        if (s.outcome[l] == engine::Outcome::delayed) a.delayed[from] += blocked;
        a.blocked_imports[in] += blocked;
        a.blocked_exports[a.at(from, shipped_item)] += blocked;
      }
    }
  }
  if (firms && !firms->empty()) aggregate_firms(net, s, roles, baseline, *firms, a);
  return a;
}

}  // namespace regimesim::output
