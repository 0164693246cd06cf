// regimesim compare A.yaml B.yaml ... [--runs N] [--out DIR]: each scenario beside its
// own baseline, run --runs times, then the headline metrics side by side, one column
// per scenario, with their 95% intervals. The question it answers: the same control,
// issued differently, ends how, and how sure is that?
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "cli/commands.hpp"
#include "cli/comparison_table.hpp"
#include "cli/progress_line.hpp"
#include "ensemble/replicates.hpp"
#include "load/scenario_loader.hpp"
#include "output/ensemble_summary.hpp"
#include "output/manifest.hpp"
#include "output/metric_dictionary.hpp"
#include "output/result_directory.hpp"
#include "output/step_statistics.hpp"
#include "output/summary.hpp"
#include "output/tidy_table.hpp"

namespace regimesim::cli {
namespace {

struct CompareOptions {
  std::vector<std::string> scenarios;
  std::string out;
  bool force = false;
  std::vector<std::string> overrides;
  int runs = 1;
  std::optional<std::uint64_t> seed;
  std::optional<int> steps;
  int threads = 0;
  bool quiet = false;
  bool report = false;
  output::RowChoice rows;  // statistics.csv's rows; by default the world's (--detail world)
};

// A scenario's headline numbers in one run, by (metric, group): the headlines of
// summary.json, the world's output loss over the run, and the named firms' rows.
struct RunNumbers {
  std::vector<std::pair<RowKey, std::string>> order;  // and when each is read
  std::map<RowKey, std::pair<double, double>> values;  // value, baseline
};
RunNumbers run_numbers(const output::RunSummary& s) {
  RunNumbers n;
  auto put = [&](RowKey key, const std::string& when, double v, double b) {
    if (!n.values.count(key)) n.order.emplace_back(key, when);
    n.values[key] = {v, b};
  };
  for (const auto& h : s.headlines) put({to_string(h.metric), h.group}, h.when, h.value, h.baseline);
  put({"output_loss", "WORLD"}, "summed over the run", s.world.output_loss_cumulative, s.world.baseline_output_total);
  for (const auto& f : s.firms) {
    put({"output_loss", "firm:" + f.id}, "summed over the run", f.output_loss_cumulative, f.baseline_output_total);
    put({"blocked_trade", "firm:" + f.id}, "summed over the run", f.blocked_total, 0);
  }
  return n;
}

// Per row, the statistics over the runs that have it, in run order (a row a run
// lacks is left out, or counted as zero for the flows and counts recorded only when
// they happen, as in statistics.csv).
struct RowOverRuns {
  RowKey key;
  std::string when;
  analysis::SampleStatistics value, baseline;
};
std::vector<RowOverRuns> over_runs(const std::vector<RunNumbers>& runs) {
  std::vector<RowOverRuns> out;
  std::vector<std::pair<RowKey, std::string>> order;
  for (const auto& r : runs)
    for (const auto& kw : r.order)
      if (std::find_if(order.begin(), order.end(), [&](const auto& o) { return o.first == kw.first; }) == order.end())
        order.push_back(kw);
  for (const auto& [key, when] : order) {
    const auto& dictionary = output::metric_dictionary();  // in the order of output::Metric
    const output::MetricEntry* e = output::find_metric(key.metric);
    const bool zero = e && output::absent_means_zero(static_cast<output::Metric>(e - dictionary.data()));
    std::vector<double> v, b;
    for (const auto& r : runs) {
      auto it = r.values.find(key);
      if (it != r.values.end()) v.push_back(it->second.first), b.push_back(it->second.second);
      else if (zero) v.push_back(0), b.push_back(0);
    }
    out.push_back({key, when, analysis::describe(v), analysis::describe(b)});
  }
  return out;
}

int compare(const CompareOptions& o) {
  const auto started = std::chrono::steady_clock::now();
  auto overrides = o.overrides;
  if (o.seed) overrides.push_back("seed=" + std::to_string(*o.seed));
  if (o.steps) overrides.push_back("steps=" + std::to_string(*o.steps));
  // Load every file first, so a bad one fails before any run starts; a world the
  // scenarios share is read (and generated) once.
  load::WorldCache worlds;
  std::vector<Scenario> loaded;
  for (const auto& file : o.scenarios) loaded.push_back(load::load_scenario(file, overrides, worlds));
  output::RowChoice rows = o.rows;
  rows.metrics = output::comma_list(rows.metrics);
  rows.states = output::comma_list(rows.states);
  rows.items = output::comma_list(rows.items);
  std::vector<output::RowFilter> filters;
  for (const auto& sc : loaded) filters.push_back(output::row_filter(rows, sc, output::Detail::world));
  g_stop_polled = true;  // from here a Ctrl-C stops the work and removes what it began
  std::unique_ptr<output::ResultDirectory> dir;
  if (!o.out.empty()) dir = std::make_unique<output::ResultDirectory>(o.out, o.force);
  const int threads = o.threads > 0 ? o.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const std::size_t points = loaded.size(), per_point = static_cast<std::size_t>(o.runs);
  int steps = 0;
  for (const auto& sc : loaded) steps = std::max(steps, sc.steps);
  // The scenarios run in parallel, as the points of a design: every (scenario, run) pair.
  // The runs read the networks, not the worlds' lists of links.
  const auto prepared = ensemble::prepare_all(std::move(loaded), threads, ensemble::WorldLinks::dropped);
  std::vector<int> run_indices;
  for (int i = 0; i < o.runs; ++i) run_indices.push_back(i);
  std::vector<output::RunSummary> summaries(points * per_point);
  ensemble::Progress progress;
  std::vector<ensemble::Replicate> done;
  {
    ProgressLine line(progress, static_cast<int>(points * per_point), steps, o.quiet);
    done = ensemble::run_replicates(prepared, run_indices, threads, &g_stop_requested, &progress,
                                    [&](std::size_t k, const ensemble::Replicate& r) {
                                      const Scenario& sc = prepared[r.point]->scenario;
                                      summaries[k] = output::summarise(sc, r.result.rows, r.result.cumulative_output,
                                                                       r.result.cumulative_baseline_output);
                                      summaries[k].seed = r.seed;
                                    });
  }
  for (const auto& r : done)
    if (r.result.interrupted || g_stop_requested) {
      std::cerr << "interrupted; no comparison was written\n";
      return kExitInterrupted;
    }

  std::vector<ComparisonColumn> columns;
  std::vector<std::vector<RowOverRuns>> per_scenario;
  for (std::size_t p = 0; p < points; ++p) {
    std::vector<RunNumbers> runs;
    for (std::size_t k = 0; k < per_point; ++k) runs.push_back(run_numbers(summaries[p * per_point + k]));
    per_scenario.push_back(over_runs(runs));
    ComparisonColumn c{prepared[p]->scenario.name, {}};
    for (const auto& r : per_scenario.back()) {
      ComparisonCell cell{r.value.mean, r.baseline.mean, {}};
      // An interval of zero width (every run gave the same) is left out of the table, not of the files.
      if (per_point > 1 && r.value.ci95_low != r.value.ci95_high)
        cell.interval = std::make_pair(r.value.ci95_low, r.value.ci95_high);
      c.cells[r.key] = cell;
    }
    columns.push_back(std::move(c));
  }
  std::cout << comparison_table(columns);
  if (!dir) return kExitOk;

  // comparison.csv: per scenario and row, the value (the mean over the runs) and its
  // statistics; a group is a column, never part of a name.
  std::string csv = "scenario,metric,group,when,runs,value,baseline,sd,q05,q50,q95,ci95_low,ci95_high\n";
  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  for (std::size_t p = 0; p < points; ++p) {
    const std::string& name = prepared[p]->scenario.name;
    nlohmann::ordered_json metrics = nlohmann::ordered_json::array();
    for (const auto& r : per_scenario[p]) {
      const auto& s = r.value;
      csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", output::csv_field(name), r.key.metric,
                         output::csv_field(r.key.group), output::csv_field(r.when), s.n, s.mean, r.baseline.mean, s.sd,
                         s.q05, s.q50, s.q95, s.ci95_low, s.ci95_high);
      metrics.push_back({{"metric", r.key.metric}, {"group", r.key.group}, {"when", r.when}, {"runs", s.n},
                         {"value", s.mean}, {"baseline", r.baseline.mean}, {"sd", s.sd}, {"q05", s.q05},
                         {"q50", s.q50}, {"q95", s.q95}, {"ci95_low", s.ci95_low}, {"ci95_high", s.ci95_high}});
    }
    std::vector<std::string> seeds;
    for (std::size_t k = 0; k < per_point; ++k) seeds.push_back(output::seed_text(done[p * per_point + k].seed));
    j.push_back({{"scenario", name}, {"scenario_file", prepared[p]->scenario.source_file}, {"runs", per_point},
                 {"run_seeds", seeds}, {"metrics", std::move(metrics)}});
  }
  dir->write("comparison.csv", csv);
  dir->write("comparison.json", j.dump(2) + "\n");
  // statistics.csv: every scenario's time series over the runs (mean, quantiles,
  // interval), one block per scenario, so that a chart can draw them together.
  {
    std::ofstream stats(dir->file("statistics.csv"), std::ios::binary);
    stats << output::statistics_header({});
    for (std::size_t p = 0; p < points; ++p) {
      std::vector<const std::vector<output::MetricRow>*> runs;
      for (std::size_t k = 0; k < per_point; ++k) {
        auto& r = done[p * per_point + k].result.rows;
        std::erase_if(r, [&](const output::MetricRow& row) { return !filters[p].keeps(row); });
        runs.push_back(&r);
      }
      output::write_statistics_block(stats, prepared[p]->scenario, {}, output::step_statistics(runs, threads), threads);
      for (std::size_t k = 0; k < per_point; ++k) done[p * per_point + k].result.rows = {};
    }
    if (!stats) throw std::runtime_error("cannot write statistics.csv");
  }
  dir->write("metrics.csv", output::metrics_csv());
  {
    nlohmann::ordered_json m = nlohmann::ordered_json::parse(
        output::manifest_json(prepared.front()->scenario, g_command_line,
                              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()));
    m.erase("resolved_scenario");  // one per scenario, below
    m["runs"] = per_point;
    m["threads"] = threads;
    m["worlds_read"] = worlds.built;
    m["seed_rule"] = "run 0 takes the scenario's seed; run i > 0 takes splitmix64(splitmix64(seed) + i)";
    m["files"] = {{"comparison.csv", "per scenario and headline row: runs, value (the mean over the runs), baseline, sd, "
                                     "q05, q50, q95, ci95_low, ci95_high"},
                  {"comparison.json", "the same numbers, a list per scenario, with each run's seed"},
                  {"statistics.csv", "per scenario, step, state, item and metric over the runs"},
                  {"metrics.csv", "the data dictionary of the metrics"}};
    auto& sc = m["scenarios"] = nlohmann::ordered_json::array();
    for (const auto& p : prepared)
      sc.push_back({{"scenario", p->scenario.name}, {"scenario_file", p->scenario.source_file},
                    {"resolved_scenario", nlohmann::ordered_json::parse(p->scenario.resolved_json)}});
    output::OutputChoice choice{to_string(filters.front().detail), "none", rows.metrics, rows.states, rows.items};
    dir->write("manifest.json", output::with_output_choice(m.dump(2) + "\n", choice));
  }
  if (g_stop_requested) {
    std::cerr << "interrupted; no comparison was written\n";
    return kExitInterrupted;
  }
  dir->commit();
  std::cout << "Wrote " << o.out << "/{comparison.csv, comparison.json, statistics.csv, metrics.csv, manifest.json}\n";
  if (o.report) return write_report(o.out);
  return kExitOk;
}

}  // namespace

