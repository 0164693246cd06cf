// Many runs: every (design point, replicate) pair run in parallel on a TBB arena of
// a chosen size. Each run keeps its own result and seed, and the results come back
// in (point, run) order, so nothing depends on the thread count or on which thread
// ran what.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "ensemble/paired_run.hpp"

namespace regimesim::ensemble {

// What the workers report while they run: read by a progress display.
struct Progress {
  std::atomic<long> steps_done{0};
  std::atomic<int> runs_done{0};
};

struct Replicate {
  std::size_t point = 0;
  int run = 0;
  std::uint64_t seed = 0;
  std::uint64_t world_seed = 0;  // world.generate.seed of the world it ran on
  RunResult result;
};

// Where a replicate's world comes from when each run draws its own (--vary world):
// the point's scenario prepared on the world with the given world.generate.seed.
// Called on the worker, so worlds are built in parallel and freed after their run.
using WorldForRun = std::function<std::shared_ptr<const PreparedScenario>(std::size_t point, std::uint64_t world_seed)>;

// Prepares every point (network, equilibrium, control plan) in parallel.
std::vector<std::shared_ptr<const PreparedScenario>> prepare_all(std::vector<Scenario> points, int threads,
                                                                 WorldLinks links = WorldLinks::kept);

// The baseline of each point stepped once for its `runs_per_point` replicates
// (ensemble/shared_baseline.hpp), or null where the replicates step their own: a
// single run, --vary world, flows or checkpoints, a baseline that depends on the
// seed, or histories too large for a quarter of the memory budget.
struct SharedBaseline;
std::vector<std::shared_ptr<const SharedBaseline>> shared_baselines(
    const std::vector<std::shared_ptr<const PreparedScenario>>& points, std::size_t runs_per_point, int threads,
    const std::atomic<bool>* stop, const WorldForRun& world_for = {}, bool record_flows = false,
    const Checkpointing* checkpointing = nullptr);

// Runs each of `runs` (run indices) at each point with seed run_seed(point's seed, run),
// on the point's world, or with `world_for` on a world of its own drawn with
// world_seed(point's world seed, run). Each point's baseline is stepped once where
// shared_baselines allows, and the runs are paired against it; the rows are the
// same as with a baseline per run (tests/sim/ensemble/shared_baseline_test.cpp).
// If `stop` becomes true, workers stop between steps; results are then marked
// interrupted. Returned in (point, run) order.
// `on_done(k, replicate)`, when given, is called on the worker as soon as the k-th
// replicate (in the returned order) has completed, to write or summarise it in parallel;
// it may take the replicate's rows (a streamed ensemble keeps none in memory).
// `flows`, unless none: each run also keeps its bilateral flows of those items (run_paired).
// `checkpointing`: for a single run, saved at a step or continued (run_paired).
using OnRunDone = std::function<void(std::size_t, Replicate&)>;
std::vector<Replicate> run_replicates(const std::vector<std::shared_ptr<const PreparedScenario>>& points,
                                      const std::vector<int>& runs, int threads, const std::atomic<bool>* stop,
                                      Progress* progress = nullptr, const OnRunDone& on_done = {},
                                      const WorldForRun& world_for = {},
                                      output::FlowItems flows = output::FlowItems::none,
                                      const Checkpointing* checkpointing = nullptr);

}  // namespace regimesim::ensemble
