// Building at home: a state denied much of an item it makes at home expands its own
// makers' capacity, after a lag that grows with the item's technology tier, if the
// programme succeeds (docs/RESPONSES.md, "Building at home").
//
// Parameters, the scenario's `responses.build_at_home` (BuildAtHome, model/responses.hpp):
//   threshold              share of its baseline need of the item denied in one step; 0 = never
//   lag_per_tier           steps per technology tier
//   success_probability    at tier 1
//   success_drop_per_tier  less per tier above 1
//   capacity_share         capacity built, as a share of the quantity denied when it started
//
// The denials are noted in the decision point (note_denial); programmes start and
// deliver after the shipments (invest_at_home). The success draw is counter-based on
// the run's seed, the state and the item, so it does not depend on the order buyers
// are visited in, and the baseline (which no control touches) never draws it.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/equilibrium.hpp"
#include "engine/run_state.hpp"
#include "engine/supply_network.hpp"
#include "model/responses.hpp"
#include "model/world.hpp"
#include "random/run_seed.hpp"

namespace regimesim::behaviour {

class BuildAtHomeRule {
 public:
  BuildAtHomeRule(const BuildAtHome& rule, std::size_t states, const std::vector<Item>& items,
                  const engine::SupplyNetwork& net, const engine::Equilibrium& eq, const random::RunSeed& seed);

  // In the decision point, for an order denied this step: adds it to its state's
  // denied need of the item.
  void note_denial(const engine::RunState& s, std::uint32_t buyer, std::uint32_t slot, std::uint32_t link);
  // The same for the part of an order a quota refused when it let the rest through.
  void note_refused(std::uint32_t buyer, std::uint32_t slot, double amount) {
    denied_need_[net_.buyer_state[buyer] * items_.size() + net_.slot_item[slot]] += amount;
  }

  // After the shipments: states denied much of an item they make build capacity, after a lag.
  void invest_at_home(engine::RunState& s);
  // The (state, item) cells, state * items + item, whose programme delivered in this
  // step's invest_at_home (for the buyers' return home, resourcing.hpp).
  const std::vector<std::uint32_t>& delivered_now() const { return delivered_now_; }
  // No programme delivers at `step` or later (one that delivered or failed is past):
  // the rule's next steps read no step's number (engine/repeating_state.cpp).
  bool nothing_due_from(int step) const;

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
    visit("build_ready_at", self.build_ready_at_);
    visit("build_capacity", self.build_capacity_);
  }
  double home_capacity(StateId state, ItemId item) const;  // its makers' baseline capacity

  static constexpr int kNoProgramme = -1, kFailedProgramme = -2;

  const BuildAtHome& rule_;
  const std::vector<Item>& items_;  // their technology tier
  const engine::SupplyNetwork& net_;
  const engine::Equilibrium& eq_;  // the makers' baseline capacity
  random::RunSeed seed_;
  std::vector<double> baseline_need_;   // per (state, item): what its buyers order at equilibrium
  std::vector<double> denied_need_;     // per (state, item): what its buyers were denied this step
  std::vector<int> build_ready_at_;     // per (state, item): step a programme delivers; kNoProgramme
  std::vector<double> build_capacity_;  // per (state, item): what it will add
  std::vector<std::uint32_t> delivered_now_;  // scratch, this step's deliveries
};

}  // namespace regimesim::behaviour
