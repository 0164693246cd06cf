#include "output/step_aggregates.hpp"

namespace regimesim::output {

StepAggregates aggregate_step(const World& w, const engine::SupplyNetwork& net, const engine::RunState& s,
                              const policy::ControlRoles* roles) {
  StepAggregates a;
  a.states = w.states.size();
  a.items = w.items.size();
  for (auto* v : {&a.output, &a.purchases, &a.ordered, &a.ordered_value, &a.blocked_imports, &a.blocked_exports,
                  &a.final_delivered, &a.target_received, &a.target_received_other, &a.target_received_home,
                  &a.wmd_risk_received, &a.leakage, &a.tier_substitution})
    v->assign(a.states * a.items, 0.0);
  for (auto* v : {&a.collateral, &a.delayed, &a.export_revenue, &a.diverted_trade}) v->assign(a.states, 0.0);
  a.licence_applications = s.licence_applications;
  a.licence_cost = s.licence_cost;
  a.switching_cost = s.switching_cost;
  a.fronts_listed = s.fronts_listed;
  a.capacity_built = s.capacity_built;
  for (std::uint32_t f = 0; f < net.firm_count; ++f) a.output[a.at(net.buyer_state[f], net.buyer_item[f])] += s.output[f];
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b) {
    const StateId buyer_state = net.buyer_state[b];
    const bool civilian_bystander = net.buyer_end_use[b] == EndUse::civilian && !(roles && roles->aimed_at[b]);
    const bool wmd_risk = net.buyer_end_use[b] == EndUse::wmd_risk;
    for (auto k = net.buyer_slot_begin[b]; k < net.buyer_slot_begin[b + 1]; ++k) {
      const std::size_t in = a.at(buyer_state, net.slot_item[k]);
      const bool target = roles && roles->target_slot[k];
      const bool wmd_item = w.items[net.slot_item[k]].wmd != WmdRelevance::none;
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
        const FirmId supplier = s.supplier[l];
        const StateId from = net.buyer_state[supplier];
        const double price = s.price[supplier];
        a.purchases[in] += s.delivered[l];
        if (b >= net.firm_count) a.final_delivered[in] += s.delivered[l];
        a.ordered[in] += s.order[l];
        a.ordered_value[in] += s.order[l] * price;
        if (from != buyer_state) a.export_revenue[from] += s.in_transit[l] * price;
        // Only a slot that took a lower-tier substitute can hold a link shipping another item.
        const ItemId shipped_item = s.substituted[k] ? net.buyer_item[supplier] : net.slot_item[k];
        if (shipped_item != net.slot_item[k]) {  // a lower-tier substitute: not the item the controls cover
          a.tier_substitution[in] += s.delivered[l] * s.yield[l];
        } else if (target) {
          a.target_received[in] += s.delivered[l];
          if (from == buyer_state)
            a.target_received_home[in] += s.delivered[l];
          else if (!roles->from_controller(k, from))
            a.target_received_other[in] += s.delivered[l];
        }
        if (wmd_risk && wmd_item) a.wmd_risk_received[in] += s.delivered[l] * price;
        if (s.verdict[l] == policy::Verdict::allowed) continue;
        if (s.via[l] != engine::kDirect) {  // past the controls through a front: shipped, not allowed
          a.leakage[in] += s.in_transit[l] * price;
          a.diverted_trade[s.via[l]] += s.in_transit[l] * price;
        }
        if (s.outcome[l] == engine::Outcome::shipped) continue;
        const double value = s.order[l] * price;
        // A sale an over-complying exporter declines was legal: collateral, whoever the buyer.
        if (civilian_bystander || s.verdict[l] == policy::Verdict::declined) a.collateral[buyer_state] += value;
        if (s.outcome[l] == engine::Outcome::delayed) a.delayed[from] += value;
        a.blocked_imports[in] += value;
        a.blocked_exports[a.at(from, shipped_item)] += value;
      }
    }
  }
  return a;
}

}  // namespace regimesim::output
