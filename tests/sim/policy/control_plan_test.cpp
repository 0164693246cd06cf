// Reach, consensus and targeting, each worked out by hand on a listed world.
#include <catch2/catch.hpp>

#include "ensemble/paired_run.hpp"
#include "instrument_worlds.hpp"
#include "load/scenario_loader.hpp"
#include "policy/jurisdiction.hpp"
#include "policy/shipment_policy.hpp"

using namespace regimesim;

namespace {
std::shared_ptr<const ensemble::PreparedScenario> prepared(const std::string& yaml) {
  return ensemble::prepare(load::load_scenario_text(yaml, "test.yaml"));
}
FirmId firm(const World& w, const std::string& id) { return *w.find_firm(id); }
}  // namespace

TEST_CASE("De minimis: 30% US content is caught under a 25% threshold, not under 50%", "[policy][reach]") {
  auto control = [](double threshold) {
    return "controls:\n  - {id: dm, instrument: embargo, issuer: USA, items: [chips], destinations: [CHN], "
           "reach: {de_minimis: " + std::to_string(threshold) + "}}\n";
  };
  const auto low = prepared(testing::content_chain_yaml(control(0.25)));
  const World& w = low->scenario.world;
  // By hand: a module carries 0.3 chips, all US-made; a phone carries 0.5 modules.
  const auto u = policy::controlled_content_share(low->scenario.controls[0], w, low->network);
  CHECK(u[firm(w, "jp_modules")] == Approx(0.30).margin(1e-12));
  CHECK(u[firm(w, "cn_phones")] == Approx(0.15).margin(1e-12));
  CHECK(u[firm(w, "us_chips")] == Approx(0.0).margin(1e-15));
  CHECK(low->plan.controls()[0].reach[firm(w, "jp_modules")]);
  CHECK_FALSE(low->plan.controls()[0].reach[firm(w, "us_chips")]);  // the issuer's own firm is not "reached"

  const auto high = prepared(testing::content_chain_yaml(control(0.5)));
  CHECK_FALSE(high->plan.controls()[0].reach[firm(w, "jp_modules")]);

  // The Japanese modules to China are denied under 25% and flow under 50%.
  std::vector<policy::Verdict> v;
  std::vector<std::uint16_t> lic;
  policy::ShipmentPolicy(&low->plan).decide_links(0, low->network, low->network.link_supplier, v, lic);
  const auto& net = low->network;
  for (std::uint32_t l = 0; l < net.link_count(); ++l) {
    const bool modules_to_china = net.link_supplier[l] == firm(w, "jp_modules");
    CHECK(v[l] == (modules_to_china ? policy::Verdict::denied : policy::Verdict::allowed));
  }
  policy::ShipmentPolicy(&high->plan).decide_links(0, high->network, high->network.link_supplier, v, lic);
  for (auto verdict : v) CHECK(verdict == policy::Verdict::allowed);
}

TEST_CASE("Foreign direct product: a fab using US tools is caught, a maker without them is not", "[policy][reach]") {
  const auto p = prepared(testing::content_chain_yaml(
      "controls:\n  - {id: fdp, instrument: embargo, issuer: USA, items: [litho], destinations: [CHN], "
      "reach: {foreign_direct_product: [litho]}}\n"));
  const World& w = p->scenario.world;
  CHECK(p->plan.controls()[0].reach[firm(w, "tw_fab")]);
  CHECK_FALSE(p->plan.controls()[0].reach[firm(w, "jp_modules")]);
}

TEST_CASE("Consensus: a member whose exports at stake outweigh its concern keeps the item off the list",
          "[policy][consensus]") {
  const std::string control =
      "controls:\n  - {id: rc, instrument: embargo, issuer: suppliers_regime, consensus: true, items: [equipment], "
      "destinations: [CHN]}\n";
  // Every member exports all its equipment to China: exports at stake = 1 for each.
  // Concern x sensitivity (tier 5 -> 1) = 0.5 for every member at the default concern.
  const auto vetoed = prepared(testing::four_suppliers_yaml(control));
  const auto& c = vetoed->plan.controls()[0];
  CHECK(c.items.empty());
  REQUIRE(c.votes.size() == 4);
  for (const auto& v : c.votes) {
    CHECK(v.exports_at_stake == Approx(1.0));
    CHECK(v.concern == Approx(0.5));
    CHECK_FALSE(v.supports);
  }
  // With every member's concern at 1, concern equals the stake and the item is adopted.
  std::string yaml = testing::four_suppliers_yaml(control);
  for (const char* code : {"USA", "NLD", "JPN", "KOR"}) {
    const std::string from = std::string("{code: ") + code;
    const auto at = yaml.find(from);
    const auto end = yaml.find('}', at);
    yaml.replace(at, end - at + 1, std::string("{code: ") + code + ", security_concern: 1}");
  }
  const auto adopted = prepared(yaml);
  CHECK(adopted->plan.controls()[0].items.size() == 1);
}

