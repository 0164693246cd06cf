// Retaliation triggered by measured losses (behaviour/retaliation.hpp), worked out by
// hand on the gallium world (state_decisions_worlds.hpp): China's fab takes all its
// tools from the US maker, which needs Chinese gallium; the US prohibits tools to
// China from step 2, and China's answer is a gallium prohibition to the US.
//
// The fab has no other maker of tools to turn to, so from step 2 every order it places
// on its one tools link is covered and denied:
//   denied (steps 2, 3, ...) = its orders turned away / its orders = 1
// What arrives is what was shipped the step before, so the baseline flow still
// arrives at step 2 and nothing from step 3:
//   shortfall (step 2) = 1 - baseline / baseline = 0 (to rounding), (steps 3, ...) = 1
// A trigger met in N steps in a row starts the counter-control the step after the last.
#include <catch2/catch.hpp>

#include "listed_fab_world.hpp"
#include "state_decisions_worlds.hpp"
#include "ensemble/paired_run.hpp"
#include "engine/simulation.hpp"
#include "load/scenario_loader.hpp"
#include "model/scenario_error.hpp"
#include "policy/shipment_policy.hpp"

using namespace regimesim;
using state_decisions_worlds::bytes_of;
using state_decisions_worlds::gallium_world;

namespace {

std::string counter(const std::string& after) {
  return "  - {id: gallium-ban, instrument: prohibition, issuer: CHN, items: [gallium], destinations: [USA], after: " +
         after + "}\n";
}

struct Run {
  std::vector<policy::Verdict> gallium_verdict;  // per step: on the gallium link to the US maker
  std::vector<std::string> states;
  std::vector<behaviour::StateDecision> decisions;
};

Run run(const std::string& yaml) {
  const auto p = ensemble::prepare(load::load_scenario_text(yaml, "retaliation.yaml"));
  const policy::ShipmentPolicy controls(&p->plan);
  engine::Simulation sim(p->scenario, p->network, p->equilibrium, controls);
  const FirmId us = *p->scenario.world.find_firm("us_tools");
  const auto gallium_link = p->network.slot_link_begin[p->network.slots_of(us)[0]];
  Run out;
  for (int t = 0; t < p->scenario.steps; ++t) {
    sim.step();
    out.gallium_verdict.push_back(sim.state().verdict[gallium_link]);
    out.states.push_back(bytes_of(sim.state()));
  }
  out.decisions = sim.state_decisions();
  return out;
}

int first_denied(const Run& r) {
  for (std::size_t t = 0; t < r.gallium_verdict.size(); ++t)
    if (r.gallium_verdict[t] == policy::Verdict::denied) return static_cast<int>(t);
  return -1;
}

}  // namespace

TEST_CASE("A counter-control starts the step after measured denial crossed its threshold for N steps",
          "[behaviour][retaliation]") {
  for (int n : {1, 2, 4}) {
    INFO("steps " << n);
    const Run r = run(gallium_world(counter("{control: ban, when: {denied: 0.9, steps: " + std::to_string(n) + "}}")));
    CHECK(first_denied(r) == 2 + n);  // denied 1 at steps 2 .. 1 + n
    REQUIRE(r.decisions.size() == 1);
    CHECK(r.decisions[0].step == 2 + n);
    CHECK(r.decisions[0].kind == behaviour::StateDecision::Kind::retaliates);
    CHECK(r.decisions[0].measured == 1.0);
  }
}

TEST_CASE("A counter-control on measured shortfall waits for the goods in transit to run out",
          "[behaviour][retaliation]") {
  for (int n : {1, 3}) {
    INFO("steps " << n);
    const Run r = run(gallium_world(counter("{control: ban, when: {shortfall: 0.9, steps: " + std::to_string(n) + "}}")));
    CHECK(first_denied(r) == 3 + n);  // shortfall 1 from step 3
  }
}

TEST_CASE("A measured trigger never met leaves the run byte-identical to one without the counter-control",
          "[behaviour][retaliation]") {
  // Denial is 1 at steps 2 to 11, ten steps; a start at step 12 would be after the run.
  const Run never = run(gallium_world(counter("{control: ban, when: {denied: 0.9, steps: 10}}")));
  const Run without = run(gallium_world(""));
  CHECK(never.decisions.empty());
  CHECK(first_denied(never) == -1);
  REQUIRE(never.states.size() == without.states.size());
  for (std::size_t t = 0; t < never.states.size(); ++t) CHECK(never.states[t] == without.states[t]);
}

TEST_CASE("after: {control, lag} keeps its start known before the run", "[behaviour][retaliation]") {
  const Run r = run(gallium_world(counter("{control: ban, lag: 3}")));
  CHECK(first_denied(r) == 5);
  CHECK(r.decisions.empty());
}

TEST_CASE("A measured trigger is read with located errors", "[behaviour][retaliation][load]") {
  auto error_of = [](const std::string& after) {
    try {
      load::load_scenario_text(gallium_world(counter(after)), "retaliation.yaml");
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error_of("{control: ban, when: {steps: 2}}"), Catch::Contains("controls[1].after.when") &&
                                                               Catch::Contains("give one measured trigger"));
  CHECK_THAT(error_of("{control: ban, when: {denied: 0.5, shortfall: 0.5}}"), Catch::Contains("give one"));
  CHECK_THAT(error_of("{control: ban, when: {denied: 0}}"), Catch::Contains("controls[1].after.when.denied"));
  CHECK_THAT(error_of("{control: ban, when: {denied: 0.5, steps: 0}}"), Catch::Contains("when.steps"));
  CHECK_THAT(error_of("{control: ban, lag: 2, when: {denied: 0.5}}"), Catch::Contains("not both"));
  CHECK_THAT(error_of("{control: ban, when: {denied: 0.5}}, end: 9"), Catch::Contains("controls[1].end"));
}

TEST_CASE("A denial counts in a trigger's measure at the step its buyer re-sources", "[behaviour][retaliation]") {
  // cn_fab takes all its chips from us_chips; the US entity-lists it from step 2. Denied
  // at steps 2, 3 and 4, it searches at the end of step 4 (search_delay 3, the default) and moves to
  // kr_chips, which no control covers. What the listing turned away of its orders is
  // 1 at steps 2, 3 and 4, step 4 included: its order of that step was denied, though the
  // link is allowed by the step's end. Three steps in a row: the answer starts at step 5.
  const std::string world = std::string(listed_fab_world::kListedFab) +
                            "  - {id: answer, instrument: prohibition, issuer: CHN, items: [phones], destinations: [USA],\n"
                            "     after: {control: listing, when: {denied: 0.9, steps: 3}}}\n";
  const auto p = ensemble::prepare(load::load_scenario_text(world, "resourced-trigger.yaml"));
  const policy::ShipmentPolicy controls(&p->plan);
  engine::Simulation sim(p->scenario, p->network, p->equilibrium, controls);
  const FirmId fab = *p->scenario.world.find_firm("cn_fab"), korea = *p->scenario.world.find_firm("kr_chips");
  const auto link = p->network.slot_link_begin[p->network.slots_of(fab)[0]];
  for (int t = 0; t < p->scenario.steps; ++t) sim.step();
  REQUIRE(sim.state().supplier[link] == korea);  // the search took place
  const auto decisions = sim.state_decisions();
  REQUIRE(decisions.size() == 1);
  CHECK(decisions[0].step == 5);
  CHECK(decisions[0].kind == behaviour::StateDecision::Kind::retaliates);
  CHECK(decisions[0].measured == 1.0);
}
