#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <set>

#include "report/chart_data.hpp"
#include "report/csv_table.hpp"
#include "report/chart_words.hpp"
#include "report/series.hpp"

using namespace regimesim::report;

namespace {
// The hand-made fixtures (fixtures/README.md): every band is mean +- 0.1 and +- 0.02.
SeriesTable fixture(const std::string& name) {
  const std::string file = std::string(REPORT_FIXTURES) + "/" + name + "/statistics.csv";
  return read_statistics(read_text_file(file), file, charted_metrics());
}

std::set<std::string> series_of(const Chart& c) {
  std::set<std::string> s;
  for (const auto& v : c.values) s.insert(v["series"].get<std::string>());
  return s;
}

const nlohmann::json& record(const Chart& c, const std::string& series, int step) {
  for (const auto& v : c.values)
    if (v["series"] == series && v["step"] == step) return v;
  FAIL("no record for " << series << " at step " << step);
  return c.values;
}
}  // namespace

TEST_CASE("time-series bands are the statistics columns of the same row", "[report][charts]") {
  const auto t = fixture("ensemble");
  const auto c = denial_chart(t);
  REQUIRE(c);
  // CHN is the only target: its denial is the world's at every step (the fixture's rows),
  // so it is drawn once, as the world's, and the caption says so.
  CHECK(series_of(*c) == std::set<std::string>{"world"});
  CHECK(c->values.size() == 4);  // one series, four steps
  CHECK_THAT(c->caption, Catch::Contains("CHN: the same as the world's"));
  CHECK(c->last_step == 3);
  const auto& r = record(*c, "world", 3);  // the fixture's row: mean 0.6, q05 0.5, q95 0.7, CI 0.58-0.62
  CHECK(r["value"].get<double>() == Approx(0.6));
  CHECK(r["q05"].get<double>() == Approx(0.5));
  CHECK(r["q95"].get<double>() == Approx(0.7));
  CHECK(r["ci95_low"].get<double>() == Approx(0.58));
  CHECK(r["ci95_high"].get<double>() == Approx(0.62));
  // Before the embargo (step 0), nothing is denied.
  CHECK(record(*c, "world", 0)["value"].get<double>() == 0);
}

TEST_CASE("a state whose line differs from the world's by a step keeps its own line", "[report][charts]") {
  auto t = fixture("ensemble");
  for (auto& r : t.rows)
    if (r.metric == "denial_effectiveness" && r.state == "CHN" && r.step == 3) r.mean += 0.01;
  const auto c = denial_chart(t);
  REQUIRE(c);
  CHECK(series_of(*c) == std::set<std::string>{"world", "CHN"});
  CHECK_THAT(c->caption, !Catch::Contains("the same as the world's"));
}

TEST_CASE("per-item charts show the pairs that moved, labelled state and item", "[report][charts]") {
  const auto t = fixture("ensemble");
  const auto price = price_chart(t);
  REQUIRE(price);
  // Both lines are of chips: the item names the chart, the states the lines.
  CHECK(series_of(*price) == std::set<std::string>{"CHN", "USA"});
  CHECK(price->title == "Prices buyers face (chips)");
  CHECK(price->y_title == "price (baseline price = 1)");
  CHECK(record(*price, "CHN", 2)["value"].get<double>() == Approx(1.5));
  const auto share = market_share_chart(t);
  REQUIRE(share);
  CHECK(record(*share, "USA", 3)["value"].get<double>() == Approx(0.8));
  const auto loss = output_loss_chart(t);
  REQUIRE(loss);
  CHECK(series_of(*loss) == std::set<std::string>{"world", "CHN", "USA"});
}

TEST_CASE("state charts keep the world and the five states that moved most", "[report][charts]") {
  // Eight states whose loss is k/100 at step 0: the five largest are S4..S8.
  std::string csv = "scenario,run,seed,step,state,item,metric,value\ns,0,1,0,WORLD,all,output_loss,0.01\n";
  for (int k = 1; k <= 8; ++k) csv += fmt::format("s,0,1,0,S{},all,output_loss,{}\n", k, k / 100.0);
  const auto c = output_loss_chart(read_timeseries(csv, "t.csv", charted_metrics()));
  REQUIRE(c);
  CHECK(series_of(*c) == std::set<std::string>{"world", "S4", "S5", "S6", "S7", "S8"});
  CHECK_FALSE(price_chart(read_timeseries(csv, "t.csv", charted_metrics())));  // no price rows, no chart
}

