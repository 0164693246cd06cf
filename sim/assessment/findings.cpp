#include "assessment/findings.hpp"

#include <algorithm>
#include <chrono>
#include <numeric>

#include "chokepoints/sampled_betweenness.hpp"
#include "chokepoints/single_point_of_failure.hpp"
#include "input_output/io_table.hpp"
#include "output/metrics.hpp"

namespace regimesim::assessment {

namespace {

using Clock = std::chrono::steady_clock;

class Stopwatch {
 public:
  explicit Stopwatch(Findings& f) : f_(f) {}
  void lap(const char* part) {
    const auto now = Clock::now();
    f_.seconds.emplace_back(part, std::chrono::duration<double>(now - last_).count());
    last_ = now;
  }

 private:
  Findings& f_;
  Clock::time_point last_ = Clock::now();
};

std::vector<int> sector_states(const IoAccounts& a) {
  std::vector<int> region(a.states * a.items);
  for (std::size_t j = 0; j < region.size(); ++j) region[j] = static_cast<int>(a.sector_state(j));
  return region;
}

// 1 - output after / baseline output, summed over each state's sectors.
std::vector<double> state_loss(const IoAccounts& a, const analysis::OutputLoss& l) {
  std::vector<double> loss(a.states, 0.0), base(a.states, 0.0);
  for (std::size_t j = 0; j < a.states * a.items; ++j) {
    loss[a.sector_state(j)] += l.loss(static_cast<Eigen::Index>(j));
    base[a.sector_state(j)] += l.baseline(static_cast<Eigen::Index>(j));
  }
  for (std::size_t s = 0; s < a.states; ++s) loss[s] = base[s] > 0 ? loss[s] / base[s] : 0.0;
  return loss;
}

double world_loss(const analysis::OutputLoss& l) {
  const double base = l.baseline.sum();
  return base > 0 ? l.loss.sum() / base : 0.0;
}

std::vector<double> to_std(const Eigen::VectorXd& v) { return {v.data(), v.data() + v.size()}; }

void measure_issuers(const ensemble::PreparedScenario& p, const IoAccounts& a, Findings& f) {
  const std::vector<int> region = sector_states(a);
  const auto states = static_cast<int>(a.states);
  for (const IssuerCut& cut : issuer_cuts(p, a)) {
    IssuerFindings x;
    x.issuer = cut.issuer;
    x.members = cut.members;
    x.start_step = cut.start_step;
    const auto e = analysis::sparse_exposure(a.coefficients, cut.controlled);
    x.direct_exposure = to_std(analysis::region_exposure(e.direct, a.output, region, states));
    x.total_exposure = to_std(analysis::region_exposure(e.total, a.output, region, states));
    x.impact_loss = state_loss(a, analysis::impact_loss(a.coefficients, a.final_demand, cut.cut));
    x.extraction_loss = state_loss(a, analysis::sparse_hypothetical_extraction(a.coefficients, a.final_demand, cut.cut));
    x.rounds = std::max(0, p.scenario.steps - 1 - cut.start_step);
    x.first_order_loss =
        state_loss(a, analysis::first_order_loss(a.coefficients, a.final_demand, cut.cut, a.input_group, x.rounds));
    x.first_order_limit_loss =
        state_loss(a, analysis::first_order_loss(a.coefficients, a.final_demand, cut.cut, a.input_group));
    f.issuers.push_back(std::move(x));
  }
}

void measure_concentration(const World& w, const IoAccounts& a, const AnalysisOptions& o, Findings& f) {
  const auto items = static_cast<int>(a.items), states = static_cast<int>(a.states);
  const auto by_state = analysis::group_concentration(a.suppliers, items, states);
  std::vector<std::vector<double>> firm_output(a.items);
  for (std::size_t k = 0; k < a.suppliers.output.size(); ++k)
    firm_output[static_cast<std::size_t>(a.suppliers.item[k])].push_back(a.suppliers.output[k]);
  for (int i = 0; i < items; ++i) {
    const auto& c = by_state[static_cast<std::size_t>(i)];
    const auto& firms = firm_output[static_cast<std::size_t>(i)];
    const Eigen::VectorXd amounts = Eigen::Map<const Eigen::VectorXd>(firms.data(), static_cast<Eigen::Index>(firms.size()));
    f.concentration.push_back({static_cast<ItemId>(i), c.hhi, analysis::herfindahl(amounts), c.top_group, c.top_share,
                               static_cast<int>(std::count_if(firms.begin(), firms.end(), [](double x) { return x > 0; }))});
  }
  for (const auto& h : analysis::items_held_by_one_group(a.suppliers, items, states, o.threshold))
    f.held.push_back({w.states[static_cast<std::size_t>(h.group)].code, false, static_cast<ItemId>(h.item), h.share});
  // named coalitions, then every issuer with more than one member
  std::vector<std::pair<std::string, std::vector<StateId>>> coalitions;
  for (const auto& spec : o.coalitions) coalitions.emplace_back(spec, resolve_coalition(w, spec));
  for (const auto& x : f.issuers)
    if (x.members.size() > 1) coalitions.emplace_back(x.issuer, x.members);
  for (const auto& [label, members] : coalitions) {
    const std::vector<int> groups(members.begin(), members.end());
    for (const auto& h : analysis::items_held_by_coalition(a.suppliers, items, states, groups, o.threshold))
      f.held.push_back({label, true, static_cast<ItemId>(h.item), h.share});
  }
}

void measure_graphs(const ensemble::PreparedScenario& p, const IoAccounts& a, const AnalysisOptions& o, Findings& f,
                    Stopwatch& watch) {
  const auto firms = static_cast<int>(f.firms);
  f.failure_candidates = firms > o.exact_failure_firms ? 10 * o.top : 0;
  for (const auto& x : analysis::single_points_of_failure(firms, a.firm_edges, a.firm_output, o.top, f.failure_candidates))
    f.failure_points.push_back({static_cast<FirmId>(x.node), x.starved_output, x.starved_nodes});
  watch.lap("single points of failure");
  f.state_betweenness = analysis::betweenness_centrality(static_cast<int>(a.states), a.state_edges);
  const auto scores = analysis::betweenness(firms, a.firm_edges, o.exact_betweenness_budget, o.pivots,
                                            p.scenario.seed, &f.firm_betweenness_sampled);
  f.firm_betweenness_pivots = f.firm_betweenness_sampled ? std::min(o.pivots, firms) : firms;
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  const auto keep = std::min(order.size(), static_cast<std::size_t>(std::max(o.top, 0)));
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(),
                    [&](std::size_t x, std::size_t y) { return scores[x] != scores[y] ? scores[x] > scores[y] : x < y; });
  for (std::size_t k = 0; k < keep && scores[order[k]] > 0; ++k) f.firm_betweenness.push_back({order[k], scores[order[k]]});
  watch.lap("betweenness");
}

void compare_with_simulation(const ensemble::PreparedScenario& p, const IoAccounts& a, Findings& f,
                             const std::atomic<bool>* stop) {
  const Scenario& sc = p.scenario;
  int first = sc.steps;
  for (const auto& c : sc.controls) first = std::min(first, c.start_step);
  if (first >= sc.steps) return;  // no control starts within the run
  const auto run = ensemble::run_paired(p, {.stop = stop});
  if (run.interrupted) return;
  f.compared = true;
  f.first_step = first;
  f.horizon = sc.steps - 1;
  const auto impact = analysis::impact_loss(a.coefficients, a.final_demand, scenario_cut(p, a, first));
  const auto cut = scenario_cut(p, a, f.horizon);
  const auto within = analysis::first_order_loss(a.coefficients, a.final_demand, cut, a.input_group, f.horizon - first);
  const auto limit = analysis::first_order_loss(a.coefficients, a.final_demand, cut, a.input_group);
  const auto impact_by_state = state_loss(a, impact), within_by_state = state_loss(a, within),
             limit_by_state = state_loss(a, limit);
  f.comparison.resize(a.states + 1);
  for (StateId s = 0; s < a.states; ++s)
    f.comparison[s] = {s, impact_by_state[s], within_by_state[s], limit_by_state[s], 0, 0};
  f.comparison[a.states] = {output::kWorld, world_loss(impact), world_loss(within), world_loss(limit), 0, 0};
  for (const auto& row : run.rows) {
    if (row.metric != output::Metric::output_loss || row.item != output::kAllItems) continue;
    if (row.step != f.first_step && row.step != f.horizon) continue;
    if (row.state != output::kWorld && row.state >= a.states) continue;  // group rows (developing states)
    auto& c = f.comparison[row.state == output::kWorld ? a.states : row.state];
    (row.step == f.first_step ? c.simulated_first_step : c.simulated_horizon) = row.value;
  }
}

}  // namespace

