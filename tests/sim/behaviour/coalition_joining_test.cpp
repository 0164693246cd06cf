// Coalition joining triggered by the run (behaviour/coalition_joining.hpp), worked out
// by hand on the Korea world (state_decisions_worlds.hpp): China's fab buys its tools
// half from the US and half from Korea; the circle (USA) prohibits tools to China from
// step 2, and Korea is a candidate.
//
// From step 2 the US maker ships nothing to China and the Korean maker ships something
// (its link is allowed), so in every step from 2 until Korea joins:
//   leakage through Korea = Korea's tools shipped to China / all tools shipped to China = 1
//   Korea's exports at stake = its tools shipped to China / all its tools exports = 1
//   pressure = 1 - stake_weight x 1
// Before step 2 the control does not apply and nothing is measured. A candidate whose
// pressure reaches `leakage` in N steps in a row (2, ..., 1 + N) applies the control
// from step 2 + N: from then Korea's links to China are denied and China receives no
// tools shipped that step.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>

#include "state_decisions_worlds.hpp"
#include "checkpoint/checkpoint_file.hpp"
#include "ensemble/paired_run.hpp"
#include "engine/simulation.hpp"
#include "load/scenario_loader.hpp"
#include "model/scenario_error.hpp"
#include "policy/shipment_policy.hpp"

using namespace regimesim;
using state_decisions_worlds::bytes_of;
using state_decisions_worlds::korea_world;

namespace {

struct Run {
  std::vector<double> tools_to_china;  // per step: shipped to the fab (both links)
  std::vector<std::string> states;     // per step: the run's state, as bytes
  std::vector<behaviour::StateDecision> decisions;
};

Run run(const std::string& yaml) {
  const auto p = ensemble::prepare(load::load_scenario_text(yaml, "joining.yaml"));
  const policy::ShipmentPolicy controls(&p->plan);
  engine::Simulation sim(p->scenario, p->network, p->equilibrium, controls);
  const FirmId fab = *p->scenario.world.find_firm("cn_fab");
  Run out;
  for (int t = 0; t < p->scenario.steps; ++t) {
    sim.step();
    double shipped = 0;
    for (const std::uint32_t k : p->network.slots_of(fab))
      for (auto l = p->network.slot_link_begin[k]; l < p->network.slot_link_begin[k + 1]; ++l)
        shipped += sim.state().in_transit[l];
    out.tools_to_china.push_back(shipped);
    out.states.push_back(bytes_of(sim.state()));
  }
  out.decisions = sim.state_decisions();
  return out;
}

std::string candidate(const std::string& join_when) { return ", candidates: [KOR], join_when: " + join_when; }

}  // namespace

TEST_CASE("A candidate joins the step after leakage through it reached the threshold for N steps, not before",
          "[behaviour][coalition-joining]") {
  for (int n : {1, 3, 5}) {
    const Run r = run(korea_world(candidate("{leakage: 0.9, steps: " + std::to_string(n) + "}")));
    const int joins = 2 + n;
    INFO("steps " << n);
    for (int t = 0; t < joins; ++t) CHECK(r.tools_to_china[t] > 1);  // Korea still ships (about 5 or more)
    for (int t = joins; t < 12; ++t) CHECK(r.tools_to_china[t] == 0);
    REQUIRE(r.decisions.size() == 1);
    CHECK(r.decisions[0].step == joins);
    CHECK(r.decisions[0].kind == behaviour::StateDecision::Kind::joins);
    CHECK(r.decisions[0].measured == 1.0);  // leakage 1 - 0 x stake
  }
}

TEST_CASE("A join in the run makes the candidate a controller in that run's roles from its join step only",
          "[behaviour][coalition-joining]") {
  // Joins from step 5 (N = 3). The shared plan the run was built on is not changed:
  // another run starts with Korea outside.
  const auto p = ensemble::prepare(load::load_scenario_text(korea_world(candidate("{leakage: 0.9, steps: 3}")),
                                                            "joining.yaml"));
  const policy::ShipmentPolicy controls(&p->plan);
  engine::Simulation sim(p->scenario, p->network, p->equilibrium, controls);
  const StateId kor = *p->scenario.world.find_state("KOR"), usa = *p->scenario.world.find_state("USA");
  for (int t = 0; t < 12; ++t) sim.step();
  for (int t = 0; t < 12; ++t) {
    INFO("step " << t);
    CHECK(sim.roles()->at(t).controller[kor] == (t >= 5));
    CHECK(sim.roles()->at(t).control_member[0][kor] == (t >= 5));
    CHECK(sim.roles()->at(t).controller[usa]);
    CHECK_FALSE(p->plan.roles().at(t).controller[kor]);
  }
}

