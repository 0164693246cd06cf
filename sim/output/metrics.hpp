// The metric vocabulary of a run (DOMAIN.md section 6) and the tidy rows that hold
// it: one row per (step, state, item, metric), every metric against the baseline
// run of the same world without the scenario's controls.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/scenario.hpp"
#include "output/step_aggregates.hpp"

namespace regimesim::output {

enum class Metric : std::uint8_t {
  gross_output,            // quantity made, baseline-price units
  output_loss,             // 1 - output / baseline output
  market_share,            // share of world output of the item
  market_share_shift,      // market_share - baseline market_share
  price_index,             // price of what the state's buyers order, order-weighted; baseline = 1
  blocked_trade,           // value of the state's orders denied by controls (imports)
  blocked_exports,         // value of orders to the state's firms denied by controls
  final_demand_shortfall,  // 1 - final demand delivered / delivered in baseline
  // against what the controls aim at (policy::ControlRoles)
  denial_effectiveness,     // 1 - controlled items received by aimed-at buyers / received in baseline
  substitution_share,       // share of those receipts from states that apply no control aimed at them
  target_indigenous_share,  // share of those receipts made in the buyer's own state
  wmd_leakage,              // value of WMD-relevant items received by WMD-risk end users
  collateral_denial,        // value of civilian, not-aimed-at orders denied or held for a licence
  compliance_cost,          // cost of the licence applications of the state's exporters
  licence_applications,     // how many its exporters filed
  delayed_trade,            // value of its exporters' orders held waiting for a licence decision
  controller_revenue_loss,  // controllers only: 1 - export revenue / baseline export revenue
  // the agents' answers (engine/responses.cpp)
  leakage,          // value of controlled items shipped to the state's buyers through fronts
  diverted_trade,   // value shipped through fronts on the state's territory
  entities_listed,  // fronts on the state's territory entity-listed after detection, this step
  switching_cost,   // what the state's buyers paid this step to switch to new suppliers
  capacity_built,   // capacity the state's makers have added since the start, answering denial
  tier_substitution,  // work of an item its buyers got from lower-tier substitutes, in units of the item
};
const char* to_string(Metric m);

inline constexpr std::uint32_t kWorld = 0xffffffff;  // the state column of world rows
inline constexpr std::uint32_t kDeveloping = 0xfffffffe;  // developing and least developed states together
inline constexpr std::uint32_t kAllItems = 0xffffffff;

struct MetricRow {
  int step;
  std::uint32_t state;  // or kWorld
  std::uint32_t item;   // or kAllItems
  Metric metric;
  double value;
};

class MetricRecorder {
 public:
  // `roles` may be null: a scenario without controls has no control metrics.
  MetricRecorder(const World& world, const policy::ControlRoles* roles);

  // Appends the rows of one step.
  void record(int step, const StepAggregates& scenario, const StepAggregates& baseline);

  const std::vector<MetricRow>& rows() const { return rows_; }
  // Gross output summed over the steps recorded, per state and (last) the world.
  const std::vector<double>& cumulative_output() const { return cumulative_output_; }
  const std::vector<double>& cumulative_baseline_output() const { return cumulative_baseline_; }
  const World& world() const { return world_; }

 private:
  void record_control_metrics(int step, const StepAggregates& scenario, const StepAggregates& baseline);
  void add(int step, std::uint32_t state, std::uint32_t item, Metric m, double v) {
    rows_.push_back(MetricRow{step, state, item, m, v});
  }
  const World& world_;
  const policy::ControlRoles* roles_;
  std::vector<MetricRow> rows_;
  std::vector<double> cumulative_output_, cumulative_baseline_;
};

}  // namespace regimesim::output
