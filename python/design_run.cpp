#include "design_run.hpp"

#include <algorithm>
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
#include "output/summary.hpp"
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

}  // namespace

DesignTables run_design(const DesignRequest& r, const std::atomic<bool>* stop) {
  load::LoadedDesign loaded = load_points(r);
  if (r.runs < 1) throw ScenarioError(Origin{"runs", 0, 0, {}}, "runs must be at least 1");
  ensemble::check_design_fits(loaded.points, static_cast<std::size_t>(r.runs), "runs");
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
  const auto prepared = ensemble::prepare_all(std::move(loaded.points), threads);
  const bool flows = points == 1 && per_point == 1 && r.flows != "none";

  std::vector<output::RunSummary> summaries(points * per_point);
  std::vector<std::string> blocks(points * per_point);
  auto done = ensemble::run_replicates(
      prepared, run_indices, threads, stop, nullptr,
      [&](std::size_t k, const ensemble::Replicate& rep) {
        const Scenario& sc = prepared[rep.point]->scenario;
        summaries[k] = output::summarise(sc, rep.result.rows, rep.result.cumulative_output,
                                         rep.result.cumulative_baseline_output);
        summaries[k].seed = rep.seed;
        if (stop && *stop) return;
        blocks[k] = output::timeseries_block(sc, rep.run, rep.seed, cells[rep.point], rep.result.rows);
      },
      {}, flows);
  DesignTables out;
  out.runs_total = done.size();
  for (const auto& d : done) out.runs_complete += d.result.interrupted ? 0 : 1;
  if (out.runs_complete < done.size() || (stop && *stop)) {
    out.interrupted = true;
    return out;
  }

  std::string timeseries = output::timeseries_header(design.keys);
  for (auto& b : blocks) timeseries += b, b = {};
  out.timeseries = std::move(timeseries);
  if (flows) {
    std::ostringstream csv;
    output::write_flows(csv, prepared.front()->scenario, done.front().result.flows,
                        r.flows == "all" ? output::FlowItems::all : output::FlowItems::controlled);
    out.flows = csv.str();
  }
  std::vector<std::vector<output::HeadlineStatistics>> headline_stats(points);
  std::ostringstream statistics;
  statistics << output::statistics_header(design.keys);
  for (std::size_t p = 0; p < points; ++p) {
    headline_stats[p] = output::headline_statistics(
        std::vector<output::RunSummary>(summaries.begin() + static_cast<long>(p * per_point),
                                        summaries.begin() + static_cast<long>((p + 1) * per_point)));
    std::vector<const std::vector<output::MetricRow>*> runs;
    for (std::size_t k = 0; k < per_point; ++k) runs.push_back(&done[p * per_point + k].result.rows);
    output::write_statistics_block(statistics, prepared[p]->scenario, cells[p], output::step_statistics(runs, threads),
                                   threads);
    for (std::size_t k = 0; k < per_point; ++k) done[p * per_point + k].result.rows = {};  // free as we go
    if (stop && *stop) {
      out = DesignTables{};
      out.interrupted = true;
      return out;
    }
  }
  out.statistics = statistics.str();
  out.summary = output::ensemble_summary_json(summaries.front(), static_cast<int>(per_point), design, headline_stats);
  return out;
}

}  // namespace regimesim::python
