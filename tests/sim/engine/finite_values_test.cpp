// The engine's guard against overflow (engine/finite_values.hpp): a value that is not
// a finite number stops the run with a located error, at the firm it appeared in; a
// finite state passes. Checked on a real prepared world whose values are then broken
// by hand, so the test does not depend on finding an input that overflows.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "engine/finite_values.hpp"
#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "model/scenario_error.hpp"
#include "policy/shipment_policy.hpp"
#include "world_fixtures.hpp"

using namespace regimesim;

TEST_CASE("A non-finite value in the equilibrium or a step is an error at its firm", "[engine][finite]") {
  const auto p = ensemble::prepare(load::load_scenario_text(testing::generated_world_yaml(), "generated.yaml"));
  const World& w = p->scenario.world;
  CHECK_NOTHROW(engine::check_equilibrium_finite(w, p->network, p->equilibrium));

  const FirmId f = 4;
  SECTION("the equilibrium: an infinite capacity, a NaN flow") {
    engine::Equilibrium eq = p->equilibrium;
    eq.capacity[f] = std::numeric_limits<double>::infinity();
    try {
      engine::check_equilibrium_finite(w, p->network, eq);
      FAIL("an infinite capacity passed");
    } catch (const ScenarioError& e) {
      CHECK_THAT(e.message(), Catch::Contains("firm '" + w.firms[f].id + "': its capacity is not a finite number"));
      CHECK(e.where().line == w.origin_of(w.firms[f]).line);
    }
    eq = p->equilibrium;
    eq.link_flow[0] = std::nan("");
    CHECK_THROWS_WITH(engine::check_equilibrium_finite(w, p->network, eq),
                      Catch::Contains("firm '" + w.firms[p->network.link_supplier[0]].id + "'"));
  }
  SECTION("a step: NaN output reaches the totals and is located at its firm") {
    const policy::ShipmentPolicy no_controls;
    engine::Simulation sim(p->scenario, p->network, p->equilibrium, no_controls);
    sim.step();
    engine::RunState s = sim.state();
    CHECK_NOTHROW(engine::check_step_finite(w, s, "scenario"));
    s.output[f] = std::nan("");
    s.shipped_total = std::nan("");
    try {
      engine::check_step_finite(w, s, "scenario");
      FAIL("a NaN output passed");
    } catch (const ScenarioError& e) {
      CHECK_THAT(e.message(), Catch::Contains("in step 0 of the scenario run, its output is not a finite number"));
      CHECK_THAT(e.message(), Catch::Contains(w.firms[f].id));
    }
    // Totals broken with every firm finite: the error names the run, not a firm.
    s.output[f] = 1.0;
    CHECK_THROWS_WITH(engine::check_step_finite(w, s, "baseline"), Catch::Contains("the goods shipped are not a finite number"));
  }
}
