#include <catch2/catch.hpp>

#include "report/csv_table.hpp"
#include "report/discovery_charts.hpp"

using namespace regimesim::report;
using json = nlohmann::json;

namespace {

// A discovery of three points over inputs a (0 to 1), b (0 to 2) and a category c,
// whose box keeps b at most 1 and leaves a and c free: worked out by hand below.
json three_points() {
  return json::parse(R"({
    "outcome": {"metric": "denial_effectiveness", "group": "WORLD", "statistic": "mean", "above": 0.9, "below": null,
                "words": "denial_effectiveness (mean over 4 runs per point, WORLD, at the horizon) > 0.9"},
    "cases": 3, "holds": 2,
    "inputs": [{"name": "world.states.USA.enforcement_effort", "kind": "number", "min": 0, "max": 1},
               {"name": "responses.diversion.propensity", "kind": "number", "min": 0, "max": 2},
               {"name": "world.coalitions.trio.members", "kind": "category", "labels": ["[USA]", "[USA, NLD]"]}],
    "boxes": [{"coverage": 1.0, "density": 1.0, "support": 0.667, "cases": 2, "holds": 2, "chosen_step": 1,
               "limits": [{"input": "world.states.USA.enforcement_effort", "restricted": false, "low": null, "high": null},
                          {"input": "responses.diversion.propensity", "restricted": true, "low": null, "high": 1},
                          {"input": "world.coalitions.trio.members", "restricted": false, "kept": ["[USA]", "[USA, NLD]"]}],
               "trajectory": [{"coverage": 1.0, "density": 0.667, "support": 1.0, "step": 0, "peeled": ""},
                              {"coverage": 1.0, "density": 1.0, "support": 0.667, "step": 1,
                               "peeled": "responses.diversion.propensity high"}]}],
    "points": [{"at": [0, 0, "[USA]"], "holds": true}, {"at": [1, 2, "[USA, NLD]"], "holds": false},
               {"at": [0.5, 1, "[USA]"], "holds": true}]})");
}

}  // namespace

TEST_CASE("the box over the points: its limits, an open side at the points' extreme, a little beyond", "[report][discovery]") {
  const json d = three_points();
  CHECK(scatter_inputs(d, 0) == std::vector<std::size_t>{0, 1});  // the category is not drawn
  const auto c = box_chart(d, 0);
  REQUIRE(c);
  CHECK(c->name == "discovery-box");
  CHECK(c->x_title == "USA enforcement effort");
  CHECK(c->y_title == "diversion propensity");
  std::size_t cases = 0, holds = 0;
  json box;
  for (const auto& v : c->values) {
    if (v["kind"] == "case") ++cases, holds += v["outcome"] == "holds";
    if (v["kind"] == "box") box = v;
  }
  CHECK(cases == 3);
  CHECK(holds == 2);
  // a is free: its side runs over the points' 0 to 1, padded by 3% of that span; b is kept
  // at most 1 and open below, so from its lowest point, 0, padded by 3% of its span of 2.
  CHECK(box["x"].get<double>() == Approx(-0.03));
  CHECK(box["x2"].get<double>() == Approx(1.03));
  CHECK(box["y"].get<double>() == Approx(-0.06));
  CHECK(box["y2"].get<double>() == Approx(1.06));
}

TEST_CASE("the inputs a box is drawn on: those it restricts first; none with one numeric input", "[report][discovery]") {
  json d = three_points();
  // Restricting a as well does not change the pair; making b a category leaves one number.
  d["boxes"][0]["limits"][0]["restricted"] = true;
  CHECK(scatter_inputs(d, 0) == std::vector<std::size_t>{0, 1});
  d["inputs"][1]["kind"] = "category";
  CHECK(scatter_inputs(d, 0).empty());
  CHECK_FALSE(box_chart(d, 0));
}

TEST_CASE("the peeling trajectory marks the chosen step; later boxes are named by number", "[report][discovery]") {
  json d = three_points();
  const Chart t = trajectory_chart(d, 0);
  CHECK(t.name == "discovery-trajectory");
  REQUIRE(t.values.size() == 2);
  CHECK(t.values[0]["chosen"] == "other steps");
  CHECK(t.values[1]["chosen"] == "chosen box");
  CHECK(t.values[1]["peeled"] == "responses.diversion.propensity high");
  d["boxes"].push_back(d["boxes"][0]);
  CHECK(trajectory_chart(d, 1).name == "discovery-trajectory-2");
  CHECK(box_chart(d, 1)->name == "discovery-box-2");
  // A share metric's threshold in percent, in the title.
  CHECK(discovery_title(d) == "Controlled items kept from their targets above 90.0%");
}

TEST_CASE("read_discovery names the file and what is missing", "[report][discovery]") {
  json d = three_points();
  CHECK_NOTHROW(read_discovery(d.dump(), "boxes.json"));
  json no_points = d;
  no_points.erase("points");
  CHECK_THROWS_WITH(read_discovery(no_points.dump(), "boxes.json"), Catch::Contains("boxes.json: no `points` list"));
  json short_limits = d;
  short_limits["boxes"][0]["limits"].erase(2);
  CHECK_THROWS_WITH(read_discovery(short_limits.dump(), "boxes.json"),
                    Catch::Contains("boxes[0].limits does not list one limit per input"));
  CHECK_THROWS_WITH(read_discovery("{\"outcome\": ", "boxes.json"), Catch::Contains("boxes.json: not valid JSON"));
}
