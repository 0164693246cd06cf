// manifest.json: what made a result. Version, commit, seed, the command line, the
// fully resolved scenario and the wall time. It is the one output file whose bytes
// differ between identical runs (wall time and date).
#pragma once

#include <string>
#include <vector>

#include "model/scenario.hpp"

namespace regimesim::output {

std::string manifest_json(const Scenario& scenario, const std::string& command_line, double wall_seconds);

// What the tables hold after --detail, --per-run, --metrics, --states and --items:
// `manifest` (JSON text) gains "output": {statistics, per_run, metrics, states, items}
// (an empty list: every one) and the file descriptions of metrics.csv and timeseries.csv.
struct OutputChoice {
  std::string statistics_detail;  // world, state or item; "" when the result has no statistics.csv
  std::string per_run_detail;     // what timeseries.csv holds per run: world, state, item or none
  std::vector<std::string> metrics, states, items;
};
std::string with_output_choice(const std::string& manifest, const OutputChoice& choice);

}  // namespace regimesim::output
