// The mutable state of one run: flat arrays indexed by the dense ids of a
// SupplyNetwork. Many runs share one network and one description.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <vector>

#include "policy/shipment_policy.hpp"

namespace regimesim::engine {

inline constexpr std::uint16_t kDirect = 0xffff;  // a link's order goes straight to its supplier

enum class LicenceStatus : std::uint8_t { none, pending, granted, refused };
// What a shipment that a control covers met this step.
enum class Outcome : std::uint8_t { shipped, delayed, denied };

// What a visitor of RunState::for_each_field (and of the answers' for_each_memory) tells
// apart: a field that is an array, not one value (the checkpoint, the state digest).
template <class T>
inline constexpr bool is_array_field = false;
template <class T, class A>
inline constexpr bool is_array_field<std::vector<T, A>> = true;

struct RunState {
  int step = 0;  // the next step to run

  // per firm
  std::vector<double> capacity;
  std::vector<double> output;           // made this step
  std::vector<double> orders_accepted;  // orders received this step that policy allowed
  std::vector<double> expected_demand;  // what the firm plans its inputs for
  std::vector<double> price;            // relative to the baseline price, 1
  std::vector<double> fill_rate;        // output / accepted orders: the share of each order it ships
  std::vector<double> price_weight;     // price^-substitutability, the pull of its price on buyers' shares

  // per slot (a buyer's input)
  std::vector<double> inventory;
  std::vector<double> target_inventory;
  std::vector<std::uint8_t> substituted;  // 1 once some link of the slot ships a lower-tier substitute (then read yield)
  // What the step's sweeps add up per slot while they hold its links, for the metrics
  // (output/step_aggregates.hpp), so that no later pass reads every link again:
  std::vector<double> received;       // units arrived this step (sum of delivered over its links, in link order)
  std::vector<double> ordered;        // units asked this step (sum of order)
  std::vector<double> ordered_value;  // the same at the prices of the suppliers asked, as they stood when they shipped
  // 1 where some link's verdict was other than `allowed` when the step's orders met the
  // decision point. Later in a step a verdict only ever becomes `allowed` (a link taken
  // over, behaviour/link_takeover.hpp), so a slot with 0 here has no such link at its end.
  std::vector<std::uint8_t> restricted;

  // per link
  std::vector<FirmId> supplier;      // who supplies it now: the network's supplier until the buyer re-sources
  // Units of the slot's item one unit shipped stands for: 1, or 1 - penalty once the
  // buyer has fallen back on a lower-tier substitute (model/world.hpp, TierSubstitute).
  // Empty until some link's yield is not 1 (most runs never substitute: 8 bytes a link
  // saved); read it through yield_of.
  std::vector<double> yield;
  std::vector<double> share;         // the buyer's current share of this supplier
  std::vector<double> order;         // asked this step
  // Shipped this step, arriving next step. From the orders to the shipments it holds
  // instead what the decision point let through of each order (engine::Simulation::
  // buyer_sweep): no array of its own for that, 8 bytes a link (read it through accepted_of).
  std::vector<double> in_transit;
  std::vector<double> delivered;     // arrived this step (shipped last step)
  // (What a link shipped of its order, shipped / ordered, is read only inside the slot
  // sweep, slot by slot: it is kept there, not here. From the state: in_transit / order.)
  // The licence, quota and outcome fields below are empty in a run that keeps no link
  // decisions (a baseline, engine::Simulation::LinkDecisions::none): no control covers
  // any of its links, and nothing reads them where the verdict is `allowed`.
  std::vector<policy::Verdict> verdict;         // what the controls say (redone when one starts or ends)
  std::vector<std::uint16_t> licence_control;   // whose licence terms apply, or policy::kNoLicence
  std::vector<LicenceStatus> licence_status;    // where a licence is required
  std::vector<std::int32_t> licence_decided_at;  // the step its application is decided
  std::vector<std::uint16_t> quota_control;     // the quota that caps its shipments, or policy::kNoQuota
  std::vector<double> quota_refused;            // what that quota refused of its order this step
  std::vector<Outcome> outcome;                 // where the verdict is not `allowed`: what happened this step
  std::vector<std::uint16_t> denied_steps;      // consecutive steps its orders were denied
  std::vector<std::uint16_t> via;               // the state of the front a diverted order goes through, or kDirect

  // per (control, firm), index control * firms + firm: 1 where the control's reach
  // catches the firm as the run recomputes it (policy/recomputed_reach.hpp); empty
  // when no control recomputes reach: the plan's baseline reach then holds all run
  std::vector<std::uint8_t> caught_by_reach;

  // per consumer
  std::vector<double> consumed;

