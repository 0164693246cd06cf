#include "cli/discovery_question.hpp"

#include <filesystem>

#include "discovery/discovery_json.hpp"

namespace regimesim::cli {

using namespace regimesim::analysis::discovery;

void add_discovery_options(CLI::App* cmd, DiscoveryQuestion& q, bool metric_required) {
  auto* metric = cmd->add_option("--metric", q.choice.metric, "The headline metric, e.g. denial_effectiveness");
  if (metric_required) metric->required();
  cmd->add_option("--above", q.above, "The outcome holds where the metric is above X");
  cmd->add_option("--below", q.below, "The outcome holds where the metric is below X");
  cmd->add_option("--group", q.choice.group, "The metric's group: WORLD (default), DEVELOPING, control:ID");
  cmd->add_option("--when", q.choice.when, "How the metric is read ('at the horizon', 'over the run'), if several");
  cmd->add_option("--statistic", q.choice.statistic, "Of the runs at each point: mean (default), q05, q50, q95, ...");
  cmd->add_option("--alpha", q.prim.alpha, "Share of a box's cases one peel takes off (default 0.05)")
      ->check(CLI::Range(0.001, 0.49));
  cmd->add_option("--min-support", q.prim.min_support, "Peeling stops before a box holds fewer than this share of cases")
      ->check(CLI::Range(0.0, 0.99));
  cmd->add_option("--min-coverage", q.prim.min_coverage,
                  "The box chosen: the densest on the trajectory with at least this coverage (default 0.5)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--step", q.step, "Choose this step of the (first) peeling trajectory instead");
  cmd->add_option("--boxes", q.prim.boxes, "How many boxes to find, each on the cases the others leave")
      ->check(CLI::Range(1, 100));
}

DiscoveryAnswer answer(const std::string& dir, DiscoveryQuestion q) {
  q.choice.threshold = Threshold{q.above, q.below};
  q.choice.threshold.words();  // throws when no threshold was given
  DiscoveryAnswer a;
  a.cases = read_sweep_cases(dir, q.choice);
  q.prim.step = q.step;
  a.found = discover(a.cases.table, q.prim);
  nlohmann::ordered_json outcome{{"metric", q.choice.metric}, {"group", q.choice.group}, {"when", a.cases.when},
                                 {"statistic", q.choice.statistic},
                                 {"above", q.above ? nlohmann::ordered_json(*q.above) : nullptr},
                                 {"below", q.below ? nlohmann::ordered_json(*q.below) : nullptr},
                                 {"words", a.cases.outcome_words},
                                 {"result", std::filesystem::absolute(dir).lexically_normal().string()}};
  a.json = discovery_json(a.cases.table, a.found, q.prim, outcome);
  return a;
}

}  // namespace regimesim::cli
