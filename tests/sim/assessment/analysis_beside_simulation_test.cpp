// The analysis adapter on the three-firm chain, worked out by hand, and the key
// check of docs/ANALYSIS.md: with no stocks beyond the shipment that arrives each
// step and no answer to the controls, the simulation shows the analytic impact in
// the control's first step and the analytic first-order loss once the cut has
// travelled the chain.
#include <catch2/catch.hpp>

#include "assessment/control_cuts.hpp"
#include "assessment/findings.hpp"
#include "assessment/io_accounts.hpp"
#include "ensemble/paired_run.hpp"
#include "input_output/sparse_table.hpp"
#include "load/scenario_loader.hpp"
#include "output/metrics.hpp"

using namespace regimesim;

namespace {

// Ore (AUS) -> steel (KOR, 0.5 ore a unit) -> cars (JPN, 0.4 steel a unit); Japan
// buys 60 cars and the US 40, so x = (ore 20, steel 40, cars 100).
// "Switched off": inventory_periods 1 is the loader's minimum, a firm holds just
// the shipment that arrives each step; refill_steps 1e9 makes buyers order their
// expected use and never chase the inventory target (which would top up orders
// from the suppliers left); share_adjustment 0, search_delay 0 and a build-at-home
// threshold of 0 switch off moving shares, re-sourcing and building at home.
std::string chain_yaml(const std::string& controls, bool stocks_off = true) {
  std::string s = R"(name: chain
steps: 12
world:
  states:
    - {code: AUS}
    - {code: KOR}
    - {code: JPN, final_demand: {cars: 60}}
    - {code: USA, final_demand: {cars: 40}}
  items:
    - {id: ore}
    - {id: steel, recipe: {ore: 0.5}}
    - {id: cars, recipe: {steel: 0.4}}
  firms:
    - {id: aus_mine, state: AUS, item: ore, capacity: 25}
    - {id: kor_mill, state: KOR, item: steel, capacity: 50}
    - {id: jpn_carmaker, state: JPN, item: cars, capacity: 120}
  links:
    - {supplier: aus_mine, buyer: kor_mill, volume: 1}
    - {supplier: kor_mill, buyer: jpn_carmaker, volume: 1}
)";
  if (stocks_off)
    s += R"(dynamics: {inventory_periods: 1, refill_steps: 1e9, share_adjustment: 0}
responses:
  resourcing: {search_delay: 0}
  build_at_home: {threshold: 0}
)";
  return s + controls;
}

const std::string kOreEmbargo = R"(controls:
  - {id: ore-embargo, instrument: embargo, issuers: [AUS], items: [ore], destinations: [KOR], start: 4}
)";
const std::string kCarEmbargo = R"(controls:
  - {id: car-embargo, instrument: embargo, issuers: [JPN], items: [cars], destinations: [USA], start: 4}
)";

enum State : StateId { AUS, KOR, JPN, USA };

// Simulated output loss per state at one step.
double simulated_loss(const ensemble::RunResult& r, int step, StateId s) {
  for (const auto& row : r.rows)
    if (row.step == step && row.state == s && row.item == output::kAllItems && row.metric == output::Metric::output_loss)
      return row.value;
  FAIL("no output_loss row");
  return -1;
}

// Every state of the chain has one sector (AUS ore, KOR steel, JPN cars): the analytic
// first-order loss after `rounds` rounds, per state, for the cut of every control at `step`.
std::vector<double> analytic_after_rounds(const ensemble::PreparedScenario& p, int step, int rounds) {
  const auto a = assessment::build_io_accounts(p);
  const auto l = analysis::first_order_loss(a.coefficients, a.final_demand, assessment::scenario_cut(p, a, step),
                                            a.input_group, rounds);
  return {l.relative_loss(static_cast<Eigen::Index>(a.sector(AUS, 0))),
          l.relative_loss(static_cast<Eigen::Index>(a.sector(KOR, 1))),
          l.relative_loss(static_cast<Eigen::Index>(a.sector(JPN, 2)))};
}

}  // namespace

