// The agents' answers to a control, each on a small listed world worked out by hand:
// re-sourcing, over-compliance, diversion and enforcement, building at home.
#include <catch2/catch.hpp>

#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "model/scenario_error.hpp"

using namespace regimesim;

namespace {

// A Chinese fab needs 0.1 tools and 0.2 chemicals per chip and makes 50 chips a step
// for Chinese final demand, buying 5 tools from the US tool maker and 10 chemicals from
// a US chemical maker. A Japanese tool maker sells 5 tools to a Korean board maker
// and has 5 to spare. The US embargoes tools to China from step 2. The UAE has no
// firms: it is where fronts can sit. `extra_firms` adds makers (a Chinese tool maker).
std::string tools_world(const std::string& responses, const std::string& extra_firms = "") {
  return R"(name: responses
steps: 20
world:
  states:
    - {code: USA, enforcement_effort: 1}
    - {code: JPN}
    - {code: KOR, final_demand: {boards: 50}}
    - {code: ARE, cooperation: 1}
    - {code: CHN, final_demand: {chips: 50}}
  items:
    - {id: tools, tier: 3}
    - {id: chem, tier: 1}
    - {id: chips, tier: 4, recipe: {tools: 0.1, chem: 0.2}}
    - {id: boards, tier: 2, recipe: {tools: 0.1}}
  firms:
    - {id: us_tools, state: USA, item: tools, capacity: 10}
    - {id: us_chem, state: USA, item: chem, capacity: 20}
    - {id: jp_tools, state: JPN, item: tools, capacity: 10}
    - {id: cn_fab, state: CHN, item: chips, capacity: 100}
    - {id: kr_boards, state: KOR, item: boards, capacity: 100}
)" + extra_firms + R"(
  links:
    - {supplier: us_tools, buyer: cn_fab, volume: 1}
    - {supplier: us_chem, buyer: cn_fab, volume: 1}
    - {supplier: jp_tools, buyer: kr_boards, volume: 1}
controls:
  - {id: tools-embargo, instrument: embargo, issuer: USA, items: [tools], destinations: [CHN], start: 2}
responses: )" + responses + "\n";
}

std::shared_ptr<const ensemble::PreparedScenario> prepared(const std::string& yaml) {
  return ensemble::prepare(load::load_scenario_text(yaml, "responses.yaml", {}));
}

struct Run {
  std::shared_ptr<const ensemble::PreparedScenario> p;
  policy::ShipmentPolicy policy;
  engine::Simulation sim;
  explicit Run(std::shared_ptr<const ensemble::PreparedScenario> prepared)
      : p(std::move(prepared)), policy(&p->plan), sim(p->scenario, p->network, p->equilibrium, policy) {}
  FirmId firm(const char* id) const { return *p->scenario.world.find_firm(id); }
  StateId state(const char* code) const { return *p->scenario.world.find_state(code); }
  // The fab's link for an input, found by its baseline supplier.
  std::uint32_t link_from(const char* supplier) const {
    for (std::uint32_t l = 0; l < p->network.link_count(); ++l)
      if (p->network.link_supplier[l] == firm(supplier)) return l;
    FAIL("no link from " << supplier);
    return 0;
  }
};

}  // namespace

TEST_CASE("A buyer denied for search_delay steps re-sources to the maker no control covers, once, at a cost",
          "[engine][responses]") {
  Run r(prepared(tools_world("{resourcing: {search_delay: 3, switching_cost: 0.5}}")));
  const std::uint32_t l = r.link_from("us_tools");
  const StateId chn = r.state("CHN");
  // By hand: denied at steps 2, 3, 4; the third denial queues the search, done at
  // the end of step 4. The only uncovered maker is the Japanese one. The switching
  // cost is 0.5 x the link's baseline flow of 5 tools.
  for (int t = 0; t < 10; ++t) {
    r.sim.step();
    const auto& s = r.sim.state();
    INFO("step " << t);
    CHECK(s.supplier[l] == (t < 4 ? r.firm("us_tools") : r.firm("jp_tools")));
    CHECK(s.switching_cost[chn] == (t == 4 ? Approx(2.5) : Approx(0.0)));
    if (t >= 2 && t <= 4) CHECK(s.accepted_of(l) == 0.0);
    if (t >= 5) {
      CHECK(s.verdict[l] == policy::Verdict::allowed);
      CHECK(s.accepted_of(l) > 0.0);
    }
    if (t >= 6) CHECK(s.delivered[l] > 0.0);
  }

  Run never(prepared(tools_world("{resourcing: {search_delay: 0}}")));
  for (int t = 0; t < 10; ++t) never.sim.step();
  CHECK(never.sim.state().supplier[l] == never.firm("us_tools"));
  CHECK(never.sim.state().accepted_of(l) == 0.0);
}

