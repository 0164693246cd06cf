// What scenario discovery is asked (the metric, its threshold, PRIM's settings) and
// its answer over a sweep's result directory, shared by `regimesim discover` and by
// `regimesim report --metric ...`, which draws the same boxes in the page.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "discovery/prim.hpp"
#include "discovery/sweep_cases.hpp"

namespace regimesim::cli {

struct DiscoveryQuestion {
  analysis::discovery::OutcomeChoice choice;
  std::optional<double> above, below;
  analysis::discovery::PrimOptions prim;
  std::optional<std::size_t> step;
};

// --metric (required when `metric_required`), --above, --below, --group, --when,
// --statistic, --alpha, --min-support, --min-coverage, --step, --boxes.
void add_discovery_options(CLI::App* cmd, DiscoveryQuestion& q, bool metric_required);

struct DiscoveryAnswer {
  analysis::discovery::SweepCases cases;
  analysis::discovery::Discovery found;
  nlohmann::ordered_json json;  // discovery.json's layout (docs/DISCOVERY.md)
};

// Reads DIR's summary.json and runs PRIM. Throws std::invalid_argument on bad input
// (no threshold, no such metric, not a sweep), naming the file and what would be valid.
DiscoveryAnswer answer(const std::string& dir, DiscoveryQuestion q);

}  // namespace regimesim::cli
