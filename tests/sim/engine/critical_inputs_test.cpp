// Non-critical inputs (dynamics.critical_input_share): a shortage of an input whose
// recipe coefficient is below the threshold does not limit output.
#include <catch2/catch.hpp>

#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"

using namespace regimesim;

namespace {

// A Japanese car maker makes 100 cars a step from 0.4 steel and 0.001 paint each: 40
// steel from Korea and 0.1 paint from China, which embargoes paint to Japan from step 2.
// There is no other paint maker. Inventories hold two steps of use.
std::string cars_world(const std::string& critical_share) {
  return R"(name: critical
steps: 12
dynamics: {critical_input_share: )" + critical_share + R"(}
responses: {build_at_home: {threshold: 0}}
world:
  states:
    - {code: KOR}
    - {code: CHN}
    - {code: JPN, final_demand: {cars: 100}}
  items:
    - {id: steel}
    - {id: paint}
    - {id: cars, recipe: {steel: 0.4, paint: 0.001}}
  firms:
    - {id: kr_steel, state: KOR, item: steel, capacity: 50}
    - {id: cn_paint, state: CHN, item: paint, capacity: 1}
    - {id: jp_cars, state: JPN, item: cars, capacity: 125}
  links:
    - {supplier: kr_steel, buyer: jp_cars, volume: 1}
    - {supplier: cn_paint, buyer: jp_cars, volume: 1}
controls:
  - {id: paint-embargo, instrument: embargo, issuer: CHN, items: [paint], destinations: [JPN], start: 2}
)";
}

double cars_made_at(const std::string& critical_share, int step) {
  const auto p = ensemble::prepare(load::load_scenario_text(cars_world(critical_share), "critical.yaml", {}));
  const policy::ShipmentPolicy policy(&p->plan);
  engine::Simulation sim(p->scenario, p->network, p->equilibrium, policy);
  for (int t = 0; t <= step; ++t) sim.step();
  return sim.state().output[*p->scenario.world.find_firm("jp_cars")];
}

}  // namespace

TEST_CASE("A strict recipe stops on a paint shortage; a non-critical paint does not", "[engine][critical]") {
  // By hand, strict: the last paint arrives at step 2 (shipped at step 1); the two
  // steps of stock (0.2) and that arrival carry production through step 3, and from
  // step 4 on nothing is left: no cars.
  CHECK(cars_made_at("0", 1) == Approx(100.0));
  CHECK(cars_made_at("0", 11) == Approx(0.0).margin(1e-9));
  // Paint's coefficient 0.001 is below 0.01: it does not bind, and the car maker makes
  // its 100 cars at every step; steel (0.4) stays critical.
  CHECK(cars_made_at("0.01", 11) == Approx(100.0));
  // At a threshold of exactly the coefficient the input is critical again.
  CHECK(cars_made_at("0.001", 11) == Approx(0.0).margin(1e-9));
}
