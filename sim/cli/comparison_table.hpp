// The table `regimesim compare` prints: headline metrics side by side, one column per
// scenario, with plain-word row labels and units, sized to the terminal's reading.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace regimesim::cli {

// One scenario's headline values, keyed by metric label ("denial_effectiveness",
// "collateral_denial (DEVELOPING)", "output_loss").
struct ComparisonColumn {
  std::string scenario;
  std::map<std::string, double> values;
  std::map<std::string, double> baselines;  // the level each value is read against (output::Headline::baseline)
};

// Rows in a fixed reading order (what the controls aim at, non-proliferation, who else
// pays), each scenario's value beside its baseline; a label no column has is left out,
// a metric read per control ("denial_effectiveness (control:ID)") goes under its
// metric's row, and a label the table does not know goes last.
std::string comparison_table(const std::vector<ComparisonColumn>& columns);

}  // namespace regimesim::cli
