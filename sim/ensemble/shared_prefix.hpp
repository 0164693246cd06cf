// The steps every replicate of one design point takes alike, taken once for all.
//
// Replicates differ only by their seeds, and a run reads its seed only when it draws
// (random/run_seed.hpp). Up to its first draw, then, a run's path is a function of
// the scenario alone: the same, bit for bit, for every replicate. Under a control
// that starts at month 3, with fronts and enforcement drawing only once buyers are
// denied, every replicate's first months are one computation repeated. So the point
// steps one run until it first draws, keeps its state from the step before, and each
// replicate is restored from that state and goes on with its own seed.
//
// Only beside a shared baseline (ensemble/shared_baseline.hpp): a replicate then steps
// no baseline of its own, so the scenario run and its metric rows are all it has.
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "engine/simulation.hpp"
#include "output/metrics.hpp"
#include "output/step_aggregates.hpp"

namespace regimesim::ensemble {

struct PreparedScenario;
struct SharedBaseline;

struct SharedPrefix {
  int steps = 0;                       // the steps taken: those before the run's first draw
  std::vector<unsigned char> run;      // the scenario run after them (engine::Simulation::save)
  std::vector<output::MetricRow> rows;  // the rows they recorded
  // The last step's sums, whose aimed-at buyers' orders the next step's receipts answer
  // (output::MetricRecorder::note_orders): what a replicate's recorder would have noted.
  output::StepAggregates last_sums;
  std::vector<double> cumulative_output, cumulative_baseline_output;
};

// What a shared prefix of `prepared` would hold, in bytes (the run's state, mostly).
double shared_prefix_bytes(const PreparedScenario& prepared);

// Steps a run of `prepared` against `baseline` until it first draws. Null where it
// draws while it is built or in its first step (nothing to share), or when `stop`
// became true. A run that never draws shares all its steps. Throws ScenarioError
// where a step's totals are not finite, as the replicates would.
std::shared_ptr<const SharedPrefix> step_shared_prefix(const PreparedScenario& prepared, const SharedBaseline& baseline,
                                                       const std::atomic<bool>* stop = nullptr);

// The prefix of each point that has a shared baseline and at least `runs_per_point`
// of 3 replicates (restoring costs about as much as a step: two replicates gain
// little), or null; none when the prefixes would take more than an eighth of the
// memory budget. Stepped in parallel on `threads`.
std::vector<std::shared_ptr<const SharedPrefix>> shared_prefixes(
    const std::vector<std::shared_ptr<const PreparedScenario>>& points,
    const std::vector<std::shared_ptr<const SharedBaseline>>& baselines, std::size_t runs_per_point, int threads,
    const std::atomic<bool>* stop);

// Restores a replicate's run (built with its own seed) and its recorder to the end
// of the prefix; returns the step it continues with.
int restore_prefix(const SharedPrefix& prefix, const PreparedScenario& prepared, const SharedBaseline& baseline,
                   engine::Simulation& run, output::MetricRecorder& recorder);

}  // namespace regimesim::ensemble