  // per state, this step: the licensing work of its exporters; what its buyers paid
  // to switch supplier; fronts on its territory entity-listed after detection
  std::vector<double> licence_applications;
  std::vector<double> licence_cost;
  std::vector<double> switching_cost;
  std::vector<double> fronts_listed;
  std::vector<double> expansion_cost;  // what its makers committed this step to expand capacity (behaviour/capacity_expansion)
  // shipped this step by its makers to buyers in other states, counted against the
  // supplier that shipped (before this step's answers move any link)
  std::vector<double> exported;

  // per (state, item), index state * items + item: capacity its makers have built
  // since the start, answering denial (behaviour/build_at_home) or high demand
  // (behaviour/capacity_expansion)
  std::vector<double> capacity_built;

  // totals of this step, for conservation checks
  double shipped_total = 0;
  double received_total = 0;

  // What the decision point let through this step where it may not be the whole order:
  // on the links a control held there (verdict other than `allowed`) and those
  // qualification cut, in link order. Every other link was let through its whole
  // order. Made again each step before the shipments (Simulation::keep_cut_orders) and
  // read only after them, so a checkpoint leaves it out (not in for_each_field).
  std::vector<std::uint32_t> cut_links;
  std::vector<double> cut_accepted;
  // What the decision point let through of link l's order this step (after the step:
  // in_transit then holds what it shipped).
  double accepted_of(std::uint32_t l) const {
    const auto at = std::lower_bound(cut_links.begin(), cut_links.end(), l);
    return at != cut_links.end() && *at == l ? cut_accepted[static_cast<std::size_t>(at - cut_links.begin())] : order[l];
  }

  // A link whose buyer moved it to another supplier this step (behaviour/link_takeover.hpp),
  // as the decision point left it. The move makes the link a fresh, allowed one at once,
  // for the next step's orders; the step's own accounting (what its controls blocked,
  // held or let leak, output/step_aggregates.cpp) is of the order it placed, with the
  // supplier it placed it with. Noted at the link's first move of the step, sorted by
  // link once the step's last answer that moves a link is done (settle_moves); when the
  // next step begins it becomes moved_before, since what arrives then was shipped before
  // the move. A checkpoint saves it by itself (Simulation::save), not in for_each_field:
  // it holds any number of links.
  struct LinkBeforeMove {
    std::uint32_t link;
    FirmId supplier;
    policy::Verdict verdict;
    Outcome outcome;
    std::uint16_t via;
    std::uint16_t quota_control;  // policy::kNoQuota where the run keeps none
    double quota_refused;
    double yield;  // of what its supplier shipped (RunState::yield): the goods in transit keep it
  };
  std::vector<LinkBeforeMove> moved;
  bool moves_settled = true;  // moved is in link order (before_move may search it)
  std::vector<LinkBeforeMove> moved_before;  // the step before's moves, in link order
  // The step begins: the last step's moves become the ones before.
  void begin_moves() {
    moved_before.swap(moved);
    moved.clear();
    moves_settled = true;
  }
  // Link l's fields that a move resets, as they stand (a baseline keeps no outcome or quota).
  LinkBeforeMove as_it_stands(std::uint32_t l) const {
    return {l, supplier[l], verdict[l], keeps_link_decisions() ? outcome[l] : Outcome::shipped,
            via.empty() ? kDirect : via[l], quota_control.empty() ? policy::kNoQuota : quota_control[l],
            quota_refused.empty() ? 0.0 : quota_refused[l], yield_of(l)};
  }
  void note_move(std::uint32_t l) {
    moves_settled = false;
    moved.push_back(as_it_stands(l));
  }
  // The first move of each link, in link order (a stable sort keeps the first of a
  // link moved twice: the decision point's).
  void settle_moves() {
    moves_settled = true;
    if (moved.size() < 2) return;
    std::stable_sort(moved.begin(), moved.end(), [](const auto& a, const auto& b) { return a.link < b.link; });
    moved.erase(std::unique(moved.begin(), moved.end(), [](const auto& a, const auto& b) { return a.link == b.link; }),
                moved.end());
  }
  // Link l's record in a settled list of moves, or null.
  static const LinkBeforeMove* find_move(const std::vector<LinkBeforeMove>& moves, std::uint32_t l) {
    const auto at = std::lower_bound(moves.begin(), moves.end(), l, [](const auto& m, std::uint32_t x) { return m.link < x; });
    return at != moves.end() && at->link == l ? &*at : nullptr;
  }
  // Link l as this step's decision point left it, or null where it did not move.
  const LinkBeforeMove* before_move(std::uint32_t l) const {
    if (moved.empty()) return nullptr;
    assert(moves_settled && "read the step's moves only once settle_moves has put them in link order");
    return find_move(moved, l);
  }
  // Link l as this step's decision point left it, moved or not.
  LinkBeforeMove as_decided(std::uint32_t l) const {
    const LinkBeforeMove* m = before_move(l);
    return m ? *m : as_it_stands(l);
  }

