// regimesim analyze SCENARIO [--out DIR] [--set ...] [--top N] [--threshold S]
// The world measured analytically (input-output exposure, hypothetical extraction,
// concentration, single points of failure, betweenness), and the analytic loss
// beside the simulated one. Formulas and how to read the tables: docs/ANALYSIS.md.
#include <fmt/format.h>

#include <iostream>

#include "assessment/findings.hpp"
#include "assessment/findings_report.hpp"
#include "cli/commands.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "output/result_directory.hpp"

namespace regimesim::cli {
namespace {

struct AnalyzeOptions {
  std::string scenario;
  std::string out;
  bool force = false;
  bool timings = false;
  std::vector<std::string> overrides;
  assessment::AnalysisOptions analysis;
};

int analyze(AnalyzeOptions o) {
  Scenario scenario = load::load_scenario(o.scenario, o.overrides);
  g_stop_polled = true;  // from here a Ctrl-C stops the work and removes what it began
  std::unique_ptr<output::ResultDirectory> dir;
  if (!o.out.empty()) dir = std::make_unique<output::ResultDirectory>(o.out, o.force);
  // A coalition that names nothing is bad input: say so before any work is done.
  for (const auto& spec : o.analysis.coalitions) {
    try {
      assessment::resolve_coalition(scenario.world, spec);
    } catch (const std::invalid_argument& e) {
      std::cerr << "error: " << e.what() << "\n";
      return kExitBadInput;
    }
  }
  const auto prepared = ensemble::prepare(std::move(scenario));
  const auto findings = assessment::analyse(*prepared, o.analysis, &g_stop_requested);
  if (g_stop_requested) {
    std::cerr << "interrupted; no analysis was written\n";
    return kExitInterrupted;
  }
  const World& w = prepared->scenario.world;
  assessment::print_findings(std::cout, w, findings, o.analysis.top);
  if (o.timings) {
    std::cout << "\nWall time per part:";
    for (const auto& [part, seconds] : findings.seconds) std::cout << fmt::format(" {} {:.3f} s;", part, seconds);
    std::cout << "\n";
  }
  if (!dir) return kExitOk;
  std::string names;
  for (const auto& [name, content] : assessment::findings_files(w, findings)) {
    dir->write(name, content);
    names += (names.empty() ? "" : ", ") + name;
  }
  dir->commit();
  std::cout << "\nWrote " << o.out << "/{" << names << "}\n";
  return kExitOk;
}

}  // namespace

void add_analyze_command(CLI::App& app, Action& action) {
  auto opts = std::make_shared<AnalyzeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "analyze", "Measure exposure, hypothetical extraction and chokepoints, beside the simulated loss");
  cmd->add_option("scenario", opts->scenario, "Scenario YAML file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--out", opts->out, "Write tidy CSVs and analysis.json into DIR");
  cmd->add_flag("--force", opts->force, "Replace DIR if it exists");
  cmd->add_option("--set", opts->overrides, "Override any value: key.path=value (repeatable)");
  cmd->add_option("--top", opts->analysis.top, "Entries per ranked table")->check(CLI::Range(1, 100000));
  cmd->add_option("--threshold", opts->analysis.threshold, "Share above which one holder holds an item")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--coalition", opts->analysis.coalitions,
                  "A regime or coalition id, or state codes 'USA,NLD,JPN', whose held items to list (repeatable)");
  cmd->add_option("--pivots", opts->analysis.pivots, "Sources sampled for firm betweenness on large graphs")
      ->check(CLI::Range(1, 1000000));
  cmd->add_flag("--no-simulation", [opts](std::int64_t) { opts->analysis.simulate = false; },
                "Skip running the scenario beside its baseline");
  cmd->add_flag("--timings", opts->timings, "Print the wall time of each part");
  cmd->callback([opts, &action] { action = [opts] { return analyze(*opts); }; });
}

}  // namespace regimesim::cli
