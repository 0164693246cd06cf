// A scenario's controls compiled against its network: per control, dense masks of
// member states, covered items, targeted buyers, licence exceptions and the foreign
// firms its reach catches, so that deciding a link is a few lookups. Built once per
// scenario (it needs the baseline flows for regimes' consensus votes).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/equilibrium.hpp"
#include "engine/supply_network.hpp"
#include "model/control.hpp"

namespace regimesim::policy {

// How one member voted on one item of a regime's proposed list.
struct Vote {
  StateId member;
  ItemId item;
  double exports_at_stake;  // share of its baseline exports of this item that go to the control's targets
  double concern;           // security_concern x sensitivity of the item
  double alignment;         // its largest alignment with a state whose buyers the control targets
  bool supports;            // concern >= exports_at_stake + alignment
  double margin() const { return concern - exports_at_stake - alignment; }  // how far from a veto
};

struct CompiledControl {
  const Control* control;
  std::vector<ItemId> proposed;  // the control's items, less those its issuer does not dominate (`dominance`)
  std::vector<ItemId> items;     // after consensus: only the proposed items every member supported
  std::vector<bool> member;      // per state: a member at some step (joins and leaves: member_at)
  // per state: the steps [from, until) in which it applies the control, in step order; a
  // state that leaves and joins again has one span per stay
  std::vector<std::vector<std::pair<int, int>>> member_spans;
  std::vector<bool> item;        // per item
  std::vector<bool> targeted;    // per buyer (firms, then consumers)
  std::vector<bool> aimed_at;    // per buyer: named by the control (see ControlRoles)
  std::vector<bool> exception;   // per state: destinations that need no licence
  std::vector<bool> reach;       // per firm: foreign makers caught by de minimis or direct product
  std::vector<Vote> votes;       // a consensus control's record; empty otherwise
  std::vector<Vote> join_votes;  // a coalition's candidates deciding whether to join (same rule)
  // per state: a civilian front company there would itself be a target, so a
  // shipment routed through it meets the control again
  std::vector<bool> front_targeted;
  std::vector<bool> named_state;  // per state: the control names it, or an entity in it
  // Jurisdiction as the controls treat it (model::TreatedAs): per state the exporting
  // states whose controls count it as one of the destinations (empty: none do); per
  // buyer, whether it is targeted that way.
  std::vector<std::vector<bool>> treated_by;
  std::vector<bool> treated_targeted;

  bool targeted_from(std::uint32_t buyer, StateId to, StateId from) const {
    return targeted[buyer] || (treated_targeted[buyer] && treated_by[to][from]);
  }

  bool member_at(StateId s, int step) const {
    for (const auto& [from, until] : member_spans[s])
      if (from <= step && step < until) return true;
    return false;
  }
  // Does a state applying the control at `step` treat `to` as one of its destinations?
  // What reach beyond the issuers' firms follows: asked of the members at the step, so a
  // member that has left no longer brings `to` in and one that joins (by event or in the
  // run) does from its first step.
  bool treated_by_member(StateId to, int step) const {
    const std::vector<bool>& by = treated_by[to];
    for (StateId s = 0; s < by.size(); ++s)
      if (by[s] && member_at(s, step)) return true;
    return false;
  }
  // Does some state start or stop applying the control at `step` (a join or a leave,
  // by event, by `decide_at` or in the run)? Its reach then changes with its members.
  bool members_change_at(int step) const {
    for (const auto& spans : member_spans)
      for (const auto& [from, until] : spans)
        if ((from == step && step > 0) || until == step) return true;
    return false;
  }
  // Can its members change during the run? Events and `decide_at` joins, or
  // candidates that decide in the run (`join_when`).
  bool members_can_change() const;
  // Does this control apply to a shipment from `supplier` to `buyer`? The item shipped
  // is what the supplier makes: the slot's item, or a lower-tier substitute for it.
  // `caught`: per firm, the run's recomputed reach for this control (RunState::
  // caught_by_reach); null: the baseline's, `reach`.
  bool covers(const engine::SupplyNetwork& net, FirmId supplier, std::uint32_t buyer, int step,
              const std::uint8_t* caught = nullptr) const {
    const StateId from = net.buyer_state[supplier], to = net.buyer_state[buyer];
    if (from == to) return false;  // a sale at home is not an export
    if (member_at(from, step) && item[net.buyer_item[supplier]] && targeted_from(buyer, to, from)) return true;
    // Reach is the issuers' rule, so it follows how they see the destination.
    const bool reached = caught ? caught[supplier] != 0 : reach[supplier];
    return reached && (targeted[buyer] || (treated_targeted[buyer] && treated_by_member(to, step)));
  }
  // Can a shipment it covers, from a firm in `from`, reach the buyer through a front in
  // `via` without meeting it again? Not where the exporter's rules treat `via` as a target.
  bool evaded_through(StateId via, StateId from, int step) const {
    return !member_at(via, step) && !front_targeted[via] &&
           !(treated_front && !treated_by[via].empty() && treated_by[via][from]);
  }
  bool treated_front = false;  // a civilian front in a treated state meets the control (as front_targeted)