TEST_CASE("gains and losses by state at the last step", "[report][charts]") {
  const auto t = fixture("ensemble");
  const auto bars = state_output_loss_chart(t);
  REQUIRE(bars);
  REQUIRE(bars->values.size() == 2);  // CHN and USA; the world is not a state
  CHECK(bars->values[0]["state"] == "CHN");  // largest loss first
  CHECK(bars->values[0]["value"].get<double>() == Approx(0.2));
  CHECK(bars->values[0]["ci95_low"].get<double>() == Approx(0.18));
  CHECK(bars->values[1]["value"].get<double>() == Approx(-0.05));
  const auto shifts = largest_share_changes(t, 1);
  REQUIRE(shifts.size() == 2);
  CHECK(shifts[0].state == "USA");
  CHECK(shifts[0].shift == Approx(0.1));
  CHECK(shifts[0].share == Approx(0.8));
  CHECK(shifts[1].state == "CHN");
  CHECK(shifts[1].shift == Approx(-0.1));
}

TEST_CASE("a sweep gives response curves at the last step, one point per swept value", "[report][charts]") {
  const auto t = fixture("sweep");
  std::vector<std::string> zero;
  const auto curves = response_curves(t, &zero);
  REQUIRE(curves.size() == 2);  // denial and output loss; price is not a world-level metric
  CHECK(zero.empty());
  const Chart& denial = curves[0];
  CHECK(denial.x_title == "USA enforcement effort");  // plain words, not the key path
  CHECK(denial.y_title == "share denied");
  CHECK(denial.name == "response-denial-effectiveness");
  CHECK(denial.numeric_x);
  REQUIRE(denial.values.size() == 3);
  for (const auto& v : denial.values) {  // the fixture: 0.4 + 0.4 * effort
    CHECK(v["value"].get<double>() == Approx(0.4 + 0.4 * v["x"].get<double>()));
    CHECK(v["q95"].get<double>() == Approx(v["value"].get<double>() + 0.1));
  }
  // Time series in a sweep: one line per point, for the single pair that moved most,
  // labelled by the swept value, in its numeric order; the legend names the key.
  const auto price = price_chart(t);
  REQUIRE(price);
  CHECK(price->series_order == std::vector<std::string>{"0", "0.5", "1"});
  CHECK(price->legend_title == "USA enforcement effort");
  CHECK(price->title == "Prices buyers face (CHN, chips)");
  CHECK_FALSE(state_output_loss_chart(t));
}

TEST_CASE("comparison.csv as compare writes it, with optional confidence intervals", "[report][charts]") {
  const std::string csv =
      "scenario,metric,group,when,value\n"
      "a,denial_effectiveness,WORLD,at the horizon,0.875\n"
      "a,collateral_denial,DEVELOPING,summed over the run,2\n"
      "a,output_loss,WORLD,1 - output summed over the run / baseline,0.5\n"
      "b,denial_effectiveness,WORLD,at the horizon,1\n";
  const auto rows = read_comparison(csv, "comparison.csv");
  REQUIRE(rows.size() == 4);
  CHECK(comparison_label(rows[0]) == "Controlled items kept from their targets, at the end");
  CHECK(comparison_label(rows[1]) == "Bystanders' baseline trade blocked (in developing states), over the whole run");
  CHECK(comparison_label(rows[2]) == "Output lost against the baseline, over the whole run");
  const auto c = comparison_chart(rows);
  REQUIRE(c);
  CHECK(c->values[3]["scenario"] == "b");
  CHECK(c->values[3]["order"] == 0);  // b's denial shares a's first panel
  // Shares are drawn in percent, and the panel's title says so; amounts as they are.
  CHECK(c->values[3]["value"].get<double>() == Approx(100));
  CHECK(c->values[3]["label"] == "Controlled items kept from their targets\nat the end, in %");
  CHECK(c->values[1]["value"].get<double>() == Approx(2));
  CHECK(c->values[1]["label"] == "Bystanders' baseline trade blocked\nin developing states\nover the whole run, volume at baseline prices");
  // A title wider than a panel breaks into lines, after its colon first.
  const auto wide = comparison_chart(read_comparison(
      "scenario,metric,group,when,value\na,substitution_share,WORLD,at the horizon,0.5\n", "c.csv"));
  REQUIRE(wide);
  CHECK(wide->values[0]["label"] == "Of what still reaches the targets:\nshare from non-controllers\nat the end, in %");
  const auto with_ci = read_comparison("scenario,metric,group,when,value,ci95_low,ci95_high\na,m,WORLD,x,1,0.9,1.1\n", "c.csv");
  REQUIRE(with_ci[0].ci95_low);
  CHECK(*with_ci[0].ci95_high == 1.1);
}

