// The direct product rule traced over supply stages (reach.foreign_direct_product_stages),
// worked out by hand on a three-firm chain.
#include <catch2/catch.hpp>

#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "model/scenario_error.hpp"
#include "policy/jurisdiction.hpp"
#include "policy/shipment_policy.hpp"

using namespace regimesim;

namespace {

// A US lithography maker sells tools to a Japanese etcher maker (0.1 litho per
// etcher); a Taiwanese fab makes chips with those etchers (0.1 per chip) for China.
// The fab buys nothing from the US: only its tool maker does.
std::string chain_yaml(const std::string& reach) {
  return R"(name: two-stage-fdp
steps: 6
world:
  states:
    - {code: USA}
    - {code: JPN}
    - {code: TWN}
    - {code: CHN, final_demand: {chips: 100}}
  items:
    - {id: litho, tier: 5, control: "national:semiconductor_equipment"}
    - {id: etchers, tier: 5, recipe: {litho: 0.1}}
    - {id: chips, tier: 4, recipe: {etchers: 0.1}}
  firms:
    - {id: us_litho, state: USA, item: litho, capacity: 10}
    - {id: jp_etch, state: JPN, item: etchers, capacity: 50}
    - {id: tw_fab, state: TWN, item: chips, capacity: 200}
  links:
    - {supplier: us_litho, buyer: jp_etch, volume: 1}
    - {supplier: jp_etch, buyer: tw_fab, volume: 1}
controls:
  - {id: fdp, instrument: embargo, issuer: USA, items: [litho], destinations: [CHN], reach: )" +
         reach + "}\n";
}

std::shared_ptr<const ensemble::PreparedScenario> prepared(const std::string& reach) {
  return ensemble::prepare(load::load_scenario_text(chain_yaml(reach), "test.yaml"));
}

FirmId firm(const World& w, const std::string& id) { return *w.find_firm(id); }

// The verdict on the fab's chips to China at step 0.
policy::Verdict fab_to_china(const ensemble::PreparedScenario& p) {
  std::vector<policy::Verdict> v;
  std::vector<std::uint16_t> lic;
  policy::ShipmentPolicy(&p.plan).decide_links(0, p.network, p.network.link_supplier, v, lic);
  const FirmId fab = firm(p.scenario.world, "tw_fab");
  for (std::uint32_t l = 0; l < p.network.link_count(); ++l)
    if (p.network.link_supplier[l] == fab) return v[l];
  FAIL("no link from the fab");
  return policy::Verdict::allowed;
}

}  // namespace

TEST_CASE("Direct product over stages: the Taiwanese fab is caught through two stages, not one",
          "[policy][reach]") {
  // By hand. Stage 1: jp_etch buys litho (named equipment) from a US firm: caught.
  // tw_fab buys etchers from jp_etch, a Japanese firm: not at 1 stage. Stage 2: the
  // etchers tw_fab buys come from a firm caught at stage 1, in a slot for named
  // equipment: caught. The US maker is the issuer's own firm, never "reached".
  const auto one = prepared("{foreign_direct_product: [litho, etchers]}");
  const auto two = prepared("{foreign_direct_product: [litho, etchers], foreign_direct_product_stages: 2}");
  const World& w = one->scenario.world;
  const auto& r1 = one->plan.controls()[0].reach;
  const auto& r2 = two->plan.controls()[0].reach;
  CHECK(r1[firm(w, "jp_etch")]);
  CHECK_FALSE(r1[firm(w, "tw_fab")]);
  CHECK(r2[firm(w, "jp_etch")]);
  CHECK(r2[firm(w, "tw_fab")]);
  CHECK_FALSE(r2[firm(w, "us_litho")]);
  CHECK(fab_to_china(*one) == policy::Verdict::allowed);
  CHECK(fab_to_china(*two) == policy::Verdict::denied);

  // More stages than the chain is long catch nobody more.
  const auto five = prepared("{foreign_direct_product: [litho, etchers], foreign_direct_product_stages: 5}");
  CHECK(five->plan.controls()[0].reach == r2);
}

TEST_CASE("Direct product over stages: the chain runs through named equipment only", "[policy][reach]") {
  // Etchers are not named: the fab's purchase of them is no stage of the rule, however
  // many stages it looks through; the etcher maker is still caught by its litho.
  const auto p = prepared("{foreign_direct_product: [litho], foreign_direct_product_stages: 3}");
  const World& w = p->scenario.world;
  CHECK(p->plan.controls()[0].reach[firm(w, "jp_etch")]);
  CHECK_FALSE(p->plan.controls()[0].reach[firm(w, "tw_fab")]);
}

TEST_CASE("Direct product over stages: a chain with no positive share is cut", "[policy][reach]") {
  // The same rule on a graph where the etcher maker's litho share is 0: nobody is caught.
  const auto p = prepared("{foreign_direct_product: [litho, etchers], foreign_direct_product_stages: 2}");
  const auto& net = p->network;
  const World& w = p->scenario.world;
  std::vector<double> share = net.link_base_share;
  for (std::uint32_t l = 0; l < net.link_count(); ++l)
    if (net.link_supplier[l] == firm(w, "us_litho")) share[l] = 0;
  std::vector<bool> member(w.states.size(), false), equipment(w.items.size(), true);
  member[0] = true;  // USA
  const auto caught = policy::direct_product_reach(equipment, 2, net, policy::ReachGraph{net.link_supplier, share, member});
  for (FirmId f = 0; f < net.firm_count; ++f) CHECK_FALSE(caught[f]);
}

TEST_CASE("Direct product stages: bad values are located errors", "[policy][reach][load]") {
  auto message = [](const std::string& reach) {
    try {
      load::load_scenario_text(chain_yaml(reach), "test.yaml");
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string zero = message("{foreign_direct_product: [litho], foreign_direct_product_stages: 0}");
  CHECK_THAT(zero, Catch::Contains("foreign_direct_product_stages") && Catch::Contains("from 1"));
  const std::string alone = message("{de_minimis: 0.25, foreign_direct_product_stages: 2}");
  CHECK_THAT(alone, Catch::Contains("needs 'foreign_direct_product'"));
  const std::string every = message("{de_minimis: 0.25, recompute_every: -1}");
  CHECK_THAT(every, Catch::Contains("recompute_every"));
}
