// Capacity expansion (responses.capacity_expansion): a third-state maker whose orders stay
// above its capacity invests, and after the lag takes the share a control freed; and a
// buyer short of an input leans toward a supplier with room (toward_spare).
#include <catch2/catch.hpp>

#include "behaviour/supplier_choice.hpp"
#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "model/scenario_error.hpp"
#include "policy/shipment_policy.hpp"

using namespace regimesim;

namespace {

// China's fab makes 100 chips a month from 0.1 tools (tier 3) each, all from the US
// maker: 10 tools, with a target stock of 20 (2 months' use) and half the gap ordered
// each month. Japan's maker sells nothing at baseline and has room for only 5. The US
// embargoes tools to China from step 2; with search_delay 1 the fab moves its link to
// Japan after step 2's shipments. China makes no tools, so it cannot build at home.
std::string world(const std::string& expansion) {
  return R"(name: capacity-expansion
steps: 12
world:
  states:
    - {code: USA}
    - {code: JPN}
    - {code: CHN, final_demand: {chips: 100}}
  items:
    - {id: tools, tier: 3}
    - {id: chips, tier: 4, recipe: {tools: 0.1}}
  firms:
    - {id: us_tools, state: USA, item: tools, capacity: 40}
    - {id: jp_tools, state: JPN, item: tools, capacity: 5}
    - {id: cn_fab, state: CHN, item: chips, capacity: 125}
  links:
    - {supplier: us_tools, buyer: cn_fab, volume: 1}
controls:
  - {id: tools-ban, instrument: embargo, issuer: USA, items: [tools], destinations: [CHN], start: 2}
responses:
  resourcing: {search_delay: 1}
  build_at_home: {threshold: 0}
  capacity_expansion: )" + expansion + "\n";
}

struct Run {
  std::vector<double> japan_capacity, japan_output, chips, japan_cost, japan_built;
};

Run run(const std::string& expansion) {
  const auto p = ensemble::prepare(load::load_scenario_text(world(expansion), "capacity-expansion.yaml"));
  const policy::ShipmentPolicy controls(&p->plan);
  engine::Simulation sim(p->scenario, p->network, p->equilibrium, controls);
  const World& w = p->scenario.world;
  const FirmId japan = *w.find_firm("jp_tools"), fab = *w.find_firm("cn_fab");
  const StateId jpn = *w.find_state("JPN");
  const std::size_t tools_cell = jpn * w.items.size() + *w.find_item("tools");
  Run r;
  for (int t = 0; t < p->scenario.steps; ++t) {
    sim.step();
    const auto& s = sim.state();
    r.japan_capacity.push_back(s.capacity[japan]);
    r.japan_output.push_back(s.output[japan]);
    r.chips.push_back(s.output[fab]);
    r.japan_cost.push_back(s.expansion_cost[jpn]);
    r.japan_built.push_back(s.capacity_built[tools_cell]);
  }
  return r;
}

// By hand. Step 2: the order of 10 is denied; the fab makes 100 chips, its stock falls to
// 10, and it moves to Japan. Step 3: nothing arrives; it orders 10 + (20 - 10)/2 = 15;
// Japan makes its 5 (capacity binds, orders 15 >= 1.1 x 5: demand high, 1st step); the
// fab makes 100 from its stock of 10. Step 4: 5 arrive, the fab makes 50 and orders
// 10 + (20 - 5)/2 = 17.5; Japan high a 2nd step: with steps 2 it decides to add
// growth x baseline = 1 x 5 and pays cost x 5 = 12 x 5 = 60; tools are tier 3, lag 1 per
// tier: the capacity comes at the end of step 4 + 3 = 7. Steps 5-7: 5 tools, 50 chips.
// Step 8: Japan makes 10 (orders 17.5), the fab still 50 from the 5 of step 7. From step
// 9: 10 arrive, the fab makes 100 and orders 10 + (20 - 10)/2 = 15 each month; Japan
// makes 10 and, grown by max_growth already, invests no more.
const char* kOn = "{steps: 2, lag_per_tier: 1, growth: 1, max_growth: 1, cost: 12}";

}  // namespace