  // A quota's baseline: the baseline flow the control covers at its start, per item
  // (a ceiling given as a share is a share of it) and per exporting firm (what pro
  // rata allots by). Empty for other instruments.
  std::vector<double> quota_base_item;
  std::vector<double> quota_base_firm;
  // The most the issuer's firms may ship of `item` under the quota at `step`, together.
  double quota_ceiling(ItemId item, int step) const {
    const QuotaCeiling& q = control->quota.at(step);
    return q.basis == QuotaCeiling::Basis::share ? q.value * quota_base_item[item] : q.value;
  }
  // Pro rata: firm f may ship its share of the item's baseline flow of the ceiling;
  // a firm with no baseline flow under the quota may ship nothing.
  double quota_allotment(FirmId f, ItemId item, int step) const {
    const double base = quota_base_item[item];
    return base > 0 ? quota_ceiling(item, step) * (quota_base_firm[f] / base) : 0.0;
  }
};

// The sensitivity a state weighs its exports against: 1 for WMD-relevant items,
// otherwise the technology tier over 5.
double item_sensitivity(const Item& item);

// The share of world baseline output of an item that the control's issuing states make.
double issuers_share(const Control& control, ItemId item, const World& w, const engine::SupplyNetwork& net,
                     const engine::Equilibrium& eq);

struct ControlRoles;

// Who applies the controls at one step (ControlRoles::at): what that step's metrics
// split controllers from the others by. A state counts from the step it joins a
// control to the step it leaves it (CompiledControl::member_spans).
struct StepRoles {
  std::vector<bool> controller;                   // per state: applies some control at the step
  std::vector<std::vector<bool>> control_member;  // per control, per state: applies that control
  std::vector<std::vector<bool>> group_member;    // per controller group (ControlRoles::slot_group), per state

  // Does a supplier in state `from` apply, at this step, a control aimed at this slot?
  // Asked per link, because a buyer's suppliers change when it re-sources.
  bool from_controller(const ControlRoles& roles, std::uint32_t slot, StateId from) const;
  bool operator==(const StepRoles&) const = default;
};

// Who the controls aim at and who applies them: the roles every metric against
// baseline is measured by. "Aimed at" is narrower than "covered": a buyer is aimed at
// when a control names it (as an entity), names its state, or names its non-civilian
// end use; a licence requirement on every destination aims at nobody, so the delays
// it imposes on civilian buyers count as collateral.
struct ControlRoles {
  std::vector<bool> aimed_at;         // per buyer
  std::vector<bool> target_slot;      // per slot: its buyer is aimed at, for an item some control proposes
  // Which controls aim at a slot: per slot an index into group_controls (kNoGroup
  // for slots no control aims at), since the many slots one set of controls aims at
  // share one group.
  static constexpr std::uint16_t kNoGroup = 0xffff;
  std::vector<std::uint16_t> slot_group;
  std::vector<std::vector<std::uint16_t>> group_controls;  // per group, the controls aimed at its slots

  // Per control (in the scenario's order), per state: the steps [from, until) in which
  // it applies the control (CompiledControl::member_spans; a run's own plan adds the
  // joins decided in the run, ControlPlan::join).
  std::vector<std::vector<std::vector<std::pair<int, int>>>> control_spans;
  // Two controls are each applied by a state the other aims at (a control and the
  // counter-control it provokes): the metrics of what the controls aim at are then
  // reported per control, never pooled into one world row. Read from the states that
  // apply each control at some step, as known before the run.
  bool opposed = false;

  std::size_t controls() const { return control_spans.size(); }
  // The roles at `step`: membership, whether or not the control has started.
  StepRoles at(int step) const;
};

inline bool StepRoles::from_controller(const ControlRoles& roles, std::uint32_t slot, StateId from) const {
  const std::uint16_t g = roles.slot_group[slot];
  return g != ControlRoles::kNoGroup && group_member[g][from];
}

class ControlPlan {
 public:
  ControlPlan() = default;
  ControlPlan(const std::vector<Control>& controls, const World& w, const engine::SupplyNetwork& net,
              const engine::Equilibrium& eq);

  const std::vector<CompiledControl>& controls() const { return compiled_; }
  const ControlRoles& roles() const { return roles_; }
  bool empty() const { return compiled_.empty(); }

  // Does some state decide during the run (a candidate's `join_when`, a control
  // started `after ... when`)? Then each run needs a plan of its own (for_run).
  bool decided_in_run() const;
  // A copy that one run's state decisions change: it holds copies of the controls,
  // so that a triggered start changes this run only, and of the roles, so that a
  // state joining in this run counts as applying the control from its join in this
  // run's metrics. Not to be copied further.
  std::unique_ptr<ControlPlan> for_run() const;
  // A state's decision in the run: `state` applies control `index` from `step` on
  // (and counts among its appliers in the roles from that step).
  void join(std::size_t index, StateId state, int step);
  // Do some coalition's candidates decide during the run (`join_when`)? Then who
  // applies a control at a step, and so the metrics, differ from run to run.
  bool joins_in_run() const;
  // ... control `index`, started by a trigger, starts at `step`.
  void start(std::size_t index, int step);

 private:
  std::vector<CompiledControl> compiled_;
  ControlRoles roles_;
  std::vector<Control> own_controls_;  // for_run: what compiled_ points at
};

}  // namespace regimesim::policy
