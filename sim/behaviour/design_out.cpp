#include "behaviour/design_out.hpp"

#include "behaviour/link_takeover.hpp"
#include "policy/supplier_screen.hpp"
#include "random/counter_draw.hpp"

namespace regimesim::behaviour {

DesignOutRule::DesignOutRule(const DesignOut& rule, const World& w, const engine::SupplyNetwork& net,
                             const engine::Equilibrium& eq, const policy::ShipmentPolicy& policy, const random::RunSeed& seed,
                             engine::SlotChanges& changes)
    : rule_(rule), net_(net), eq_(eq), policy_(policy), seed_(seed), changes_(changes) {
  if (!policy.plan()) return;
  for (const auto& c : policy.plan()->controls()) {
    std::vector<bool> equipment(w.items.size(), false);
    for (ItemId i : c.control->reach.direct_product_equipment) equipment[i] = true;
    equipment_.push_back(std::move(equipment));
    std::vector<std::uint32_t> targets;
    if (c.control->reach.any())
      for (std::uint32_t b = 0; b < net.buyer_count(); ++b)
        if (c.targeted[b] || c.treated_targeted[b]) targets.push_back(b);
    targets_.push_back(std::move(targets));
  }
}

// Read at the start of `s.step`, before reach is recomputed: the caught sets are still
// those the movers were caught under.
bool DesignOutRule::designed_out_before(std::size_t index, const engine::RunState& s) const {
  if (!active() || last_moved_ != s.step - 1 || s.caught_by_reach.empty()) return false;
  const std::uint8_t* caught = s.caught_by_reach.data() + index * net_.firm_count;
  for (FirmId f = 0; f < net_.firm_count; ++f)
    if (moved_at_[f] == s.step - 1 && caught[f]) return true;
  return false;
}

void DesignOutRule::mark_caught_sellers(const engine::RunState& s) {
  if (selling_.empty()) {
    selling_.assign(net_.firm_count, kFree);
    controls_of_.assign(net_.firm_count, {});
  }
  const auto& plan = policy_.plan()->controls();
  for (std::size_t index = 0; index < plan.size(); ++index) {
    if (!plan[index].control->active_at(s.step)) continue;
    const std::uint8_t* caught = s.caught_by_reach.data() + index * net_.firm_count;
    for (std::uint32_t b : targets_[index])
      for (const std::uint32_t k : net_.slots_of(b))
        for (auto l = net_.slot_link_begin[k]; l < net_.slot_link_begin[k + 1]; ++l) {
          const FirmId f = s.supplier[l];
          if (!caught[f] || net_.buyer_state[f] == net_.buyer_state[b]) continue;
          if (selling_[f] != s.step) {
            selling_[f] = s.step;
            controls_of_[f].clear();
          }
          auto& of = controls_of_[f];
          if (of.empty() || of.back() != index) of.push_back(index);
        }
  }
}

bool DesignOutRule::brings_under(const engine::RunState& s, std::size_t index, std::uint32_t k, FirmId g) const {
  const policy::CompiledControl& c = policy_.plan()->controls()[index];
  if (s.caught_by_reach[index * net_.firm_count + g]) return true;  // it carries the reach itself
  if (!c.member_at(net_.buyer_state[g], s.step)) return false;
  const auto& reach = c.control->reach;
  return (reach.de_minimis_threshold && c.item[net_.buyer_item[g]]) || equipment_[index][net_.slot_item[k]];
}

void DesignOutRule::design_out(engine::RunState& s, const OverComplianceRule& over_compliance,
                               QualificationRule& qualification) {
  if (!active() || s.caught_by_reach.empty()) return;
  if (caught_since_.empty()) caught_since_.assign(net_.firm_count, kFree);
  if (moved_at_.empty()) moved_at_.assign(net_.firm_count, kFree);
  mark_caught_sellers(s);
  for (FirmId f = 0; f < net_.firm_count; ++f) {
    if (selling_[f] != s.step) {
      caught_since_[f] = kFree;  // released (or never caught): it stops
      continue;
    }
    const std::vector<std::size_t>& controls = controls_of_[f];
    if (caught_since_[f] == kFree) caught_since_[f] = s.step;
    if (s.step - caught_since_[f] < rule_.delay) continue;
    if (random::uniform(seed_, random::kDesignOut, f, static_cast<std::uint64_t>(s.step)) >= rule_.probability)
      continue;
    if (redesign(s, f, controls, over_compliance, qualification)) moved_at_[f] = last_moved_ = s.step;
  }
}

bool DesignOutRule::redesign(engine::RunState& s, FirmId f, const std::vector<std::size_t>& controls,
                             const OverComplianceRule& over_compliance, QualificationRule& qualification) {
  auto tainted = [&](std::uint32_t k, FirmId g) {
    for (std::size_t index : controls)
      if (brings_under(s, index, k, g)) return true;
    return false;
  };
  // The heaviest tainted link that some clean maker can take over.
  std::uint32_t best_link = 0, best_slot = 0;
  FirmId best_maker = 0;
  double best_weight = -1;
  for (const std::uint32_t k : net_.slots_of(f)) {
    const auto first = net_.slot_link_begin[k], last = net_.slot_link_begin[k + 1];
    for (auto l = first; l < last; ++l) {
      const double weight = net_.slot_coefficient[k] * s.share[l];
      if (!(s.share[l] > 0) || weight <= best_weight || !tainted(k, s.supplier[l])) continue;
      const ItemId item = net_.slot_item[k];
      const policy::SupplierScreen screen(policy_.plan(), s.step, net_, f, item, &s.caught_by_reach);
      bool found = false;
      double spare = 0;
      FirmId maker = 0;
      for (auto m = net_.item_maker_begin[item]; m < net_.item_maker_begin[item + 1]; ++m) {
        const FirmId g = net_.item_makers[m];
        if (g == f || !(s.capacity[g] > 0) || tainted(k, g)) continue;
        bool supplies = false;
        for (auto j = first; j < last; ++j) supplies = supplies || s.supplier[j] == g;
        if (supplies || !screen.free_to_ship(g) ||
            over_compliance.declines(f, l, g))
          continue;
        const double room = s.capacity[g] - s.output[g];
        if (!found || room > spare) {
          found = true;
          spare = room;
          maker = g;
        }
      }
      if (!found) continue;  // only the issuers (or firms their reach catches) make it
      best_weight = weight;
      best_link = l;
      best_slot = k;
      best_maker = maker;
    }
  }
  if (best_weight < 0) return false;
  const std::uint32_t l = best_link;
  // The new supplier takes over the link, as a re-sourced one (resourcing.cpp).
  take_over_link(s, changes_, best_slot, l, best_maker, 1.0);
  s.denied_steps[l] = 0;
  s.via[l] = engine::kDirect;
  s.switching_cost[net_.buyer_state[f]] += rule_.cost * eq_.link_flow[l];
  qualification.start(s, l);
  return true;
}

}  // namespace regimesim::behaviour
