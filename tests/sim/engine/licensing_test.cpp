// A licence requirement on the three-firm chain, step by step by hand.
#include <catch2/catch.hpp>

#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"

using namespace regimesim;

namespace {
std::shared_ptr<const ensemble::PreparedScenario> chain_with(const std::string& control) {
  return ensemble::prepare(load::load_scenario(REGIMESIM_SOURCE_DIR "/scenarios/tutorial/three-firm-chain.yaml",
                                               {"controls=[" + control + "]"}));
}
}  // namespace

TEST_CASE("A licence granted after two steps holds the ore for two steps and costs one application",
          "[engine][licence]") {
  const auto p = chain_with(
      "{id: ore-licence, instrument: licence_requirement, issuer: AUS, items: [ore], destinations: [KOR], start: 6, "
      "licence: {approval_probability: 1, delay_steps: 2, cost_per_application: 0.5}}");
  const policy::ShipmentPolicy controls(&p->plan);
  engine::Simulation sim(p->scenario, p->network, p->equilibrium, controls);
  const StateId aus = *p->scenario.world.find_state("AUS");
  // By hand: applied at step 6, decided at step 8. The mill's ore orders wait at
  // steps 6 and 7. Its 40 of inventory after step 6's arrival covers steel at steps
  // 6 and 7; at step 8 the granted ore is only shipped, arriving at step 9, so the
  // mill makes no steel at step 8.
  for (int t = 0; t < 12; ++t) {
    sim.step();
    const auto& s = sim.state();
    INFO("step " << t);
    CHECK(s.licence_applications[aus] == (t == 6 ? 1.0 : 0.0));
    CHECK(s.licence_cost[aus] == (t == 6 ? 0.5 : 0.0));
    if (t < 6 || t >= 8)
      CHECK(s.accepted_of(0) == Approx(s.order[0]));
    else
      CHECK(s.accepted_of(0) == 0.0);
    if (t <= 7) CHECK(s.output[1] == Approx(40.0));
    if (t == 8) CHECK(s.output[1] == Approx(0.0).margin(1e-12));
  }
}

TEST_CASE("A licence never granted ends as an embargo two steps late; an exception never waits", "[engine][licence]") {
  const auto refused = chain_with(
      "{id: ore-licence, instrument: presumption_of_denial, issuer: AUS, items: [ore], destinations: [KOR], start: 6, "
      "licence: {approval_probability: 0, delay_steps: 2}}");
  const policy::ShipmentPolicy controls(&refused->plan);
  engine::Simulation sim(refused->scenario, refused->network, refused->equilibrium, controls);
  for (int t = 0; t < 16; ++t) {
    sim.step();
    INFO("step " << t);
    CHECK(sim.state().accepted_of(0) == (t < 6 ? Approx(20.0) : Approx(0.0)));
  }
  CHECK(sim.state().licence_status[0] == engine::LicenceStatus::refused);

  const auto excepted = chain_with(
      "{id: ore-licence, instrument: licence_requirement, issuer: AUS, items: [ore], destinations: [KOR, JPN], "
      "exceptions: [KOR], start: 6, licence: {approval_probability: 0, delay_steps: 2}}");
  const policy::ShipmentPolicy lenient(&excepted->plan);
  engine::Simulation open(excepted->scenario, excepted->network, excepted->equilibrium, lenient);
  for (int t = 0; t < 12; ++t) {
    open.step();
    CHECK(open.state().accepted_of(0) == Approx(20.0));
  }
}