TEST_CASE("capacity expansion: a third-state maker short of capacity invests, and after the lag takes the share",
          "[behaviour][capacity_expansion]") {
  const Run on = run(kOn);
  for (int t = 0; t < 12; ++t) {
    INFO("step " << t);
    CHECK(on.japan_capacity[t] == Approx(t < 7 ? 5.0 : 10.0));
    CHECK(on.japan_built[t] == Approx(t < 7 ? 0.0 : 5.0));
    CHECK(on.japan_cost[t] == Approx(t == 4 ? 60.0 : 0.0));
    CHECK(on.japan_output[t] == Approx(t < 3 ? 0.0 : t < 8 ? 5.0 : 10.0));
    CHECK(on.chips[t] == Approx(t < 4 ? 100.0 : t < 9 ? 50.0 : 100.0));
  }
}

TEST_CASE("capacity expansion: off (steps 0), Japan stays at 5 and the fab at 50 chips", "[behaviour][capacity_expansion]") {
  const Run off = run("{steps: 0}"), on = run(kOn);
  double chips_off = 0, chips_on = 0;
  for (int t = 0; t < 12; ++t) {
    CHECK(off.japan_capacity[t] == 5.0);
    CHECK(off.japan_cost[t] == 0.0);
    CHECK(off.chips[t] == Approx(t < 4 ? 100.0 : 50.0));
    chips_off += off.chips[t];
    chips_on += on.chips[t];
  }
  // 4 x 100 + 8 x 50 = 800 without; 4 x 100 + 5 x 50 + 3 x 100 = 950 with.
  CHECK(chips_off == Approx(800));
  CHECK(chips_on == Approx(950));
}

TEST_CASE("capacity expansion: a longer lag delivers later, and growth is capped by max_growth",
          "[behaviour][capacity_expansion]") {
  // lag 2 per tier: decided at step 4, the capacity comes at the end of step 4 + 6 = 10.
  const Run slow = run("{steps: 2, lag_per_tier: 2, growth: 1, max_growth: 1, cost: 12}");
  for (int t = 0; t < 12; ++t) CHECK(slow.japan_capacity[t] == Approx(t < 10 ? 5.0 : 10.0));
  // growth 0.4, at most 0.6: 2 at step 4 (ready end of 7), then high 2 more steps (8, 9),
  // 1 more at step 9 (ready end of 12, beyond the run); paid 12 x 2 = 24, then 12 x 1 = 12.
  const Run capped = run("{steps: 2, lag_per_tier: 1, growth: 0.4, max_growth: 0.6, cost: 12}");
  for (int t = 0; t < 12; ++t) {
    INFO("step " << t);
    CHECK(capped.japan_capacity[t] == Approx(t < 7 ? 5.0 : 7.0));
    CHECK(capped.japan_cost[t] == Approx(t == 4 ? 24.0 : t == 9 ? 12.0 : 0.0));
  }
}

TEST_CASE("toward spare: a short buyer leans toward the supplier with room", "[behaviour][capacity_expansion]") {
  // Two suppliers of one input, baseline shares 0.9 and 0.1; the buyer asks 9 + 1 = 10.
  // A is rationing (availability 0.5, no room); B has capacity 20 and made 1: room
  // min(1, 19 / 10) = 1. Weights: A max(0.9, 0) x 0.5 = 0.45, B max(0.1, 1) x 1 = 1;
  // B's preferred share 1 / 1.45, and half the gap is closed: 0.1 + 0.5 (1/1.45 - 0.1).
  // The baseline rule weighs B by 0.1 only: 0.1 + 0.5 (0.1/0.55 - 0.1).
  const double base[] = {0.9, 0.1}, order[] = {9, 1}, capacity[] = {10, 20}, output[] = {10, 1}, weight[] = {1, 1};
  const std::uint32_t supplier[] = {0, 1};
  double availability[] = {0.5, 1};
  double toward[] = {0.9, 0.1}, plain[] = {0.9, 0.1};
  REQUIRE(behaviour::adapt_supplier_shares_toward_spare(0, 2, base, availability, supplier, weight, order, capacity,
                                                        output, 0.5, toward));
  REQUIRE(behaviour::adapt_supplier_shares(0, 2, base, availability, supplier, weight, 0.5, plain));
  CHECK(toward[1] == Approx(0.1 + 0.5 * (1 / 1.45 - 0.1)));
  CHECK(plain[1] == Approx(0.1 + 0.5 * (0.1 / 0.55 - 0.1)));
  CHECK(toward[0] + toward[1] == Approx(1.0));
  // Every order filled: the baseline rule, back toward the baseline shares.
  availability[0] = 1;
  double filled[] = {0.5, 0.5}, filled_plain[] = {0.5, 0.5};
  behaviour::adapt_supplier_shares_toward_spare(0, 2, base, availability, supplier, weight, order, capacity, output, 0.5,
                                                filled);
  behaviour::adapt_supplier_shares(0, 2, base, availability, supplier, weight, 0.5, filled_plain);
  CHECK(filled[0] == filled_plain[0]);
  CHECK(filled[1] == filled_plain[1]);
  CHECK(filled[0] == Approx(0.7));
}

