#include "classroom/baseline_run.hpp"

#include <nlohmann/json.hpp>

#include "engine/finite_values.hpp"
#include "ensemble/paired_checkpoint.hpp"

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
  return a.scenario.steps == b.scenario.steps && a.scenario.seed == b.scenario.seed &&
         !a.scenario.resolved_json.empty() && baseline_inputs(a.scenario) == baseline_inputs(b.scenario) &&
         ensemble::world_fingerprint(a) == ensemble::world_fingerprint(b);
}

}  // namespace regimesim::classroom
