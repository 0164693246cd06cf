// Which rows a table keeps: `--detail`, `--metrics`, `--states`, `--items` of
// `regimesim run` and `compare`. A run records every row (the summary needs them);
// the filter decides only what is written, so a filtered file is an exact subset of
// the unfiltered one, row for row and byte for byte.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/scenario.hpp"
#include "output/metrics.hpp"

namespace regimesim::output {

// How fine the rows are, coarsest first; each level keeps the rows of the one before.
//   world: the world and the groups (WORLD, DEVELOPING, control:ID, firm:ID) over all
//          items, and a named firm's output of what it makes;
//   state: also each state's rows over all items, the world's per-item rows and the
//          named firms' rows per input;
//   item:  every row (each state and item) -- what a single run writes by default.
enum class Detail { world, state, item };
const char* to_string(Detail d);

struct RowFilter {
  Detail detail = Detail::item;
  std::vector<bool> metric;  // by Metric value; empty = every metric
  std::vector<bool> state;   // by StateId; empty = every state (groups are never dropped by --states)
  std::vector<bool> item;    // by ItemId; empty = every item (`all` rows are never dropped by --items)

  bool keeps(const MetricRow& r) const {
    if (!metric.empty() && !metric[static_cast<std::size_t>(r.metric)]) return false;
    const bool group = r.state >= kFirmGroup;  // WORLD, DEVELOPING, control:ID, firm:ID
    const bool firm = is_firm_group(r.state);
    if (!group && !state.empty() && !state[r.state]) return false;
    if (r.item != kAllItems && !item.empty() && !item[r.item]) return false;
    const bool firm_output = firm && (r.metric == Metric::gross_output || r.metric == Metric::output_loss);
    switch (detail) {
      case Detail::world: return group && (r.item == kAllItems || firm_output);
      case Detail::state: return r.item == kAllItems || firm || r.state == kWorld;
      case Detail::item: return true;
    }
    return true;
  }
  bool keeps_everything() const { return detail == Detail::item && metric.empty() && state.empty() && item.empty(); }
};

// What the command line asked for, before it is checked against the scenario.
struct RowChoice {
  std::string detail;                 // "", "world", "state", "item" or "all" (= item)
  std::vector<std::string> metrics;   // names, as in the `metric` column
  std::vector<std::string> states;    // state codes
  std::vector<std::string> items;     // item ids
};

// The filter for `scenario`; `fallback` is the detail when none was asked for (raised
// to `state` by --states and to `item` by --items, so that what is named is written).
// An unknown detail, metric, state or item is a ScenarioError naming the option and
// listing what is valid.
RowFilter row_filter(const RowChoice& choice, const Scenario& scenario, Detail fallback);

// "world|state|item|all", for --help.
std::string detail_names();
// Splits "a,b,c" (CLI11 also splits repeated options; both forms work).
std::vector<std::string> comma_list(const std::vector<std::string>& values);

}  // namespace regimesim::output
