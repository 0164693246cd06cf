// regimesim run SCENARIO [--out DIR] [--seed N] [--steps N] [--set key.path=value ...]
//   [--runs N | --run-index I] [--threads T] [--sweep key.path=values ...] [--quiet]
#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <optional>
#include <thread>

#include <tbb/global_control.h>
#include <tbb/info.h>

#include "cli/commands.hpp"
#include "cli/progress_line.hpp"
#include "cli/sweep_effect.hpp"
#include "output/bilateral_flows.hpp"
#include "ensemble/paired_checkpoint.hpp"
#include "ensemble/design_memory.hpp"
#include "ensemble/ranks.hpp"
#include "ensemble/replicates.hpp"
#include "load/sweep.hpp"
#include "load/world_size.hpp"
#include "model/scenario_error.hpp"
#include "output/ensemble_summary.hpp"
#include "output/manifest.hpp"
#include "output/metric_dictionary.hpp"
#include "output/row_filter.hpp"
#include "output/run_order_statistics.hpp"
#include "output/table_filters.hpp"
#include "output/ordered_blocks.hpp"
#include "output/result_directory.hpp"
#include "output/state_decisions.hpp"
#include "output/step_statistics.hpp"
#include "output/summary.hpp"
#include "output/tidy_table.hpp"