Findings analyse(const ensemble::PreparedScenario& p, const AnalysisOptions& o, const std::atomic<bool>* stop) {
  const World& w = p.scenario.world;
  Findings f;
  Stopwatch watch(f);
  f.scenario = p.scenario.name;
  f.threshold = o.threshold;
  f.firms = p.network.firm_count;
  const IoAccounts a = build_io_accounts(p);
  f.links = a.firm_edges.size();
  f.sectors = static_cast<std::size_t>((a.output.array() > 0).count());
  f.state_output.assign(a.states, 0.0);
  for (std::size_t j = 0; j < a.states * a.items; ++j) f.state_output[a.sector_state(j)] += a.output(static_cast<Eigen::Index>(j));
  watch.lap("input-output accounts");

  const Eigen::VectorXd multipliers = analysis::sparse_output_multipliers(a.coefficients);
  std::vector<std::size_t> made;
  for (std::size_t j = 0; j < a.states * a.items; ++j)
    if (a.output(static_cast<Eigen::Index>(j)) > 0) made.push_back(j);
  std::stable_sort(made.begin(), made.end(), [&](std::size_t x, std::size_t y) {
    return multipliers(static_cast<Eigen::Index>(x)) > multipliers(static_cast<Eigen::Index>(y));
  });
  made.resize(std::min(made.size(), static_cast<std::size_t>(std::max(o.top, 0))));
  for (const std::size_t j : made) {
    f.top_multipliers.emplace_back(j, multipliers(static_cast<Eigen::Index>(j)));
    f.sector_labels.push_back(sector_label(w, a, j));
  }
  measure_issuers(p, a, f);
  watch.lap("exposure and extraction");
  measure_concentration(w, a, o, f);
  watch.lap("concentration");
  measure_graphs(p, a, o, f, watch);
  if (o.simulate && !p.plan.empty()) {
    compare_with_simulation(p, a, f, stop);
    watch.lap("simulation beside");
  }
  return f;
}

}  // namespace regimesim::assessment