TEST_CASE("An entity listing stops only the listed firm; a catch-all only the WMD-risk end user", "[policy][targets]") {
  const auto p = prepared(testing::four_suppliers_yaml(
      "controls:\n"
      "  - {id: el, instrument: embargo, issuer: USA, items: [equipment], destinations: {entities: [cn_gadgets]}}\n"
      "  - {id: ca, instrument: licence_requirement, issuer: USA, items: [all], destinations: {end_uses: [wmd_risk]}, "
      "licence: {approval_probability: 0, delay_steps: 0}}\n"));
  const World& w = p->scenario.world;
  const auto& net = p->network;
  std::vector<policy::Verdict> v;
  std::vector<std::uint16_t> lic;
  policy::ShipmentPolicy(&p->plan).decide_links(0, net, net.link_supplier, v, lic);
  for (std::uint32_t b = 0; b < net.firm_count; ++b)
    for (const std::uint32_t k : net.slots_of(b))
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
        INFO(w.firms[b].id << " from " << w.firms[net.link_supplier[l]].id);
        if (b == firm(w, "cn_gadgets"))
          CHECK(v[l] == policy::Verdict::denied);
        else if (b == firm(w, "cn_rockets"))
          CHECK(v[l] == policy::Verdict::licence_required);
        else
          CHECK(v[l] == policy::Verdict::allowed);
      }
  // Who the controls aim at: the entity and the WMD-risk user, not the fab.
  CHECK(p->plan.roles().aimed_at[firm(w, "cn_gadgets")]);
  CHECK(p->plan.roles().aimed_at[firm(w, "cn_rockets")]);
  CHECK_FALSE(p->plan.roles().aimed_at[firm(w, "cn_fab")]);
}

namespace {
// The four-suppliers world with a circle of USA and NLD, and JPN and KOR deciding
// for themselves at `decide_at`; JPN cares about security as much as its exports.
std::string circle_world(int decide_at) {
  std::string yaml = testing::four_suppliers_yaml(
      "controls:\n  - {id: eq, instrument: embargo, issuer: circle, items: [equipment], destinations: [CHN], "
      "start: 2}\n");
  yaml.replace(yaml.find("{code: JPN}"), 11, "{code: JPN, security_concern: 1}");
  yaml.replace(yaml.find("  coalitions:\n"), 14,
               "  coalitions:\n    - {id: circle, members: [USA, NLD], candidates: [JPN, KOR], decide_at: " +
                   std::to_string(decide_at) + "}\n");
  return yaml;
}
double world_denial_at_horizon(const ensemble::PreparedScenario& p) {
  const auto r = ensemble::run_paired(p);
  double value = -1;
  for (const auto& row : r.rows)
    if (row.metric == output::Metric::denial_effectiveness && row.state == output::kWorld &&
        row.item == output::kAllItems && row.step == p.scenario.steps - 1)
      value = row.value;
  return value;
}
}  // namespace

TEST_CASE("A candidate joins a circle when its concern covers its exports at stake, from decide_at",
          "[policy][coalition]") {
  // Every supplier sends all its equipment exports to China: exports at stake 1.
  // JPN's concern is 1 x sensitivity 1 (tier 5) = 1 >= 1: it joins. KOR's is 0.5: it stays out.
  const auto p = prepared(circle_world(6));
  const auto& c = p->plan.controls()[0];
  const World& w = p->scenario.world;
  const StateId jpn = *w.find_state("JPN"), kor = *w.find_state("KOR");
  CHECK_FALSE(c.member_at(jpn, 5));
  CHECK(c.member_at(jpn, 6));
  CHECK_FALSE(c.member_at(kor, 6));
  CHECK_FALSE(c.member_at(kor, 29));
  REQUIRE(c.join_votes.size() == 2);
  for (const auto& v : c.join_votes) {
    CHECK(v.exports_at_stake == Approx(1.0));
    CHECK(v.supports == (v.member == jpn));
  }
  CHECK(policy::ShipmentPolicy(&p->plan).changes_at(6));
  // Deciding at the start, the circle is USA, NLD and JPN: it must end exactly as the
  // coalition main_three of the same world does.
  const auto at_start = prepared(circle_world(0));
  const auto three = prepared(testing::four_suppliers_yaml(
      "controls:\n  - {id: eq, instrument: embargo, issuer: main_three, items: [equipment], destinations: [CHN], "
      "start: 2}\n"));
  CHECK(world_denial_at_horizon(*at_start) == Approx(world_denial_at_horizon(*three)).margin(1e-12));
}

