// A buyer cut off from an item with no other maker falls back on a lower-tier
// substitute and needs 1 / (1 - penalty) units of it per unit of the item.
#include <catch2/catch.hpp>

#include "checkpoint/checkpoint_file.hpp"
#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "model/scenario_error.hpp"

using namespace regimesim;

namespace {

// A Chinese fab makes 50 chips a step from 0.1 tools each: 5 tools from the only tool
// maker, in the US, which embargoes them from step 2. A Japanese maker of older tools
// (tier 2) sells nothing at baseline; one old tool does half a tool's work.
std::string tiers_world(const std::string& control_items, const std::string& issuers) {
  return R"(name: tiers
steps: 40
world:
  states:
    - {code: USA}
    - {code: JPN}
    - {code: CHN, final_demand: {chips: 50}}
  items:
    - {id: old_tools, tier: 2}
    - {id: tools, tier: 4, substitutes: [{item: old_tools, penalty: 0.5}]}
    - {id: chips, tier: 3, recipe: {tools: 0.1}}
  firms:
    - {id: us_tools, state: USA, item: tools, capacity: 10}
    - {id: jp_old, state: JPN, item: old_tools, capacity: 30}
    - {id: cn_fab, state: CHN, item: chips, capacity: 100}
  links:
    - {supplier: us_tools, buyer: cn_fab, volume: 1}
controls:
  - {id: e, instrument: embargo, issuers: )" + issuers + ", items: " + control_items +
         R"(, destinations: [CHN], start: 2}
responses: {resourcing: {search_delay: 3, switching_cost: 0}, build_at_home: {threshold: 0}}
)";
}

struct Run {
  std::shared_ptr<const ensemble::PreparedScenario> p;
  policy::ShipmentPolicy policy;
  engine::Simulation sim;
  explicit Run(const std::string& yaml)
      : p(ensemble::prepare(load::load_scenario_text(yaml, "tiers.yaml", {}))),
        policy(&p->plan),
        sim(p->scenario, p->network, p->equilibrium, policy) {}
  FirmId firm(const char* id) const { return *p->scenario.world.find_firm(id); }
};

// At the last step (39): CHN's tier_substitution for tools, and world denial.
struct Horizon {
  double substituted = -1, denial = -1;
};
Horizon horizon_of(const std::string& yaml) {
  const auto p = ensemble::prepare(load::load_scenario_text(yaml, "tiers.yaml", {}));
  const auto result = ensemble::run_paired(*p);
  const StateId chn = *p->scenario.world.find_state("CHN");
  const ItemId tools = *p->scenario.world.find_item("tools");
  Horizon h;
  for (const auto& row : result.rows) {
    if (row.step != 39) continue;
    if (row.state == chn && row.item == tools && row.metric == output::Metric::tier_substitution)
      h.substituted = row.value;
    if (row.state == output::kWorld && row.metric == output::Metric::denial_effectiveness) h.denial = row.value;
  }
  return h;
}

}  // namespace

TEST_CASE("Cut off from the only maker, a buyer falls back on the lower tier at its productivity penalty",
          "[engine][responses][tiers]") {
  Run r(tiers_world("[tools]", "[USA]"));
  const FirmId fab = r.firm("cn_fab");
  const std::uint32_t l = 0;  // the fab's one tool link
  REQUIRE(r.p->network.link_supplier[l] == r.firm("us_tools"));
  // Denied at steps 2, 3, 4: the search at the end of step 4 finds no other tool
  // maker, so it takes the Japanese maker of old tools, at yield 1 - 0.5.
  for (int t = 0; t < 5; ++t) r.sim.step();
  CHECK(r.sim.state().supplier[l] == r.firm("jp_old"));
  CHECK(r.sim.state().yield_of(l) == Approx(0.5));
  for (int t = 5; t < 40; ++t) r.sim.step();
  const auto& s = r.sim.state();
  // Settled: the fab makes its 50 chips again, and needs 5 tools' work a step, which
  // takes 5 / 0.5 = 10 old tools.
  CHECK(s.output[fab] == Approx(50.0).epsilon(1e-3));
  CHECK(s.delivered[l] == Approx(10.0).epsilon(1e-3));
  CHECK(s.output[r.firm("jp_old")] == Approx(10.0).epsilon(1e-3));
  // Conservation in physical units: what was shipped is received or in transit.
  CHECK(s.shipped_total == Approx(s.in_transit[l] + s.in_transit[1]));
}

TEST_CASE("The substitute is metered, and the controlled item counts as denied", "[engine][responses][tiers]") {
  // 10 old tools delivered, each doing half a tool's work: 5 tools' worth, none of it
  // the controlled item, so the control still denies every tool.
  const Horizon h = horizon_of(tiers_world("[tools]", "[USA]"));
  CHECK(h.substituted == Approx(5.0).epsilon(1e-3));
  CHECK(h.denial == Approx(1.0));
}

TEST_CASE("A control that covers the substitute too leaves the buyer without", "[engine][responses][tiers]") {
  Run r(tiers_world("[tools, old_tools]", "[USA, JPN]"));
  for (int t = 0; t < 40; ++t) r.sim.step();
  CHECK(r.sim.state().supplier[0] == r.firm("us_tools"));
  CHECK(r.sim.state().output[r.firm("cn_fab")] == Approx(0.0).margin(1e-9));
}

