// The table `regimesim compare` prints: headline metrics side by side, one column per
// scenario, with plain-word row labels and units (output/metric_dictionary.hpp), sized
// to the terminal's reading.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace regimesim::cli {

// A row of the table: a metric of a group (WORLD, DEVELOPING, control:ID, firm:ID).
struct RowKey {
  std::string metric, group;
  auto operator<=>(const RowKey&) const = default;
};

struct ComparisonCell {
  double value = 0;     // the value of one run, or the mean over the runs
  double baseline = 0;  // the level it is read against (output::Headline::baseline)
  std::optional<std::pair<double, double>> interval;  // 95% interval of the mean, over two runs or more
};

// One scenario's headline values.
struct ComparisonColumn {
  std::string scenario;
  std::map<RowKey, ComparisonCell> cells;
};

// Rows in a fixed reading order (what the controls aim at, non-proliferation, who else
// pays), each scenario's value beside its baseline (and its interval, when there is
// one); a row no column has is left out, a metric read per control goes under its
// metric's row, and a metric the table does not know goes last.
std::string comparison_table(const std::vector<ComparisonColumn>& columns);

}  // namespace regimesim::cli
