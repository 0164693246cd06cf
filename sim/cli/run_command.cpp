// regimesim run SCENARIO [--out DIR] [--seed N] [--steps N] [--set key.path=value ...]
#include <chrono>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "output/manifest.hpp"
#include "output/result_directory.hpp"
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
};

int run(const RunOptions& o) {
  const auto started = std::chrono::steady_clock::now();
  auto overrides = o.overrides;
  if (o.seed) overrides.push_back("seed=" + std::to_string(*o.seed));
  if (o.steps) overrides.push_back("steps=" + std::to_string(*o.steps));
  Scenario scenario = load::load_scenario(o.scenario, overrides);
  std::unique_ptr<output::ResultDirectory> dir;
  if (!o.out.empty()) {
    try {
      dir = std::make_unique<output::ResultDirectory>(o.out, o.force);
    } catch (const std::runtime_error& e) {
      std::cerr << "error: " << e.what() << "\n";
      return kExitBadInput;
    }
  }
  const auto prepared = ensemble::prepare(std::move(scenario));
  const Scenario& sc = prepared->scenario;
  const auto result = ensemble::run_paired(*prepared, &g_stop_requested);
  if (result.interrupted) {
    std::cerr << "interrupted after " << result.steps_completed << " of " << sc.steps
              << " steps; no result was written\n";
    return kExitInterrupted;
  }
  const auto summary = output::summarise(sc, result.rows, result.cumulative_output, result.cumulative_baseline_output);
  if (!dir) {
    output::print_summary(std::cout, sc, summary);
    return kExitOk;
  }
  {
    std::ofstream csv(dir->file("timeseries.csv"), std::ios::binary);
    output::write_timeseries(csv, sc, 0, result.rows);
    if (!csv) throw std::runtime_error("cannot write timeseries.csv");
  }
  dir->write("summary.json", output::summary_json(summary));
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  dir->write("manifest.json", output::manifest_json(sc, g_command_line, wall));
  dir->commit();
  output::print_summary(std::cout, sc, summary);
  std::cout << "\nWrote " << o.out << "/{timeseries.csv, summary.json, manifest.json}\n";
  if (o.report) return write_report(o.out);
  return kExitOk;
}

}  // namespace

void add_run_command(CLI::App& app, Action& action) {
  auto opts = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Run a scenario beside its baseline and report the difference");
  cmd->add_option("scenario", opts->scenario, "Scenario YAML file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--out", opts->out, "Write timeseries.csv, summary.json and manifest.json into DIR");
  cmd->add_flag("--force", opts->force, "Replace DIR if it exists");
  cmd->add_option("--seed", opts->seed, "Override the scenario's seed");
  cmd->add_option("--steps", opts->steps, "Override the number of monthly steps")->check(CLI::Range(1, 100000));
  cmd->add_option("--set", opts->overrides, "Override any value: key.path=value (repeatable)");
  cmd->add_flag("--report", opts->report, "Also write DIR/report.html (needs --out)")->needs("--out");
  cmd->callback([opts, &action] { action = [opts] { return run(*opts); }; });
}

}  // namespace regimesim::cli