namespace regimesim::cli {
namespace {

struct RunOptions {
  std::string scenario;
  std::string out;
  bool force = false;
  std::optional<std::uint64_t> seed;
  std::optional<int> steps;
  std::vector<std::string> overrides;
  bool report = false;
  int runs = 1;
  std::optional<int> run_index;
  int threads = 0;  // 0: every hardware thread
  std::vector<std::string> sweeps;
  bool quiet = false;
  std::string vary;  // "world": each run draws its own world (world.generate.seed)
  std::string flows = "controlled";  // which items flows.csv holds (output::FlowItems)
  std::optional<int> checkpoint_at;  // save the run's state after this many steps, as DIR/checkpoint-STEP
  std::string from;                  // continue from this checkpoint
  // What the tables hold (output/row_filter.hpp): statistics.csv and a single run's
  // timeseries.csv follow rows.detail (default item: every row); an ensemble's
  // timeseries.csv follows per_run (default world).
  output::RowChoice rows;
  std::string per_run;
};

// --checkpoint-at and --from save and continue one run: refuse what would need
// one checkpoint per replicate, before anything runs.
void check_checkpoint_options(const RunOptions& o) {
  if (!o.checkpoint_at && o.from.empty()) return;
  const std::string what = o.checkpoint_at ? "--checkpoint-at" : "--from";
  auto refuse = [&](const std::string& message) { throw ScenarioError(Origin{what, 0, 0, {}}, message); };
  if (o.runs > 1 || o.run_index || !o.sweeps.empty() || !o.vary.empty())
    refuse("saves and continues one run; it does not take --runs, --run-index, --sweep or --vary");
  if (o.checkpoint_at && o.out.empty()) refuse("writes the checkpoint into the result: give --out DIR");
}


int run(const RunOptions& o) {
  const auto started = std::chrono::steady_clock::now();
  auto overrides = o.overrides;
  if (o.seed) overrides.push_back("seed=" + std::to_string(*o.seed));
  if (o.steps) overrides.push_back("steps=" + std::to_string(*o.steps));
  check_checkpoint_options(o);
  // A continued run keeps the checkpoint's seed: its draws go on as they were.
  std::optional<ensemble::OpenCheckpoint> from;
  if (!o.from.empty()) {
    from.emplace(o.from);
    if (o.seed && *o.seed != from->header().seed)
      throw ScenarioError(Origin{"--seed", 0, 0, {}},
                          fmt::format("the run continues from {} with its seed {}; --seed {} would join two runs' "
                                      "draws (leave --seed out)",
                                      o.from, from->header().seed, *o.seed));
    overrides.push_back("seed=" + std::to_string(from->header().seed));
  }
  // Every point of the design is loaded and validated before anything runs or is written.
  load::LoadedDesign loaded = load::load_design(o.scenario, overrides, o.sweeps);
  const int threads = o.threads > 0 ? o.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const std::size_t runs_asked = o.run_index ? 1 : static_cast<std::size_t>(o.runs);
  ensemble::check_design_fits(loaded.points, runs_asked, "--runs", ensemble::RowsKept::streamed, threads);
  // Only rank 0 of an MPI job writes (ensemble/ranks.hpp), so only its disk is asked.
  if (!o.out.empty() && ensemble::writes_result()) ensemble::check_values_fit_on_disk(loaded.points, runs_asked, o.out);
  const output::TableFilters filters = output::table_filters(
      o.rows, o.per_run, loaded.points.front(), o.runs > 1 || !loaded.design.keys.empty() || o.run_index);
  const output::RowFilter* per_run_filter = filters.timeseries.keeps_everything() ? nullptr : &filters.timeseries;
  const output::DesignColumns design{loaded.design.keys, loaded.design.json};
  const std::vector<std::vector<std::string>> cells = loaded.design.cells;
  g_stop_polled = true;  // from here a Ctrl-C stops the work and removes what it began
  std::unique_ptr<output::ResultDirectory> dir;
  // Over MPI ranks only rank 0 writes; the others run their share and hand it over.
  const bool writes = ensemble::writes_result();
  if (!o.out.empty() && writes) dir = std::make_unique<output::ResultDirectory>(o.out, o.force);
  // More threads than cores were asked for: allow them, rather than let TBB cap the
  // arenas and print a warning (even under --quiet). Results do not depend on it.
  // TBB counts the cores this process may use: fewer than the machine's under mpirun,
  // which binds each rank to its own.
  std::optional<tbb::global_control> allow_threads;
  if (threads > tbb::info::default_concurrency())
    allow_threads.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  std::vector<int> run_indices;
  if (o.run_index) {
    run_indices.push_back(*o.run_index);
  } else {
    for (int i = 0; i < o.runs; ++i) run_indices.push_back(i);
  }
  const std::size_t points = loaded.points.size(), per_point = run_indices.size();
  // From here the runs read the network, not the world's lists of links.
  const auto prepared = ensemble::prepare_all(std::move(loaded.points), threads, ensemble::WorldLinks::dropped);
  const Scenario& first = prepared.front()->scenario;
  ensemble::Checkpointing checkpointing;
  if (from) {
    from->check_fits(*prepared.front());
    checkpointing.resume = &*from;
  }
  if (o.checkpoint_at && dir) {
    const int resumed_at = from ? from->header().step : 0;
    if (*o.checkpoint_at <= resumed_at || *o.checkpoint_at >= first.steps)
      throw ScenarioError(Origin{"--checkpoint-at", 0, 0, {}},
                          fmt::format("is {}; the run goes from step {} to {}, so give a step from {} to {}",
                                      *o.checkpoint_at, resumed_at, first.steps, resumed_at + 1, first.steps - 1));
    checkpointing.save_at = *o.checkpoint_at;
    checkpointing.save_path = dir->file("checkpoint-" + std::to_string(*o.checkpoint_at)).string();
  }
  ensemble::WorldForRun world_for;
  if (o.vary == "world") {
    if (first.world.production.empty())
      throw ScenarioError(Origin{o.scenario, 0, 0, "world.generate"},
                          "--vary world needs a generated world (world.generate); this one lists its firms, so it has "
                          "no draw to vary");
    // Each run's world is the design loaded again with its own world seed: the same
    // points, overrides and sweeps, so only the draw of firms and links differs.
    world_for = [&o, overrides](std::size_t point, std::uint64_t seed) {
      auto with_seed = overrides;
      with_seed.push_back("world.generate.seed=" + std::to_string(seed));
      auto points = load::load_design(o.scenario, with_seed, o.sweeps).points;
      return ensemble::prepare(std::move(points.at(point)), ensemble::WorldLinks::dropped);
    };
  }

  std::vector<output::RunSummary> summaries(points * per_point);
  // Each worker formats its run's block of timeseries.csv; blocks are written in
  // (point, run) order as they become writable.
  std::ofstream timeseries;
  std::unique_ptr<output::OrderedBlocks> blocks;
  if (dir && filters.timeseries_written) {
    timeseries.open(dir->file("timeseries.csv"), std::ios::binary);
    timeseries << output::timeseries_header(design.keys);
    blocks = std::make_unique<output::OrderedBlocks>(timeseries);
  }
  // A single run also writes its bilateral flows (an ensemble's would be one table per run).
  const bool single_run = points == 1 && per_point == 1 && !o.run_index;
  const bool flows = dir && single_run && o.flows != "none";
  const output::FlowItems flow_items = o.flows == "all" ? output::FlowItems::all : output::FlowItems::controlled;
  // statistics.csv is folded in run order from a file of the runs' values in the
  // staging directory (removed before the commit), not from rows kept in memory.
  std::unique_ptr<output::RunOrderStatistics> statistics;
  if (dir) statistics = std::make_unique<output::RunOrderStatistics>(dir->file(".run-values"), points, per_point);
  std::vector<std::vector<output::MetricRow>> first_rows(points);  // run 0 of each point, for a sweep's warning
  ensemble::Progress progress;
  std::vector<ensemble::Replicate> done;
  {
    ProgressLine line(progress, static_cast<int>(points * per_point), first.steps, o.quiet || !writes);
    done = ensemble::run_replicates(
        prepared, run_indices, threads, &g_stop_requested, &progress,
        [&](std::size_t k, ensemble::Replicate& r) {
          const Scenario& sc = prepared[r.point]->scenario;
          summaries[k] = output::summarise(sc, r.result.rows, r.result.cumulative_output,
                                           r.result.cumulative_baseline_output);
          summaries[k].seed = r.seed;
          if (k % per_point == 0 && !design.keys.empty()) first_rows[r.point] = r.result.rows;
          if (g_stop_requested) return;  // the result will not be written
          if (blocks)
            blocks->put_written(k, [&](std::ostream& out) {
              output::write_timeseries_block(out, sc, r.run, r.seed, cells[r.point], r.result.rows, per_run_filter);
            });
          // The run's rows are folded into the statistics and let go: memory stays flat in the runs.
          auto rows = std::move(r.result.rows);
          r.result.rows = {};
          if (!statistics) return;
          if (!filters.statistics.keeps_everything())
            std::erase_if(rows, [&](const output::MetricRow& row) { return !filters.statistics.keeps(row); });
          statistics->add(k, std::move(rows));
        },
        world_for, flows ? flow_items : output::FlowItems::none, &checkpointing);
  }
  if (!writes) return kExitOk;  // this rank's runs went to rank 0
  std::size_t complete = 0;
  for (const auto& r : done) complete += r.result.interrupted ? 0 : 1;
  // `dir`, never committed, is removed with everything in it.
  auto interrupted = [&] {
    // Removed first, before the run's memory is let go: under mpirun a Ctrl-C is a SIGTERM
    // followed a second later by SIGKILL, and freeing a long run's statistics can take longer.
    dir.reset();
    std::cerr << "interrupted after " << complete << " of " << done.size() << " runs; no result was written\n";
    return kExitInterrupted;
  };
  if (complete < done.size() || g_stop_requested) return interrupted();
  {  // A swept key that changed nothing: say so (the rows of run 0 at each point are compared).
    std::vector<const std::vector<output::MetricRow>*> first_runs;
    for (std::size_t p = 0; p < points; ++p) first_runs.push_back(&first_rows[p]);
    for (const auto& key : keys_without_effect(design.keys, cells, first_runs))
      std::cerr << "warning: --sweep " << key << ": every value gave the same results; nothing in this scenario reads "
                << key << ", or its values make no difference here\n";
    first_rows = {};
  }

  std::vector<std::vector<output::HeadlineStatistics>> headline_stats(points);
  for (std::size_t p = 0; p < points; ++p)
    headline_stats[p] = output::headline_statistics(
        std::vector<output::RunSummary>(summaries.begin() + static_cast<long>(p * per_point),
                                        summaries.begin() + static_cast<long>((p + 1) * per_point)));
  const bool ensemble_shape = per_point > 1 || !design.keys.empty() || o.run_index;
  // What states decided in the first run (the only one, unless an ensemble).
  const auto& decisions = done.front().result.decisions;
  const bool decided_in_run = prepared.front()->plan.decided_in_run();
  if (!dir) {
    output::print_summary(std::cout, first, summaries.front());
    output::print_state_decisions(std::cout, first, decisions);
    if (ensemble_shape) output::print_headline_statistics(std::cout, static_cast<int>(per_point), design, headline_stats);
    return kExitOk;
  }
  if (blocks) {
    timeseries.close();
    if (!timeseries || blocks->written() != done.size()) throw std::runtime_error("cannot write timeseries.csv");
  }
  if (flows) {
    std::ofstream csv(dir->file("flows.csv"), std::ios::binary);
    output::write_flows(csv, first, done.front().result.flows, flow_items);
    if (!csv) throw std::runtime_error("cannot write flows.csv");
    done.front().result.flows = {};
  }
  {
    std::ofstream csv(dir->file("statistics.csv"), std::ios::binary);
    csv << output::statistics_header(design.keys);
    for (std::size_t p = 0; p < points; ++p) {
      statistics->describe_point(p, threads, [&](const std::vector<output::RowStatistics>& rows) {
        output::write_statistics_block(csv, prepared[p]->scenario, cells[p], rows, threads);
      });
      if (g_stop_requested) return interrupted();
    }
    statistics.reset();  // its file of values goes before the commit
    if (!csv) throw std::runtime_error("cannot write statistics.csv");
  }
  dir->write("summary.json", output::ensemble_summary_json(summaries.front(), static_cast<int>(per_point), design,
                                                           headline_stats));
  output::EnsembleProvenance provenance;
  provenance.runs = static_cast<int>(per_point);
  provenance.run_indices = run_indices;
  provenance.threads = threads;
  for (std::size_t p = 0; p < points; ++p) {
    provenance.base_seeds.push_back(prepared[p]->scenario.seed);
    provenance.run_seeds.emplace_back();
    for (std::size_t k = 0; k < per_point; ++k) provenance.run_seeds.back().push_back(done[p * per_point + k].seed);
    if (world_for) {
      provenance.world_seeds.emplace_back();
      for (std::size_t k = 0; k < per_point; ++k)
        provenance.world_seeds.back().push_back(done[p * per_point + k].world_seed);
    }
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  dir->write("metrics.csv", output::metrics_csv());
  if (decided_in_run) dir->write("events.csv", output::state_decisions_csv(first, decisions));
  dir->write("manifest.json", output::with_output_choice(output::ensemble_manifest_json(
                                                             output::manifest_json(first, g_command_line, wall), provenance, design),
                                                         filters.choice));
  if (g_stop_requested) return interrupted();  // a Ctrl-C while the files were written
  dir->commit();
  output::print_summary(std::cout, first, summaries.front());
  output::print_state_decisions(std::cout, first, decisions);
  if (ensemble_shape) output::print_headline_statistics(std::cout, static_cast<int>(per_point), design, headline_stats);
  std::cout << "\nWrote " << o.out << "/{" << (filters.timeseries_written ? "timeseries.csv, " : "")
            << (flows ? "flows.csv, " : "") << (decided_in_run ? "events.csv, " : "")
            << "statistics.csv, summary.json, metrics.csv, manifest.json}\n";
  if (o.checkpoint_at)
    std::cout << "and the run's state after step " << *o.checkpoint_at << " in " << o.out << "/checkpoint-"
              << *o.checkpoint_at << " (continue with: regimesim run SCENARIO --from " << o.out << "/checkpoint-"
              << *o.checkpoint_at << ")\n";
  if (o.report) return write_report(o.out);
  return kExitOk;
}

}  // namespace

void add_run_command(CLI::App& app, Action& action) {
  auto opts = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Run a scenario beside its baseline and report the difference");
  cmd->add_option("scenario", opts->scenario, "Scenario YAML file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--out", opts->out,
                  "Write timeseries.csv, flows.csv (a single run), statistics.csv, summary.json and manifest.json into DIR");
  cmd->add_flag("--force", opts->force, "Replace DIR if it exists");
  cmd->add_option("--seed", opts->seed, "Override the scenario's seed (the base seed of an ensemble): 0 to 18446744073709551615")
      ->transform(whole_seed());
  cmd->add_option("--steps", opts->steps, "Override the number of monthly steps")->check(CLI::Range(1, 100000));
  cmd->add_option("--set", opts->overrides, "Override any value: key.path=value (repeatable)");
  cmd->add_flag("--report", opts->report, "Also write DIR/report.html (needs --out)")->needs("--out");
  auto* runs = cmd->add_option("--runs", opts->runs, "Replicates per design point, run i with seed derived from (seed, i)")
                   ->check(CLI::Range(1, 1000000));
  cmd->add_option("--run-index", opts->run_index, "Run replicate I alone (same seed and rows as within an ensemble)")
      ->check(CLI::Range(0, 1000000))
      ->excludes(runs);
  cmd->add_option("--threads", opts->threads, "Worker threads (default: every hardware thread); results do not depend on it")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--sweep", opts->sweeps,
                  "Vary a value: key.path=a,b,c or key.path=start:stop:step (repeatable; the design is the product)");
  cmd->add_option("--vary", opts->vary,
                  "world: each run also draws its own world (world.generate.seed derived from the world's seed and the "
                  "run), so the spread includes the world's draw")
      ->check(CLI::IsMember({"world"}));
  cmd->add_option("--flows", opts->flows,
                  "Items in flows.csv (a single run): controlled = those some control names (default), all, none")
      ->check(CLI::IsMember({"controlled", "all", "none"}));
  cmd->add_option("--checkpoint-at", opts->checkpoint_at,
                  "Also save the run's whole state after STEP steps, as DIR/checkpoint-STEP (one run; needs --out)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--from", opts->from,
                  "Continue the run saved in this checkpoint, under this scenario's controls and parameters from its "
                  "step on (same world; the checkpoint's seed)");
  cmd->add_flag("--quiet", opts->quiet, "No progress on stderr");
  add_row_options(cmd, opts->rows);
  cmd->add_option("--per-run", opts->per_run,
                  "Rows of each run in an ensemble's timeseries.csv: world (default), state, item (= all: every row), "
                  "none (no timeseries.csv); statistics.csv follows --detail")
      ->check(CLI::IsMember({"world", "state", "item", "all", "none"}));
  cmd->callback([opts, &action] { action = [opts] { return run(*opts); }; });
}

}  // namespace regimesim::cli
