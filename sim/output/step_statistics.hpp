// statistics.csv: per metric, per step (and per sweep point), what the runs say
// together: mean, sd, 5/50/95% quantiles and the 95% interval of the mean
// (definitions in analysis/statistics/sample_statistics.hpp and docs/ENSEMBLES.md).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "model/scenario.hpp"
#include "output/metrics.hpp"
#include "statistics/sample_statistics.hpp"

namespace regimesim::output {

struct RowStatistics {
  int step;
  std::uint32_t state, item;
  Metric metric;
  analysis::SampleStatistics stats;
};

// Whether a run that has no row of this metric had a zero (flows and counts,
// recorded only when they happen: leakage, fronts listed, ...) rather than an
// undefined value (a share of nothing, a price with no orders). Metrics not
// listed count as undefined when absent: a safe default for new ones.
bool absent_means_zero(Metric m);

// Gathers each (step, state, item, metric) over the runs, in the order rows first
// appear (run by run), and describes its values in run order. A run lacking a row
// counts as zero where absent_means_zero, and is left out otherwise (the `runs`
// column then says over how many runs the row is defined).
// Rows are described in parallel on `threads` threads; each row's result does not
// depend on which thread computed it.
std::vector<RowStatistics> step_statistics(const std::vector<const std::vector<MetricRow>*>& runs, int threads = 1);

std::string statistics_header(const std::vector<std::string>& sweep_keys);

// Formats chunks of rows in parallel on `threads` threads and writes them in order.
void write_statistics_block(std::ostream& out, const Scenario& scenario, const std::vector<std::string>& sweep_cells,
                            const std::vector<RowStatistics>& rows, int threads = 1);

}  // namespace regimesim::output
