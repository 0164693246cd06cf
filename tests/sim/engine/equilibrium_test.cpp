// With no policy a world starts in, and stays in, its input-output equilibrium.
#include <catch2/catch.hpp>

#include "engine/simulation.hpp"
#include "world_fixtures.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"

using namespace regimesim;

namespace {

// Steps the scenario and checks every firm's output against x at every step.
void check_stays_at(const ensemble::PreparedScenario& p, const Eigen::VectorXd& x, int steps) {
  const policy::ShipmentPolicy none;
  engine::Simulation sim(p.scenario, p.network, p.equilibrium, none);
  double worst = 0;
  const double scale = x.maxCoeff();
  for (int t = 0; t < steps; ++t) {
    sim.step();
    for (Eigen::Index f = 0; f < x.size(); ++f) {
      // A firm nobody buys from has x = 0 up to the dense solver's round-off.
      if (x(f) < 1e-12 * scale) {
        REQUIRE(std::abs(sim.state().output[f]) < 1e-9 * scale);
        continue;
      }
      worst = std::max(worst, std::abs(sim.state().output[f] - x(f)) / x(f));
    }
    for (double price : sim.state().price) REQUIRE(price == Approx(1.0).margin(1e-12));
  }
  INFO("worst relative deviation " << worst);
  CHECK(worst < 1e-9);
}

}  // namespace

TEST_CASE("The three-firm chain stays at its hand-computed Leontief output", "[engine][equilibrium]") {
  const auto p = ensemble::prepare(load::load_scenario(REGIMESIM_SOURCE_DIR "/scenarios/tutorial/three-firm-chain.yaml"));
  // 100 cars need 0.4 * 100 = 40 steel, which needs 0.5 * 40 = 20 ore.
  Eigen::VectorXd by_hand(3);
  by_hand << 20, 40, 100;
  const Eigen::VectorXd dense = testing::dense_leontief(p->scenario.world);
  CHECK((dense - by_hand).cwiseAbs().maxCoeff() < 1e-12);
  for (int f = 0; f < 3; ++f) CHECK(p->equilibrium.output[f] == Approx(by_hand(f)).epsilon(1e-12));
  check_stays_at(*p, by_hand, 24);
}

TEST_CASE("A generated world with an input loop stays at the dense Leontief solution", "[engine][equilibrium]") {
  const auto p = ensemble::prepare(load::load_scenario_text(testing::generated_world_yaml(), "generated.yaml"));
  const World& w = p->scenario.world;
  REQUIRE(w.firms.size() == 3 * (2 + 3 + 3 + 3));
  const Eigen::VectorXd x = testing::dense_leontief(w);
  REQUIRE(x.minCoeff() >= 0);
  for (FirmId f = 0; f < w.firms.size(); ++f) {
    CHECK(p->equilibrium.output[f] == Approx(x(f)).epsilon(1e-10));
    // generated capacity leaves the stated headroom
    CHECK(p->equilibrium.capacity[f] == Approx(1.2 * x(f)).epsilon(1e-12));
  }
  check_stays_at(*p, x, 36);
}

TEST_CASE("Generation follows the production shares it is given", "[engine][equilibrium]") {
  const auto p = ensemble::prepare(load::load_scenario_text(testing::generated_world_yaml(), "generated.yaml"));
  const World& w = p->scenario.world;
  // Final demand buys from every maker in proportion to its weight, so the phone
  // output of each state, which only final demand buys, follows the shares exactly.
  double total = 0, chn = 0;
  for (FirmId f = 0; f < w.firms.size(); ++f) {
    if (w.items[w.firms[f].item].id != "phones") continue;
    total += p->equilibrium.output[f];
    if (w.states[w.firms[f].state].code == "CHN") chn += p->equilibrium.output[f];
  }
  CHECK(total == Approx(20 + 50 + 15).epsilon(1e-12));
  CHECK(chn / total == Approx(0.7).epsilon(1e-12));
}
