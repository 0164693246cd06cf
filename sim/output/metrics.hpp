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
};
const char* to_string(Metric m);

inline constexpr std::uint32_t kWorld = 0xffffffff;  // the state column of world rows
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
  explicit MetricRecorder(const World& world);

  // Appends the rows of one step.
  void record(int step, const StepAggregates& scenario, const StepAggregates& baseline);

  const std::vector<MetricRow>& rows() const { return rows_; }
  // Gross output summed over the steps recorded, per state and (last) the world.
  const std::vector<double>& cumulative_output() const { return cumulative_output_; }
  const std::vector<double>& cumulative_baseline_output() const { return cumulative_baseline_; }
  const World& world() const { return world_; }

 private:
  void add(int step, std::uint32_t state, std::uint32_t item, Metric m, double v) {
    rows_.push_back(MetricRow{step, state, item, m, v});
  }
  const World& world_;
  std::vector<MetricRow> rows_;
  std::vector<double> cumulative_output_, cumulative_baseline_;
};

}  // namespace regimesim::output