TEST_CASE("capacity expansion: bad values are located errors", "[behaviour][capacity_expansion][load]") {
  auto error_of = [](const std::string& expansion) -> ScenarioError {
    try {
      ensemble::prepare(load::load_scenario_text(world(expansion), "capacity-expansion.yaml"));
    } catch (const ScenarioError& e) {
      return e;
    }
    FAIL("no error for " << expansion);
    throw;
  };
  const auto negative = error_of("{steps: 2, growth: -1}");
  CHECK(negative.where().key_path == "responses.capacity_expansion.growth");
  CHECK(negative.where().line == 22);
  const auto no_growth = error_of("{steps: 2, growth: 0}");
  CHECK_THAT(no_growth.message(), Catch::Contains("needs a 'growth' above 0"));
  const auto typo = error_of("{step: 2}");
  CHECK_THAT(typo.message(), Catch::Contains("did you mean 'steps'"));
  const auto lag = error_of("{steps: 2, lag_per_tier: 1.5}");
  CHECK(lag.where().key_path == "responses.capacity_expansion.lag_per_tier");
  const auto spare = error_of("{toward_spare: maybe}");
  CHECK_THAT(spare.message(), Catch::Contains("expected one of: true, false"));
}

namespace {

// Capacity built at home is used. The same fab; Japan's maker has room for 40; China's own
// tool maker (capacity 2) sells its 2 to a Chinese lab, not to the fab. The US embargo of
// step 2 denies China 10 of its 12 tools: a programme starts (certain, 1 step per tier:
// it delivers at the end of step 2 + 3 = 5) and adds 1.5 x 10 = 15 to China's maker. The
// fab moved to Japan after step 2 (China's maker had no room then).
std::string home_world(bool toward_spare) {
  return R"(name: built-at-home-used
steps: 9
world:
  states:
    - {code: USA}
    - {code: JPN}
    - {code: CHN, final_demand: {chips: 100, research: 2}}
  items:
    - {id: tools, tier: 3}
    - {id: chips, tier: 4, recipe: {tools: 0.1}}
    - {id: research, tier: 4, recipe: {tools: 1}}
  firms:
    - {id: us_tools, state: USA, item: tools, capacity: 40}
    - {id: jp_tools, state: JPN, item: tools, capacity: 40}
    - {id: cn_tools, state: CHN, item: tools, capacity: 2}
    - {id: cn_fab, state: CHN, item: chips, capacity: 125}
    - {id: cn_lab, state: CHN, item: research, capacity: 3}
  links:
    - {supplier: us_tools, buyer: cn_fab, volume: 1}
    - {supplier: cn_tools, buyer: cn_lab, volume: 1}
controls:
  - {id: tools-ban, instrument: embargo, issuer: USA, items: [tools], destinations: [CHN], start: 2}
responses:
  resourcing: {search_delay: 1, switching_cost: 0.5}
  build_at_home: {threshold: 0.25, lag_per_tier: 1, success_probability: 1, success_drop_per_tier: 0, capacity_share: 1.5}
  capacity_expansion: {toward_spare: )" + std::string(toward_spare ? "true" : "false") + "}\n";
}

}  // namespace

