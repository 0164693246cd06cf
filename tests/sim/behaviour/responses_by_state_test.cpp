// Per-state firm answers (`over_compliance.by_state`, `diversion.propensity_by_state`):
// a state's own value moves that state's firms and no one else's, on a small world
// worked out by hand.
#include <catch2/catch.hpp>

#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "two_fabs_world.hpp"
#include "model/scenario_error.hpp"

using namespace regimesim;

namespace {

struct Run {
  std::shared_ptr<const ensemble::PreparedScenario> p;
  policy::ShipmentPolicy policy;
  engine::Simulation sim;
  // The two fabs' world (two_fabs_world.hpp) with this `responses:` section; the US and
  // the Netherlands embargo together, so both apply a control and both buyers' states are named.
  explicit Run(const std::string& responses)
      : p(ensemble::prepare(load::load_scenario_text(test::two_fabs("[USA, NLD]", responses), "by-state.yaml", {}))),
        policy(&p->plan),
        sim(p->scenario, p->network, p->equilibrium, policy) {}
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

std::string error_of(const std::string& responses) {
  try {
    Run r(responses);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("A state's own over-compliance probability moves only its exporters", "[engine][responses]") {
  // {NLD: 1}: from step 2 the Dutch chemical maker declines its legal sale to Russia;
  // the US one, at the world-wide 0, keeps selling to China.
  Run dutch("{resourcing: {search_delay: 0}, over_compliance: {by_state: {NLD: 1}}}");
  const std::uint32_t us = dutch.link("us_chem", "cn_fab"), nl = dutch.link("nl_chem", "ru_fab");
  // The mirror: everyone at 1 but the Netherlands at 0.
  Run others("{resourcing: {search_delay: 0}, over_compliance: {probability: 1, by_state: {NLD: 0}}}");
  // And the US chemical maker ships to China just what it ships with no over-compliance.
  Run none("{resourcing: {search_delay: 0}}");
  for (int t = 0; t < 5; ++t) {
    dutch.sim.step();
    others.sim.step();
    none.sim.step();
    INFO("step " << t);
    const auto declined = [&](bool yes) { return yes ? policy::Verdict::declined : policy::Verdict::allowed; };
    CHECK(dutch.sim.state().verdict[nl] == declined(t >= 2));
    CHECK(dutch.sim.state().verdict[us] == policy::Verdict::allowed);
    CHECK(others.sim.state().verdict[us] == declined(t >= 2));
    CHECK(others.sim.state().verdict[nl] == policy::Verdict::allowed);
    CHECK(dutch.sim.state().accepted_of(us) == none.sim.state().accepted_of(us));
    CHECK(dutch.sim.state().accepted_of(nl) == (t < 2 ? Approx(10.0) : Approx(0.0)));
  }
}

TEST_CASE("A state's own diversion propensity moves only its buyers", "[engine][responses]") {
  // Both fabs are denied tools at steps 2, 3, 4 and search at the end of step 4. At
  // {CHN: 1} only the Chinese fab tries a front: its order ships through the UAE from
  // step 5 (undetected); the Russian fab finds no uncovered maker and stays cut off.
  Run r("{resourcing: {search_delay: 3}, diversion: {propensity_by_state: {CHN: 1}, intermediaries: [ARE]}}");
  const std::uint32_t cn = r.link("us_tools", "cn_fab"), ru = r.link("us_tools", "ru_fab");
  const auto are = static_cast<std::uint16_t>(*r.p->scenario.world.find_state("ARE"));
  for (int t = 0; t < 8; ++t) {
    r.sim.step();
    const auto& s = r.sim.state();
    INFO("step " << t);
    CHECK(s.via[ru] == engine::kDirect);
    CHECK(s.accepted_of(ru) == (t < 2 ? Approx(5.0) : Approx(0.0)));
    CHECK(s.via[cn] == (t >= 4 ? are : engine::kDirect));
    if (t < 2 || t >= 5) CHECK(s.accepted_of(cn) > 0);
    if (t >= 2 && t < 5) CHECK(s.accepted_of(cn) == Approx(0.0));
  }
  // The world-wide propensity 1 with China's own at 0: the same, the other way round.
  Run mirror("{resourcing: {search_delay: 3}, diversion: {propensity: 1, propensity_by_state: {CHN: 0}, "
             "intermediaries: [ARE]}}");
  for (int t = 0; t < 8; ++t) mirror.sim.step();
  CHECK(mirror.sim.state().via[cn] == engine::kDirect);
  CHECK(mirror.sim.state().via[ru] == are);
}

TEST_CASE("Per-state values are read with located errors", "[load][responses][errors]") {
  const std::string unknown = error_of("{over_compliance: {by_state: {XYZ: 0.3}}}");
  CHECK(unknown.find("responses.over_compliance.by_state.XYZ") != std::string::npos);
  CHECK(unknown.find("not a state") != std::string::npos);
  const std::string above = error_of("{diversion: {propensity_by_state: {CHN: 2}, intermediaries: [ARE]}}");
  CHECK(above.find("responses.diversion.propensity_by_state.CHN") != std::string::npos);
  CHECK(above.find("between 0 and 1") != std::string::npos);
  const std::string list = error_of("{over_compliance: {by_state: [NLD]}}");
  CHECK(list.find("map from state code") != std::string::npos);
  // A state's propensity above 0 needs fronts to go through, as the world-wide one does.
  CHECK(error_of("{diversion: {propensity_by_state: {CHN: 0.5}}}").find("intermediaries") != std::string::npos);
}