void add_compare_command(CLI::App& app, Action& action) {
  auto opts = std::make_shared<CompareOptions>();
  CLI::App* cmd = app.add_subcommand("compare", "Run scenarios beside their baselines and compare headline metrics");
  cmd->add_option("scenarios", opts->scenarios, "Scenario YAML files")->required()->check(CLI::ExistingFile);
  cmd->add_option("--out", opts->out,
                  "Write comparison.csv, comparison.json, statistics.csv, metrics.csv and manifest.json into DIR");
  cmd->add_flag("--force", opts->force, "Replace DIR if it exists");
  cmd->add_option("--set", opts->overrides, "Override a value in every scenario: key.path=value (repeatable)");
  cmd->add_option("--runs", opts->runs, "Runs of each scenario, run i with seed derived from (seed, i)")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--seed", opts->seed, "Override every scenario's seed: 0 to 18446744073709551615")->transform(whole_seed());
  cmd->add_option("--steps", opts->steps, "Override the number of monthly steps")->check(CLI::Range(1, 100000));
  cmd->add_option("--threads", opts->threads, "Worker threads (default: every hardware thread); results do not depend on it")
      ->check(CLI::Range(1, 1024));
  cmd->add_flag("--quiet", opts->quiet, "No progress on stderr");
  cmd->add_flag("--report", opts->report, "Also write DIR/report.html (needs --out)")->needs("--out");
  add_row_options(cmd, opts->rows);
  cmd->callback([opts, &action] { action = [opts] { return compare(*opts); }; });
}

}  // namespace regimesim::cli
