// What one step of one run adds up to per (state, item): the quantities that
// every metric against baseline is computed from.
//
// Everything is a volume at baseline prices (every item costs 1 in the baseline, so
// a quantity is its value at baseline prices): a shortage price must never make a
// lost sale look like a gain. Price effects are measured apart, by `price_index`.
#pragma once

#include <cstddef>
#include <vector>

#include "engine/run_state.hpp"
#include "engine/supply_network.hpp"
#include "policy/control_plan.hpp"

namespace regimesim::output {

struct StepAggregates {
  std::size_t states = 0, items = 0, controls = 0;
  // dense, index state * items + item
  std::vector<double> output;           // gross output made in the state
  std::vector<double> purchases;        // quantity delivered to buyers in the state
  std::vector<double> ordered;          // quantity the state's buyers asked for
  std::vector<double> ordered_value;    // the same at the prices of the suppliers asked (price_index only)
  // Blocked: the baseline flow of every link whose orders the controls denied or
  // held this step (such a link ships nothing): goods that did not arrive compared
  // with the baseline, not the orders a cut-off buyer re-places every month.
  std::vector<double> blocked_imports;  // by the buyer's state and the item
  std::vector<double> blocked_exports;  // by the supplier's state and the item it makes
  std::vector<double> final_delivered;  // delivered to the state's final demand
  // what the controls aim at (policy::ControlRoles), per destination state and item
  std::vector<double> target_received;        // delivered into aimed-at buyers' controlled inputs
  std::vector<double> target_received_other;  // ... from states that apply no control aimed at them at this step
  std::vector<double> target_received_home;   // ... from makers in the buyer's own state
  // What the same slots ordered this step (RunState::order) on the links target_received
  // counts, those whose supplier makes the slot's item: the orders whose goods arrive
  // next step, against which the next step's receipts are split into demand gone and
  // supply cut (order_shortfall, orders_unfilled_share)
  std::vector<double> target_ordered;
  std::vector<double> wmd_risk_received;      // WMD-relevant items delivered to WMD-risk end users
  std::vector<double> leakage;                // controlled items shipped to the state's buyers through fronts
  std::vector<double> tier_substitution;      // the item's work done by lower-tier substitutes, in units of the item
  std::vector<double> capacity_built;         // capacity the state's makers added answering denial
  // per state (index state)
  std::vector<double> collateral;      // blocked flows of buyers no control aims at, and declined legal sales
  std::vector<double> delayed;         // blocked flows held for a licence decision, by exporter
  std::vector<double> exports;         // shipped to foreign buyers; summed for controllers only (the metrics read no other), 0 elsewhere
  std::vector<double> diverted_trade;  // shipped through fronts on the state's territory
  std::vector<double> licence_applications, licence_cost, switching_cost, fronts_listed, expansion_cost;
  // per control (in the scenario's order): the same receipts as target_received*,
  // counted for each control that aims at the slot, for the metrics per direction
  std::vector<double> control_received, control_received_other, control_received_home, control_ordered;
  // The named firms (Scenario::reported_firms), in their order: each one's output, and
  // per input (its slots, firm by firm; firm_slot_begin has one entry more than firms)
  // what arrived, what the controls blocked, what it ordered (and at what prices), what
  // arrived from suppliers it moved to, and whether some control aims at that input.
  std::vector<FirmId> firms;
  std::vector<double> firm_output;
  std::vector<std::size_t> firm_slot_begin;
  std::vector<ItemId> firm_slot_item;
  std::vector<std::uint8_t> firm_slot_target;
  std::vector<double> firm_received, firm_blocked, firm_ordered, firm_ordered_value, firm_resourced;

  std::size_t at(std::size_t state, std::size_t item) const { return state * items + item; }
};

// What aggregate_step reads of the roles that can differ from one step to another:
// who applies each control at the step, and which states apply some control at some
// step (a join decided in the run adds one); the rest of the roles stays as built.
// Two steps with the same roles at step and the same run state have the same sums
// (a baseline replayed by ensemble/baseline_cycle.hpp).
struct RolesAtStep {
  policy::StepRoles now;                   // ControlRoles::at(step)
  std::vector<std::uint8_t> exports_read;  // per state: applies some control at some step
  bool operator==(const RolesAtStep&) const = default;
};
RolesAtStep roles_at_step(const policy::ControlRoles* roles, int step, std::size_t states);

// `roles` may be null (no controls): the control-related sums are then zero. `step`
// is the step just taken: who applies a control is read at it (ControlRoles::at).
// `baseline` is the baseline run at the same step (for the baseline itself, its own
// state): blocked flows are measured by what its links carried.
// `firms`, when given, are the named firms whose own sums are kept (firm_*).
StepAggregates aggregate_step(const World& w, const engine::SupplyNetwork& net, const engine::RunState& s,
                              const policy::ControlRoles* roles, int step, const engine::RunState& baseline,
                              const std::vector<FirmId>* firms = nullptr);
// The same with only what it reads of the baseline: its links' flows in transit at
// this step (RunState::in_transit), as a shared baseline keeps them (ensemble/shared_baseline.hpp).
StepAggregates aggregate_step(const World& w, const engine::SupplyNetwork& net, const engine::RunState& s,
                              const policy::ControlRoles* roles, int step, const std::vector<double>& baseline_flow,
                              const std::vector<FirmId>* firms = nullptr);
// The same into `into`, whose vectors keep their memory: a run that reuses one
// StepAggregates for every step allocates nothing per step. The sums are the same.
void aggregate_step(StepAggregates& into, const World& w, const engine::SupplyNetwork& net, const engine::RunState& s,
                    const policy::ControlRoles* roles, int step, const engine::RunState& baseline,
                    const std::vector<FirmId>* firms = nullptr);
void aggregate_step(StepAggregates& into, const World& w, const engine::SupplyNetwork& net, const engine::RunState& s,
                    const policy::ControlRoles* roles, int step, const std::vector<double>& baseline_flow,
                    const std::vector<FirmId>* firms = nullptr);

// What a link's controls kept from arriving this step, counted at its baseline flow
// (docs/METRICS.md): the whole baseline flow of a denied or held link, the refused part
// of a quota's cut (up to the link's shortfall from baseline), otherwise 0.
double blocked_on(const engine::RunState& s, const engine::RunState& baseline, std::uint32_t link);
double blocked_on(const engine::RunState& s, const std::vector<double>& baseline_flow, std::uint32_t link);

}  // namespace regimesim::output
