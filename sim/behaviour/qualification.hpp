// Qualification: a supplier a buyer has just switched to does not deliver the whole
// order at once. A buyer must qualify a new source (samples, audits, process
// changes) before it trusts it with its volume, so the new supplier's part of each
// order ramps up over the qualification time (docs/RESPONSES.md, "Qualification").
//
// Parameters, the scenario's `responses.resourcing` (Resourcing, model/responses.hpp):
//   qualification_per_tier  steps per technology tier of what the new supplier makes;
//                           0 = a new supplier delivers in full at once
//
// A link re-sourced after step t0's shipments, to a supplier of an item of tier T,
// qualifies over Q = qualification_per_tier x T steps: in step t0 + j the supplier
// takes min(1, j / Q) of the link's order. The rest is asked and not taken: the
// buyer's share rule sees the shortfall and leans on its other suppliers meanwhile.
// A front (diversion) is not a new source of the item, so it does not qualify.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/run_state.hpp"
#include "engine/supply_network.hpp"
#include "model/responses.hpp"
#include "model/world.hpp"

namespace regimesim::behaviour {

class QualificationRule {
 public:
  QualificationRule(const Resourcing& rule, const std::vector<Item>& items, const engine::SupplyNetwork& net)
      : rule_(rule), items_(items), net_(net) {}

  bool active() const { return rule_.qualification_per_tier > 0; }
  // Is `link`'s supplier still qualifying? Its shortfall is then the buyer's own
  // caution, not a supplier that cannot deliver (starvation, resourcing.hpp).
  bool qualifying(std::uint32_t link) const { return !since_.empty() && since_[link] != kQualified; }
  // The buyer of `link` has just moved it to a new supplier (resourcing.hpp).
  void start(const engine::RunState& s, std::uint32_t link);
  // The link has gone back to a supplier the buyer qualified before: whole from now on.
  void returned(std::uint32_t link);
  // After the decision point: each qualifying link's supplier takes only its part of
  // the accepted order. Links that have qualified leave the list.
  void limit_new_suppliers(engine::RunState& s);
  // The links whose orders limit_new_suppliers cut at this step, in link order.
  const std::vector<std::uint32_t>& qualifying_links() const { return qualifying_; }
  // No link qualifying: no part that grows with the steps since a move.
  bool none_qualifying() const { return qualifying_.empty(); }

  // What it remembers from one step to the next (engine/simulation_checkpoint.cpp).
  template <class Visit>
  void for_each_memory(Visit&& visit) { memory(*this, visit); }
  template <class Visit>
  void for_each_memory(Visit&& visit) const { memory(*this, visit); }
  // After a restore: the list of qualifying links, derived from since_.
  void restored();

 private:
  template <class Self, class Visit>
  static void memory(Self& self, Visit& visit) {
    visit("since", self.since_);
  }
  double steps_for(const engine::RunState& s, std::uint32_t link) const;

  static constexpr std::int32_t kQualified = -1;
  const Resourcing& rule_;
  const std::vector<Item>& items_;  // their technology tier
  const engine::SupplyNetwork& net_;
  std::vector<std::int32_t> since_;       // per link (sized on first use): the step it switched, or kQualified
  std::vector<std::uint32_t> qualifying_;  // the links with since_ set, in link order
};

}  // namespace regimesim::behaviour