TEST_CASE("Exports at stake weigh against joining: pressure 1 - w reaches the threshold or not",
          "[behaviour][coalition-joining]") {
  // w = 0.5: pressure 0.5 exactly, which a threshold of 0.5 accepts and 0.6 refuses.
  const Run joins = run(korea_world(candidate("{leakage: 0.5, stake_weight: 0.5, steps: 2}")));
  REQUIRE(joins.decisions.size() == 1);
  CHECK(joins.decisions[0].step == 4);
  CHECK(joins.decisions[0].measured == 0.5);
  const Run stays = run(korea_world(candidate("{leakage: 0.6, stake_weight: 0.5, steps: 2}")));
  CHECK(stays.decisions.empty());
  CHECK(stays.tools_to_china[11] > 1);
}

TEST_CASE("Once Korea has joined, a searching buyer finds no Korean maker free to ship", "[behaviour][coalition-joining]") {
  // Three more Korean makers with room and no link: China's fab, denied on a link for
  // search_delay (3) steps, re-sources to one of them. Before the join (steps 2 to 4)
  // that is leakage like any other; from the join at step 5 the search must see Korea
  // as a member, so nothing Korean reaches China again, whatever the fab tries.
  const std::string makers = R"(    - {id: kr_tools_b, state: KOR, item: tools, capacity: 20}
    - {id: kr_tools_c, state: KOR, item: tools, capacity: 20}
    - {id: kr_tools_d, state: KOR, item: tools, capacity: 20}
)";
  const Run r = run(korea_world(candidate("{leakage: 0.9, steps: 3}"), makers));
  REQUIRE(r.decisions.size() == 1);
  CHECK(r.decisions[0].step == 5);
  for (int t = 5; t < 12; ++t) CHECK(r.tools_to_china[t] == 0);
}

TEST_CASE("A run whose candidate never joins is byte-identical to one without the candidate",
          "[behaviour][coalition-joining]") {
  const Run with = run(korea_world(candidate("{leakage: 0.6, stake_weight: 0.5, steps: 1}")));
  const Run without = run(korea_world(""));
  CHECK(with.decisions.empty());
  REQUIRE(with.states.size() == without.states.size());
  for (std::size_t t = 0; t < with.states.size(); ++t) CHECK(with.states[t] == without.states[t]);
}

TEST_CASE("A membership decided in the run survives a checkpoint", "[behaviour][coalition-joining][checkpoint]") {
  // Korea joins from step 5 (decided after step 4): saved after 4 steps (streak 2 of 3
  // remembered), after 5 (the join decided, not yet applied) and after 7 (applied).
  const auto p = ensemble::prepare(load::load_scenario_text(korea_world(candidate("{leakage: 0.9, steps: 3}")),
                                                            "joining.yaml"));
  const policy::ShipmentPolicy controls(&p->plan);
  engine::Simulation whole(p->scenario, p->network, p->equilibrium, controls);
  for (int t = 0; t < 12; ++t) whole.step();
  const auto path = (std::filesystem::temp_directory_path() / "regimesim-joining-checkpoint.bin").string();
  for (int at : {4, 5, 7}) {
    INFO("saved after " << at << " steps");
    engine::Simulation first(p->scenario, p->network, p->equilibrium, controls);
    for (int t = 0; t < at; ++t) first.step();
    checkpoint::Writer w;
    first.save(w, "run.");
    w.save(path);
    engine::Simulation resumed(p->scenario, p->network, p->equilibrium, controls);
    checkpoint::Reader in(path);
    resumed.restore(in, "run.");
    for (int t = at; t < 12; ++t) resumed.step();
    CHECK(bytes_of(resumed.state()) == bytes_of(whole.state()));
    REQUIRE(resumed.state_decisions().size() == 1);
    CHECK(resumed.state_decisions()[0].step == 5);
    // The restored join is in the run's roles too: Korea applies the ban from step 5.
    const StateId kor = *p->scenario.world.find_state("KOR");
    CHECK_FALSE(resumed.roles()->at(4).controller[kor]);
    CHECK(resumed.roles()->at(5).controller[kor]);
  }
  std::filesystem::remove(path);
}

TEST_CASE("join_when is read with located errors", "[behaviour][coalition-joining][load]") {
  auto error_of = [](const std::string& extra) {
    try {
      load::load_scenario_text(korea_world(extra), "joining.yaml");
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error_of(", join_when: {leakage: 0.5}"), Catch::Contains("world.coalitions[0].join_when") &&
                                                           Catch::Contains("list them in 'candidates'"));
  CHECK_THAT(error_of(candidate("{leakage: 1.5}")), Catch::Contains("join_when.leakage"));
  CHECK_THAT(error_of(candidate("{steps: 2}")), Catch::Contains("leakage"));
  CHECK_THAT(error_of(candidate("{leakage: 0.5, steps: 0}")), Catch::Contains("join_when.steps"));
  CHECK_THAT(error_of(candidate("{leakage: 0.5, after: 3}")), Catch::Contains("after"));
  CHECK_THAT(error_of(candidate("{leakage: 0.5}") + ", decide_at: 3"), Catch::Contains("not both"));
}
