// regimesim compare A.yaml B.yaml ... [--out DIR]: each scenario beside its own
// baseline, then the headline metrics side by side, one column per scenario. The
// question it answers: the same control, issued differently, ends how?
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/comparison_table.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "output/result_directory.hpp"
#include "output/summary.hpp"
#include "output/tidy_table.hpp"

namespace regimesim::cli {
namespace {

struct CompareOptions {
  std::vector<std::string> scenarios;
  std::string out;
  bool force = false;
  std::vector<std::string> overrides;
};

std::string row_label(const output::Headline& h) {
  return h.group == "WORLD" ? to_string(h.metric) : fmt::format("{} ({})", to_string(h.metric), h.group);
}

int compare(const CompareOptions& o) {
  // Load every file first, so a bad one fails before any run starts.
  std::vector<Scenario> loaded;
  for (const auto& file : o.scenarios) loaded.push_back(load::load_scenario(file, o.overrides));
  g_stop_polled = true;  // from here a Ctrl-C stops the work and removes what it began
  std::unique_ptr<output::ResultDirectory> dir;
  if (!o.out.empty()) dir = std::make_unique<output::ResultDirectory>(o.out, o.force);
  std::vector<ComparisonColumn> columns;
  std::vector<std::string> rows;  // in first-seen order
  std::map<std::string, std::string> when;
  auto note_row = [&](const std::string& label, const std::string& w) {
    if (!when.count(label)) rows.push_back(label), when[label] = w;
  };
  for (auto& scenario : loaded) {
    const auto prepared = ensemble::prepare(std::move(scenario));
    const auto result = ensemble::run_paired(*prepared, &g_stop_requested);
    if (result.interrupted) {
      std::cerr << "interrupted; no comparison was written\n";
      return kExitInterrupted;
    }
    const auto s = output::summarise(prepared->scenario, result.rows, result.cumulative_output,
                                     result.cumulative_baseline_output);
    ComparisonColumn c{s.scenario, {}, {}};
    for (const auto& h : s.headlines) {
      note_row(row_label(h), h.when);
      c.values[row_label(h)] = h.value;
      c.baselines[row_label(h)] = h.baseline;
    }
    note_row("output_loss", "1 - output summed over the run / baseline");
    c.values["output_loss"] = s.world.output_loss_cumulative;
    c.baselines["output_loss"] = s.world.baseline_output_total;
    // The named firms' own rows (an entity list's firms, listed end users, report_firms).
    for (const auto& f : s.firms) {
      const std::string loss = fmt::format("output_loss (firm:{})", f.id), blocked = fmt::format("blocked_trade (firm:{})", f.id);
      note_row(loss, "1 - output summed over the run / baseline");
      c.values[loss] = f.output_loss_cumulative;
      c.baselines[loss] = f.baseline_output_total;
      note_row(blocked, "summed over the run");
      c.values[blocked] = f.blocked_total;
      c.baselines[blocked] = 0;
    }
    columns.push_back(std::move(c));
  }

  std::cout << comparison_table(columns);
  if (!dir) return kExitOk;

  std::string csv = "scenario,metric,group,when,value,baseline\n";
  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  for (const auto& c : columns) {
    nlohmann::ordered_json col{{"scenario", c.scenario}, {"metrics", nlohmann::ordered_json::object()},
                               {"baselines", nlohmann::ordered_json::object()}};
    for (const auto& r : rows) {
      auto it = c.values.find(r);
      if (it == c.values.end()) continue;
      const auto paren = r.find(" (");
      const std::string metric = r.substr(0, paren);
      const std::string group = paren == std::string::npos ? "WORLD" : r.substr(paren + 2, r.size() - paren - 3);
      const double baseline = c.baselines.at(r);
      csv += fmt::format("{},{},{},{},{},{}\n", output::csv_field(c.scenario), metric, output::csv_field(group),
                         output::csv_field(when[r]), it->second, baseline);
      col["metrics"][r] = it->second;
      col["baselines"][r] = baseline;
    }
    j.push_back(std::move(col));
  }
  dir->write("comparison.csv", csv);
  dir->write("comparison.json", j.dump(2) + "\n");
  dir->commit();
  std::cout << "Wrote " << o.out << "/{comparison.csv, comparison.json}\n";
  return kExitOk;
}

}  // namespace

void add_compare_command(CLI::App& app, Action& action) {
  auto opts = std::make_shared<CompareOptions>();
  CLI::App* cmd = app.add_subcommand("compare", "Run scenarios beside their baselines and compare headline metrics");
  cmd->add_option("scenarios", opts->scenarios, "Scenario YAML files")->required()->check(CLI::ExistingFile);
  cmd->add_option("--out", opts->out, "Write comparison.csv and comparison.json into DIR");
  cmd->add_flag("--force", opts->force, "Replace DIR if it exists");
  cmd->add_option("--set", opts->overrides, "Override a value in every scenario: key.path=value (repeatable)");
  cmd->callback([opts, &action] { action = [opts] { return compare(*opts); }; });
}

}  // namespace regimesim::cli
