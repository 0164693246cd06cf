#include "output/step_aggregates.hpp"

#include <algorithm>

namespace regimesim::output {

namespace {
// A step's accounting is of the orders it placed, with the suppliers they were placed
// with: a link denied this step counts as denied though its buyer then re-sources
// (RunState::as_decided).
using Decided = engine::RunState::LinkBeforeMove;

double blocked_by(const Decided& d, const engine::RunState& s, double baseline_flow, std::uint32_t l) {
  if (d.verdict == policy::Verdict::allowed) return 0.0;
  // Denied or held, the link ships nothing: what it carries in the baseline is what
  // the controls kept from arriving.
  if (d.outcome != engine::Outcome::shipped) return baseline_flow;
  // Cut in part by a quota: what it refused, but never more than the link falls short
  // of its baseline flow (not the orders a short buyer piles up).
  if (d.quota_control == policy::kNoQuota || !(d.quota_refused > 0)) return 0.0;
  return std::min(d.quota_refused, std::max(0.0, baseline_flow - s.accepted_of(l)));
}
}  // namespace

double blocked_on(const engine::RunState& s, const std::vector<double>& baseline_flow, std::uint32_t l) {
  return blocked_by(s.as_decided(l), s, baseline_flow[l], l);
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
    for (const std::uint32_t k : net.slots_of(f)) {
      double received = 0, blocked = 0, ordered = 0, ordered_value = 0, resourced = 0;
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
        received += s.delivered[l];
        blocked += blocked_on(s, baseline, l);
        ordered += s.order[l];
        // at the price of the supplier asked (the state's sums do so in the slot sweep),
        // and what arrived counted as re-sourced by the supplier that shipped it
        ordered_value += s.order[l] * s.price[s.shipped_by(l)];
        if (s.delivered_from(l) != net.link_supplier[l]) resourced += s.delivered[l];
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

RolesAtStep roles_at_step(const policy::ControlRoles* roles, int step, std::size_t states) {
  RolesAtStep r;
  r.exports_read.assign(states, 0);
  if (!roles) return r;
  r.now = roles->at(step);
  // A state that applies some control at some step of the run is read (a joiner's
  // spans are in the run's roles from the step its join is decided).
  for (const auto& by_state : roles->control_spans)
    for (std::size_t st = 0; st < states && st < by_state.size(); ++st)
      if (!by_state[st].empty()) r.exports_read[st] = 1;
  return r;
}

StepAggregates aggregate_step(const World& w, const engine::SupplyNetwork& net, const engine::RunState& s,
                              const policy::ControlRoles* roles, int step, const engine::RunState& baseline,
                              const std::vector<FirmId>* firms) {
  return aggregate_step(w, net, s, roles, step, baseline.in_transit, firms);
}

StepAggregates aggregate_step(const World& w, const engine::SupplyNetwork& net, const engine::RunState& s,
                              const policy::ControlRoles* roles, int step, const std::vector<double>& baseline,
                              const std::vector<FirmId>* firms) {
  StepAggregates a;
  aggregate_step(a, w, net, s, roles, step, baseline, firms);
  return a;
}

void aggregate_step(StepAggregates& a, const World& w, const engine::SupplyNetwork& net, const engine::RunState& s,
                    const policy::ControlRoles* roles, int step, const engine::RunState& baseline,
                    const std::vector<FirmId>* firms) {
  aggregate_step(a, w, net, s, roles, step, baseline.in_transit, firms);
}

namespace {
// Each firm's output added to its state and item, firm by firm. Firms of one state and
// item mostly come one after another: their running sum stays in a register until the
// next firm's is another, and is the same sum, added in the same order, as adding each
// firm's output to the total in memory (which waits on the store of the one before).
inline void add_output(const engine::SupplyNetwork& net, const engine::RunState& s, StepAggregates& a) {
  if (net.firm_count == 0) return;
  std::size_t at = a.at(net.buyer_state[0], net.buyer_item[0]);
  double sum = a.output[at];
  for (std::uint32_t f = 0; f < net.firm_count; ++f) {
    const std::size_t here = a.at(net.buyer_state[f], net.buyer_item[f]);
    if (here != at) {
      a.output[at] = sum;
      at = here;
      sum = a.output[at];
    }
    sum += s.output[f];
  }
  a.output[at] = sum;
}
}  // namespace

// What every slot adds, whatever the controls (what arrived, what was ordered and at
// what prices), and each state's exports, the step's sweeps have summed while they held
// the links (RunState::received, ordered, ordered_value, exported): added here slot by
// slot, in slot order. Only the slots a control aims at or stops, that took a substitute
// or are a WMD risk are read link by link, each sum in link order.
void aggregate_step(StepAggregates& a, const World& w, const engine::SupplyNetwork& net, const engine::RunState& s,
                    const policy::ControlRoles* roles, int step, const std::vector<double>& baseline,
                    const std::vector<FirmId>* firms) {
  a.states = w.states.size();
  a.items = w.items.size();
  a.controls = roles ? roles->controls() : 0;
  const RolesAtStep at_step = roles_at_step(roles, step, a.states);
  const policy::StepRoles& now = at_step.now;  // who applies what at this step
  // assign keeps each vector's memory: a buffer reused step after step allocates once.
  for (auto* v : {&a.output, &a.purchases, &a.ordered, &a.ordered_value, &a.blocked_imports, &a.blocked_exports,
                  &a.final_delivered, &a.target_received, &a.target_received_other, &a.target_received_home,
                  &a.target_ordered, &a.wmd_risk_received, &a.leakage, &a.tier_substitution})
    v->assign(a.states * a.items, 0.0);
  for (auto* v : {&a.collateral, &a.delayed, &a.exports, &a.diverted_trade}) v->assign(a.states, 0.0);
  for (auto* v : {&a.control_received, &a.control_received_other, &a.control_received_home, &a.control_ordered})
    v->assign(a.controls, 0.0);
  a.licence_applications = s.licence_applications;
  a.licence_cost = s.licence_cost;
  a.switching_cost = s.switching_cost;
  a.fronts_listed = s.fronts_listed;
  a.expansion_cost = s.expansion_cost;
  a.capacity_built = s.capacity_built;
  add_output(net, s, a);
  // Exports are read for the controllers only (controller_revenue_loss, per state and
  // per control): summed for them, 0 for the others. Without controls, for none.
  for (std::size_t st = 0; st < a.states; ++st)
    if (at_step.exports_read[st]) a.exports[st] = s.exported[st];
  std::vector<std::uint8_t> wmd_item_of(a.items);
  for (std::size_t i = 0; i < a.items; ++i) wmd_item_of[i] = w.items[i].wmd != WmdRelevance::none;
  // Slot by slot as laid out (item by item, then buyer by buyer): a cell of one state
  // and item gets its slots' figures in buyer order, as buyer by buyer would add them.
  for (std::uint32_t k = 0; k < net.slot_count(); ++k) {
    const std::uint32_t b = net.slot_buyer[k];
    const StateId buyer_state = net.buyer_state[b];
    const std::size_t in = a.at(buyer_state, net.slot_item[k]);
    a.purchases[in] += s.received[k];
    if (b >= net.firm_count) a.final_delivered[in] += s.received[k];
    a.ordered[in] += s.ordered[k];
    a.ordered_value[in] += s.ordered_value[k];
    // Collateral falls on the buyers no control aims at: third states under a control
    // on named states, civilian buyers under one on end uses.
    const bool bystander = !(roles && roles->aimed_at[b]);
    const bool wmd_risk = net.buyer_end_use[b] == EndUse::wmd_risk;
    const bool restricted = s.restricted[k];  // else no link of the slot has a verdict other than `allowed`
    const bool target = roles && roles->target_slot[k];
    const bool wmd_item = wmd_item_of[net.slot_item[k]];
    // Most slots take their own item, no control aims at them or stops them and
    // they are no WMD risk: the sums above are all they add.
    if (!restricted && !s.substituted[k] && !target && !(wmd_risk && wmd_item)) continue;
    for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
      // What arrived was shipped by the link's supplier as the step before shipped; what
      // it ordered this step, from its supplier at this step's decision point. A buyer
      // that has moved the link since has either elsewhere (RunState::delivered_from,
      // shipped_by); for every other link the three are its supplier.
      const FirmId sent_by = s.delivered_from(l), asked_now = s.shipped_by(l);
      const StateId from = net.buyer_state[sent_by];
      const double delivered = s.delivered[l];
      // Only a slot that took a lower-tier substitute can hold a link shipping another item.
      const ItemId shipped_item = s.substituted[k] ? net.buyer_item[sent_by] : net.slot_item[k];
      const ItemId asked_item = s.substituted[k] ? net.buyer_item[asked_now] : net.slot_item[k];
      if (shipped_item != net.slot_item[k]) {  // a lower-tier substitute: not the item the controls cover
        a.tier_substitution[in] += delivered * s.delivered_yield(l);
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
      if (target && asked_item == net.slot_item[k]) {  // this step's orders of the item itself
        a.target_ordered[in] += s.order[l];
        for (std::uint16_t c : roles->group_controls[roles->slot_group[k]]) a.control_ordered[c] += s.order[l];
      }
      if (wmd_risk && wmd_item) a.wmd_risk_received[in] += delivered;
      const Decided d = s.as_decided(l);  // this step's order as decided, before any move
      if (d.verdict == policy::Verdict::allowed) continue;
      if (d.via != engine::kDirect) {  // past the controls through a front: shipped, not allowed
        a.leakage[in] += s.in_transit[l];
        a.diverted_trade[d.via] += s.in_transit[l];
      }
      const double blocked = blocked_by(d, s, baseline[l], l);
      if (d.outcome == engine::Outcome::shipped && !(blocked > 0)) continue;
      // A sale an over-complying exporter declines was legal: collateral, whoever the buyer.
      if (bystander || d.verdict == policy::Verdict::declined) a.collateral[buyer_state] += blocked;
      // The exporter that was asked, though the buyer has since moved the link.
      const StateId asked = net.buyer_state[asked_now];
      if (d.outcome == engine::Outcome::delayed) a.delayed[asked] += blocked;
      a.blocked_imports[in] += blocked;
      a.blocked_exports[a.at(asked, asked_item)] += blocked;
    }
  }
  for (auto* v : {&a.firm_output, &a.firm_received, &a.firm_blocked, &a.firm_ordered, &a.firm_ordered_value,
                  &a.firm_resourced})
    v->clear();
  a.firms.clear(), a.firm_slot_begin.clear(), a.firm_slot_item.clear(), a.firm_slot_target.clear();
  if (firms && !firms->empty()) aggregate_firms(net, s, roles, baseline, *firms, a);
}

}  // namespace regimesim::output