  // Who shipped what link l holds in transit this step, and what the decision point
  // said of its order: its supplier and verdict before any move of this step.
  FirmId shipped_by(std::uint32_t l) const {
    const LinkBeforeMove* m = before_move(l);
    return m ? m->supplier : supplier[l];
  }
  policy::Verdict decided_verdict(std::uint32_t l) const {
    const LinkBeforeMove* m = before_move(l);
    return m ? m->verdict : verdict[l];
  }
  // Who shipped what arrived on link l this step (delivered): its supplier when the
  // step before shipped, before that step's moves and this one's.
  FirmId delivered_from(std::uint32_t l) const {
    const LinkBeforeMove* m = shipped_as(l);
    return m ? m->supplier : supplier[l];
  }
  // Link l as it stood when the step before shipped what arrived this step: its record
  // in the step before's moves, else in this step's, or null where it moved in neither.
  const LinkBeforeMove* shipped_as(std::uint32_t l) const {
    if (const LinkBeforeMove* m = moved_before.empty() ? nullptr : find_move(moved_before, l)) return m;
    return before_move(l);
  }

  double yield_of(std::uint32_t l) const { return yield.empty() ? 1.0 : yield[l]; }
  // The yield of what arrived on link l this step: its yield when the step before
  // shipped, before that step's moves and this one's. A move sets the new supplier's
  // yield at once, for the orders to come; what the old supplier shipped keeps its own.
  // Read only where a substitute supplies; inlined, its two searches cost the metrics'
  // slot loop around it a tenth of its time (bench ensemble: 0.55 ms against 0.47).
  [[gnu::noinline]] double delivered_yield(std::uint32_t l) const {
    if (yield.empty()) return 1.0;
    const LinkBeforeMove* m = shipped_as(l);
    return m ? m->yield : yield[l];
  }
  // A link's yield set, the array made at its first yield other than 1.
  void set_yield(std::uint32_t l, double y) {
    if (yield.empty()) {
      if (y == 1.0) return;
      yield.assign(supplier.size(), 1.0);
    }
    yield[l] = y;
  }

  // Whether the licence, quota and outcome of each link are kept (see verdict above).
  bool keeps_link_decisions() const { return !outcome.empty(); }

  // Every field by name, for a checkpoint (engine/simulation_checkpoint.cpp). A field
  // added above must be added here too, or a resumed run would start it afresh; the
  // checkpoint's size check (sizeof(RunState)) fails the build until it is.
  template <class Visit>
  void for_each_field(Visit&& visit) { fields(*this, visit); }
  template <class Visit>
  void for_each_field(Visit&& visit) const { fields(*this, visit); }

 private:
  template <class Self, class Visit>
  static void fields(Self& self, Visit& visit) {
    visit("step", self.step);
    visit("capacity", self.capacity);
    visit("output", self.output);
    visit("orders_accepted", self.orders_accepted);
    visit("expected_demand", self.expected_demand);
    visit("price", self.price);
    visit("fill_rate", self.fill_rate);
    visit("price_weight", self.price_weight);
    visit("inventory", self.inventory);
    visit("target_inventory", self.target_inventory);
    visit("substituted", self.substituted);
    visit("received", self.received);
    visit("ordered", self.ordered);
    visit("ordered_value", self.ordered_value);
    visit("restricted", self.restricted);
    visit("supplier", self.supplier);
    visit("yield", self.yield);
    visit("share", self.share);
    visit("order", self.order);
    visit("in_transit", self.in_transit);
    visit("delivered", self.delivered);
    visit("verdict", self.verdict);
    visit("licence_control", self.licence_control);
    visit("licence_status", self.licence_status);
    visit("licence_decided_at", self.licence_decided_at);
    visit("quota_control", self.quota_control);
    visit("quota_refused", self.quota_refused);
    visit("outcome", self.outcome);
    visit("denied_steps", self.denied_steps);
    visit("via", self.via);
    visit("caught_by_reach", self.caught_by_reach);
    visit("consumed", self.consumed);
    visit("licence_applications", self.licence_applications);
    visit("licence_cost", self.licence_cost);
    visit("switching_cost", self.switching_cost);
    visit("fronts_listed", self.fronts_listed);
    visit("expansion_cost", self.expansion_cost);
    visit("exported", self.exported);
    visit("capacity_built", self.capacity_built);
    visit("shipped_total", self.shipped_total);
    visit("received_total", self.received_total);
  }
};


}  // namespace regimesim::engine
