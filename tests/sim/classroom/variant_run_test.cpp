// A change made to a running variant gives exactly the run of a scenario that had the
// change in its own timeline from that month: the classroom's rows are compared with
// `run_paired` (what `regimesim run` records) on a scenario written with the change,
// so the two paths share no code of the classroom's.
#include <catch2/catch.hpp>

#include "same_rows.hpp"
#include "../policy/instrument_worlds.hpp"
#include "classroom/variant_run.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"

using namespace regimesim;
using classroom::ParameterChange;
using classroom::VariantRun;

namespace {

Scenario four(const std::string& tail) {
  return load::load_scenario_text(testing::four_suppliers_yaml(tail), "four.yaml");
}

std::vector<output::MetricRow> cli_rows(const Scenario& sc) { return ensemble::run_paired(*ensemble::prepare(sc)).rows; }

void run_to(VariantRun& v, int month) {
  while (v.month() < month) v.step();
}

ParameterChange change(const VariantRun& v, const nlohmann::json& body) {
  return classroom::read_change(body, v.month(), v.running());
}

double world_at(const std::vector<output::MetricRow>& rows, output::Metric m, int step) {
  for (const auto& r : rows)
    if (r.step == step && r.metric == m && r.state == output::kWorld && r.item == output::kAllItems) return r.value;
  return -1;
}

const char* kPair = "controls:\n  - {id: eq, instrument: embargo, issuer: pair, items: [equipment], destinations: [CHN], start: 2}\n";

}  // namespace

TEST_CASE("Japan joining at month 6 of a running variant is the run with the join in the coalition's timeline",
          "[classroom]") {
  const std::string coalition = "    - {id: pair, members: [USA, NLD]}\n";
  auto with = [&](const std::string& extra) {
    std::string yaml = testing::four_suppliers_yaml(kPair);
    const std::string anchor = "    - {id: main_three, members: [USA, NLD, JPN]}\n";
    yaml.replace(yaml.find(anchor), anchor.size(), anchor + extra);
    return load::load_scenario_text(yaml, "pair.yaml");
  };
  VariantRun live("pair", with(coalition));
  run_to(live, 6);
  live.apply(change(live, {{"kind", "join"}, {"state", "JPN"}}));
  run_to(live, live.scenario().steps);
  const auto written = cli_rows(with("    - {id: pair, members: [USA, NLD], changes: [{at: 6, joins: [JPN]}]}\n"));
  testing::check_same_rows(live.rows(), written);

  // And the join matters: with JPN's 15 of 100 shut, denial rises after month 6.
  VariantRun unchanged("pair", with(coalition));
  run_to(unchanged, unchanged.scenario().steps);
  const int last = live.scenario().steps - 1;
  CHECK(world_at(live.rows(), output::Metric::denial_effectiveness, last) >
        world_at(unchanged.rows(), output::Metric::denial_effectiveness, last) + 0.05);
  // Before the join, what the buyers received is the unchanged run's, and so is who
  // counts as a controller: Japan applies the control from month 6, not from month 0.
  const StateId jpn = *live.scenario().world.find_state("JPN");
  auto japan_has_row = [&](int step) {
    for (const auto& r : live.rows())
      if (r.step == step && r.metric == output::Metric::controller_revenue_loss && r.state == jpn) return true;
    return false;
  };
  for (int t = 0; t < 6; ++t) {
    INFO("month " << t);
    CHECK(world_at(live.rows(), output::Metric::denial_effectiveness, t) ==
          world_at(unchanged.rows(), output::Metric::denial_effectiveness, t));
    CHECK(world_at(live.rows(), output::Metric::controller_revenue_loss, t) ==
          world_at(unchanged.rows(), output::Metric::controller_revenue_loss, t));
    CHECK_FALSE(japan_has_row(t));
  }
  for (int t = 6; t <= last; ++t) CHECK(japan_has_row(t));
}

TEST_CASE("An enforcement change mid-run is the run with it scripted in responses.enforcement", "[classroom]") {
  // USA alone denies the fab; cut-off buyers divert through fronts in KOR, which the
  // US catches with probability effort x KOR's cooperation (0.5).
  const std::string controls =
      "controls:\n  - {id: eq, instrument: embargo, issuer: USA, items: [equipment], destinations: [CHN], start: 2}\n"
      "responses:\n  diversion: {propensity: 1, intermediaries: [KOR]}\n  resourcing: {search_delay: 1}\n";
  VariantRun live("usa", four(controls));
  run_to(live, 5);
  live.apply(change(live, {{"kind", "enforcement"}, {"state", "USA"}, {"value", 1.0}}));
  run_to(live, live.scenario().steps);
  testing::check_same_rows(live.rows(), cli_rows(four(controls + "  enforcement: {changes: [{at: 5, states: [USA], effort: 1}]}\n")));
}

