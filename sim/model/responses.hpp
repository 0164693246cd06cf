// How firms and states answer controls: the visible parameters of each response
// rule (docs/DOMAIN.md sections 2 and 4). A scenario's `responses:` section sets them; the
// defaults are what a run does when the section is silent.
#pragma once

#include <algorithm>
#include <vector>

#include "model/world.hpp"

namespace regimesim {

// A buyer whose order stays denied looks for a maker the controls do not cover.
struct Resourcing {
  int search_delay = 3;         // steps a link must stay denied before its buyer searches; 0 = never
  double switching_cost = 0.5;  // paid by the buyer's state per new link, in steps of the link's baseline value
  // A link whose supplier ships less than starved_below of what it is asked for
  // starved_delay steps in a row is re-sourced like a denied one; 0 = never (the default
  // until the library's figures are re-measured with it).
  int starved_delay = 0;
  double starved_below = 0.5;
  // Steps after a link moves to a new supplier in which its shortfalls do not count as
  // starvation: a buyer does not leave a supplier it has just chosen while that supplier
  // fills its own pipeline (behaviour/resourcing.hpp); 0 = judged from the first step.
  int starved_grace = 3;
  // A link moved for starvation goes back to the supplier it left once that supplier has
  // had usable room, and no control or exporter in the way, return_after steps in a row
  // (behaviour/return_to_recovered.cpp); 0 = never (the default).
  int return_after = 0;
  // A new supplier's part of the order ramps up over qualification_per_tier x the
  // tier of what it makes, in steps (behaviour/qualification.hpp); 0 = at once.
  double qualification_per_tier = 0;
};

// A value for the firms of one state, over the world-wide one (a classroom team
// playing a state's firms sets its own).
struct StateValue {
  StateId state;
  double value;
};
// The value for firms in `s`: its own if listed, else `everywhere`. The lists are a
// handful of states, so a scan beats a lookup table.
inline double value_for(const std::vector<StateValue>& by_state, StateId s, double everywhere) {
  for (const StateValue& v : by_state)
    if (v.state == s) return v.value;
  return everywhere;
}
inline bool any_above_zero(const std::vector<StateValue>& by_state, double everywhere) {
  if (everywhere > 0) return true;
  for (const StateValue& v : by_state)
    if (v.value > 0) return true;
  return false;
}

// A value for one state's makers of some items (a classroom team playing "the Dutch
// makers of chip equipment"), over that state's own value and the world-wide one.
struct MakerGroupValue {
  StateId state;
  std::vector<ItemId> items;  // sorted
  double value;
};
// The group that holds the makers of `item` in `s`, or null. A handful of groups at
// most (one per firm team), so a scan.
inline const MakerGroupValue* group_for(const std::vector<MakerGroupValue>& groups, StateId s, ItemId item) {
  for (const MakerGroupValue& g : groups)
    if (g.state == s && std::binary_search(g.items.begin(), g.items.end(), item)) return &g;
  return nullptr;
}

// De-risking: a firm in a controlling state refuses legal sales to a targeted state.
struct OverCompliance {
  double probability = 0.0;           // per (buyer, supplier) pair, drawn once
  std::vector<StateValue> by_state;   // the probability for exporters in a state, over `probability`
  // The probability for a group of makers, over both. A group's makers decline legal
  // sales to a targeted state whether or not their own state applies a control (the
  // firms' own choice: a Korean maker may refuse China for fear of US rules).
  std::vector<MakerGroupValue> by_maker_group;
  double probability_for(StateId exporter) const { return value_for(by_state, exporter, probability); }
  bool any() const {
    if (any_above_zero(by_state, probability)) return true;
    return std::any_of(by_maker_group.begin(), by_maker_group.end(), [](const MakerGroupValue& g) { return g.value > 0; });
  }
};

// A cut-off buyer orders through a front company in a third state. The exporter's
// state detects an attempt with probability enforcement_effort x the intermediary
// state's cooperation (State); a detected front is entity-listed and the route closes.
struct Diversion {
  double propensity = 0.0;             // chance a cut-off buyer tries diversion before re-sourcing
  std::vector<StateValue> propensity_by_state;  // for buyers in a state, over `propensity`
  std::vector<StateId> intermediaries;  // the third states fronts can sit in
  // The chance a group of makers takes an order that comes through a front; the rest
  // its due diligence refuses, and the buyer re-sources. Every other maker takes it (1).
  std::vector<MakerGroupValue> fronts_by_maker_group;
  double propensity_for(StateId buyer) const { return value_for(propensity_by_state, buyer, propensity); }
};

// How hard each exporting state looks for diversion. A state starts at its
// enforcement_effort (State); events set it from a step on, and the escalation rule
// raises it after each front its authorities catch (capped at 1).
struct EffortChange {
  int step;
  StateId state;
  double effort;
};
struct Enforcement {
  double escalation = 0.0;            // effort added per front detected, from the next step
  std::vector<EffortChange> changes;  // scripted: in step order
};

// A state denied much of an item it makes at home expands its own makers' capacity,
// after a lag that grows with the item's technology tier, if the programme succeeds.
// Anticipation: between a control's announcement and its start, each firm the control
// will target holds extra stock of the items it covers that it buys from the issuers'
// makers: its target inventory rises from inventory_periods to inventory_periods +
// extra_stock_periods steps of use, and falls back when the control starts (the stock
// then carries it). A precautionary-stock rule; the buyer's refill rate sets how fast
// it front-loads.
struct Anticipation {
  double extra_stock_periods = 3.0;  // steps of use; assumption: a quarter's use more
};

struct BuildAtHome {
  double threshold = 0.25;            // share of its baseline need of the item denied in one step; 0 = never
  int lag_per_tier = 6;               // steps per technology tier
  double success_probability = 0.9;   // at tier 1
  double success_drop_per_tier = 0.1; // less per tier above 1
  double capacity_share = 1.0;        // capacity built, as a share of the quantity denied when it started
  int delay_for(int tier) const { return lag_per_tier * tier; }
  double success_at(int tier) const {
    const double p = success_probability - success_drop_per_tier * (tier - 1);
    return p < 0 ? 0 : p;
  }
};

// Design-out: a foreign firm a control's reach catches (de minimis content or the
// direct product rule) re-sources, after `delay` steps caught, the inputs that bring
// it under reach to makers outside the issuers that the reach does not catch, one
// input per step with `probability`; recomputed reach releases it once its content
// is below de minimis and its issuer equipment is gone (behaviour/design_out.hpp).
struct DesignOut {
  int delay = 0;             // steps caught before the firm starts to design out; 0 = never (the default)
  double probability = 0.25; // chance per step, after the delay, that it re-sources one input; assumption
  double cost = 2.0;         // paid by its state per input re-sourced, in steps of the link's baseline value; assumption
  bool active() const { return delay > 0; }
};

// Capacity expansion (behaviour/capacity_expansion.hpp): a maker in any state whose capacity
// binds while its price or its orders stay high invests, and after a lag per tier its
// capacity grows, at a cost its state pays. Buyers short of an input lean toward
// suppliers of it with spare capacity (toward_spare, behaviour/supplier_choice.hpp).
// Both off by default: the library's figures were measured without them.
struct CapacityExpansion {
  int steps = 0;               // steps in a row demand must stay high before the maker invests; 0 = never
  double price_above = 0.1;    // high: price at least 1 + this (baseline 1) ...
  double orders_above = 0.1;   // ... or accepted orders at least (1 + this) x capacity; either with capacity binding
  int lag_per_tier = 3;        // steps per technology tier from the decision to the new capacity
  double growth = 0.25;        // capacity one investment adds, as a share of the maker's baseline capacity
  double max_growth = 1.0;     // at most this much added in a run, as a share of its baseline capacity
  double cost = 12;            // paid by the maker's state per unit a month added: steps of that output at baseline price
  bool toward_spare = false;   // a buyer short of an input leans toward suppliers of it with room
  int delay_for(int tier) const { return lag_per_tier * tier; }
};

struct Responses {
  Resourcing resourcing;
  OverCompliance over_compliance;
  Diversion diversion;
  Enforcement enforcement;
  BuildAtHome build_at_home;
  Anticipation anticipation;
  DesignOut design_out;
  CapacityExpansion capacity_expansion;
};

}  // namespace regimesim
