// Anticipation (behaviour/anticipation): a control announced before it starts makes the
// buyers it will cut off stock up, worked out by hand on a one-link world.
#include <catch2/catch.hpp>

#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "model/scenario_error.hpp"
#include "policy/shipment_policy.hpp"

using namespace regimesim;

namespace {

// A Chinese fab makes 100 chips a step for Chinese final users from 0.1 US tools each:
// 10 tools a step. Its target stock is inventory_periods (2) x 10 = 20; the US maker
// has room for 40. The US embargoes tools to China from step 6, announced at step 3.
std::string world(const std::string& control_extra, const std::string& responses = "") {
  return R"(name: anticipation
steps: 14
world:
  states:
    - {code: USA}
    - {code: CHN, final_demand: {chips: 100}}
  items:
    - {id: tools, tier: 3}
    - {id: chips, tier: 4, recipe: {tools: 0.1}}
  firms:
    - {id: us_tools, state: USA, item: tools, capacity: 40}
    - {id: cn_fab, state: CHN, item: chips, capacity: 125}
  links:
    - {supplier: us_tools, buyer: cn_fab, volume: 1}
controls:
  - {id: ban, instrument: embargo, issuer: USA, items: [tools], destinations: [CHN], start: 6)" + control_extra + R"(}
)" + responses;
}

struct Trace {
  std::vector<double> order, output;  // the fab's order of tools, and its output, per step
};

Trace trace(const std::string& yaml) {
  const auto p = ensemble::prepare(load::load_scenario_text(yaml, "anticipation.yaml"));
  const policy::ShipmentPolicy controls(&p->plan);
  engine::Simulation sim(p->scenario, p->network, p->equilibrium, controls);
  const FirmId fab = *p->scenario.world.find_firm("cn_fab");
  Trace t;
  for (int step = 0; step < p->scenario.steps; ++step) {
    sim.step();
    t.order.push_back(sim.state().order[0]);  // the world's one supply link
    t.output.push_back(sim.state().output[fab]);
  }
  return t;
}

}  // namespace

TEST_CASE("An announced control makes the buyers it will cut off stock up, then draw the stock down",
          "[behaviour][anticipation]") {
  const Trace unannounced = trace(world(""));
  const Trace announced = trace(world(", announced: 3"));
  // Before the announcement nothing differs: 10 tools a step.
  for (int t = 0; t < 3; ++t) {
    CHECK(announced.order[t] == Approx(10));
    CHECK(announced.order[t] == unannounced.order[t]);
  }
  // At step 3 the target rises to (2 + 3 default extra) x 10 = 50 while the stock stands
  // where the usual target holds it: a gap of 30, ordered at the refill rate 1/2 on top
  // of the 10 used. By hand: 10 + 30 / 2 = 25.
  CHECK(announced.order[3] == Approx(25));
  CHECK(unannounced.order[3] == Approx(10));
  // Orders stay above use until the start, and the embargo stops them both from step 6.
  CHECK(announced.order[4] > 10);
  CHECK(announced.order[5] > 10);
  // The stock carries the fab: once the embargo bites, it makes its 100 chips for more
  // steps with the announcement than without.
  auto full_steps = [](const Trace& t) {
    int n = 0;
    for (std::size_t s = 6; s < t.output.size(); ++s) n += t.output[s] >= 100 - 1e-9;
    return n;
  };
  CHECK(full_steps(announced) > full_steps(unannounced));
  // What it makes after the start adds up to what it stocked: 10 tools a step of use
  // are 100 chips, so 1 extra tool in stock is 10 extra chips; the extra stock is the
  // extra ordered before the start, shipped by step 5 and arrived by step 6.
  double extra_tools = 0, extra_chips = 0;
  for (int s = 0; s < 6; ++s) extra_tools += announced.order[s] - unannounced.order[s];
  for (std::size_t s = 6; s < announced.output.size(); ++s) extra_chips += announced.output[s] - unannounced.output[s];
  CHECK(extra_chips == Approx(10 * extra_tools).epsilon(1e-9));
  // Metamorphic: no extra stock is the unannounced run, step for step.
  const Trace none = trace(world(", announced: 3", "responses: {anticipation: {extra_stock_periods: 0}}\n"));
  for (std::size_t s = 0; s < none.order.size(); ++s) CHECK(none.order[s] == unannounced.order[s]);
}

TEST_CASE("An announcement after the start, or before 0, is a located error", "[behaviour][anticipation]") {
  CHECK_THROWS_WITH(load::load_scenario_text(world(", announced: 7"), "anticipation.yaml"),
                    Catch::Contains("controls[0].announced") && Catch::Contains("must be a step from 0 to the control's start (6)"));
  CHECK_THROWS_AS(load::load_scenario_text(world(", announced: -1"), "anticipation.yaml"), ScenarioError);
}
