// Re-sourcing: a buyer whose order stays denied looks for a maker the controls do not
// cover, and failing that for a maker of a lower-tier substitute (docs/RESPONSES.md,
// "Re-sourcing" and "Tier substitution").
//
// Parameters, the scenario's `responses.resourcing` (Resourcing, model/responses.hpp):
//   search_delay    steps a link must stay denied before its buyer searches; 0 = never
//   switching_cost  paid by the buyer's state per new link, in steps of the link's baseline value
//   starved_delay   steps a link's supplier must ship less than starved_below of the order
//                   before its buyer searches, as for a denial; 0 = never
//   starved_below   that share (0 to 1)
//   starved_grace   steps after a link moves to a new supplier in which it is not counted as
//                   starved: the new supplier fills its own pipeline first; 0 = at once
// and, on `world.items` (Item, model/world.hpp), each item's lower-tier substitutes
// with their penalties.
//
// A denial is noted in the decision point (note_denial); the searches it queues run
// after the shipments (search_suppliers), where a buyer may first try a front
// (diversion.hpp). The supplier draw is counter-based on the run's seed, the link and
// the step, so it does not depend on the order buyers are visited in, and the baseline
// (which no control touches) never draws it.
//
// A starved buyer leaves only for room the maker can use: a maker whose output was
// held back by its inputs, or whose own input is short (it got less than starved_below
// of what it ordered), has none, however idle its capacity.
#pragma once

#include <cstdint>
#include <vector>

#include "behaviour/diversion.hpp"
#include "behaviour/over_compliance.hpp"
#include "behaviour/qualification.hpp"
#include "engine/equilibrium.hpp"
#include "engine/run_state.hpp"
#include "engine/slot_changes.hpp"
#include "engine/supply_network.hpp"
#include "model/responses.hpp"
#include "model/world.hpp"
#include "policy/shipment_policy.hpp"
#include "random/run_seed.hpp"

namespace regimesim::behaviour {

class ResourcingRule {
 public:
  // critical_input_share: dynamics.critical_input_share, which inputs limit a maker's output.
  ResourcingRule(const Resourcing& rule, const std::vector<Item>& items, const engine::SupplyNetwork& net,
                 const engine::Equilibrium& eq, const policy::ShipmentPolicy& policy, const random::RunSeed& seed,
                 double critical_input_share, engine::SlotChanges& changes)
      : rule_(rule), items_(items), net_(net), eq_(eq), policy_(policy), seed_(seed),
        critical_input_share_(critical_input_share), changes_(changes) {}

  // In the decision point, for an order denied this step: counts how long the link has
  // been denied and may queue a search.
  void note_denial(engine::RunState& s, std::uint32_t buyer, std::uint32_t slot, std::uint32_t link);

  // After the shipments: counts how long each allowed link's supplier has shipped less
  // than starved_below of its order, and queues a search once it is starved_delay steps.
  // A link moved to a new supplier in the last starved_grace steps is not counted.
  // The count runs inside the slot sweep (Simulation::slot_sweep), each slot's links read
  // right after their shipments, while they are in cache, instead of in a pass over every
  // link of its own: begin_starvation_count before the sweep, count_starved for each slot
  // (in sweep piece `piece`), end_starvation_count after it, which queues the searches in
  // slot order whatever the thread count.
  bool counts_starvation() const { return rule_.starved_delay > 0; }
  void begin_starvation_count(const engine::RunState& s, std::size_t pieces);
  // Most slots have every link above starved_below and none counting: passed over on the
  // availabilities the sweep has just computed, without reading the counts.
  // availability[i]: what link (the slot's first) + i shipped of its order this step.
  void count_starved(const engine::RunState& s, const QualificationRule& qualification, std::size_t piece,
                     std::uint32_t k, const double* availability) {
    if (!slot_counting_[k]) {
      bool short_link = false;
      const std::uint32_t n = net_.slot_link_begin[k + 1] - net_.slot_link_begin[k];
      for (std::uint32_t i = 0; i < n; ++i) short_link |= availability[i] < rule_.starved_below;
      if (!short_link) return;
    }
    count_starved_slot(s, qualification, piece, k, availability);
  }
  void end_starvation_count();

  // After the shipments: buyers cut off long enough divert through a front, or re-source.
  // A supplier the buyer moves to starts qualifying (qualification.hpp).
  void search_suppliers(engine::RunState& s, const DiversionRule& diversion, const OverComplianceRule& over_compliance,
                        QualificationRule& qualification);