TEST_CASE("An over-complying exporter declines legal sales to the named state, counted as collateral",
          "[engine][responses]") {
  auto all = prepared(tools_world("{resourcing: {search_delay: 0}, over_compliance: {probability: 1}}"));
  Run r(all);
  const std::uint32_t chem = r.link_from("us_chem"), jp = r.link_from("jp_tools");
  for (int t = 0; t < 4; ++t) {
    r.sim.step();
    const auto& s = r.sim.state();
    INFO("step " << t);
    // chemicals are not controlled: from step 2 the US maker declines them anyway
    CHECK(s.verdict[chem] == (t < 2 ? policy::Verdict::allowed : policy::Verdict::declined));
    CHECK(s.accepted_of(chem) == (t < 2 ? Approx(10.0) : Approx(0.0)));
    // a Japanese maker's sale to Korea is between states no control involves
    CHECK(s.verdict[jp] == policy::Verdict::allowed);
  }
  // Step 2's collateral is the declined chemical order, valued at the chemical maker's price.
  const auto result = ensemble::run_paired(*all);
  const StateId chn = *all->scenario.world.find_state("CHN");
  double collateral = -1;
  for (const auto& row : result.rows)
    if (row.step == 2 && row.state == chn && row.metric == output::Metric::collateral_denial) collateral = row.value;
  CHECK(collateral == Approx(10.0));

  Run none(prepared(tools_world("{resourcing: {search_delay: 0}, over_compliance: {probability: 0}}")));
  for (int t = 0; t < 4; ++t) none.sim.step();
  CHECK(none.sim.state().verdict[chem] == policy::Verdict::allowed);
}

TEST_CASE("With detection certain, every diverter is listed after its first attempt and nothing leaks",
          "[engine][responses]") {
  // USA's effort 1 x ARE's cooperation 1: detection probability 1.
  Run r(prepared(tools_world("{resourcing: {search_delay: 3}, diversion: {propensity: 1, intermediaries: [ARE]}}")));
  const std::uint32_t l = r.link_from("us_tools");
  const StateId are = r.state("ARE");
  // By hand: the search at the end of step 4 routes the order through a front in ARE;
  // the attempt at step 5 is detected and the front listed; three more denials (5, 6,
  // 7) and the buyer tries a new front at step 8, listed at step 8.
  double listed = 0;
  for (int t = 0; t < 12; ++t) {
    r.sim.step();
    const auto& s = r.sim.state();
    INFO("step " << t);
    CHECK(s.fronts_listed[are] == (t == 5 || t == 8 || t == 11 ? 1.0 : 0.0));
    CHECK(s.accepted_of(l) == (t < 2 ? Approx(5.0) : Approx(0.0)));
    CHECK(s.supplier[l] == r.firm("us_tools"));  // it never re-sources: it always tries a front first
    listed += s.fronts_listed[are];
  }
  CHECK(listed == 3.0);

  // No cooperation from ARE: detection probability 0. The order ships through the front
  // from step 5 on, and every unit of it is leakage into China and diverted trade
  // through the UAE.
  auto lax = tools_world("{resourcing: {search_delay: 3}, diversion: {propensity: 1, intermediaries: [ARE]}}");
  lax.replace(lax.find("{code: ARE, cooperation: 1}"), 27, "{code: ARE, cooperation: 0}");
  const auto lax_prepared = prepared(lax);
  Run open(lax_prepared);
  double through_front = 0;  // value shipped on the diverted link, summed by hand from the run's state
  for (int t = 0; t < 20; ++t) {
    open.sim.step();
    const auto& s = open.sim.state();
    INFO("step " << t);
    CHECK(s.via[l] == (t < 4 ? engine::kDirect : are));
    if (t >= 5) {
      CHECK(s.outcome[l] == engine::Outcome::shipped);
      CHECK(s.accepted_of(l) > 0.0);
      CHECK(s.fronts_listed[are] == 0.0);
    }
    if (s.via[l] != engine::kDirect) through_front += s.in_transit[l] * s.price[s.supplier[l]];
  }
  const auto result = ensemble::run_paired(*lax_prepared);
  const StateId chn = open.state("CHN");
  double leakage = 0, leakage_chn = 0, diverted = 0;
  for (const auto& row : result.rows) {
    if (row.item != output::kAllItems) continue;
    if (row.state == output::kWorld && row.metric == output::Metric::leakage) leakage += row.value;
    if (row.state == chn && row.metric == output::Metric::leakage) leakage_chn += row.value;
    if (row.state == are && row.metric == output::Metric::diverted_trade) diverted += row.value;
  }
  CHECK(through_front > 0.0);
  CHECK(leakage == Approx(through_front));
  CHECK(leakage_chn == Approx(through_front));
  CHECK(diverted == Approx(through_front));
}

