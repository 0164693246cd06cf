// Over-compliance (de-risking): a firm in a state applying some control refuses legal
// sales to buyers in a state some control names (docs/RESPONSES.md, "Over-compliance").
//
// Parameters, the scenario's `responses.over_compliance` (OverCompliance, model/responses.hpp):
//   probability  per (link, supplier) pair, drawn once
//   by_state     the probability for exporters in a state, over `probability`
//   by_maker_group  the probability for one state's makers of some items, over both;
//                this group's makers decline even where their state applies no control
//                (set by a classroom firm team, sim/classroom/)
//
// Drawn once per (link, supplier), so a firm that de-risks keeps refusing that buyer.
// The draw is counter-based on the run's seed, so it does not depend on the order
// buyers are visited in, and the baseline (which no control touches) never draws it.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/run_state.hpp"
#include "engine/supply_network.hpp"
#include "model/responses.hpp"
#include "policy/shipment_policy.hpp"
#include "random/counter_draw.hpp"
#include "random/run_seed.hpp"

namespace regimesim::behaviour {

class OverComplianceRule {
 public:
  OverComplianceRule(const OverCompliance& rule, const engine::SupplyNetwork& net, const policy::ShipmentPolicy& policy,
                     const random::RunSeed& seed)
      : rule_(rule), net_(net), policy_(policy), seed_(seed) {}

  // With the verdicts redone: de-risking firms decline legal sales to named states
  // (their verdict becomes `declined`). Which states apply a control and which are
  // named are redone here too, for `declines` until the verdicts are next redone.
  void over_comply(int step, std::size_t states, engine::RunState& s);

  // The same for one link decided again alone (engine/verdict_refresh.hpp), with the
  // states as the last over_comply left them: what sets them has not changed since.
  void over_comply_link(std::uint32_t buyer, std::uint32_t link, engine::RunState& s) const {
    if (rule_.any() && s.verdict[link] == policy::Verdict::allowed && declines(buyer, link, s.supplier[link]))
      s.verdict[link] = policy::Verdict::declined;
  }

  // Would `supplier` decline the legal sale to `buyer` on `link`? Also asked by a
  // searching buyer of each maker it might take (resourcing.hpp).
  bool declines(std::uint32_t buyer, std::uint32_t link, FirmId supplier) const {
    const StateId from = net_.buyer_state[supplier], to = net_.buyer_state[buyer];
    // The per-state lists are empty before the first verdicts, when no rule can be on.
    if (from == to || named_.empty() || !named_[to]) return false;  // the cheap tests first
    // The exporter's group's probability, else its own state's; the draw is the pair's
    // whatever the probability, so another state's value moves no other state's firms.
    // A group's makers decline whether or not their state applies a control.
    const MakerGroupValue* g =
        rule_.by_maker_group.empty() ? nullptr : group_for(rule_.by_maker_group, from, net_.buyer_item[supplier]);
    if (!g && !controlling_[from]) return false;
    const double p = g ? g->value : rule_.probability_for(from);
    return p > 0 && random::uniform(seed_, random::kOverCompliance, net_.link_key[link], supplier) < p;
  }

 public:
  // What it remembers from one step to the next, by name, for a checkpoint
  // (engine/simulation_checkpoint.cpp); the rest is derived from the scenario.
  template <class Visit>
  void for_each_memory(Visit&& visit) { memory(*this, visit); }
  template <class Visit>
  void for_each_memory(Visit&& visit) const { memory(*this, visit); }

 private:
  template <class Self, class Visit>
  static void memory(Self& self, Visit& visit) {
    visit("controlling", self.controlling_);
    visit("named", self.named_);
  }
  const OverCompliance& rule_;
  const engine::SupplyNetwork& net_;
  const policy::ShipmentPolicy& policy_;
  random::RunSeed seed_;
  std::vector<bool> controlling_, named_;  // per state (redone with the verdicts)
};

}  // namespace regimesim::behaviour
