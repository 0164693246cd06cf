// A prohibition's wind-down (existing contracts ship for N steps) and named exemptions
// (buyers the control does not apply to), worked out by hand on two Chinese fabs.
#include <catch2/catch.hpp>

#include "ensemble/paired_run.hpp"
#include "engine/simulation.hpp"
#include "load/scenario_loader.hpp"
#include "model/scenario_error.hpp"
#include "policy/shipment_policy.hpp"

using namespace regimesim;

namespace {

// Two Chinese fabs each make 50 chips a step (China's demand of 100 splits over them by
// capacity) from 0.1 US tools each: 5 tools a step each, with a stock of 2 steps (10).
// The US embargoes tools to China from step 4.
std::string world(const std::string& control_extra) {
  return R"(name: wind-down
steps: 16
world:
  states:
    - {code: USA}
    - {code: CHN, final_demand: {chips: 100}}
  items:
    - {id: tools, tier: 3}
    - {id: chips, tier: 4, recipe: {tools: 0.1}}
  firms:
    - {id: us_tools, state: USA, item: tools, capacity: 20}
    - {id: cn_fab_a, state: CHN, item: chips, capacity: 62.5}
    - {id: cn_fab_b, state: CHN, item: chips, capacity: 62.5}
  links:
    - {supplier: us_tools, buyer: cn_fab_a, volume: 1}
    - {supplier: us_tools, buyer: cn_fab_b, volume: 1}
controls:
  - {id: ban, instrument: prohibition, issuer: USA, items: [tools], destinations: [CHN], start: 4)" + control_extra + R"(}
)";
}

// Each fab's output per step.
std::vector<std::vector<double>> outputs(const std::string& yaml) {
  const auto p = ensemble::prepare(load::load_scenario_text(yaml, "wind-down.yaml"));
  const policy::ShipmentPolicy controls(&p->plan);
  engine::Simulation sim(p->scenario, p->network, p->equilibrium, controls);
  const World& w = p->scenario.world;
  const FirmId a = *w.find_firm("cn_fab_a"), b = *w.find_firm("cn_fab_b");
  std::vector<std::vector<double>> out(2);
  for (int t = 0; t < p->scenario.steps; ++t) {
    sim.step();
    out[0].push_back(sim.state().output[a]);
    out[1].push_back(sim.state().output[b]);
  }
  return out;
}

}  // namespace

TEST_CASE("A wind-down lets existing contracts ship for N steps: the cut comes N steps later", "[policy][wind-down]") {
  const auto plain = outputs(world(""));
  // By hand: orders stop from step 4; each fab's stock of 10 lasts steps 4 and 5.
  for (int t = 0; t < 6; ++t) CHECK(plain[0][t] == Approx(50));
  CHECK(plain[0][6] == Approx(0).margin(1e-9));
  for (int n : {1, 3, 5}) {
    const auto wound = outputs(world(", wind_down: " + std::to_string(n)));
    // Metamorphic: the whole path is the plain one, n steps later.
    for (int t = 0; t + n < 16; ++t)
      for (int f = 0; f < 2; ++f) CHECK(wound[f][t + n] == Approx(plain[f][t]).margin(1e-9));
  }
}

TEST_CASE("A named exemption leaves that buyer out of the control, and only that buyer", "[policy][exempt]") {
  const auto out = outputs(world(", exempt: [cn_fab_a]"));
  // The exempt fab never goes short; once the other stops, China's final users turn to it
  // and it runs at its capacity, 62.5 (1.25 x its 50), at the end.
  for (int t = 0; t < 16; ++t) CHECK(out[0][t] >= 50 - 1e-9);
  CHECK(out[0][15] == Approx(62.5));
  CHECK(out[1][6] == Approx(0).margin(1e-9));  // the other is cut as before
  // An empty list or null exempts nobody: the run of the control without the key.
  CHECK(outputs(world(", exempt: []")) == outputs(world("")));
  CHECK(outputs(world(", exempt: null")) == outputs(world("")));
  // Exempting a firm that does not exist is a located error.
  CHECK_THROWS_WITH(load::load_scenario_text(world(", exempt: [cn_fab_z]"), "wind-down.yaml"),
                    Catch::Contains("controls[0].exempt"));
  CHECK_THROWS_WITH(load::load_scenario_text(world(", wind_down: -2"), "wind-down.yaml"),
                    Catch::Contains("controls[0].wind_down"));
}