TEST_CASE("The chain's input-output accounts and exposure, by hand", "[assessment]") {
  const auto p = ensemble::prepare(load::load_scenario_text(chain_yaml(kOreEmbargo), "chain.yaml"));
  const auto a = assessment::build_io_accounts(*p);
  const auto ore = a.sector(AUS, 0), steel = a.sector(KOR, 1), cars = a.sector(JPN, 2);
  CHECK(a.coefficients.coeff(static_cast<Eigen::Index>(ore), static_cast<Eigen::Index>(steel)) == Approx(0.5));
  CHECK(a.coefficients.coeff(static_cast<Eigen::Index>(steel), static_cast<Eigen::Index>(cars)) == Approx(0.4));
  CHECK(a.coefficients.nonZeros() == 2);
  CHECK(a.final_demand(static_cast<Eigen::Index>(cars)) == Approx(100.0));
  CHECK(a.output(static_cast<Eigen::Index>(ore)) == Approx(20.0));
  // the states' trade graph: AUS -> KOR 20, KOR -> JPN 40, JPN -> USA 40 (cars consumed)
  REQUIRE(a.state_edges.size() == 3);
  CHECK(a.state_edges[0].flow == Approx(20.0));

  const auto cuts = assessment::issuer_cuts(*p, a);
  REQUIRE(cuts.size() == 1);
  CHECK(cuts[0].issuer == "AUS");
  CHECK(cuts[0].controlled(static_cast<Eigen::Index>(ore)) == 1.0);
  CHECK(cuts[0].cut.removed.coeff(static_cast<Eigen::Index>(ore), static_cast<Eigen::Index>(steel)) == 1.0);

  assessment::AnalysisOptions o;
  o.simulate = false;
  const auto f = assessment::analyse(*p, o);
  REQUIRE(f.issuers.size() == 1);
  const auto& x = f.issuers[0];
  // Steel needs 0.5 ore a unit directly; cars 0.4 x 0.5 = 0.2 through steel; ore
  // is not exposed to its own sale.
  CHECK(x.direct_exposure[KOR] == Approx(0.5));
  CHECK(x.total_exposure[KOR] == Approx(0.5));
  CHECK(x.direct_exposure[JPN] == 0.0);
  CHECK(x.total_exposure[JPN] == Approx(0.2));
  CHECK(x.total_exposure[AUS] == 0.0);
  // Each item has one maker: HHI 1 by state and by firm, held by its state.
  for (const auto& c : f.concentration) CHECK(c.hhi_states == Approx(1.0));
  CHECK(f.held.size() == 3);
  // The mill starves the car maker (100), the mine starves both (140).
  REQUIRE(f.failure_points.size() == 2);
  CHECK(f.failure_points[0].firm == 0);
  CHECK(f.failure_points[0].starved_output == Approx(140.0));
  // The trade graph is the path AUS -> KOR -> JPN -> USA: the ordered pairs (AUS, JPN)
  // and (AUS, USA) pass through KOR, (AUS, USA) and (KOR, USA) through JPN.
  CHECK(f.state_betweenness[KOR] == Approx(2.0));
  CHECK(f.state_betweenness[JPN] == Approx(2.0));
  CHECK(f.state_betweenness[AUS] == 0.0);
}

TEST_CASE("An ore embargo: impact in the first step, first-order loss once it has run down the chain",
          "[assessment][extraction]") {
  const auto p = ensemble::prepare(load::load_scenario_text(chain_yaml(kOreEmbargo), "chain.yaml"));
  const auto f = assessment::analyse(*p, assessment::AnalysisOptions{});
  // By hand. Impact: the mine loses its only sale, 20 of 20; nobody else loses
  // anything at once. First-order: the mine still sells nothing, and the mill
  // without ore and the car maker without steel stop (the supply-constrained
  // extraction: rates 0 downstream of the cut).
  const std::vector<double> impact{1, 0, 0, 0}, first_order{1, 1, 1, 0};
  const auto run = ensemble::run_paired(*p);
  REQUIRE(f.compared);
  CHECK(f.first_step == 4);
  for (StateId s : {AUS, KOR, JPN}) {
    INFO("state " << s);
    CHECK(f.comparison[s].analytic_impact == Approx(impact[s]).margin(1e-12));
    CHECK(f.comparison[s].analytic_first_order == Approx(first_order[s]).margin(1e-12));
    CHECK(simulated_loss(run, 4, s) == Approx(impact[s]).margin(1e-9));
    // The cut travels one link a step: the mill stops at step 5, the car maker at 6.
    CHECK(simulated_loss(run, 5, s) == Approx(s == JPN ? 0.0 : 1.0).margin(1e-9));
    for (int t = 6; t < 12; ++t) CHECK(simulated_loss(run, t, s) == Approx(first_order[s]).margin(1e-9));
    CHECK(f.comparison[s].simulated_first_step == Approx(f.comparison[s].analytic_impact).margin(1e-9));
    CHECK(f.comparison[s].simulated_horizon == Approx(f.comparison[s].analytic_first_order).margin(1e-9));
    CHECK(f.comparison[s].analytic_limit == Approx(first_order[s]).margin(1e-12));
  }
  // Round by round: the analytic loss after k rounds is the simulated loss at step 4 + k.
  for (int k = 0; k < 8; ++k) {
    const auto analytic = analytic_after_rounds(*p, 4, k);
    for (StateId s : {AUS, KOR, JPN}) {
      INFO("round " << k << ", state " << s);
      CHECK(analytic[s] == Approx(simulated_loss(run, 4 + k, s)).margin(1e-9));
    }
  }
}