TEST_CASE("A state denied a quarter of its need builds capacity at home after tier x lag steps",
          "[engine][responses]") {
  const std::string cn_tools = "    - {id: cn_tools, state: CHN, item: tools, capacity: 1}\n";
  Run r(prepared(tools_world("{resourcing: {search_delay: 0}, build_at_home: {threshold: 0.25, lag_per_tier: 2, "
                             "success_probability: 1, success_drop_per_tier: 0, capacity_share: 1}}",
                             cn_tools)));
  const FirmId maker = r.firm("cn_tools");
  const StateId chn = r.state("CHN");
  const ItemId tools = *r.p->scenario.world.find_item("tools");
  const std::size_t cell = chn * r.p->scenario.world.items.size() + tools;
  // By hand: at step 2 the fab's whole order of 5 tools (its baseline need) is denied,
  // above 0.25 x 5; tools are tier 3, so the programme delivers at step 2 + 2 x 3 = 8,
  // adding the 5 tools denied to the Chinese maker's capacity of 1.
  for (int t = 0; t < 10; ++t) {
    r.sim.step();
    INFO("step " << t);
    CHECK(r.sim.state().capacity[maker] == (t < 8 ? Approx(1.0) : Approx(6.0)));
    CHECK(r.sim.state().capacity_built[cell] == (t < 8 ? Approx(0.0) : Approx(5.0)));
  }

  Run failed(prepared(tools_world("{resourcing: {search_delay: 0}, build_at_home: {threshold: 0.25, lag_per_tier: 2, "
                                  "success_probability: 0}}",
                                  cn_tools)));
  for (int t = 0; t < 12; ++t) failed.sim.step();
  CHECK(failed.sim.state().capacity[maker] == Approx(1.0));

  // Without a maker at home there is nothing to build on.
  Run bare(prepared(tools_world("{resourcing: {search_delay: 0}, build_at_home: {threshold: 0.25, lag_per_tier: 2, "
                                "success_probability: 1}}")));
  for (int t = 0; t < 12; ++t) bare.sim.step();
  for (double built : bare.sim.state().capacity_built) CHECK(built == 0.0);
}

TEST_CASE("Diversion without intermediaries is a located error", "[engine][responses][errors]") {
  try {
    prepared(tools_world("{diversion: {propensity: 0.5}}"));
    FAIL("expected an error");
  } catch (const ScenarioError& e) {
    const std::string m = e.what();
    CHECK(m.find("responses.diversion") != std::string::npos);
    CHECK(m.find("intermediaries") != std::string::npos);
  }
}

TEST_CASE("A state joining the circle closes the re-sourcing path; one leaving opens it", "[engine][responses]") {
  auto with_circle = [](const std::string& coalition) {
    auto yaml = tools_world("{resourcing: {search_delay: 3}}");
    yaml.replace(yaml.find("  firms:"), 0, "  coalitions:\n    - " + coalition + "\n");
    yaml.replace(yaml.find("issuer: USA"), 11, "issuer: circle");
    return prepared(yaml);
  };
  // The search at the end of step 4 looks for an uncovered maker: Japan's, unless
  // Japan applies the circle's control by then.
  Run joined(with_circle("{id: circle, members: [USA], changes: [{at: 4, joins: [JPN]}]}"));
  Run left(with_circle("{id: circle, members: [USA, JPN], changes: [{at: 3, leaves: [JPN]}]}"));
  Run late(with_circle("{id: circle, members: [USA], changes: [{at: 5, joins: [JPN]}]}"));
  const std::uint32_t l = joined.link_from("us_tools");
  for (int t = 0; t < 5; ++t) {
    joined.sim.step();
    left.sim.step();
    late.sim.step();
  }
  CHECK(joined.sim.state().supplier[l] == joined.firm("us_tools"));
  CHECK(left.sim.state().supplier[l] == left.firm("jp_tools"));
  CHECK(late.sim.state().supplier[l] == late.firm("jp_tools"));
  // Japan joins at step 5: its new sale to the Chinese fab is now denied.
  late.sim.step();
  CHECK(late.sim.state().verdict[l] == policy::Verdict::denied);
}

