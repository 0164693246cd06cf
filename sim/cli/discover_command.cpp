// regimesim discover DIR --metric M --above X [--below Y] [--out FILE]: over the
// design points of a sweep's result directory, the boxes of input ranges in which
// the outcome holds, found by PRIM (analysis/discovery/prim.hpp, docs/DISCOVERY.md).
// Reads DIR, never writes there: the boxes go to stdout, and to FILE as JSON if asked.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "discovery/box_words.hpp"
#include "discovery/discovery_json.hpp"
#include "discovery/prim.hpp"
#include "discovery/sweep_cases.hpp"
#include "output/result_directory.hpp"

namespace regimesim::cli {
namespace {

namespace fs = std::filesystem;
using namespace regimesim::analysis::discovery;

struct DiscoverOptions {
  std::string dir, out;
  bool force = false;
  OutcomeChoice choice;
  std::optional<double> above, below;
  PrimOptions prim;
  std::optional<std::size_t> step;
};

// FILE appears whole or not at all (written under a hidden name, then renamed), is
// not put inside a result directory (which holds only what `run` wrote) and does not
// replace a file, unless --force.
void write_json_file(const DiscoverOptions& o, const std::string& text) {
  const fs::path target(o.out);
  const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!o.force && fs::exists(target))
    throw output::OutputRefused(o.out + " exists; give --force to replace it");
  if (!o.force && output::is_result_directory(parent))
    throw output::OutputRefused(o.out + " lies inside the result directory " + parent.string() +
                                ", which holds only what regimesim run wrote; write it elsewhere or give --force");
  if (fs::is_directory(target)) throw output::OutputRefused(o.out + " is a directory; --out names a file");
  const fs::path staging = parent / ("." + target.filename().string() + ".partial-" + std::to_string(::getpid()));
  {
    std::ofstream f(staging, std::ios::binary);
    f << text;
    if (!f) {
      std::error_code ignored;
      fs::remove(staging, ignored);
      throw std::runtime_error("cannot write " + o.out);
    }
  }
  fs::rename(staging, target);
}

int discover_boxes(DiscoverOptions o) {
  o.choice.threshold = Threshold{o.above, o.below};
  SweepCases cases;
  Discovery d;
  try {
    o.choice.threshold.words();  // a threshold was given
    cases = read_sweep_cases(o.dir, o.choice);
    o.prim.step = o.step;
    d = discover(cases.table, o.prim);
  } catch (const std::invalid_argument& e) {
    std::cerr << "discover: error: " << e.what() << "\n";
    return kExitBadInput;
  }
  std::cout << describe_discovery(cases.table, d, cases.outcome_words);
  if (cases.points_without)
    std::cout << "(" << cases.points_without << " design points have no such statistic and were left out)\n";
  for (std::size_t b = 0; b < d.boxes.size(); ++b)
    std::cout << "\nPeeling trajectory of box " << b + 1 << " (alpha " << o.prim.alpha << "; choose another with --step):\n"
              << trajectory_table(d.boxes[b]);
  if (o.out.empty()) return kExitOk;
  nlohmann::ordered_json outcome{{"metric", o.choice.metric}, {"group", o.choice.group}, {"when", cases.when},
                                 {"statistic", o.choice.statistic},
                                 {"above", o.above ? nlohmann::ordered_json(*o.above) : nullptr},
                                 {"below", o.below ? nlohmann::ordered_json(*o.below) : nullptr},
                                 {"words", cases.outcome_words}, {"result", fs::absolute(o.dir).lexically_normal().string()}};
  write_json_file(o, discovery_json(cases.table, d, o.prim, outcome).dump(2) + "\n");
  std::cout << "\nWrote " << o.out << "\n";
  return kExitOk;
}

}  // namespace

void add_discover_command(CLI::App& app, Action& action) {
  auto o = std::make_shared<DiscoverOptions>();
  CLI::App* cmd = app.add_subcommand(
      "discover", "Scenario discovery: the input ranges of a sweep in which an outcome holds (PRIM)");
  cmd->add_option("dir", o->dir, "A sweep's result directory (regimesim run ... --sweep ... --out DIR)")
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--metric", o->choice.metric, "The headline metric, e.g. denial_effectiveness")->required();
  cmd->add_option("--above", o->above, "The outcome holds where the metric is above X");
  cmd->add_option("--below", o->below, "The outcome holds where the metric is below X");
  cmd->add_option("--group", o->choice.group, "The metric's group: WORLD (default), DEVELOPING, control:ID");
  cmd->add_option("--when", o->choice.when, "How the metric is read ('at the horizon', 'over the run'), if several");
  cmd->add_option("--statistic", o->choice.statistic, "Of the runs at each point: mean (default), q05, q50, q95, ...");
  cmd->add_option("--alpha", o->prim.alpha, "Share of a box's cases one peel takes off (default 0.05)")
      ->check(CLI::Range(0.001, 0.49));
  cmd->add_option("--min-support", o->prim.min_support, "Peeling stops before a box holds fewer than this share of cases")
      ->check(CLI::Range(0.0, 0.99));
  cmd->add_option("--min-coverage", o->prim.min_coverage,
                  "The box chosen: the densest on the trajectory with at least this coverage (default 0.5)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--step", o->step, "Choose this step of the (first) peeling trajectory instead");
  cmd->add_option("--boxes", o->prim.boxes, "How many boxes to find, each on the cases the others leave")
      ->check(CLI::Range(1, 100));
  cmd->add_option("--out", o->out, "Also write the boxes as JSON into FILE (docs/DISCOVERY.md)");
  cmd->add_flag("--force", o->force, "Replace FILE, or write it inside a result directory");
  cmd->callback([o, &action] { action = [o] { return discover_boxes(*o); }; });
}

}  // namespace regimesim::cli