TEST_CASE("A car embargo on the US: the demand-driven extraction travels upstream a step a link",
          "[assessment][extraction]") {
  const auto p = ensemble::prepare(load::load_scenario_text(chain_yaml(kCarEmbargo), "chain.yaml"));
  const auto f = assessment::analyse(*p, assessment::AnalysisOptions{});
  // 40 of the 100 cars no longer sell. Impact: the car maker loses 40%. Demand-driven
  // extraction (no supply constraint binds): the whole chain makes 60% of baseline,
  // steel 24 of 40 and ore 12 of 20, so every state loses 40%.
  REQUIRE(f.issuers.size() == 1);
  for (StateId s : {AUS, KOR, JPN}) {
    CHECK(f.issuers[0].extraction_loss[s] == Approx(0.4));
    CHECK(f.issuers[0].first_order_loss[s] == Approx(0.4));
    CHECK(f.issuers[0].impact_loss[s] == Approx(s == JPN ? 0.4 : 0.0));
  }
  const auto run = ensemble::run_paired(*p);
  // Orders follow last step's sales: the mill feels it at step 5, the mine at 6.
  CHECK(simulated_loss(run, 4, JPN) == Approx(0.4).margin(1e-6));
  CHECK(simulated_loss(run, 4, KOR) == Approx(0.0).margin(1e-6));
  CHECK(simulated_loss(run, 5, KOR) == Approx(0.4).margin(1e-6));
  CHECK(simulated_loss(run, 5, AUS) == Approx(0.0).margin(1e-6));
  for (StateId s : {AUS, KOR, JPN}) {
    CHECK(simulated_loss(run, 6, s) == Approx(0.4).margin(1e-6));
    CHECK(f.comparison[s].simulated_horizon == Approx(f.comparison[s].analytic_first_order).margin(1e-6));
  }
  for (int k = 0; k < 8; ++k) {
    const auto analytic = analytic_after_rounds(*p, 4, k);
    for (StateId s : {AUS, KOR, JPN}) {
      INFO("round " << k << ", state " << s);
      CHECK(analytic[s] == Approx(simulated_loss(run, 4 + k, s)).margin(1e-6));
    }
  }
}

TEST_CASE("With stocks, the simulated loss lags the analytic one", "[assessment][extraction]") {
  // The default two periods of inventory: the car maker still runs two steps after
  // the mill stops (see the embargo test), so at step 6 Japan has lost nothing yet.
  const auto p = ensemble::prepare(load::load_scenario_text(chain_yaml(kOreEmbargo, false), "chain.yaml"));
  const auto run = ensemble::run_paired(*p);
  CHECK(simulated_loss(run, 6, JPN) == Approx(0.0).margin(1e-9));
  CHECK(simulated_loss(run, 8, JPN) == Approx(1.0).margin(1e-9));
}

TEST_CASE("A licence requirement cuts its expected refusals, none to an excepted destination", "[assessment]") {
  // AUS requires a licence for ore to KOR, granted with probability 0.8: a fifth
  // of the ore into steel is cut, so the mine's impact is 0.2 and, first-order, the
  // mill and the car maker run at 0.8. KOR's own embargo on steel to JPN is a
  // second issuer, listed after AUS. A requirement to every buyer with KOR
  // excepted cuts nothing.
  const std::string controls = R"(controls:
  - {id: ore-licence, instrument: licence_requirement, issuer: AUS, items: [ore], destinations: [KOR], licence: {approval_probability: 0.8}, start: 2}
  - {id: steel-embargo, instrument: embargo, issuer: KOR, items: [steel], destinations: [JPN], start: 3}
)";
  const auto p = ensemble::prepare(load::load_scenario_text(chain_yaml(controls), "chain.yaml"));
  const auto a = assessment::build_io_accounts(*p);
  const auto cuts = assessment::issuer_cuts(*p, a);
  REQUIRE(cuts.size() == 2);
  CHECK(cuts[0].issuer == "AUS");
  CHECK(cuts[0].start_step == 2);
  CHECK(cuts[1].issuer == "KOR");
  const auto ore = static_cast<Eigen::Index>(a.sector(AUS, 0)), steel = static_cast<Eigen::Index>(a.sector(KOR, 1)),
             cars = static_cast<Eigen::Index>(a.sector(JPN, 2));
  CHECK(cuts[0].cut.removed.coeff(ore, steel) == Approx(0.2));
  CHECK(cuts[1].cut.removed.coeff(steel, cars) == 1.0);
  CHECK(cuts[1].cut.removed.coeff(ore, steel) == 0.0);
  assessment::AnalysisOptions o;
  o.simulate = false;
  const auto f = assessment::analyse(*p, o);
  CHECK(f.issuers[0].impact_loss[AUS] == Approx(0.2));
  CHECK(f.issuers[0].first_order_limit_loss[KOR] == Approx(0.2));
  CHECK(f.issuers[0].first_order_limit_loss[JPN] == Approx(0.2));

  const std::string excepted = R"(controls:
  - {id: ore-licence, instrument: licence_requirement, issuer: AUS, items: [ore], destinations: {end_uses: [civilian, military, wmd_risk]}, exceptions: [KOR], licence: {approval_probability: 0.8}, start: 2}
)";
  const auto q = ensemble::prepare(load::load_scenario_text(chain_yaml(excepted), "chain.yaml"));
  const auto b = assessment::build_io_accounts(*q);
  CHECK(assessment::issuer_cuts(*q, b)[0].cut.removed.nonZeros() == 0);
}