TEST_CASE("Timeline: a control can start after another; an entity list can grow", "[load][responses]") {
  auto yaml = tools_world("{}");
  yaml += R"(
)";
  yaml.replace(yaml.find("responses: {}"), 13,
               "  - {id: chem-licensing, instrument: licence_requirement, issuer: CHN, items: [chem], "
               "destinations: [USA], after: {control: tools-embargo, lag: 3}}\n"
               "  - {id: listed, instrument: embargo, issuer: USA, items: [all], destinations: {entities: [cn_fab]}, "
               "start: 4, listings: [{at: 7, entities: [kr_boards]}]}\n");
  const auto s = load::load_scenario_text(yaml, "timeline.yaml", {});
  REQUIRE(s.controls.size() == 4);
  CHECK(s.controls[1].start_step == 5);
  CHECK(s.controls[3].id == "listed+7");
  CHECK(s.controls[3].start_step == 7);
  CHECK(s.controls[3].destinations.entities == std::vector<FirmId>{*s.world.find_firm("kr_boards")});

  auto bad = yaml;
  bad.replace(bad.find("control: tools-embargo"), 22, "control: tools-embargoo");
  try {
    load::load_scenario_text(bad, "timeline.yaml", {});
    FAIL("expected an error");
  } catch (const ScenarioError& e) {
    const std::string m = e.what();
    CHECK(m.find("controls[1].after.control") != std::string::npos);
    CHECK(m.find("tools-embargo") != std::string::npos);
  }
}

TEST_CASE("Scripted enforcement: a state that starts looking catches the front from that step", "[engine][responses]") {
  // USA's effort 0 until step 9, then 1; ARE cooperates fully. By hand: the front opens
  // at the end of step 4 and ships at steps 5-8 (detection probability 0); at step 9 it
  // is caught and listed; denied at 9, 10, 11, the buyer opens a new front at the end of
  // step 11, caught at step 12.
  auto yaml = tools_world(
      "{resourcing: {search_delay: 3}, diversion: {propensity: 1, intermediaries: [ARE]}, "
      "enforcement: {changes: [{at: 9, states: [USA], effort: 1}]}}");
  yaml.replace(yaml.find("{code: USA, enforcement_effort: 1}"), 34, "{code: USA, enforcement_effort: 0}");
  Run r(prepared(yaml));
  const std::uint32_t l = r.link_from("us_tools");
  const StateId are = r.state("ARE");
  for (int t = 0; t < 14; ++t) {
    r.sim.step();
    const auto& s = r.sim.state();
    INFO("step " << t);
    CHECK(s.fronts_listed[are] == (t == 9 || t == 12 ? 1.0 : 0.0));
    if (t >= 5 && t <= 8) CHECK(s.outcome[l] == engine::Outcome::shipped);
    if (t >= 9) CHECK(s.accepted_of(l) == 0.0);
  }
}

TEST_CASE("Escalation: after its first catch, a state at full effort catches every later attempt",
          "[engine][responses]") {
  // Effort 0.6 x cooperation 1: the first attempts get through with probability 0.4
  // each. One catch raises the effort by 0.4 to 1 from the next step, so from then on
  // every attempt through ARE is caught.
  auto yaml = tools_world(
      "{resourcing: {search_delay: 1}, diversion: {propensity: 1, intermediaries: [ARE]}, "
      "enforcement: {escalation: 0.4}}");
  yaml.replace(yaml.find("{code: USA, enforcement_effort: 1}"), 34, "{code: USA, enforcement_effort: 0.6}");
  Run r(prepared(yaml));
  const std::uint32_t l = r.link_from("us_tools");
  const StateId are = r.state("ARE");
  int first_catch = -1, attempts_after = 0;
  for (int t = 0; t < 40; ++t) {
    r.sim.step();
    const auto& s = r.sim.state();
    INFO("step " << t);
    if (first_catch >= 0 && t > first_catch && s.order[l] > 0 && s.fronts_listed[are] == 0.0)
      CHECK(s.outcome[l] != engine::Outcome::shipped);  // nothing leaks once effort is 1
    if (first_catch >= 0 && t > first_catch && s.fronts_listed[are] > 0) ++attempts_after;
    if (first_catch < 0 && s.fronts_listed[are] > 0) first_catch = t;
  }
  REQUIRE(first_catch >= 0);
  CHECK(attempts_after > 0);  // the buyer kept trying, and was caught each time
}