TEST_CASE("A counter-control with dominance keeps only the items its issuer dominates", "[policy][retaliation]") {
  // Baseline equipment: 10 for the fab (US 4 by volume share), 1 each for the rocket
  // and gadget makers, both from the US: the US makes 6 of 12, a half. It makes no chips.
  auto with = [](const std::string& share) {
    return prepared(testing::four_suppliers_yaml(
        "controls:\n  - {id: ban, instrument: prohibition, issuer: USA, items: [equipment, chips], destinations: "
        "[CHN], dominance: " + share + "}\n"));
  };
  const auto loose = with("0.45");
  const auto& c = loose->plan.controls()[0];
  const ItemId equipment = *loose->scenario.world.find_item("equipment");
  CHECK(policy::issuers_share(*c.control, equipment, loose->scenario.world, loose->network, loose->equilibrium) ==
        Approx(0.5));
  REQUIRE(c.items.size() == 1);
  CHECK(c.items[0] == equipment);
  CHECK(with("0.55")->plan.controls()[0].items.empty());
}

TEST_CASE("A coalition member that leaves and joins again applies the control in each stay, not between",
          "[policy][coalition]") {
  std::string yaml = testing::four_suppliers_yaml(
      "controls:\n  - {id: eq, instrument: embargo, issuer: main_three, items: [equipment], destinations: [CHN]}\n");
  const std::string plain = "{id: main_three, members: [USA, NLD, JPN]}";
  yaml.replace(yaml.find(plain), plain.size(),
               "{id: main_three, members: [USA, NLD, JPN], changes: [{at: 3, leaves: [JPN]}, {at: 9, joins: [JPN]}]}");
  const auto p = prepared(yaml);
  const auto& c = p->plan.controls().front();
  const StateId jpn = *p->scenario.world.find_state("JPN"), usa = *p->scenario.world.find_state("USA");
  CHECK(c.member_at(jpn, 2));
  CHECK_FALSE(c.member_at(jpn, 3));
  CHECK_FALSE(c.member_at(jpn, 8));
  CHECK(c.member_at(jpn, 9));
  CHECK(c.member_at(jpn, 20));
  CHECK(c.member_at(usa, 5));
  // The roles the metrics split by follow the same stays, step by step: Japan is a
  // controller, and a supplier to China's aimed-at equipment input from Japan is a
  // controller's, at steps 2 and 9, not at 3 or 8. The US is one throughout.
  const policy::ControlRoles& roles = p->plan.roles();
  REQUIRE(roles.controls() == 1);
  std::uint32_t target = 0;  // a slot the embargo aims at
  while (target < roles.target_slot.size() && !roles.target_slot[target]) ++target;
  REQUIRE(target < roles.target_slot.size());
  for (int step : {0, 2, 3, 8, 9, 20}) {
    INFO("step " << step);
    const bool in = step < 3 || step >= 9;
    const policy::StepRoles now = roles.at(step);
    CHECK(now.controller[jpn] == in);
    CHECK(now.control_member[0][jpn] == in);
    CHECK(now.from_controller(roles, target, jpn) == in);
    CHECK(now.controller[usa]);
    CHECK(now.from_controller(roles, target, usa));
  }
}

