// What an ensemble's rows cost before it runs: every run's rows stay in memory until
// the statistics are computed, so a design whose rows cannot fit is refused up front,
// with the estimate, rather than failing with bad_alloc after minutes of running.
// Shared by `regimesim run` and the Python module.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model/scenario.hpp"

namespace regimesim::ensemble {

// Throws ScenarioError (at `option`, the setting that asked for the runs) when
// `runs_per_point` runs of every point would hold more rows than memory_budget_bytes().
// Rows per step are bounded by (states + 2) x (items + 1) x 6 metrics, the per-state,
// per-item and aggregate rows the recorder writes.
void check_design_fits(const std::vector<Scenario>& points, std::size_t runs_per_point,
                       const std::string& option = "--runs");

}  // namespace regimesim::ensemble
