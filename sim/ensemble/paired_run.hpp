// A run as users read it: the scenario and its baseline (the same world with no
// controls) stepped side by side, every metric taken against the baseline.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

#include "behaviour/state_decision.hpp"
#include "engine/equilibrium.hpp"
#include "engine/supply_network.hpp"
#include "model/scenario.hpp"
#include "output/bilateral_flows.hpp"
#include "output/metrics.hpp"
#include "policy/control_plan.hpp"

namespace regimesim::ensemble {

// What every run of one scenario shares: built once, never changed.
struct PreparedScenario {
  Scenario scenario;
  engine::SupplyNetwork network;
  engine::Equilibrium equilibrium;
  policy::ControlPlan plan;  // the controls compiled against the network (points into scenario.controls)
};

// What `prepare` keeps of the world's lists of links once the network holds them.
// A run reads the network alone from then on, so `run`, `compare` and Python's runs
// let them go (24 bytes a link, 258 MB of a 10M-link world); `check`, `analyze` and
// the classroom read them later.
enum class WorldLinks { kept, dropped };

// Compiles the network and solves the equilibrium; throws ScenarioError.
std::shared_ptr<const PreparedScenario> prepare(Scenario scenario, WorldLinks links = WorldLinks::kept,
                                                engine::Layout layout = engine::Layout::by_size);

struct RunResult {
  std::vector<output::MetricRow> rows;
  std::vector<double> cumulative_output, cumulative_baseline_output;  // per state, then world
  std::vector<output::FlowRow> flows;  // only when asked for (flows.csv)
  std::vector<behaviour::StateDecision> decisions;  // what states decided during the run (events.csv)
  int steps_completed = 0;
  bool interrupted = false;
  // The step from which the run's own baseline was replayed, not stepped
  // (ensemble/baseline_cycle.hpp), or -1.
  int baseline_replayed_from = -1;
};

// Whether a run that steps its own baseline stops stepping it once it repeats itself
// (ensemble/baseline_cycle.hpp): the same rows; `never` for a test to compare.
enum class BaselineReplay { when_it_repeats, never };

struct Checkpointing;
struct SharedBaseline;
struct SharedPrefix;

// How one run is taken, beyond its scenario; every field may be left as it is.
struct PairedRunOptions {
  // Runs all steps unless `stop` becomes true, in which case the result is marked
  // interrupted and must not be written as if complete.
  const std::atomic<bool>* stop = nullptr;
  // Replaces the scenario's seed for this run (a replicate's, ensemble/run_seeds.hpp);
  // the baseline draws no random numbers, so it is the same for every seed (common
  // random numbers: the scenario and its baseline differ only by the controls).
  std::optional<std::uint64_t> seed = std::nullopt;
  // Counts steps as they complete (for progress).
  std::atomic<long>* steps_done = nullptr;
  // Unless none, the run also keeps the bilateral flows of every step
  // (output/bilateral_flows.hpp): the rows of the items flows.csv holds, or of every
  // item where the run is checkpointed (a branch from its checkpoint may control other items).
  output::FlowItems flows = output::FlowItems::none;
  // Saves the run at a step or continues it from a checkpoint
  // (ensemble/paired_checkpoint.hpp); a resumed run's seed is the checkpoint's. A
  // checkpointed run steps its baseline to the end (a checkpoint saves its whole state).
  const Checkpointing* checkpointing = nullptr;
  // The baseline stepped once for every replicate of this world and design point
  // (ensemble/shared_baseline.hpp): the run steps no baseline of its own and gives the
  // same rows. Ignored when flows are recorded or the run is checkpointed (they need
  // the baseline's whole state).
  const SharedBaseline* shared = nullptr;
  // With `shared`, the first steps every replicate takes alike
  // (ensemble/shared_prefix.hpp): the run is restored from their end and gives the same rows.
  const SharedPrefix* prefix = nullptr;
  BaselineReplay replay = BaselineReplay::when_it_repeats;
};

// The scenario and its baseline, side by side. The prepared scenario is shared, never
// copied: only the seed differs between replicates.
RunResult run_paired(const PreparedScenario& prepared, const PairedRunOptions& options = {});

}  // namespace regimesim::ensemble