TEST_CASE("A substitute must be of a lower tier; its penalty below 1", "[load][tiers][errors]") {
  auto error_of = [](const std::string& yaml) -> std::string {
    try {
      load::load_scenario_text(yaml, "tiers.yaml", {});
    } catch (const ScenarioError& e) {
      return e.what();
    }
    return "";
  };
  auto yaml = tiers_world("[tools]", "[USA]");
  auto higher = yaml;
  higher.replace(higher.find("{id: old_tools, tier: 2}"), 24, "{id: old_tools, tier: 5}");
  const std::string m = error_of(higher);
  CHECK(m.find("world.items[1].substitutes[0].item") != std::string::npos);
  CHECK(m.find("lower technology tier") != std::string::npos);
  auto penalty = yaml;
  penalty.replace(penalty.find("penalty: 0.5"), 12, "penalty: 1.0");
  CHECK(error_of(penalty).find("world.items[1].substitutes[0].penalty") != std::string::npos);
}

TEST_CASE("A substitute at no penalty is still a substitute, not the controlled item", "[engine][responses][tiers]") {
  auto yaml = tiers_world("[tools]", "[USA]");
  yaml.replace(yaml.find("penalty: 0.5"), 12, "penalty: 0.0");
  // 5 old tools a step, each doing a whole tool's work; still no tool reaches China.
  const Horizon h = horizon_of(yaml);
  CHECK(h.substituted == Approx(5.0).epsilon(1e-3));
  CHECK(h.denial == Approx(1.0));
}

namespace {

// Japan's car maker makes 100 cars from 0.4 steel each, all of it from Korea's mill, whose
// ore Australia embargoes from step 2. Korea's ore stock (1.25 steps of its use) lasts
// into step 3, when it ships a quarter of the order, 10 steel; the starved buyer then
// searches, finds no other steel maker, and falls back on India's old steel (yield 0.5).
// Korea's 10 steel are still on the way.
std::string starved_onto_old_steel() {
  return R"(name: yield-in-transit
steps: 8
world:
  states:
    - {code: AUS}
    - {code: KOR}
    - {code: IND}
    - {code: JPN, final_demand: {cars: 100}}
  items:
    - {id: ore, tier: 1}
    - {id: old_steel, tier: 1}
    - {id: steel, tier: 2, recipe: {ore: 0.5}, substitutes: [{item: old_steel, penalty: 0.5}]}
    - {id: cars, tier: 3, recipe: {steel: 0.4}}
  firms:
    - {id: au_ore, state: AUS, item: ore, capacity: 100}
    - {id: kr_steel, state: KOR, item: steel, capacity: 50}
    - {id: in_old, state: IND, item: old_steel, capacity: 200}
    - {id: jp_cars, state: JPN, item: cars, capacity: 125}
  links:
    - {supplier: au_ore, buyer: kr_steel, volume: 1}
    - {supplier: kr_steel, buyer: jp_cars, volume: 1}
dynamics: {inventory_periods: 1.25}
controls:
  - {id: ore-ban, instrument: embargo, issuer: AUS, items: [ore], destinations: [KOR], start: 2}
responses:
  resourcing: {search_delay: 1, starved_delay: 1, starved_below: 0.9}
)";
}

}  // namespace

TEST_CASE("Goods shipped before a move to a substitute arrive at the yield they were shipped at",
          "[engine][responses][tiers]") {
  Run r(starved_onto_old_steel());
  const FirmId cars = r.firm("jp_cars");
  const std::uint32_t l = 1;  // the car maker's steel link (links in buyer order: the mill's ore first)
  REQUIRE(r.p->network.link_supplier[l] == r.firm("kr_steel"));
  for (int t = 0; t < 4; ++t) r.sim.step();
  const auto& s = r.sim.state();
  REQUIRE(s.supplier[l] == r.firm("in_old"));
  REQUIRE(s.yield_of(l) == Approx(0.5));
  REQUIRE(s.in_transit[l] == Approx(10.0));  // Korea's last steel
  // The car maker's steel stock stands at its target, 1.25 x 0.4 x 100 = 50, after each
  // step's 40 arrive, and at 10 once 100 cars have used 40. At step 4 Korea's 10 steel
  // arrive as 10 steel, not as 5 steel's work: 20 in stock make 20 / 0.4 = 50 cars.
  CHECK(s.inventory[r.p->network.buyer_slots[r.p->network.buyer_slot_begin[cars]]] == Approx(10.0));
  r.sim.step();
  CHECK(r.sim.state().output[cars] == Approx(50.0));
  CHECK(r.sim.state().delivered[l] == Approx(10.0));

  // The same after a checkpoint taken at the move: the goods in transit keep their yield.
  Run resumed(starved_onto_old_steel());
  {
    Run saved(starved_onto_old_steel());
    for (int t = 0; t < 4; ++t) saved.sim.step();
    checkpoint::Writer w;
    saved.sim.save(w, "run.");
    const std::vector<unsigned char> payload = w.take_payload();
    checkpoint::Reader in(payload, "test");
    resumed.sim.restore(in, "run.");
  }
  resumed.sim.step();
  CHECK(resumed.sim.state().output[cars] == Approx(50.0));
}
