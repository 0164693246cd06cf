// The headline of a run: per state and for the world, at the horizon and summed
// over the run. Written as summary.json and printed as a table for a person.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "model/scenario.hpp"
#include "output/metrics.hpp"

namespace regimesim::output {

struct StateSummary {
  std::string code;
  double output_loss_horizon = 0;     // at the last step
  double output_loss_cumulative = 0;  // 1 - sum of output / sum of baseline output
  double output_total = 0, baseline_output_total = 0;  // gross output summed over the run
  double blocked_imports = 0;         // summed over the run
  double blocked_exports = 0;
};

struct ItemSummary {
  std::string id;
  double world_output_loss_horizon = 0;
  double max_price_index_horizon = 1;  // highest price any state pays at the horizon
  std::string max_price_state;
};

// A named firm (Scenario::reported_firms) against its baseline: what it made, and per
// input what it received, what the controls blocked and what came from new suppliers.
struct FirmInputSummary {
  std::string item;
  double received_horizon = 0, baseline_received_horizon = 0;  // at the last step
  double received_total = 0, baseline_received_total = 0;      // summed over the run
  double blocked_total = 0;                                     // blocked_trade, summed
  double resourced_total = 0;                                   // resourced_receipts, summed
};
struct FirmSummary {
  std::string id, state, item;  // the firm, its state, what it makes
  double output_loss_horizon = 0, output_loss_cumulative = 0;
  double output_total = 0, baseline_output_total = 0;
  double blocked_total = 0;  // blocked_trade of all its inputs, summed over the run
  std::vector<FirmInputSummary> inputs;
};

// One headline number of a run against its baseline, for the world, in plain words.
struct Headline {
  Metric metric;
  std::string group;  // WORLD, DEVELOPING, or control:ID (a control read apart from its counter-control)
  std::string when;   // "at the horizon" or "summed over the run"
  double value = 0;
  double baseline = 0;  // the level to read it against (MetricRow::baseline), read the same way
};

// What a headline's baseline is, in words (summary.json's `baseline_means`).
std::string baseline_meaning(Metric m);

struct RunSummary {
  std::string scenario;
  std::uint64_t seed = 0;
  int steps = 0;
  StateSummary world;
  std::vector<StateSummary> states;
  std::vector<ItemSummary> items;
  std::vector<Headline> headlines;  // only the metrics this run has (control metrics need controls)
  std::vector<FirmSummary> firms;   // the named firms, in Scenario::reported_firms order; often none
};

// cumulative_*: gross output summed over the run per state, then the world.
RunSummary summarise(const Scenario& scenario, const std::vector<MetricRow>& rows,
                     const std::vector<double>& cumulative_output, const std::vector<double>& cumulative_baseline);

std::string summary_json(const RunSummary& s);
void print_summary(std::ostream& out, const Scenario& scenario, const RunSummary& s);

}  // namespace regimesim::output