TEST_CASE("toward spare: the buyers a programme was built for come home when it delivers",
          "[behaviour][capacity_expansion]") {
  for (bool toward : {false, true}) {
    const auto p = ensemble::prepare(load::load_scenario_text(home_world(toward), "home.yaml"));
    const policy::ShipmentPolicy controls(&p->plan);
    engine::Simulation sim(p->scenario, p->network, p->equilibrium, controls);
    const World& w = p->scenario.world;
    const FirmId fab = *w.find_firm("cn_fab"), japan = *w.find_firm("jp_tools"), home = *w.find_firm("cn_tools");
    const StateId chn = *w.find_state("CHN");
    const std::uint32_t link = p->network.slot_link_begin[p->network.slots_of(fab)[0]];
    for (int t = 0; t < 9; ++t) {
      sim.step();
      const auto& s = sim.state();
      INFO("toward_spare " << toward << ", step " << t);
      CHECK(s.capacity[home] == Approx(t < 5 ? 2.0 : 17.0));
      if (t >= 2 && t < 5) CHECK(s.supplier[link] == japan);
      // Step 2: the move to Japan costs 0.5 x the link's baseline flow of 10; step 5, the move home as much.
      CHECK(s.switching_cost[chn] == Approx(t == 2 || (toward && t == 5) ? 5.0 : 0.0));
      if (t >= 5) CHECK(s.supplier[link] == (toward ? home : japan));
      // By hand, the fab's order at step 6: its stock after arrivals goes 10, 15, 17.5 (steps 3-5),
      // so 11.25 ordered at 5 arrive at 6: 18.75, and it orders 10 + (20 - 18.75) / 2 = 10.625,
      // which China's maker makes beside the lab's 2.
      if (t == 6) CHECK(s.output[home] == Approx(toward ? 2 + 10.625 : 2.0));
      CHECK(s.output[fab] == Approx(100.0));
    }
  }
}

// With a search delay of 3 the fab's link moves to Japan at step 4 (denied at steps 2, 3
// and 4; China's maker has no room then). Japan joins the embargo at step 5, so the verdicts
// redone then deny the link, and the fab would search again only at step 7. The programme
// delivers at the end of step 5 and brings the link home: a sale at home is covered by no
// control, so from step 6 the fab's orders to China's maker pass.
// (Before the link's verdict was reset on the way home, it stayed denied: the fab ordered
// from its own country's maker and was refused, and the search that followed could not
// take a maker it already buys from.)
TEST_CASE("toward spare: a link brought home is allowed, even when its foreign supplier was denied",
          "[behaviour][capacity_expansion]") {
  std::string yaml = home_world(true);
  yaml.replace(yaml.find("issuer: USA"), 11, "issuer: circle");
  yaml.replace(yaml.find("search_delay: 1"), 15, "search_delay: 3");
  yaml.insert(yaml.find("  firms:"), "  coalitions:\n    - {id: circle, members: [USA], changes: [{at: 5, joins: [JPN]}]}\n");
  const auto p = ensemble::prepare(load::load_scenario_text(yaml, "home.yaml"));
  const policy::ShipmentPolicy controls(&p->plan);
  engine::Simulation sim(p->scenario, p->network, p->equilibrium, controls);
  const World& w = p->scenario.world;
  const FirmId fab = *w.find_firm("cn_fab"), japan = *w.find_firm("jp_tools"), home = *w.find_firm("cn_tools");
  const std::uint32_t link = p->network.slot_link_begin[p->network.slots_of(fab)[0]];
  for (int t = 0; t < 9; ++t) {
    sim.step();
    const auto& s = sim.state();
    INFO("step " << t);
    if (t == 4) CHECK(s.supplier[link] == japan);
    if (t >= 5) {
      CHECK(s.supplier[link] == home);
      CHECK(s.verdict[link] == policy::Verdict::allowed);
    }
    if (t >= 6) CHECK(s.output[home] > 2.0 + 1.0);  // the lab's 2, and the fab's order
  }
  CHECK(sim.state().output[fab] > 0);
}

