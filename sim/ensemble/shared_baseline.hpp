// The baseline of one world and design point, stepped once and shared by all its
// replicates. The baseline runs the world with no controls, and with no controls
// none of the rules that draw random numbers acts (shared_baseline.cpp says why,
// rule by rule), so its path is the same for every replicate seed: stepping it once
// gives every replicate the numbers it would have computed itself, bit for bit.
//
// Where a rule can act without controls (starvation re-sourcing draws the new
// supplier from the run's seed), the baseline does depend on the seed, and each
// replicate steps its own.
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "model/scenario.hpp"
#include "output/step_aggregates.hpp"

namespace regimesim::ensemble {

struct PreparedScenario;

// What a replicate reads of its baseline, step by step: the baseline's own
// aggregates (measured against itself) and its links' flows in transit, against
// which the scenario run's blocked flows are counted (output::blocked_on).
struct SharedBaseline {
  std::vector<output::StepAggregates> aggregates;  // per step
  std::vector<std::vector<double>> flow;           // per step, per link: RunState::in_transit
};

// Whether the baseline of `scenario` is the same whatever the run's seed.
bool baseline_is_seed_free(const Scenario& scenario);

// What a shared baseline of `prepared` would hold, in bytes.
double shared_baseline_bytes(const PreparedScenario& prepared);

// Steps the baseline of `prepared` through all its steps; null if `stop` became true.
// Throws ScenarioError where a step's totals are not finite (as run_paired does).
std::shared_ptr<const SharedBaseline> step_shared_baseline(const PreparedScenario& prepared,
                                                           const std::atomic<bool>* stop = nullptr);

}  // namespace regimesim::ensemble
