#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <set>
#include <string>

#include "report/chart_data.hpp"
#include "report/chart_specs.hpp"
#include "report/csv_table.hpp"

using namespace regimesim::report;
using json = nlohmann::json;

namespace {
SeriesTable fixture(const std::string& name) {
  const std::string file = std::string(REPORT_FIXTURES) + "/" + name + "/statistics.csv";
  return read_statistics(read_text_file(file), file, charted_metrics());
}

const json& line_layer(const json& spec) { return spec["layer"].back(); }
}  // namespace

TEST_CASE("percent axes leave the digits to the tick step", "[report][specs]") {
  // A fixed ".0%" printed 93% 93% 93% over 93.0-93.5%; "%" without a precision lets
  // Vega choose as many digits as the ticks' step needs.
  const auto denial = denial_chart(fixture("ensemble"));
  REQUIRE(denial);
  const json spec = vega_lite_spec(*denial);
  CHECK(line_layer(spec)["encoding"]["y"]["axis"]["format"] == "%");
  const auto price = price_chart(fixture("ensemble"));
  REQUIRE(price);
  CHECK_FALSE(line_layer(vega_lite_spec(*price))["encoding"]["y"]["axis"].contains("format"));  // not a share
}

TEST_CASE("a flat line gets a y domain around it, so that its ticks have a step", "[report][specs]") {
  // A share stuck at 100% (one maker of an item) left Vega a zero-width domain and "100.000000%".
  std::string csv = "scenario,run,seed,step,state,item,metric,value\n";
  for (int step = 0; step < 4; ++step) csv += fmt::format("s,0,1,{},KOR,ore,market_share,1\n", step);
  const auto c = market_share_chart(read_timeseries(csv, "t.csv", charted_metrics()));
  REQUIRE(c);
  const json y = line_layer(vega_lite_spec(*c))["encoding"]["y"];
  CHECK(y["scale"]["domain"][0].get<double>() == Approx(0.995));
  CHECK(y["scale"]["domain"][1].get<double>() == Approx(1.005));
  // A line that moves keeps Vega's own domain.
  CHECK_FALSE(line_layer(vega_lite_spec(*denial_chart(fixture("ensemble"))))["encoding"]["y"]["scale"].contains("domain"));
}

TEST_CASE("lines differ in colour and dash, in one legend titled by what differs", "[report][specs]") {
  const auto price = price_chart(fixture("sweep"));
  REQUIRE(price);
  const json enc = line_layer(vega_lite_spec(*price))["encoding"];
  CHECK(enc["color"]["field"] == "series");
  // The same field, legend and domain: Vega-Lite merges them into one legend.
  CHECK(enc["strokeDash"]["field"] == "series");
  CHECK(enc["strokeDash"]["legend"] == enc["color"]["legend"]);
  CHECK(enc["strokeDash"]["scale"]["domain"] == enc["color"]["scale"]["domain"]);
  CHECK(enc["strokeDash"]["scale"]["range"].size() >= 6);  // six lines, six dashes
  CHECK(enc["color"]["scale"]["domain"] == json({"0", "0.5", "1"}));
  CHECK(enc["color"]["legend"]["title"] == "USA enforcement effort");
  // The bands state the very same channel: one differing would switch the legend's colours off.
  const json spec = vega_lite_spec(*price);
  CHECK(spec["layer"][0]["encoding"]["color"] == enc["color"]);
  // Response curves add a point shape per line.
  const auto curves = response_curves(fixture("sweep"));
  REQUIRE_FALSE(curves.empty());
  const json curve = line_layer(vega_lite_spec(curves[0]));
  CHECK(curve["mark"]["point"]["filled"] == true);
}

TEST_CASE("a chart carries its title, so that an exported image says what it shows", "[report][specs]") {
  const auto denial = denial_chart(fixture("comparison"));
  REQUIRE(denial);
  const json spec = vega_lite_spec(*denial);
  CHECK(spec["title"]["text"] == "Controlled items kept from their targets (world)");
  CHECK(spec["config"]["background"] == "white");
  CHECK(line_layer(spec)["encoding"]["x"]["title"] == "month");
  CHECK(line_layer(spec)["encoding"]["y"]["title"] == "share denied");
}

namespace {
// A sweep of `points` values of one key (and, with `second`, two values of a second key),
// one world denial row a step: the line of point p is p / points at every step.
SeriesTable many_points(int points, bool second) {
  std::string csv = second ? "scenario,run,seed,world.states.USA.enforcement_effort,responses.diversion.propensity,step,"
                             "state,item,metric,value\n"
                           : "scenario,run,seed,world.states.USA.enforcement_effort,step,state,item,metric,value\n";
  for (int p = 0; p < points; ++p)
    for (const char* q : {"0.2", "0.8"}) {
      if (!second && std::string(q) == "0.8") continue;
      for (int step = 0; step < 3; ++step)
        csv += fmt::format("s,0,1,{}{}{},{},WORLD,all,denial_effectiveness,{}\n", fmt::format("{}", p * 0.04),
                           second ? "," : "", second ? q : "", step, p * 0.01 + (std::string(q) == "0.8" ? 0.5 : 0));
    }
  return read_timeseries(csv, "t.csv", charted_metrics());
}
}  // namespace

TEST_CASE("many sweep points are shaded by the swept value, not told apart by 25 repeating colours", "[report][specs]") {
  const auto c = denial_chart(many_points(25, false));
  REQUIRE(c);
  CHECK(c->series_order.size() == 25);
  CHECK(c->shade_title == "USA enforcement effort");
  CHECK(c->dash_title.empty());
  for (const auto& v : c->values)  // each record's shade is its point's value: the series label, a number
    CHECK(v["shade"].get<double>() == Approx(std::stod(v["series"].get<std::string>())));
  const json spec = vega_lite_spec(*c);
  REQUIRE(spec["layer"].size() == 1);  // no bands piled up under 25 lines
  const json enc = line_layer(spec)["encoding"];
  CHECK(enc["color"]["field"] == "shade");
  CHECK(enc["color"]["type"] == "quantitative");
  CHECK(enc["detail"]["field"] == "series");  // one line per point, not one line through all
  CHECK_FALSE(enc.contains("strokeDash"));
  CHECK(c->caption.find("25 sweep points") != std::string::npos);

  // A second key: shaded by the first, dashed by the second, in a legend of its own.
  const auto two = denial_chart(many_points(13, true));
  REQUIRE(two);
  CHECK(two->series_order.size() == 26);
  CHECK(two->dash_title == "diversion propensity");
  std::set<std::string> dashes;
  for (const auto& v : two->values) dashes.insert(v["dash"].get<std::string>());
  CHECK(dashes.size() == 2);
  CHECK(line_layer(vega_lite_spec(*two))["encoding"]["strokeDash"]["field"] == "dash");

  // Eight points or fewer keep a line a legend entry, coloured and dashed by series.
  const auto few = denial_chart(many_points(8, false));
  REQUIRE(few);
  CHECK(few->shade_title.empty());
  CHECK(line_layer(vega_lite_spec(*few))["encoding"]["color"]["field"] == "series");
}
