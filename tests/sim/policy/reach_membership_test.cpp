// Reach follows membership (policy/recomputed_reach.hpp), worked out by hand on a
// three-firm chain: a Japanese parts maker sells to a Singaporean tool maker, which
// makes each tool from 0.3 parts and sells all its tools to China's fab. The circle
// (USA, with no firms) embargoes parts and tools to China from step 1, with a 25% de
// minimis rule.
//
// The tool maker's controlled content from the members is 0.3 x (1 if Japan applies
// the control, else 0): 30% > 25% while Japan is a member, 0 otherwise. So it is
// caught exactly in the steps Japan applies the control, and its tools reach China
// (in_transit > 0) exactly in the others, from the control's start.
#include <catch2/catch.hpp>

#include <filesystem>

#include "checkpoint/checkpoint_file.hpp"
#include "ensemble/paired_run.hpp"
#include "engine/simulation.hpp"
#include "load/scenario_loader.hpp"
#include "policy/shipment_policy.hpp"

using namespace regimesim;

namespace {

// `circle`: the coalition's entry after `id`; `reach`: the control's reach map.
// China's fab also buys 0.05 parts per chip straight from Japan (5 a step), so that
// Japan, as a candidate, has leakage through it to measure: of the 15 controlled
// items China receives a step, 5 are Japan's (1/3).
std::string chain(const std::string& circle, const std::string& reach = "{de_minimis: 0.25}") {
  return R"(name: reach-joiner
steps: 8
world:
  states:
    - {code: USA}
    - {code: JPN}
    - {code: SGP}
    - {code: CHN, final_demand: {chips: 100}}
  coalitions:
    - {id: circle, )" + circle + R"(}
  items:
    - {id: parts, tier: 3}
    - {id: tools, tier: 3, recipe: {parts: 0.3}}
    - {id: chips, tier: 4, recipe: {tools: 0.1, parts: 0.05}}
  firms:
    - {id: jp_parts, state: JPN, item: parts, capacity: 20}
    - {id: sg_tools, state: SGP, item: tools, capacity: 20}
    - {id: cn_fab, state: CHN, item: chips, capacity: 125}
  links:
    - {supplier: jp_parts, buyer: sg_tools, volume: 1}
    - {supplier: sg_tools, buyer: cn_fab, volume: 1}
    - {supplier: jp_parts, buyer: cn_fab, volume: 1}
controls:
  - {id: ban, instrument: embargo, issuer: circle, items: [parts, tools], destinations: [CHN], start: 1, reach: )" +
         reach + "}\n";
}

struct Steps {
  std::vector<bool> caught;           // per step: the tool maker is caught by the control's reach
  std::vector<double> tools_shipped;  // per step: the tool maker's shipments to China
};

Steps run(const std::string& yaml) {
  const auto p = ensemble::prepare(load::load_scenario_text(yaml, "reach-joiner.yaml"));
  const policy::ShipmentPolicy controls(&p->plan);
  engine::Simulation sim(p->scenario, p->network, p->equilibrium, controls);
  const FirmId tools = *p->scenario.world.find_firm("sg_tools");
  std::uint32_t to_china = 0;
  for (std::uint32_t l = 0; l < p->network.link_count(); ++l)
    if (p->network.link_supplier[l] == tools) to_china = l;
  Steps out;
  for (int t = 0; t < p->scenario.steps; ++t) {
    sim.step();
    const auto& caught = sim.state().caught_by_reach;  // one control: per firm
    REQUIRE(caught.size() == p->network.firm_count);
    out.caught.push_back(caught[tools] != 0);
    out.tools_shipped.push_back(sim.state().in_transit[to_china]);
  }
  return out;
}

// Caught in steps [from, until), allowed to China in the other steps from the start (1).
void check_caught_between(const Steps& s, int from, int until) {
  for (int t = 1; t < 8; ++t) {
    INFO("step " << t);
    const bool inside = from <= t && t < until;
    CHECK(s.caught[t] == inside);
    if (inside)
      CHECK(s.tools_shipped[t] == 0);
    else
      CHECK(s.tools_shipped[t] > 1);  // about 10 a step
  }
}

}  // namespace

