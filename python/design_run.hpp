// A run asked for from Python: a scenario (with --set overrides), a design (the
// product of --sweep options, or an explicit list of points), so many runs of each
// point; the tables `regimesim run --out` would write, formatted in memory by the
// same library functions, so Python reads exactly the CLI's values.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "output/row_filter.hpp"

namespace regimesim::python {

struct DesignRequest {
  std::string scenario;                  // a scenario file
  std::vector<std::string> overrides;    // key.path=value, as --set (seed= and steps= too)
  std::vector<std::string> sweeps;       // key.path=values, as --sweep (their product is the design)
  // An explicit design instead: per point, its key.path=value overrides, and the
  // point's value of each design key as a CSV cell (YAML flow) and as JSON text.
  std::vector<std::vector<std::string>> point_overrides;
  std::vector<std::string> design_keys;
  std::vector<std::vector<std::string>> design_cells, design_json;
  int runs = 1;
  int threads = 0;                       // 0: every hardware thread
  std::string flows = "controlled";      // controlled, all, none (a single run only)
  // The rows each table keeps, as `regimesim run --detail/--metrics/--states/--items`
  // (statistics, and a single run's timeseries) and `--per-run` (an ensemble's timeseries).
  output::RowChoice rows;
  std::string per_run;
};

struct DesignTables {
  std::string timeseries, statistics, summary, flows;  // CSV, CSV, JSON, CSV ("" without flows)
  bool interrupted = false;
  std::size_t runs_complete = 0, runs_total = 0;
};

// Loads and validates every point first (throws ScenarioError), then runs them all;
// if `stop` becomes true the runs stop between steps and the result says interrupted
// (its tables are then empty: a run cut short yields nothing that looks complete).
DesignTables run_design(const DesignRequest& request, const std::atomic<bool>* stop);

}  // namespace regimesim::python
