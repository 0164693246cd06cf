// Orders follow what the firm can make (the ARIO/Acclimate rule, docs/MODEL.md): a
// firm stopped by one missing critical input orders its other inputs only for the
// output the missing one allows, and keeps asking for the missing one.
#include <catch2/catch.hpp>

#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"

using namespace regimesim;

TEST_CASE("A firm cut off from one critical input stops ordering the others", "[engine][orders]") {
  // A Japanese car maker makes 100 cars a month from 0.4 Korean steel and 0.001
  // Chinese paint each; both are critical. It holds two months of each (80 steel,
  // 0.2 paint) and closes an inventory gap over two months. China embargoes paint to
  // Japan from step 2. By hand:
  //   step 2: the paint shipped at step 1 arrives (0.2 in stock): it plans 100 cars
  //           and orders 40 steel.
  //   step 3: no paint arrives; 0.1 in stock still allows 100 cars: 40 steel.
  //   step 4: no paint left: it plans no cars. Its steel stock is at target (it used
  //           none), so it orders 0 steel, and keeps asking for paint at the rate 100
  //           cars need, 0.1, plus half its 0.2 gap.
  //   step 5 on: no steel arrives, none is used, none is ordered.
  // Under a rule that orders expected use whatever it can make, the car maker would go
  // on receiving 40 steel a month it cannot use.
  const auto p = ensemble::prepare(load::load_scenario_text(R"(name: paint
steps: 10
responses: {build_at_home: {threshold: 0}, resourcing: {search_delay: 0}}
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
)", "paint.yaml"));
  const policy::ShipmentPolicy policy(&p->plan);
  engine::Simulation sim(p->scenario, p->network, p->equilibrium, policy);
  const auto& net = p->network;
  const FirmId cars = *p->scenario.world.find_firm("jp_cars");
  std::uint32_t steel_link = 0, paint_link = 0, steel_slot = 0;
  for (const std::uint32_t k : net.slots_of(cars)) {
    const auto l = net.slot_link_begin[k];
    if (p->scenario.world.items[net.slot_item[k]].id == "steel") steel_link = l, steel_slot = k;
    else paint_link = l;
  }
  const double steel_by_hand[] = {40, 40, 40, 40, 0, 0, 0, 0, 0, 0};
  for (int t = 0; t < 10; ++t) {
    sim.step();
    const auto& s = sim.state();
    INFO("step " << t);
    CHECK(s.order[steel_link] == Approx(steel_by_hand[t]).margin(1e-9));
    // Receipts never exceed the use of the planned output plus the refill of the gap.
    CHECK(s.delivered[steel_link] <= 40.0 + 1e-9);
    CHECK(s.inventory[steel_slot] <= s.target_inventory[steel_slot] + 1e-9);
    CHECK(s.output[cars] == Approx(t < 4 ? 100.0 : 0.0).margin(1e-9));
    if (t >= 4) CHECK(s.order[paint_link] == Approx(0.1 + (0.2 - 0.0) / 2).margin(1e-9));
  }
}