TEST_CASE("A joiner's content counts towards de minimis from the step it joins, not before", "[policy][reach]") {
  SECTION("by event: Japan joins at step 3") {
    check_caught_between(run(chain("members: [USA], changes: [{at: 3, joins: [JPN]}]")), 3, 8);
  }
  SECTION("by rule in the run: Japan's leakage 1/3 >= 0.3 at the end of steps 1 and 2, so it joins at 3") {
    check_caught_between(run(chain("members: [USA], candidates: [JPN], join_when: {leakage: 0.3, steps: 2}")), 3, 8);
  }
  SECTION("in the run, on a control that reads the run's graph every 50 steps: read again at the join") {
    check_caught_between(run(chain("members: [USA], candidates: [JPN], join_when: {leakage: 0.3, steps: 2}",
                                   "{de_minimis: 0.25, recompute_every: 50}")),
                         3, 8);
  }
}

TEST_CASE("A joiner's equipment brings its buyers under the direct product rule from the step it joins",
          "[policy][reach]") {
  // With parts named as the rule's equipment (one stage), the tool maker is caught when
  // it buys parts from a member's firm: from Japan's join, not before.
  check_caught_between(run(chain("members: [USA], changes: [{at: 3, joins: [JPN]}]", "{foreign_direct_product: [parts]}")),
                       3, 8);
  check_caught_between(run(chain("members: [USA], candidates: [JPN], join_when: {leakage: 0.3, steps: 2}",
                                 "{foreign_direct_product: [parts]}")),
                       3, 8);
}

TEST_CASE("A leaver's content stops counting from the step it leaves", "[policy][reach]") {
  check_caught_between(run(chain("members: [USA, JPN], changes: [{at: 3, leaves: [JPN]}]")), 1, 3);
  // Leave and rejoin: caught in each stay.
  const Steps s = run(chain("members: [USA, JPN], changes: [{at: 3, leaves: [JPN]}, {at: 5, joins: [JPN]}]"));
  for (int t = 1; t < 8; ++t) {
    INFO("step " << t);
    CHECK(s.caught[t] == (t < 3 || t >= 5));
  }
}

TEST_CASE("A candidate whose pressure stays below the threshold never brings the tool maker under reach",
          "[policy][reach]") {
  // Leakage 1/3 < 0.4: Japan stays out, and the content stays 0.
  check_caught_between(run(chain("members: [USA], candidates: [JPN], join_when: {leakage: 0.4, steps: 2}")), 8, 8);
}

TEST_CASE("A run saved between a join decided in the run and its first step reads the joiner's content after it resumes",
          "[policy][reach][checkpoint]") {
  // Japan's join is decided at the end of step 2 and applies from step 3. Saved after 2
  // steps (before the decision: the streak is remembered) and after 3 (decided, not yet
  // applied), the resumed run must read the caught set again at step 3, as the
  // uninterrupted run does: the same state, byte for byte, at the end.
  const auto p = ensemble::prepare(load::load_scenario_text(
      chain("members: [USA], candidates: [JPN], join_when: {leakage: 0.3, steps: 2}"), "reach-joiner.yaml"));
  const policy::ShipmentPolicy controls(&p->plan);
  engine::Simulation whole(p->scenario, p->network, p->equilibrium, controls);
  for (int t = 0; t < 8; ++t) whole.step();
  const auto path = (std::filesystem::temp_directory_path() / "regimesim-reach-joiner-checkpoint.bin").string();
  for (int at : {2, 3}) {
    INFO("saved after " << at << " steps");
    engine::Simulation first(p->scenario, p->network, p->equilibrium, controls);
    for (int t = 0; t < at; ++t) first.step();
    checkpoint::Writer w;
    first.save(w, "run.");
    w.save(path);
    engine::Simulation resumed(p->scenario, p->network, p->equilibrium, controls);
    checkpoint::Reader in(path);
    resumed.restore(in, "run.");
    for (int t = at; t < 8; ++t) resumed.step();
    CHECK(resumed.state().caught_by_reach == whole.state().caught_by_reach);
    CHECK(resumed.state().in_transit == whole.state().in_transit);
    CHECK(resumed.state().verdict == whole.state().verdict);
  }
  std::filesystem::remove(path);
}
