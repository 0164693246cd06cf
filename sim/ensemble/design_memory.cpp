#include "ensemble/design_memory.hpp"

#include <fmt/format.h>

#include "load/world_size.hpp"
#include "model/scenario_error.hpp"
#include "output/metrics.hpp"

namespace regimesim::ensemble {

double rows_per_run_bound(const Scenario& sc) {
  return static_cast<double>(sc.steps) * static_cast<double>(sc.world.states.size() + 2) *
         static_cast<double>(sc.world.items.size() + 1) * 6;
}

double design_memory_bytes(const std::vector<Scenario>& points, std::size_t runs_per_point, RowsKept kept,
                           int threads) {
  const double row = sizeof(output::MetricRow);
  double bytes = 0, largest = 0;
  for (const auto& sc : points) {
    const double rows = rows_per_run_bound(sc);
    largest = std::max(largest, rows);
    if (kept == RowsKept::every_run) {
      bytes += rows * row * static_cast<double>(runs_per_point);
    } else {
      bytes += rows * 16;                 // the point's distinct rows (step, state, item, metric)
      if (points.size() > 1) bytes += rows * row;  // its run 0, for the sweep's no-effect warning
    }
  }
  if (kept == RowsKept::streamed)
    // Runs in flight and finished before an earlier one, each with its rows and their
    // formatted block of timeseries.csv; the index of the point being folded; one
    // slice of values read back (64 MiB).
    bytes += largest * (row + 64) * (2.0 * std::max(1, threads)) + largest * 64 + 64.0 * (1 << 20);
  return bytes;
}

void check_design_fits(const std::vector<Scenario>& points, std::size_t runs_per_point, const std::string& option,
                       RowsKept kept, int threads) {
  const double bytes = design_memory_bytes(points, runs_per_point, kept, threads);
  const double budget = load::memory_budget_bytes();
  if (bytes <= budget) return;
  throw ScenarioError(Origin{option, 0, 0, {}},
                      fmt::format("{} runs at each of {} design points keep about {:.1f} GiB of results in memory, "
                                  "more than the {:.1f} GiB here; use fewer {} or sweep values, or --run-index "
                                  "to run replicates one at a time",
                                  runs_per_point, points.size(), bytes / (1u << 30), budget / (1u << 30),
                                  kept == RowsKept::streamed ? "threads" : "runs"));
}

void check_values_fit_on_disk(const std::vector<Scenario>& points, std::size_t runs_per_point,
                              const std::filesystem::path& out, const std::string& option) {
  double bytes = 0;
  for (const auto& sc : points) bytes += rows_per_run_bound(sc) * 9 * static_cast<double>(runs_per_point);
  std::filesystem::path where = std::filesystem::absolute(out).parent_path();
  while (!where.empty() && !std::filesystem::exists(where) && where != where.root_path()) where = where.parent_path();
  std::error_code failed;
  const auto space = std::filesystem::space(where, failed);
  if (failed || bytes <= static_cast<double>(space.available)) return;
  throw ScenarioError(Origin{option, 0, 0, {}},
                      fmt::format("{} runs at each of {} design points need up to {:.1f} GiB on disk for their values "
                                  "while the statistics are computed, more than the {:.1f} GiB free in {}; use fewer "
                                  "runs or sweep values, or --run-index to run replicates one at a time",
                                  runs_per_point, points.size(), bytes / (1u << 30),
                                  static_cast<double>(space.available) / (1u << 30), where.string()));
}

}  // namespace regimesim::ensemble