  // After the searches: a link moved for starvation whose old supplier has had usable
  // room, with no control or exporter in the way, return_after steps in a row goes back
  // to it (behaviour/return_to_recovered.cpp). Off with return_after 0.
  void return_to_recovered(engine::RunState& s, const OverComplianceRule& over_compliance,
                           QualificationRule& qualification);

  // After a building-at-home programme delivers (cells state * items + item): each buyer of
  // that state that had moved a link for the item from a foreign supplier to another foreign
  // one moves it to the home maker of the item with the most room, if one has room and no
  // control is in the way (capacity_expansion.toward_spare; docs/RESPONSES.md).
  void bring_home(engine::RunState& s, const std::vector<std::uint32_t>& cells, std::size_t items,
                  const OverComplianceRule& over_compliance, QualificationRule& qualification);

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
    visit("starved_steps", self.starved_steps_);
    visit("supplier_seen", self.supplier_seen_);
    visit("chosen_at", self.chosen_at_);
    visit("left", self.left_);
    visit("went_to", self.went_to_);
    visit("recovered_steps", self.recovered_steps_);
  }
  // The room a starved buyer could take at each maker (usable_room_): capacity - output,
  // or none where its own inputs are short (input_short) or held its output back this step.
  void read_usable_room(const engine::RunState& s);
  bool input_short(const engine::RunState& s, FirmId f) const;
  void note_moves(const engine::RunState& s);  // a link whose supplier changed since the last count starts its grace
  bool in_grace(const engine::RunState& s, std::uint32_t link);
  bool resource(engine::RunState& s, const OverComplianceRule& over_compliance, std::uint32_t buyer,
                std::uint32_t slot, std::uint32_t link, bool starved = false);
  // The makers of `item` a cut-off buyer could switch to, and their draw weights.
  void find_suppliers(const engine::RunState& s, const OverComplianceRule& over_compliance, std::uint32_t buyer,
                      std::uint32_t slot, std::uint32_t link, ItemId item, bool starved,
                      std::vector<FirmId>& candidates, std::vector<double>& weight) const;

  struct Search {
    std::uint32_t buyer, slot, link;
    bool starved = false;  // starved, not denied: no control is in the way, so no front
  };

  const Resourcing& rule_;
  const std::vector<Item>& items_;  // their lower-tier substitutes
  const engine::SupplyNetwork& net_;
  const engine::Equilibrium& eq_;  // the baseline flow a switch is paid in
  const policy::ShipmentPolicy& policy_;
  random::RunSeed seed_;
  std::vector<Search> searching_;  // queued this step, done after the shipments
  std::vector<std::vector<Search>> starved_found_;  // per slot sweep piece: its starved links (scratch)
  // per slot: some link of it has a starved count above 0 (derived from starved_steps_,
  // so not memory: read again from it after a restore)
  std::vector<std::uint8_t> slot_counting_;
  void count_starved_slot(const engine::RunState& s, const QualificationRule& qualification, std::size_t piece,
                          std::uint32_t k, const double* availability);
  std::vector<double> usable_room_;  // per firm, read in this step's search phase (not memory: redone each step)
  double critical_input_share_;
  engine::SlotChanges& changes_;  // stamped at each move; what note_moves compares (engine/slot_changes.hpp)
  std::vector<std::uint16_t> starved_steps_;  // per link, when starved_delay > 0
  // per link, when starved_delay and starved_grace > 0: its supplier when last counted,
  // and the step after whose shipments it moved to that supplier (kNeverMoved: never)
  std::vector<FirmId> supplier_seen_;
  std::vector<std::int32_t> chosen_at_;
  static constexpr std::int32_t kNeverMoved = -1;
  // per link, when return_after > 0: the supplier a starvation search left (kNoSupplier:
  // none), the one it moved to, and the steps in a row the one it left has had room
  std::vector<FirmId> left_, went_to_;
  std::vector<std::uint16_t> recovered_steps_;
  static constexpr FirmId kNoSupplier = 0xffffffffu;
  int room_read_at_ = -1;  // the step usable_room_ was last read at
  void remember_left(std::uint32_t link, FirmId left, FirmId now);  // a starvation move, for return_to_recovered
};

}  // namespace regimesim::behaviour
