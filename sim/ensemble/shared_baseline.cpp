#include "ensemble/shared_baseline.hpp"

#include "engine/finite_values.hpp"
#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "policy/shipment_policy.hpp"

namespace regimesim::ensemble {

// Every draw of the engine and what starts it, with no controls in force (no
// control plan: every verdict is `allowed`, no state controls or is named):
// - licence decisions (engine/licensing.hpp): only on links whose verdict is licence_required;
// - over-compliance (behaviour/over_compliance.hpp): only for exporters of a controlling state;
// - enforcement's detection (behaviour/enforcement.cpp): only on orders through a front;
// - diversion's choice of a front (behaviour/diversion.cpp): only in a search a denial started;
// - build at home's programme success (behaviour/build_at_home.cpp): only where buyers were denied;
// - re-sourcing's choice of a supplier (behaviour/resourcing.cpp): in a search started by a
//   denial, which never happens here, or by starvation (starved_delay > 0), which can.
// So only starvation re-sourcing makes the baseline depend on the seed. A rule that comes to
// draw without controls must be named here; the test beside this file compares the shared
// baseline with each replicate's own.
bool baseline_is_seed_free(const Scenario& scenario) { return scenario.responses.resourcing.starved_delay <= 0; }

double shared_baseline_bytes(const PreparedScenario& prepared) {
  const double per_step = static_cast<double>(prepared.network.link_count()) * sizeof(double) +
                          static_cast<double>(prepared.scenario.world.states.size() + 1) *
                              static_cast<double>(prepared.scenario.world.items.size() + 1) * 15 * sizeof(double);
  return per_step * prepared.scenario.steps;
}

std::shared_ptr<const SharedBaseline> step_shared_baseline(const PreparedScenario& prepared,
                                                           const std::atomic<bool>* stop) {
  const Scenario& sc = prepared.scenario;
  const policy::ShipmentPolicy no_controls;
  const policy::ControlRoles* roles = prepared.plan.empty() ? nullptr : &prepared.plan.roles();
  engine::Simulation baseline(sc, prepared.network, prepared.equilibrium, no_controls, std::nullopt,
                              engine::Simulation::Start::at_equilibrium, engine::Simulation::LinkDecisions::none);
  auto shared = std::make_shared<SharedBaseline>();
  shared->aggregates.reserve(static_cast<std::size_t>(sc.steps));
  shared->flow.reserve(static_cast<std::size_t>(sc.steps));
  for (int t = 0; t < sc.steps; ++t) {
    if (stop && stop->load()) return nullptr;
    baseline.step();
    engine::check_step_finite(sc.world, baseline.state(), "baseline");
    shared->aggregates.push_back(output::aggregate_step(sc.world, prepared.network, baseline.state(), roles, t,
                                                        baseline.state(), &sc.reported_firms));
    shared->flow.push_back(baseline.state().in_transit);
  }
  return shared;
}

}  // namespace regimesim::ensemble
