// What an ensemble's rows cost before it runs, so that a design that cannot fit is
// refused up front, with the estimate, rather than failing with bad_alloc (or a full
// disk) after minutes of running. Shared by `regimesim run` and the Python module.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "model/scenario.hpp"

namespace regimesim::ensemble {

// Where the runs' rows wait for the statistics.
enum class RowsKept {
  every_run,  // in memory until the end (the Python module's frames hold them all)
  streamed,   // folded in run order into a file (output/run_order_statistics.hpp): memory
              // holds the runs in flight, run 0 of each point of a sweep, and one entry
              // per distinct row of each point, whatever the number of runs
};

// Rows per step are bounded by (states + 2) x (items + 1) x 6 metrics, the per-state,
// per-item and aggregate rows the recorder writes.
double rows_per_run_bound(const Scenario& sc);

// Bytes of memory the rows of `runs_per_point` runs at every point take, kept as `kept`
// with `threads` runs in flight.
double design_memory_bytes(const std::vector<Scenario>& points, std::size_t runs_per_point, RowsKept kept,
                           int threads = 1);

// Throws ScenarioError (at `option`, the setting that asked for the runs) when they
// would take more than load::memory_budget_bytes().
void check_design_fits(const std::vector<Scenario>& points, std::size_t runs_per_point,
                       const std::string& option = "--runs", RowsKept kept = RowsKept::every_run, int threads = 1);

// Throws ScenarioError at `option` when the streamed runs' values (8 bytes a row and
// run) would not fit in the free space of the file system that holds `out`.
void check_values_fit_on_disk(const std::vector<Scenario>& points, std::size_t runs_per_point,
                              const std::filesystem::path& out, const std::string& option = "--runs");

}  // namespace regimesim::ensemble
