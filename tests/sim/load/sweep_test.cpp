// Sweeps: the option and section syntax, ranges, the product design, and that each
// point's scenario carries its values (and bad values are located errors).
#include <catch2/catch.hpp>

#include "load/sweep.hpp"
#include "model/scenario_error.hpp"

using namespace regimesim;

namespace {
const std::string kScenario = R"(name: s
steps: 3
world:
  states:
    - {code: AUS, enforcement_effort: 0.5}
    - {code: KOR, final_demand: {steel: 10}}
    - {code: JPN}
  coalitions:
    - {id: club, members: [AUS]}
  items:
    - {id: ore}
    - {id: steel, recipe: {ore: 0.5}}
  firms:
    - {id: mine, state: AUS, item: ore, capacity: 20}
    - {id: mill, state: KOR, item: steel, capacity: 50}
  links:
    - {supplier: mine, buyer: mill, volume: 1}
)";

std::string error_text(const std::string& text, const std::vector<std::string>& sweeps) {
  try {
    load::load_design_text(text, "s.yaml", {}, sweeps);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("A list sweep splits at top-level commas and semicolons, and brackets keep a list whole", "[load][sweep]") {
  const auto a = load::parse_sweep_option("world.coalitions.club.members=[AUS,JPN],[AUS];[JPN, KOR]");
  CHECK(a.key == "world.coalitions.club.members");
  REQUIRE(a.values.size() == 3);
  CHECK(a.values[0].items.size() == 2);
  CHECK(a.values[1].items.size() == 1);
  CHECK(load::flow_text(a.values[2]) == "[JPN, KOR]");
  const auto b = load::parse_sweep_option("seed=1,2,3");
  REQUIRE(b.values.size() == 3);
  CHECK(b.values[2].scalar == "3");
}

TEST_CASE("A range includes its stop and is written without drift", "[load][sweep]") {
  const Origin at{"--sweep", 0, 0, "k"};
  CHECK(load::range_values("0", "1", "0.25", at) == std::vector<std::string>{"0", "0.25", "0.5", "0.75", "1"});
  // 0.1 * 3 is 0.30000000000000004 in binary; the bounds have one decimal, so the value is 0.3
  const auto tenths = load::range_values("0", "1", "0.1", at);
  REQUIRE(tenths.size() == 11);
  CHECK(tenths[3] == "0.3");
  CHECK(tenths[10] == "1");
  CHECK(load::range_values("1", "0", "-0.5", at) == std::vector<std::string>{"1", "0.5", "0"});
  CHECK(load::range_values("0", "10", "4", at) == std::vector<std::string>{"0", "4", "8"});  // 12 would pass the stop
  CHECK_THROWS_AS(load::range_values("0", "1", "0", at), ScenarioError);
  CHECK_THROWS_AS(load::range_values("0", "1", "-1", at), ScenarioError);
  const auto r = load::parse_sweep_option("world.states.AUS.enforcement_effort=0:1:0.5");
  CHECK(r.values.size() == 3);
}

TEST_CASE("The design is the product of the sweeps, the first varying slowest", "[load][sweep]") {
  const auto d = load::load_design_text(kScenario, "s.yaml", {},
                                        {"world.states.AUS.enforcement_effort=0,1", "world.coalitions.club.members=[AUS];[AUS,JPN];[JPN]"});
  REQUIRE(d.points.size() == 6);
  REQUIRE(d.design.points() == 6);
  CHECK(d.design.keys == std::vector<std::string>{"world.states.AUS.enforcement_effort", "world.coalitions.club.members"});
  CHECK(d.design.cells[0] == std::vector<std::string>{"0", "[AUS]"});
  CHECK(d.design.cells[1] == std::vector<std::string>{"0", "[AUS, JPN]"});
  CHECK(d.design.cells[5] == std::vector<std::string>{"1", "[JPN]"});
  CHECK(d.design.json[4][1] == R"(["AUS","JPN"])");
  for (std::size_t p = 0; p < 6; ++p) {
    const Scenario& s = d.points[p];
    CHECK(s.world.states[0].enforcement_effort == (p < 3 ? 0.0 : 1.0));
    CHECK(s.world.coalitions[0].members.size() == (p % 3 == 1 ? 2u : 1u));
  }
  // and without a sweep: one point, no keys, the scenario as written
  const auto plain = load::load_design_text(kScenario, "s.yaml", {}, {});
  CHECK(plain.design.points() == 1);
  CHECK(plain.design.keys.empty());
  CHECK(plain.points[0].world.states[0].enforcement_effort == 0.5);
}

TEST_CASE("A scenario sweep section takes lists and ranges, and --sweep replaces a key it names", "[load][sweep]") {
  const std::string text = kScenario + "sweep:\n  world.states.AUS.enforcement_effort: {start: 0, stop: 0.5, step: 0.25}\n"
                                       "  seed: [7, 8]\n";
  const auto d = load::load_design_text(text, "s.yaml", {}, {});
  REQUIRE(d.points.size() == 6);
  CHECK(d.points[1].seed == 8);
  CHECK(d.points[2].world.states[0].enforcement_effort == 0.25);
  const auto e = load::load_design_text(text, "s.yaml", {}, {"seed=9"});
  REQUIRE(e.points.size() == 3);
  CHECK(e.design.keys == std::vector<std::string>{"world.states.AUS.enforcement_effort", "seed"});
  CHECK(e.points[2].seed == 9);
}

TEST_CASE("Bad sweeps are located errors raised before anything runs", "[load][sweep]") {
  CHECK_THAT(error_text(kScenario, {"world.states.AUS.enforcment_effort=0,1"}),
             Catch::Contains("world.states.AUS.enforcment_effort: unknown key") && Catch::Contains("enforcement_effort"));
  CHECK_THAT(error_text(kScenario, {"world.states.AUS.enforcement_effort=0.5,2"}),
             Catch::Contains("--sweep world.states.AUS.enforcement_effort=2") && Catch::Contains("between 0 and 1"));
  CHECK_THAT(error_text(kScenario, {"world.coalitions.club.members=[AUS,XXX]"}), Catch::Contains("unknown state 'XXX'"));
  CHECK_THAT(error_text(kScenario, {"world.states.ZZZ.enforcement_effort=1"}), Catch::Contains("no element 'ZZZ'"));
  CHECK_THAT(error_text(kScenario, {"seed=1", "seed=2"}), Catch::Contains("swept twice"));
  CHECK_THAT(error_text(kScenario, {"seed"}), Catch::Contains("key.path=a,b,c"));
  // in the file: the error points at the line of the bad value
  CHECK_THAT(error_text(kScenario + "sweep:\n  world.states.AUS.enforcement_effort: [0, 3]\n", {}),
             Catch::Contains("s.yaml:19:") && Catch::Contains("between 0 and 1"));
  CHECK_THAT(error_text(kScenario + "sweep:\n  steps: {start: 1, stop: 3}\n", {}), Catch::Contains("sweep.steps"));
  CHECK_THAT(error_text(kScenario + "sweep:\n  steps: 3\n", {}), Catch::Contains("expected a list of values"));
}