TEST_CASE("A live change set in place equals the same change replayed from month 0 (a branch)", "[classroom]") {
  const std::string controls =
      "controls:\n  - {id: eq, instrument: licence_requirement, issuer: USA, items: [equipment], destinations: [CHN], "
      "licence: {approval_probability: 0.2, delay_steps: 1}, start: 2}\n";
  VariantRun in_place("usa", four(controls)), parent("usa", four(controls));
  run_to(in_place, 7);
  run_to(parent, 7);
  const nlohmann::json body{{"kind", "approval"}, {"value", 0.9}};
  CHECK(in_place.apply(change(in_place, body)) == 0);  // set between steps, no replay
  auto branch = parent.branch("usa: approval 0.9", change(parent, body));
  run_to(in_place, in_place.scenario().steps);
  run_to(*branch, branch->scenario().steps);
  testing::check_same_rows(in_place.rows(), branch->rows());
  // The parent goes on unchanged beside it: its rows are the plain run's.
  run_to(parent, parent.scenario().steps);
  testing::check_same_rows(parent.rows(), cli_rows(four(controls)));
  // At month 0 the change is the scenario's own approval probability.
  VariantRun from_start("usa", four(controls));
  from_start.apply(change(from_start, body));
  run_to(from_start, from_start.scenario().steps);
  std::string approved = controls;
  approved.replace(approved.find("0.2"), 3, "0.9");
  testing::check_same_rows(from_start.rows(), cli_rows(four(approved)));
}

TEST_CASE("Reset gives back the unchanged run", "[classroom]") {
  VariantRun v("usa", four("controls:\n  - {id: eq, instrument: embargo, issuer: USA, items: [equipment], destinations: [CHN], start: 2}\n"));
  run_to(v, 4);
  v.apply(change(v, {{"kind", "join"}, {"state", "JPN"}}));
  run_to(v, 9);
  v.reset();
  CHECK(v.month() == 0);
  CHECK(v.changes().empty());
  run_to(v, v.scenario().steps);
  testing::check_same_rows(v.rows(), cli_rows(v.scenario()));
}

TEST_CASE("Changes the scenario cannot take are refused with what would be valid", "[classroom]") {
  VariantRun v("regime", four("controls:\n  - {id: eq, instrument: embargo, issuer: suppliers_regime, consensus: true, "
                              "items: [equipment], destinations: [CHN], start: 2}\n"));
  auto status_of = [&](const nlohmann::json& body) {
    try {
      change(v, body);
    } catch (const classroom::BadRequest& e) {
      return e.status;
    }
    return 0;
  };
  CHECK(status_of({{"kind", "explode"}}) == 400);
  CHECK(status_of({{"kind", "join"}, {"state", "XXX"}}) == 400);
  CHECK(status_of({{"kind", "enforcement"}, {"state", "USA"}, {"value", 1.5}}) == 400);
  CHECK(status_of({{"kind", "enforcement"}, {"state", "USA"}}) == 400);
  CHECK(status_of({{"kind", "join"}, {"state", "JPN"}}) == 409);     // a regime's membership is the world's
  CHECK(status_of({{"kind", "concern"}, {"state", "NLD"}, {"value", 0.0}}) == 0);  // before the vote
  run_to(v, 3);
  CHECK(status_of({{"kind", "concern"}, {"state", "NLD"}, {"value", 0.0}}) == 409);  // the vote was taken at month 2
  run_to(v, v.scenario().steps);
  CHECK(status_of({{"kind", "diversion"}, {"value", 0.5}}) == 409);  // the run has ended
}

