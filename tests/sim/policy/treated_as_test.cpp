// Jurisdiction as the controls treat it: a state whose buyers an exporter's rules count
// as another's (Hong Kong as China under US rules since 2020). Worked out link by link.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "policy/shipment_policy.hpp"

using namespace regimesim;

namespace {

// A US and a Dutch tool maker each sell to a fab in China and one in Hong Kong.
std::string world(const std::string& treated, const std::string& controls) {
  return R"(name: treated-as
world:
  states:
    - {code: USA}
    - {code: NLD}
    - {code: SGP}
    - {code: CHN, final_demand: {chips: 10}}
    - {code: HKG, final_demand: {chips: 10})" + treated + R"(}
  items:
    - {id: tools, tier: 5}
    - {id: chips, tier: 4, recipe: {tools: 0.1}}
  coalitions:
    - {id: pair, members: [USA, NLD]}
  firms:
    - {id: us_eq, state: USA, item: tools, capacity: 10}
    - {id: nl_eq, state: NLD, item: tools, capacity: 10}
    - {id: cn_fab, state: CHN, item: chips, capacity: 20}
    - {id: hk_fab, state: HKG, item: chips, capacity: 20}
  links:
    - {supplier: us_eq, buyer: cn_fab, volume: 1}
    - {supplier: nl_eq, buyer: cn_fab, volume: 1}
    - {supplier: us_eq, buyer: hk_fab, volume: 1}
    - {supplier: nl_eq, buyer: hk_fab, volume: 1}
)" + controls;
}

const std::string kUsTreats = ", treated_as: [{as: CHN, by: [USA]}]";

// The verdict on each link, keyed "supplier>buyer".
std::map<std::string, policy::Verdict> verdicts(const ensemble::PreparedScenario& p) {
  const World& w = p.scenario.world;
  const auto& net = p.network;
  std::vector<policy::Verdict> v;
  std::vector<std::uint16_t> lic;
  policy::ShipmentPolicy(&p.plan).decide_links(0, net, net.link_supplier, v, lic);
  std::map<std::string, policy::Verdict> out;
  for (std::uint32_t b = 0; b < net.firm_count; ++b)
    for (const std::uint32_t k : net.slots_of(b))
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l)
        out[w.firms[net.link_supplier[l]].id + ">" + w.firms[b].id] = v[l];
  return out;
}

}  // namespace

TEST_CASE("A US control on China covers US exports to Hong Kong, and only US exports", "[policy][jurisdiction]") {
  const std::string us_control =
      "controls:\n  - {id: c, instrument: embargo, issuer: USA, items: [tools], destinations: [CHN]}\n";
  const auto p = ensemble::prepare(load::load_scenario_text(world(kUsTreats, us_control), "t.yaml"));
  auto v = verdicts(*p);
  CHECK(v["us_eq>cn_fab"] == policy::Verdict::denied);
  CHECK(v["us_eq>hk_fab"] == policy::Verdict::denied);
  CHECK(v["nl_eq>cn_fab"] == policy::Verdict::allowed);
  CHECK(v["nl_eq>hk_fab"] == policy::Verdict::allowed);
  const World& w = p->scenario.world;
  CHECK(p->plan.roles().aimed_at[*w.find_firm("hk_fab")]);

  // Without the treatment, Hong Kong is a third state like any other.
  const auto plain = ensemble::prepare(load::load_scenario_text(world("", us_control), "t.yaml"));
  v = verdicts(*plain);
  CHECK(v["us_eq>hk_fab"] == policy::Verdict::allowed);
  CHECK_FALSE(plain->plan.roles().aimed_at[*plain->scenario.world.find_firm("hk_fab")]);
}

TEST_CASE("In a coalition each member applies its own treatment of the destination", "[policy][jurisdiction]") {
  const auto p = ensemble::prepare(load::load_scenario_text(
      world(kUsTreats, "controls:\n  - {id: c, instrument: embargo, issuer: pair, items: [tools], destinations: [CHN]}\n"),
      "t.yaml"));
  auto v = verdicts(*p);
  CHECK(v["us_eq>hk_fab"] == policy::Verdict::denied);
  CHECK(v["nl_eq>hk_fab"] == policy::Verdict::allowed);  // the Netherlands treats Hong Kong as itself
  CHECK(v["nl_eq>cn_fab"] == policy::Verdict::denied);
}

TEST_CASE("A front in a state the exporter treats as the target is no way round the control",
          "[policy][jurisdiction]") {
  const auto p = ensemble::prepare(load::load_scenario_text(
      world(kUsTreats, "controls:\n  - {id: c, instrument: embargo, issuer: USA, items: [tools], destinations: [CHN]}\n"),
      "t.yaml"));
  const World& w = p->scenario.world;
  const policy::ShipmentPolicy policy(&p->plan);
  const auto cn_fab = *w.find_firm("cn_fab"), us_eq = *w.find_firm("us_eq");
  CHECK_FALSE(policy.evaded_through(0, p->network, cn_fab, us_eq, *w.find_state("HKG")));
  CHECK(policy.evaded_through(0, p->network, cn_fab, us_eq, *w.find_state("SGP")));
}

