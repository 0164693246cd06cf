// The ensemble's additions to summary.json and manifest.json: how many runs, the
// sweep's design, each headline's statistics over the runs at every design point,
// and the seeds and threads that made the result.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "output/summary.hpp"
#include "statistics/sample_statistics.hpp"

namespace regimesim::output {

// The design as output files name it: keys, and per point the values as JSON text.
struct DesignColumns {
  std::vector<std::string> keys;
  std::vector<std::vector<std::string>> json;  // per point, per key
};

struct HeadlineStatistics {
  std::string metric, group, when;
  analysis::SampleStatistics stats;
};

// Each headline of the runs of one point (and the world's output loss at the
// horizon and over the run), described over the runs that have it, in run order.
std::vector<HeadlineStatistics> headline_statistics(const std::vector<RunSummary>& runs);

// One run's value of a headline, as summary.json states it.
struct HeadlineValue {
  std::string metric, group, when;
  double value = 0;
};
// The same statistics from each run's headline values (in run order): a run without
// a headline counts as zero where the metric's absence means zero (absent_means_zero),
// and is left out otherwise.
std::vector<HeadlineStatistics> describe_headlines(const std::vector<std::vector<HeadlineValue>>& runs);

// The summary.json of a result of one run per point (`run --run-index`) restated
// for `runs` runs with the statistics `per_point`: the file ensemble_summary_json
// writes when that run is run 0 (`regimesim merge`).
std::string restate_ensemble_summary(const std::string& summary_json, int runs,
                                     const std::vector<std::vector<HeadlineStatistics>>& per_point);

// summary.json: `first` as a single run writes it (run 0 of the first point), plus
// "runs", "sweep" {keys, points} and "statistics" [{point, sweep, metrics: [...]}].
std::string ensemble_summary_json(const RunSummary& first, int runs, const DesignColumns& design,
                                  const std::vector<std::vector<HeadlineStatistics>>& per_point);

struct EnsembleProvenance {
  int runs = 1;
  std::vector<int> run_indices;  // the runs done (all of 0..runs-1, or one with --run-index)
  int threads = 1;
  std::vector<std::uint64_t> base_seeds;             // per point
  std::vector<std::vector<std::uint64_t>> run_seeds;  // per point, per run done
  std::vector<std::vector<std::uint64_t>> world_seeds;  // per point, per run done, under --vary world; else empty
};

// manifest.json: `manifest` (output::manifest_json) plus runs, threads, the base
// seed, the seed of each run, the seed rule and the sweep design.
std::string ensemble_manifest_json(const std::string& manifest, const EnsembleProvenance& p, const DesignColumns& design);

// A plain-text table of the headline statistics, for the terminal.
void print_headline_statistics(std::ostream& out, int runs, const DesignColumns& design,
                               const std::vector<std::vector<HeadlineStatistics>>& per_point);

}  // namespace regimesim::output
