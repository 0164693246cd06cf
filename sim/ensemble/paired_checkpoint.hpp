// A paired run saved at a step and continued from it (`run --checkpoint-at STEP`,
// `run --from FILE`): the scenario's run and its baseline, the metric rows and
// flows recorded so far, the seed, and a fingerprint of the world it ran on.
//
// Continuing under the same scenario gives the uninterrupted run byte for byte.
// Continuing under another (a branch: "from month 12, what if Japan joins?") keeps
// the history before the step and runs the rest under the new controls and
// parameters; the world must be the same (the fingerprint is checked).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "checkpoint/checkpoint_file.hpp"
#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"

namespace regimesim::ensemble {

// What a checkpoint says about itself, read before anything is run or written.
struct CheckpointHeader {
  int step = 0;            // steps done: the run continues with this step
  std::uint64_t seed = 0;  // the run's seed, which the continued run keeps
  std::uint32_t world = 0;  // world_fingerprint of the world it was saved on
  std::string scenario;    // the name of the scenario it was saved from
  // The ids of its controls and of its named firms, in order: the saved rows and the
  // answers' memories per control or per named firm are indexed in that order.
  std::vector<std::string> controls, reported_firms;
};

// The checkpoint, opened and checked (checkpoint_file.hpp), its header read.
class OpenCheckpoint {
 public:
  explicit OpenCheckpoint(const std::string& path);
  const CheckpointHeader& header() const { return header_; }
  checkpoint::Reader& reader() { return reader_; }
  // Throws ScenarioError unless `prepared` runs on the world it was saved on, runs
  // beyond its step, and keeps the saved controls and named firms, in their order,
  // before any it adds (what the saved rows and memories are indexed by).
  void check_fits(const PreparedScenario& prepared) const;

 private:
  checkpoint::Reader reader_;
  CheckpointHeader header_;
};

// A CRC-32 of the compiled network and its equilibrium: the same world, firm for
// firm and link for link, gives the same number.
std::uint32_t world_fingerprint(const PreparedScenario& prepared);

// What run_paired saves at a step, or continues from.
struct Checkpointing {
  int save_at = -1;       // after this many steps, save to save_path
  std::string save_path;
  OpenCheckpoint* resume = nullptr;  // continue from here instead of from step 0
};

void save_paired(const std::string& path, const PreparedScenario& prepared, std::uint64_t seed,
                 const engine::Simulation& run, const engine::Simulation& baseline,
                 const output::MetricRecorder& recorder, const std::vector<output::FlowRow>* flows);
// `flows`: the flows recorded so far, or null when the run does not record them.
// Restores run, baseline, recorder and, when `flows` is given, the flows; returns
// the step to continue with. Refuses to restore flows a checkpoint did not record.
int restore_paired(OpenCheckpoint& from, const PreparedScenario& prepared, engine::Simulation& run,
                   engine::Simulation& baseline, output::MetricRecorder& recorder,
                   std::vector<output::FlowRow>* flows);

}  // namespace regimesim::ensemble