TEST_CASE("The map's flows are this month's shipments of the controlled item between states", "[classroom]") {
  // Baseline: China's fab needs 0.1 x 100 equipment, its rocket and gadget makers 0.1 x 10
  // each: 12 a month, all imported. Under the US embargo the US ships none of it.
  VariantRun v("usa", four("controls:\n  - {id: eq, instrument: embargo, issuer: USA, items: [equipment], destinations: [CHN], start: 2}\n"));
  run_to(v, 6);
  const auto view = v.view();
  double baseline = 0, from_usa = -1, total = 0;
  for (const auto& f : view["flows"]) {
    CHECK(f["to"] == "CHN");
    baseline += f["baseline"].get<double>();
    total += f["value"].get<double>();
    if (f["from"] == "USA") from_usa = f["value"].get<double>();
  }
  CHECK(baseline == Approx(12.0));
  CHECK(from_usa == 0.0);
  CHECK(total > 0);  // the others still ship, more than at baseline within their headroom
}

TEST_CASE("China retaliating at month 6 of a running variant is the run of a scenario written with its counter-control",
          "[classroom][retaliate]") {
  const std::string trio =
      "controls:\n  - {id: eq, instrument: embargo, issuer: main_three, items: [equipment], destinations: [CHN], start: 2}\n";
  VariantRun live("trio", four(trio));
  run_to(live, 6);
  live.apply(change(live, {{"kind", "retaliate"}, {"state", "CHN"}, {"value", 0.3}}));
  run_to(live, live.scenario().steps);
  // As docs/RESPONSES.md writes a target's answer: every item named, `dominance` keeps
  // what the issuer makes more than half of, to the states that apply the control.
  const auto written = cli_rows(four(trio +
                                     "  - {id: retaliation_by_CHN, instrument: licence_requirement, issuer: CHN, items: "
                                     "[equipment, chips, rockets, gadgets], destinations: [USA, NLD, JPN], dominance: 0.5, "
                                     "licence: {approval_probability: 0.3}, start: 6}\n"));
  testing::check_same_rows(live.rows(), written);
}

TEST_CASE("A firm team's over-compliance acts from the next month, on its own state's exporters only", "[classroom]") {
  // The US lists the rocket maker: its sales to the Chinese fab and gadget maker stay
  // legal, but China is named, so a US firm that de-risks declines them (collateral).
  const std::string controls =
      "controls:\n  - {id: eq, instrument: embargo, issuer: USA, items: [equipment], "
      "destinations: {entities: [cn_rockets]}, start: 2}\n";
  VariantRun live("usa", four(controls)), unchanged("usa", four(controls));
  run_to(live, 5);
  CHECK(live.apply(change(live, {{"kind", "over_compliance"}, {"state", "USA"}, {"value", 1.0}})) == 0);
  run_to(live, live.scenario().steps);
  run_to(unchanged, unchanged.scenario().steps);
  for (int t = 0; t < live.scenario().steps; ++t) {
    INFO("month " << t);
    const double was = world_at(unchanged.rows(), output::Metric::collateral_denial, t);
    CHECK(was == 0);  // nothing legal is refused without it
    // From month 5 itself the US maker's legal sales are refused.
    if (t < 5) CHECK(world_at(live.rows(), output::Metric::collateral_denial, t) == 0);
    else CHECK(world_at(live.rows(), output::Metric::collateral_denial, t) > 0);
  }
  // Set at month 0 it is the scenario with the US's own probability; the Dutch
  // makers (another state's firms) would decline nothing either way: the same rows.
  VariantRun from_start("usa", four(controls));
  from_start.apply(change(from_start, {{"kind", "over_compliance"}, {"state", "USA"}, {"value", 1.0}}));
  run_to(from_start, from_start.scenario().steps);
  testing::check_same_rows(from_start.rows(),
             cli_rows(four(controls + "responses:\n  over_compliance: {by_state: {USA: 1, NLD: 0}}\n")));
  CHECK(live.events().back().find("exporters decline legal sales") != std::string::npos);
}

TEST_CASE("A state's own diversion propensity set at month 0 is the scenario's propensity_by_state", "[classroom]") {
  const std::string controls =
      "controls:\n  - {id: eq, instrument: embargo, issuer: USA, items: [equipment], destinations: [CHN], start: 2}\n"
      "responses:\n  diversion: {intermediaries: [KOR]}\n  resourcing: {search_delay: 1}\n";
  VariantRun v("usa", four(controls));
  v.apply(change(v, {{"kind", "diversion"}, {"state", "CHN"}, {"value", 1.0}}));
  run_to(v, v.scenario().steps);
  std::string by_state = controls;
  by_state.replace(by_state.find("{intermediaries"), 1, "{propensity_by_state: {CHN: 1}, ");
  testing::check_same_rows(v.rows(), cli_rows(four(by_state)));
}
