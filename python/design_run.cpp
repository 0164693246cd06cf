#include "design_run.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <optional>
#include <sstream>
#include <thread>

#include <tbb/global_control.h>

#include "ensemble/design_memory.hpp"
#include "ensemble/replicates.hpp"
#include "load/sweep.hpp"
#include "model/scenario_error.hpp"
#include "output/bilateral_flows.hpp"
#include "output/ensemble_summary.hpp"
#include "output/step_statistics.hpp"
#include "output/run_order_statistics.hpp"
#include "output/summary.hpp"
#include "output/table_filters.hpp"
#include "output/tidy_table.hpp"

namespace regimesim::python {
namespace {

// The explicit design's points, each loaded as `--set` would load it on top of the
// shared overrides; or the scenario's own sweep product.
load::LoadedDesign load_points(const DesignRequest& r) {
  if (r.point_overrides.empty()) return load::load_design(r.scenario, r.overrides, r.sweeps);
  if (!r.sweeps.empty())
    throw ScenarioError(Origin{"design", 0, 0, {}}, "give a design or sweeps, not both (a design lists every point)");
  load::LoadedDesign out;
  out.design.keys = r.design_keys;
  out.design.cells = r.design_cells;
  out.design.json = r.design_json;
  for (std::size_t p = 0; p < r.point_overrides.size(); ++p) {
    auto overrides = r.overrides;
    overrides.insert(overrides.end(), r.point_overrides[p].begin(), r.point_overrides[p].end());
    auto one = load::load_design(r.scenario, overrides, {});
    if (one.points.size() != 1)
      throw ScenarioError(Origin{r.scenario, 0, 0, "sweep"},
                          "the scenario has a sweep: section; a design lists every point itself, so remove the "
                          "section or run the sweep without a design");
    out.points.push_back(std::move(one.points.front()));
  }
  return out;
}

// A directory of this call's own under the system's temporary directory, for the
// statistics' file of values; removed at the end only if empty (the statistics remove
// their file), so nothing that was not written here is ever deleted.
struct ScratchDirectory {
  std::filesystem::path path;
  ScratchDirectory() {
    static std::atomic<unsigned> calls{0};
    const auto base = std::filesystem::temp_directory_path();
    for (int attempt = 0;; ++attempt) {
      path = base / ("regimesim-python-" + std::to_string(::getpid()) + "-" + std::to_string(calls++));
      if (std::filesystem::create_directory(path)) return;  // false: it exists, not ours
      if (attempt > 1000) throw std::runtime_error("cannot make a directory of its own in " + base.string());
    }
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);  // only an empty directory goes
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
};

}  // namespace

DesignTables run_design(const DesignRequest& r, const std::atomic<bool>* stop) {
  load::LoadedDesign loaded = load_points(r);
  if (r.runs < 1) throw ScenarioError(Origin{"runs", 0, 0, {}}, "runs must be at least 1");
  const output::DesignColumns design{loaded.design.keys, loaded.design.json};
  const auto cells = loaded.design.cells;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const int threads = r.threads > 0 ? r.threads : static_cast<int>(cores);
  std::optional<tbb::global_control> allow_threads;  // as `regimesim run`: more threads than cores when asked
  if (threads > static_cast<int>(cores))
    allow_threads.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  std::vector<int> run_indices;
  for (int i = 0; i < r.runs; ++i) run_indices.push_back(i);
  const std::size_t points = loaded.points.size(), per_point = run_indices.size();
  // The same tables `regimesim run` writes for the same request (output/table_filters.hpp).
  const output::TableFilters filters =
      output::table_filters(r.rows, r.per_run, loaded.points.front(), per_point > 1 || !design.keys.empty());
  const output::RowFilter* per_run_filter = filters.timeseries.keeps_everything() ? nullptr : &filters.timeseries;
  // The frames hold every run's rows only when every row of each run was asked for.
  const bool every_row = filters.timeseries_written && filters.timeseries.keeps_everything();
  ensemble::check_design_fits(loaded.points, per_point, "runs",
                              every_row ? ensemble::RowsKept::every_run : ensemble::RowsKept::streamed, threads);
  // As `regimesim run`: from here the runs read the network, not the world's lists of links.
  const auto prepared = ensemble::prepare_all(std::move(loaded.points), threads, ensemble::WorldLinks::dropped);
  const bool flows = points == 1 && per_point == 1 && r.flows != "none";
  const output::FlowItems flow_items = r.flows == "all" ? output::FlowItems::all : output::FlowItems::controlled;

  // As the command line does, each finished run's rows are folded into the statistics
  // in run order and let go, so memory does not grow with the runs: the values go
  // through a file in a directory of our own, removed with it.
  const ScratchDirectory scratch;
  output::RunOrderStatistics statistics(scratch.path / ".run-values", points, per_point);
  std::vector<output::RunSummary> summaries(points * per_point);
  std::vector<std::string> blocks(points * per_point);
  auto done = ensemble::run_replicates(
      prepared, run_indices, threads, stop, nullptr,
      [&](std::size_t k, ensemble::Replicate& rep) {
        const Scenario& sc = prepared[rep.point]->scenario;
        summaries[k] = output::summarise(sc, rep.result.rows, rep.result.cumulative_output,
                                         rep.result.cumulative_baseline_output);
        summaries[k].seed = rep.seed;
        if (stop && *stop) return;
        if (filters.timeseries_written)
          blocks[k] = output::timeseries_block(sc, rep.run, rep.seed, cells[rep.point], rep.result.rows, per_run_filter);
        auto rows = std::move(rep.result.rows);
        rep.result.rows = {};
        if (!filters.statistics.keeps_everything())
          std::erase_if(rows, [&](const output::MetricRow& row) { return !filters.statistics.keeps(row); });
        statistics.add(k, std::move(rows));
      },
      {}, flows ? flow_items : output::FlowItems::none);
  DesignTables out;
  out.runs_total = done.size();
  for (const auto& d : done) out.runs_complete += d.result.interrupted ? 0 : 1;
  if (out.runs_complete < done.size() || (stop && *stop)) {
    out.interrupted = true;
    return out;
  }

  if (filters.timeseries_written) {
    std::string timeseries = output::timeseries_header(design.keys);
    for (auto& b : blocks) timeseries += b, b = {};
    out.timeseries = std::move(timeseries);
  }
  if (flows) {
    std::ostringstream csv;
    output::write_flows(csv, prepared.front()->scenario, done.front().result.flows, flow_items);
    out.flows = csv.str();
  }
  std::vector<std::vector<output::HeadlineStatistics>> headline_stats(points);
  std::ostringstream csv;
  csv << output::statistics_header(design.keys);
  for (std::size_t p = 0; p < points; ++p) {
    headline_stats[p] = output::headline_statistics(
        std::vector<output::RunSummary>(summaries.begin() + static_cast<long>(p * per_point),
                                        summaries.begin() + static_cast<long>((p + 1) * per_point)));
    statistics.describe_point(p, threads, [&](const std::vector<output::RowStatistics>& rows) {
      output::write_statistics_block(csv, prepared[p]->scenario, cells[p], rows, threads);
    });
    if (stop && *stop) {
      out = DesignTables{};
      out.interrupted = true;
      return out;
    }
  }
  out.statistics = csv.str();
  out.summary = output::ensemble_summary_json(summaries.front(), static_cast<int>(per_point), design, headline_stats);
  return out;
}

}  // namespace regimesim::python
