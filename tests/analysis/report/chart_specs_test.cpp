#include <catch2/catch.hpp>

#include <fmt/format.h>

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
