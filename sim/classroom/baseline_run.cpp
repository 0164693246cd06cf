#include "classroom/baseline_run.hpp"

#include <nlohmann/json.hpp>

#include "engine/finite_values.hpp"

namespace regimesim::classroom {

BaselineRun::BaselineRun(std::shared_ptr<const ensemble::PreparedScenario> prepared)
    : prepared_(std::move(prepared)),
      scenario_(prepared_->scenario),
      sim_(scenario_, prepared_->network, prepared_->equilibrium, no_controls_) {}

void BaselineRun::step() {
  sim_.step();
  engine::check_step_finite(scenario_.world, sim_.state(), "baseline");
  ++month_;
}

namespace {

// The resolved description without what only the scenario run reads.
nlohmann::json baseline_inputs(const Scenario& s) {
  nlohmann::json j = nlohmann::json::parse(s.resolved_json);
  for (const char* key : {"name", "description", "controls", "report_firms"}) j.erase(key);
  return j;
}

}  // namespace

bool same_baseline(const ensemble::PreparedScenario& a, const ensemble::PreparedScenario& b) {
  // The world is built from its description alone (a generated one from its seed), so
  // the same description is the same world; the sizes are a cheap check of that.
  return a.scenario.steps == b.scenario.steps && a.scenario.seed == b.scenario.seed &&
         a.network.firm_count == b.network.firm_count && a.network.link_count() == b.network.link_count() &&
         !a.scenario.resolved_json.empty() && baseline_inputs(a.scenario) == baseline_inputs(b.scenario);
}

}  // namespace regimesim::classroom