TEST_CASE("treated_as names real states and not the state itself", "[policy][jurisdiction][errors]") {
  const std::string c = "controls: []\n";
  CHECK_THROWS_WITH(load::load_scenario_text(world(", treated_as: [{as: HKG, by: [USA]}]", c), "t.yaml"),
                    Catch::Contains("treated_as[0].as") && Catch::Contains("cannot be treated as itself"));
  CHECK_THROWS_WITH(load::load_scenario_text(world(", treated_as: [{as: CHN, by: [XXX]}]", c), "t.yaml"),
                    Catch::Contains("treated_as[0].by[0]"));
  CHECK_THROWS_WITH(load::load_scenario_text(world(", treated_as: [{as: CHN, by: []}]", c), "t.yaml"),
                    Catch::Contains("at least one state"));
}

namespace {

// Reach into a treated state follows the members at the step. A Dutch parts maker sells
// to a Singaporean tool maker (0.3 parts a tool), which sells its tools to a fab in Hong
// Kong; only the US treats Hong Kong as China. The circle embargoes parts and tools to
// China from step 1 with a 25% de minimis rule: the tool maker's content from the
// Netherlands is 30%, so it is caught while the Netherlands applies the control. Its
// tools are then covered into Hong Kong only while the US, the one state that counts Hong
// Kong as China, applies the control too: the Netherlands treats Hong Kong as itself.
std::string treated_chain(const std::string& circle) {
  return R"(name: treated-reach
steps: 8
world:
  states:
    - {code: USA}
    - {code: NLD}
    - {code: SGP}
    - {code: CHN}
    - {code: HKG, final_demand: {chips: 100}, treated_as: [{as: CHN, by: [USA]}]}
  coalitions:
    - {id: circle, )" + circle + R"(}
  items:
    - {id: parts, tier: 3}
    - {id: tools, tier: 3, recipe: {parts: 0.3}}
    - {id: chips, tier: 4, recipe: {tools: 0.1}}
  firms:
    - {id: nl_parts, state: NLD, item: parts, capacity: 20}
    - {id: sg_tools, state: SGP, item: tools, capacity: 20}
    - {id: hk_fab, state: HKG, item: chips, capacity: 125}
  links:
    - {supplier: nl_parts, buyer: sg_tools, volume: 1}
    - {supplier: sg_tools, buyer: hk_fab, volume: 1}
controls:
  - {id: ban, instrument: embargo, issuer: circle, items: [parts, tools], destinations: [CHN], start: 1,
     reach: {de_minimis: 0.25}}
)";
}

// Per step from 1: is the tool maker's link to Hong Kong's fab allowed?
std::vector<bool> tools_to_hong_kong_allowed(const std::string& circle) {
  const auto p = ensemble::prepare(load::load_scenario_text(treated_chain(circle), "treated-reach.yaml"));
  const auto& net = p->network;
  const FirmId tools = *p->scenario.world.find_firm("sg_tools");
  std::uint32_t link = 0;
  for (std::uint32_t l = 0; l < net.link_count(); ++l)
    if (net.link_supplier[l] == tools) link = l;
  const policy::ShipmentPolicy controls(&p->plan);
  std::vector<bool> allowed;
  for (int t = 1; t < 8; ++t) {
    std::vector<policy::Verdict> v;
    std::vector<std::uint16_t> lic;
    controls.decide_links(t, net, net.link_supplier, v, lic);
    allowed.push_back(v[link] == policy::Verdict::allowed);
  }
  return allowed;
}

}  // namespace

TEST_CASE("Reach into a treated state follows the members at the step, not every state that is ever one",
          "[policy][jurisdiction][reach]") {
  //                                 step:   1      2      3      4      5      6      7
  const std::vector<bool> us_from_3 = {true, true, false, false, false, false, false};
  const std::vector<bool> us_until_3 = {false, false, true, true, true, true, true};
  CHECK(tools_to_hong_kong_allowed("members: [NLD]") == std::vector<bool>(7, true));
  CHECK(tools_to_hong_kong_allowed("members: [NLD, USA]") == std::vector<bool>(7, false));
  CHECK(tools_to_hong_kong_allowed("members: [NLD], changes: [{at: 3, joins: [USA]}]") == us_from_3);
  CHECK(tools_to_hong_kong_allowed("members: [NLD, USA], changes: [{at: 3, leaves: [USA]}]") == us_until_3);
}