TEST_CASE("De minimis counts only the items the control keeps: one its dominance rule drops is not controlled content",
          "[policy][reach]") {
  // A Taiwanese chip maker supplies the Japanese modules half their chips, so the US makes
  // half the world's chips and a module carries 0.3 x 0.5 = 15% US chip content, above a
  // 10% threshold. Dominance at 0.4 keeps chips on the list (0.5 > 0.4), at 0.6 drops them.
  auto world = [](const std::string& dominance) {
    std::string yaml = testing::content_chain_yaml(
        "controls:\n  - {id: dm, instrument: embargo, issuer: USA, items: [chips], destinations: [CHN], dominance: " +
        dominance + ", reach: {de_minimis: 0.1}}\n");
    const std::string firm_line = "    - {id: us_chips, state: USA, item: chips, capacity: 100}\n";
    yaml.insert(yaml.find(firm_line) + firm_line.size(), "    - {id: tw_chips, state: TWN, item: chips, capacity: 100}\n");
    const std::string link_line = "    - {supplier: us_chips, buyer: jp_modules, volume: 1}\n";
    yaml.insert(yaml.find(link_line) + link_line.size(), "    - {supplier: tw_chips, buyer: jp_modules, volume: 1}\n");
    return yaml;
  };
  const auto kept = prepared(world("0.4"));
  const auto dropped = prepared(world("0.6"));
  const World& w = kept->scenario.world;
  REQUIRE(kept->plan.controls()[0].items.size() == 1);
  REQUIRE(dropped->plan.controls()[0].items.empty());
  CHECK(kept->plan.controls()[0].reach[firm(w, "jp_modules")]);
  CHECK_FALSE(dropped->plan.controls()[0].reach[firm(w, "jp_modules")]);
}

TEST_CASE("Consensus weighs the stake in the item, and alignment with the target, against concern",
          "[policy][consensus]") {
  // Fabs in CHN and KOR each make 100 chips (each state's demand of 100 splits over the
  // two by capacity) and need 10 tools, all from the US maker: the US exports 20 tools,
  // 10 to China, so its stake in tools is 10 / 20 = 0.5. It also sells 1,000 cars to
  // Korea; against its total exports (1,020) the stake would be 0.0098, and no concern
  // above 0.01 could veto. Concern x sensitivity (tier 5 -> 1) is the concern itself.
  auto world = [](const std::string& usa, const std::string& alignment) {
    return prepared(R"(name: stake
world:
  states:
    - {code: USA, )" + usa + R"(}
    - {code: CHN, final_demand: {chips: 100}}
    - {code: KOR, final_demand: {chips: 100, cars: 1000}}
  items:
    - {id: tools, tier: 5}
    - {id: chips, tier: 4, recipe: {tools: 0.1}}
    - {id: cars, tier: 1}
  regimes:
    - {id: r, members: [USA, KOR]}
)" + alignment + R"(  firms:
    - {id: us_tools, state: USA, item: tools, capacity: 25}
    - {id: us_cars, state: USA, item: cars, capacity: 1250}
    - {id: cn_fab, state: CHN, item: chips, capacity: 125}
    - {id: kr_fab, state: KOR, item: chips, capacity: 125}
  links:
    - {supplier: us_tools, buyer: cn_fab, volume: 1}
    - {supplier: us_tools, buyer: kr_fab, volume: 1}
controls:
  - {id: list, instrument: embargo, issuer: r, consensus: true, items: [tools], destinations: [CHN]}
)");
  };
  auto us_vote = [](const ensemble::PreparedScenario& p) {
    const auto& c = p.plan.controls()[0];
    const StateId usa = *p.scenario.world.find_state("USA");
    for (const auto& v : c.votes)
      if (v.member == usa) return v;
    FAIL("no US vote");
    return c.votes.front();
  };
  const auto low = world("security_concern: 0.4", "");
  const auto v = us_vote(*low);
  CHECK(v.exports_at_stake == Approx(0.5));
  CHECK(v.concern == Approx(0.4));
  CHECK(v.alignment == 0.0);
  CHECK_FALSE(v.supports);
  CHECK(low->plan.controls()[0].items.empty());
  // At concern 0.8 the US supports; aligned with China at 0.4, stake + alignment = 0.9 > 0.8.
  const auto high = world("security_concern: 0.8", "");
  CHECK(us_vote(*high).supports);
  CHECK(high->plan.controls()[0].items.size() == 1);
  const auto aligned = world("security_concern: 0.8", "  alignment: {USA: {CHN: 0.4, KOR: 0.9}}\n");
  const auto va = us_vote(*aligned);
  CHECK(va.alignment == Approx(0.4));  // alignment with the targets only: Korea is not one
  CHECK_FALSE(va.supports);
  // An alignment with itself or out of range is a located error.
  CHECK_THROWS_WITH(world("", "  alignment: {USA: {USA: 0.4}}\n"), Catch::Contains("world.alignment.USA.USA"));
  CHECK_THROWS_WITH(world("", "  alignment: {USA: {CHN: 1.5}}\n"), Catch::Contains("between 0 and 1"));
}
