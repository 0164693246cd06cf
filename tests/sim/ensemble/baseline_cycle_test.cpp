// BaselineCycle: a run whose baseline is replayed once it repeats itself gives the
// rows and flows of the same run with its baseline stepped to the end, bit for bit;
// a baseline whose steps could read more than its state is stepped to the end.
#include <catch2/catch.hpp>

#include <bit>

#include "engine/simulation.hpp"
#include "ensemble/baseline_cycle.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "policy/shipment_policy.hpp"
#include "tutorial_runs.hpp"

using namespace regimesim;

namespace {

bool same_flows(const std::vector<output::FlowRow>& a, const std::vector<output::FlowRow>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (a[k].step != b[k].step || a[k].exporter != b[k].exporter || a[k].importer != b[k].importer ||
        a[k].item != b[k].item || a[k].controlled != b[k].controlled ||
        std::bit_cast<std::uint64_t>(a[k].value) != std::bit_cast<std::uint64_t>(b[k].value) ||
        std::bit_cast<std::uint64_t>(a[k].baseline) != std::bit_cast<std::uint64_t>(b[k].baseline))
      return false;
  return true;
}

// The run with flows, its baseline replayed where it repeats and stepped to the end.
void check_replay_is_stepping(const ensemble::PreparedScenario& prepared) {
  const auto replayed = ensemble::run_paired(
      prepared, {.flows = output::FlowItems::all, .replay = ensemble::BaselineReplay::when_it_repeats});
  const auto stepped =
      ensemble::run_paired(prepared, {.flows = output::FlowItems::all, .replay = ensemble::BaselineReplay::never});
  CHECK(stepped.baseline_replayed_from == -1);
  // Replayed, or the comparison shows nothing.
  REQUIRE(replayed.baseline_replayed_from > 0);
  REQUIRE(replayed.baseline_replayed_from < prepared.scenario.steps);
  CHECK(testing::identical(replayed.rows, stepped.rows));
  CHECK(same_flows(replayed.flows, stepped.flows));
  CHECK(replayed.cumulative_baseline_output == stepped.cumulative_baseline_output);
}

}  // namespace

TEST_CASE("A replayed baseline gives the rows and flows of one stepped to the end", "[ensemble][baseline_cycle]") {
  // Tutorial worlds, whose baselines come to a fixed point, under controls that start
  // after the replay has begun (the roles the baseline's sums are measured by change
  // then): licences, quotas, fronts, reach, joins and counter-controls.
  for (const char* name : {"licensing.yaml", "export-quota.yaml", "diversion-and-enforcement.yaml",
                           "entity-list-and-reach.yaml", "small-circle-joining.yaml", "retaliation.yaml"}) {
    INFO(name);
    check_replay_is_stepping(*testing::tutorial(name));
  }
}

TEST_CASE("A baseline in a cycle of two states is replayed around it", "[ensemble][baseline_cycle]") {
  // The default world's baseline repeats every two steps from about step 20, and the
  // control starts at 23, after the replay has begun. (A start leaves the roles the sums
  // are measured by as they were, since they say who applies each control, so the
  // baseline is not stepped again here: the test below steps one on from its cycle.)
  const auto prepared = ensemble::prepare(load::load_scenario(REGIMESIM_SOURCE_DIR "/scenarios/unilateral-chip-equipment.yaml",
                                                              {"steps=30", "controls[0].start=23"}));
  check_replay_is_stepping(*prepared);
}

TEST_CASE("A replayed baseline shows each state's flows and steps on from its own", "[ensemble][baseline_cycle]") {
  // A generated world of 25,000 firms repeats every four steps from step 20, some 1,300
  // links' flows differing from one state to the next. Against the same baseline
  // stepped throughout: the flows it shows for each step, bit for bit, and, told to
  // step to a state it does not hold after showing others, the whole state it reaches.
  const auto prepared = ensemble::prepare(load::load_scenario(REGIMESIM_SOURCE_DIR "/scenarios/bench/100k-firms.yaml",
                                                              {"world.generate.firms_per_state=50"}));
  const policy::ShipmentPolicy none;
  auto baseline = [&] {
    return engine::Simulation(prepared->scenario, prepared->network, prepared->equilibrium, none, 1,
                              engine::Simulation::Start::at_equilibrium, engine::Simulation::LinkDecisions::none);
  };
  engine::Simulation replayed = baseline(), stepped = baseline();
  ensemble::BaselineCycle cycle;
  int t = 0;
  for (; t < 40 && !cycle.found(); ++t) {
    replayed.step();
    stepped.step();
    cycle.watch(replayed, t);
  }
  REQUIRE(cycle.found());
  REQUIRE(cycle.period() >= 3);  // so that a state it shows is neither the held one nor the next
  const int found_at = t - 1, jump = found_at + cycle.period() - 1;
  auto same_bits = [](const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t l = 0; l < a.size(); ++l)
      if (std::bit_cast<std::uint64_t>(a[l]) != std::bit_cast<std::uint64_t>(b[l])) return false;
    return true;
  };
  std::size_t differing = 0;
  for (; t < found_at + 3 * cycle.period(); ++t) {
    INFO("step " << t);
    const std::vector<double> before = stepped.state().in_transit;
    stepped.step();
    for (std::size_t l = 0; l < before.size(); ++l) differing += before[l] != stepped.state().in_transit[l];
    if (t == jump) {
      REQUIRE(cycle.steps_to(t) >= 2);
      cycle.put_back(replayed);
      for (int n = cycle.steps_to(t); n > 0; --n) replayed.step();
      cycle.stepped_to(t);
      CHECK(replayed.state_digest() == stepped.state_digest());
    }
    CHECK(same_bits(cycle.flow(replayed, t), stepped.state().in_transit));
  }
  CHECK(differing > 0);  // the states of the cycle differ in their flows
}

TEST_CASE("A baseline whose steps may read more than its state is stepped to the end", "[ensemble][baseline_cycle]") {
  // Starved buyers re-source by a draw, after a grace counted in steps.
  const auto prepared = testing::tutorial("starved-buyers.yaml", {"steps=24"});
  const auto run = ensemble::run_paired(*prepared, {.flows = output::FlowItems::all});
  CHECK(run.baseline_replayed_from == -1);
}

TEST_CASE("The state digest tells states apart and not runs", "[engine][baseline_cycle]") {
  const auto prepared = testing::tutorial("licensing.yaml");
  const policy::ShipmentPolicy controls(&prepared->plan);
  const policy::ShipmentPolicy none;
  engine::Simulation a(prepared->scenario, prepared->network, prepared->equilibrium, controls);
  engine::Simulation b(prepared->scenario, prepared->network, prepared->equilibrium, controls);
  engine::Simulation baseline(prepared->scenario, prepared->network, prepared->equilibrium, none);
  CHECK(!baseline.steps_by_state_alone());  // the first step decides every link
  for (int t = 0; t < 7; ++t) a.step(), b.step(), baseline.step();
  CHECK(a.state_digest() == b.state_digest());  // two runs alike
  CHECK(a.firm_digest() == b.firm_digest());
  CHECK(!a.steps_by_state_alone());  // controls start and end at steps
  CHECK(baseline.steps_by_state_alone());
  // Licences held since step 6 (the control's start): the run has moved from the baseline.
  CHECK(!(a.state_digest() == baseline.state_digest()));
  const engine::Simulation::Digest before = a.state_digest();
  a.step();
  CHECK(!(a.state_digest() == before));
}
