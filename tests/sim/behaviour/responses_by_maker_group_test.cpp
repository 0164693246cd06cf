// Values for a group of one state's makers of some items (`over_compliance.by_maker_group`,
// `diversion.fronts_by_maker_group`, what a classroom firm team sets): a group's value
// moves its makers and no one else's, on a small world worked out by hand.
#include <catch2/catch.hpp>

#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "two_fabs_world.hpp"

using namespace regimesim;

namespace {

// What the decision point let through of every link's order this step.
std::vector<double> accepted_all(const engine::RunState& s) {
  std::vector<double> v(s.order.size());
  for (std::uint32_t l = 0; l < v.size(); ++l) v[l] = s.accepted_of(l);
  return v;
}

struct Group {
  const char* state;
  const char* item;
  double value;
};

struct Run {
  std::shared_ptr<const ensemble::PreparedScenario> p;
  policy::ShipmentPolicy policy;
  engine::Simulation sim;
  // The two fabs' world with these issuers, `responses:` and groups' values.
  static std::shared_ptr<const ensemble::PreparedScenario> prepared(const std::string& issuers, const std::string& responses,
                                                                    const std::vector<Group>& over,
                                                                    const std::vector<Group>& fronts) {
    Scenario sc = load::load_scenario_text(test::two_fabs(issuers, responses), "by-group.yaml", {});
    auto group = [&](const Group& g) {
      return MakerGroupValue{*sc.world.find_state(g.state), {*sc.world.find_item(g.item)}, g.value};
    };
    for (const Group& g : over) sc.responses.over_compliance.by_maker_group.push_back(group(g));
    for (const Group& g : fronts) sc.responses.diversion.fronts_by_maker_group.push_back(group(g));
    return ensemble::prepare(std::move(sc));
  }
  Run(const std::string& issuers, const std::string& responses, const std::vector<Group>& over = {},
      const std::vector<Group>& fronts = {})
      : p(prepared(issuers, responses, over, fronts)), policy(&p->plan), sim(p->scenario, p->network, p->equilibrium, policy) {}
  FirmId firm(const char* id) const { return *p->scenario.world.find_firm(id); }
  std::uint32_t link(const char* supplier, const char* buyer) const {
    const auto& n = p->network;
    const FirmId b = firm(buyer);
    for (const std::uint32_t k : n.slots_of(b))
      for (auto l = n.slot_link_begin[k]; l < n.slot_link_begin[k + 1]; ++l)
        if (n.link_supplier[l] == firm(supplier)) return l;
    FAIL("no link from " << supplier << " to " << buyer);
    return 0;
  }
};

const auto declined = [](bool yes) { return yes ? policy::Verdict::declined : policy::Verdict::allowed; };

}  // namespace

TEST_CASE("A group of makers over-complies whether or not its state applies a control", "[engine][responses]") {
  // The US alone embargoes tools: the Netherlands applies no control, so its state's
  // own probability 1 declines nothing, but the group of its chemical makers at 1
  // declines its legal sale to Russia once Russia is named (step 2), and only that.
  Run state("[USA]", "{resourcing: {search_delay: 0}, over_compliance: {by_state: {NLD: 1}}}");
  Run group("[USA]", "{resourcing: {search_delay: 0}}", {{"NLD", "chem", 1.0}});
  const std::uint32_t nl = group.link("nl_chem", "ru_fab"), us = group.link("us_chem", "cn_fab");
  for (int t = 0; t < 6; ++t) {
    state.sim.step();
    group.sim.step();
    INFO("step " << t);
    CHECK(state.sim.state().verdict[nl] == policy::Verdict::allowed);
    CHECK(group.sim.state().verdict[nl] == declined(t >= 2));
    CHECK(group.sim.state().accepted_of(nl) == (t < 2 ? Approx(10.0) : Approx(0.0)));
    CHECK(group.sim.state().verdict[us] == policy::Verdict::allowed);  // another state's maker
  }
}

TEST_CASE("A group's over-compliance is over its state's, and equal to it for a state's only makers",
          "[engine][responses]") {
  // Both apply the embargo. The Dutch makers are all chemical makers, so a group of
  // them at p is the state's own p: the same verdicts and orders, step by step.
  Run state("[USA, NLD]", "{resourcing: {search_delay: 0}, over_compliance: {by_state: {NLD: 0.6}}}");
  Run group("[USA, NLD]", "{resourcing: {search_delay: 0}}", {{"NLD", "chem", 0.6}});
  // The group at 0 over its state's 1: the Dutch maker keeps selling.
  Run over("[USA, NLD]", "{resourcing: {search_delay: 0}, over_compliance: {by_state: {NLD: 1}}}", {{"NLD", "chem", 0.0}});
  const std::uint32_t nl = group.link("nl_chem", "ru_fab");
  for (int t = 0; t < 8; ++t) {
    state.sim.step();
    group.sim.step();
    over.sim.step();
    INFO("step " << t);
    CHECK(state.sim.state().verdict == group.sim.state().verdict);
    CHECK(accepted_all(state.sim.state()) == accepted_all(group.sim.state()));
    CHECK(over.sim.state().verdict[nl] == policy::Verdict::allowed);
  }
}

TEST_CASE("A group of makers that refuses fronts leaves the cut-off buyer to re-source", "[engine][responses]") {
  // Chinese buyers always try a front: without a group, the Chinese fab, denied tools
  // at steps 2 to 4, takes a front in the UAE at the end of step 4 (as in
  // responses_by_state_test.cpp). The US tool makers refusing every front order: no
  // front, and no other maker, so the fab stays cut off. Taking every one (1) is the
  // run without the group; a group of the US chemical makers changes nothing for tools.
  const std::string responses =
      "{resourcing: {search_delay: 3}, diversion: {propensity_by_state: {CHN: 1}, intermediaries: [ARE]}}";
  Run none("[USA, NLD]", responses);
  Run refuse("[USA, NLD]", responses, {}, {{"USA", "tools", 0.0}});
  Run take("[USA, NLD]", responses, {}, {{"USA", "tools", 1.0}});
  Run chem("[USA, NLD]", responses, {}, {{"USA", "chem", 0.0}});
  const std::uint32_t cn = none.link("us_tools", "cn_fab");
  const auto are = static_cast<std::uint16_t>(*none.p->scenario.world.find_state("ARE"));
  for (int t = 0; t < 8; ++t) {
    for (Run* r : {&none, &refuse, &take, &chem}) r->sim.step();
    INFO("step " << t);
    CHECK(none.sim.state().via[cn] == (t >= 4 ? are : engine::kDirect));
    CHECK(refuse.sim.state().via[cn] == engine::kDirect);
    if (t >= 2) CHECK(refuse.sim.state().accepted_of(cn) == Approx(0.0));
    CHECK(accepted_all(take.sim.state()) == accepted_all(none.sim.state()));
    CHECK(take.sim.state().via == none.sim.state().via);
    CHECK(accepted_all(chem.sim.state()) == accepted_all(none.sim.state()));
  }
}
