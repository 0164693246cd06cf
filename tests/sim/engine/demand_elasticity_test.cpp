// Price-elastic final demand (dynamics.demand_elasticity): a consumer asks for its
// demand x p^-elasticity, p its suppliers' share-weighted price, read when it orders.
#include <catch2/catch.hpp>

#include <cmath>

#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "policy/shipment_policy.hpp"

using namespace regimesim;

namespace {

// China's fab makes 100 chips a step from 0.1 US tools each; the US embargoes tools
// from step 2 and no one else makes them, so the fab runs dry, fills less than it is
// asked and its price rises by the scarcity rule.
std::string world(double elasticity) {
  return R"(name: elastic
steps: 10
dynamics: {demand_elasticity: )" + std::to_string(elasticity) + R"(}
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
  - {id: tools-ban, instrument: embargo, issuer: USA, items: [tools], destinations: [CHN], start: 2}
)";
}

}  // namespace

TEST_CASE("demand elasticity: each step the consumer asks 100 x (last step's price)^-e", "[engine][prices]") {
  for (double e : {0.0, 0.5, 2.0}) {
    const auto p = ensemble::prepare(load::load_scenario_text(world(e), "elastic.yaml"));
    const policy::ShipmentPolicy controls(&p->plan);
    engine::Simulation sim(p->scenario, p->network, p->equilibrium, controls);
    const FirmId fab = *p->scenario.world.find_firm("cn_fab");
    const std::uint32_t consumer = p->network.firm_count;  // the only consumer: China's chip buyers
    const std::uint32_t link = p->network.slot_link_begin[p->network.slots_of(consumer)[0]];
    REQUIRE(p->network.link_supplier[link] == fab);
    bool rose = false;
    for (int t = 0; t < 10; ++t) {
      const double price_before = sim.state().price[fab];
      sim.step();
      CHECK(sim.state().order[link] == Approx(100 * std::pow(price_before, -e)));
      rose |= price_before > 1;
    }
    CHECK(rose);  // the fab's price did rise: the relation was tested off the baseline price
  }
}
