// Everything `regimesim analyze` measures on a scenario, as plain numbers per
// state, item, firm and issuer: exposure and hypothetical extraction per issuer,
// concentration and held items per item, single points of failure, betweenness,
// and the analytic loss beside the simulated one (docs/ANALYSIS.md).
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "assessment/control_cuts.hpp"
#include "assessment/io_accounts.hpp"

namespace regimesim::assessment {

struct AnalysisOptions {
  int top = 10;                         // entries per ranked table
  double threshold = 0.5;               // share above which one holder "holds" an item
  std::vector<std::string> coalitions;  // regime or coalition ids, or "USA,NLD,JPN"
  bool simulate = true;                 // run the scenario beside its baseline for the comparison
  double exact_betweenness_budget = 2e8;  // nodes x edges up to which betweenness is exact (about a second)
  int pivots = 256;                       // sources sampled above it
  int exact_failure_firms = 20000;        // above this many firms, only the largest suppliers are tried
};

struct IssuerFindings {
  std::string issuer;
  std::vector<StateId> members;
  int start_step = 0;
  // per state: exposure (output-weighted over its sectors) and relative output loss
  std::vector<double> direct_exposure, total_exposure;
  // impact (round 0), demand-driven extraction, first-order loss within the run (after
  // `rounds` = steps from the start to the horizon) and in the limit (sparse_table.hpp)
  int rounds = 0;
  std::vector<double> impact_loss, extraction_loss, first_order_loss, first_order_limit_loss;
};

struct ItemConcentration {
  ItemId item = 0;
  double hhi_states = 0, hhi_firms = 0;
  int top_state = -1;
  double top_share = 0;
  int makers = 0;
};

struct HeldItem {
  std::string holder;  // a state code or a coalition's label
  bool coalition = false;
  ItemId item = 0;
  double share = 0;
};

struct FailurePoint {
  FirmId firm = 0;
  double starved_output = 0;
  int starved_firms = 0;
};

struct RankedNode {
  std::size_t node = 0;  // a state or a firm id
  double score = 0;
};

struct StateComparison {
  StateId state = 0;  // kWorld for the world row
  double analytic_impact = 0, analytic_first_order = 0, analytic_limit = 0;  // first-order: horizon - first step rounds
  double simulated_first_step = 0, simulated_horizon = 0;
};

struct Findings {
  std::string scenario;
  std::size_t sectors = 0, firms = 0, links = 0;  // links between firms (final-demand links not counted)
  std::vector<double> state_output;  // per state, equilibrium gross output
  std::vector<std::pair<std::size_t, double>> top_multipliers;  // (sector, output multiplier)
  std::vector<std::string> sector_labels;                        // for the sectors listed
  std::vector<IssuerFindings> issuers;
  std::vector<ItemConcentration> concentration;  // per item
  double threshold = 0;  // the share above which an item is held
  std::vector<HeldItem> held;
  std::vector<FailurePoint> failure_points;
  int failure_candidates = 0;  // 0: every firm tried
  std::vector<double> state_betweenness;  // per state, exact
  std::vector<RankedNode> firm_betweenness;  // top entries
  bool firm_betweenness_sampled = false;
  int firm_betweenness_pivots = 0;
  bool compared = false;
  int first_step = 0, horizon = 0;
  std::vector<StateComparison> comparison;  // states, then the world
  std::vector<std::pair<std::string, double>> seconds;  // wall time per part, for benchmarks
};

// Throws std::invalid_argument for a coalition spec that names nothing in the world.
Findings analyse(const ensemble::PreparedScenario& p, const AnalysisOptions& o, const std::atomic<bool>* stop = nullptr);

}  // namespace regimesim::assessment
