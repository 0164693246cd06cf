// Re-sourcing when a supplier cannot deliver (resourcing.starved_delay), not only when a
// control denies the order: a car maker whose Korean steel supplier loses its ore.
#include <catch2/catch.hpp>

#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "policy/shipment_policy.hpp"

using namespace regimesim;

namespace {

// Japan's car maker makes 100 cars from 0.4 steel each: 40 steel, 20 from Korea and 20
// from China (equal link volumes). Each steel maker needs 0.5 ore: 10 each from
// Australia. China's maker has room for 25; Germany's makes nothing at baseline and has
// room for 60, but the car maker does not buy from it. Australia embargoes ore to Korea
// from step 2, so Korea's steel stops once its ore stock is used, and with it Korea's
// deliveries to the car maker. No control covers the car maker itself.
std::string world(int starved_delay) {
  return R"(name: starvation
steps: 20
world:
  states:
    - {code: AUS}
    - {code: KOR}
    - {code: CHN}
    - {code: DEU}
    - {code: JPN, final_demand: {cars: 100}}
  items:
    - {id: ore, tier: 1}
    - {id: steel, tier: 2, recipe: {ore: 0.5}}
    - {id: cars, tier: 3, recipe: {steel: 0.4}}
  firms:
    - {id: au_ore, state: AUS, item: ore, capacity: 100}
    - {id: kr_steel, state: KOR, item: steel, capacity: 25}
    - {id: cn_steel, state: CHN, item: steel, capacity: 25}
    - {id: de_steel, state: DEU, item: steel, capacity: 60}
    - {id: jp_cars, state: JPN, item: cars, capacity: 125}
  links:
    - {supplier: au_ore, buyer: kr_steel, volume: 1}
    - {supplier: au_ore, buyer: cn_steel, volume: 1}
    - {supplier: au_ore, buyer: de_steel, volume: 1}
    - {supplier: kr_steel, buyer: jp_cars, volume: 1}
    - {supplier: cn_steel, buyer: jp_cars, volume: 1}
controls:
  - {id: ore-ban, instrument: embargo, issuer: AUS, items: [ore], destinations: [KOR], start: 2}
responses:
  resourcing: {search_delay: 1, starved_delay: )" + std::to_string(starved_delay) + R"(, starved_below: 0.5}
)";
}

struct Run {
  std::vector<double> cars;       // the car maker's output per step
  std::vector<FirmId> korea_link;  // who supplies the car maker's first steel link, per step
  std::vector<double> availability;
};

Run run(int starved_delay) {
  const auto p = ensemble::prepare(load::load_scenario_text(world(starved_delay), "starvation.yaml"));
  const policy::ShipmentPolicy controls(&p->plan);
  engine::Simulation sim(p->scenario, p->network, p->equilibrium, controls);
  const World& w = p->scenario.world;
  const auto& net = p->network;
  const FirmId cars = *w.find_firm("jp_cars"), korea = *w.find_firm("kr_steel");
  std::uint32_t link = 0;  // the car maker's link to Korea's steel maker
  for (auto k = net.buyer_slot_begin[cars]; k < net.buyer_slot_begin[cars + 1]; ++k)
    for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l)
      if (net.link_supplier[l] == korea) link = l;
  Run r;
  for (int t = 0; t < p->scenario.steps; ++t) {
    sim.step();
    r.cars.push_back(sim.state().output[cars]);
    r.korea_link.push_back(sim.state().supplier[link]);
    r.availability.push_back(sim.state().availability[link]);
  }
  return r;
}

}  // namespace

TEST_CASE("A buyer whose supplier cannot deliver re-sources after starved_delay steps", "[behaviour][starvation]") {
  const auto off = run(0), on = run(2);
  // Off (the default): the car maker keeps its Korean link however little it brings,
  // and can get at most China's 25 steel: 62.5 cars at the end.
  for (FirmId s : off.korea_link) CHECK(s == off.korea_link.front());
  CHECK(off.cars.back() == Approx(62.5).epsilon(1e-6));
  // On: the first step the Korean link ships under half of its order, plus one more,
  // the car maker replaces Korea by the maker with room (Germany; China is already its
  // supplier), and its output recovers to the 100 its customers buy.
  int first_starved = -1;
  for (std::size_t t = 0; t < on.availability.size(); ++t)
    if (on.availability[t] < 0.5) {
      first_starved = static_cast<int>(t);
      break;
    }
  REQUIRE(first_starved >= 0);
  const FirmId korea = on.korea_link.front();
  CHECK(on.korea_link[first_starved] == korea);
  CHECK(on.korea_link[first_starved + 1] != korea);  // searched at the end of the second starved step
  CHECK(on.cars.back() == Approx(100).epsilon(1e-6));
  // Until the first search the two runs are the same.
  for (int t = 0; t <= first_starved; ++t) CHECK(on.cars[t] == off.cars[t]);
}