TEST_CASE("with many states the bars keep those that lost most and least", "[report][charts]") {
  // Five states losing 0.1..0.5 at the last step; two per side keeps S5, S4 and S2, S1.
  std::string csv = "scenario,run,seed,step,state,item,metric,value\n";
  for (int k = 1; k <= 5; ++k) csv += fmt::format("s,0,1,0,S{},all,output_loss,{}\n", k, k / 10.0);
  const auto bars = state_output_loss_chart(read_timeseries(csv, "t.csv", charted_metrics()), 2);
  REQUIRE(bars);
  REQUIRE(bars->values.size() == 4);
  CHECK(bars->values[0]["state"] == "S5");
  CHECK(bars->values[1]["state"] == "S4");
  CHECK(bars->values[2]["state"] == "S2");
  CHECK(bars->values[3]["state"] == "S1");
  CHECK(state_output_loss_chart(read_timeseries(csv, "t.csv", charted_metrics()), 3)->values.size() == 5);
}

TEST_CASE("a comparison's time series: one line per scenario, in the comparison's order, with bands", "[report][charts]") {
  const auto t = fixture("comparison");
  const auto denial = denial_chart(t);
  REQUIRE(denial);
  // The three issuers' paths on one chart, the world's only (a state's would tangle with them).
  CHECK(denial->series_order == std::vector<std::string>{"unilateral", "small-circle", "regime-wide"});
  CHECK(denial->legend_title == "scenario");
  CHECK(denial->title == "Controlled items kept from their targets (world)");
  CHECK(record(*denial, "small-circle", 5)["value"].get<double>() == Approx(0.9));
  CHECK(record(*denial, "small-circle", 5)["ci95_low"].get<double>() == Approx(0.88));
  CHECK(record(*denial, "unilateral", 2)["value"].get<double>() == 0);  // before the control starts
  const auto price = price_chart(t);
  REQUIRE(price);
  CHECK(price->title == "Prices buyers face (CHN, lithography)");
  CHECK(record(*price, "regime-wide", 4)["value"].get<double>() == Approx(2));
  // Bars per state would mix the scenarios: none.
  CHECK_FALSE(state_output_loss_chart(t));
}

TEST_CASE("metrics and swept keys in plain words", "[report][words]") {
  CHECK(key_in_words("world.states.USA.enforcement_effort") == "USA enforcement effort");
  CHECK(key_in_words("world.coalitions.chip_circle.members") == "chip_circle members");
  CHECK(key_in_words("controls.0.licence.approval_probability") == "licence approval probability");
  CHECK(key_in_words("seed") == "seed");
  CHECK(metric_words("denial_effectiveness").title == "Controlled items kept from their targets");
  CHECK(metric_words("no_such_metric").title == "no_such_metric");  // an unknown metric keeps its id
}

TEST_CASE("a response curve that is zero at every point is named, not drawn", "[report][charts]") {
  std::string csv = "scenario,run,seed,k,step,state,item,metric,value\n";
  for (const char* k : {"0", "1"}) {
    csv += fmt::format("s,0,1,{},0,WORLD,all,collateral_denial,0\n", k);
    csv += fmt::format("s,0,1,{},0,WORLD,all,denial_effectiveness,{}\n", k, k);
  }
  std::vector<std::string> zero;
  const auto curves = response_curves(read_timeseries(csv, "t.csv", charted_metrics()), &zero);
  REQUIRE(curves.size() == 1);
  CHECK(curves[0].name == "response-denial-effectiveness");
  CHECK(zero == std::vector<std::string>{"collateral_denial"});
}
