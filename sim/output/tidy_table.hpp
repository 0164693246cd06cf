// timeseries.csv: one row per (scenario, run, seed, step, state, item, metric, value),
// the long shape pandas and R read directly. Doubles are written in their shortest
// exact form, so the same run always gives the same bytes.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "model/scenario.hpp"
#include "output/metrics.hpp"
#include "output/row_filter.hpp"

namespace regimesim::output {

// A CSV field, quoted when it holds a delimiter, a quote or a newline.
std::string csv_field(const std::string& s);

void write_timeseries(std::ostream& out, const Scenario& scenario, int run, const std::vector<MetricRow>& rows,
                      bool header = true);

// A seed as the tables write it: `0x` and 16 hex digits. Seeds span 0 to 2^64 - 1,
// which pandas (chunk by chunk, int64 beside uint64) and R (double) would read as
// floats and round; text that is not a number is kept exactly. `--seed` takes it back.
std::string seed_text(std::uint64_t seed);

// The header with one column per swept key, named by its key path, between seed and step.
std::string timeseries_header(const std::vector<std::string>& sweep_keys);

// One run's block of an ensemble's table: its own run index and seed, and the
// values of its sweep point (as CSV cells, in the order of the header's keys).
// Of the rows `filter` keeps (every row when it is null), a megabyte at a time.
void write_timeseries_block(std::ostream& out, const Scenario& scenario, int run, std::uint64_t seed,
                            const std::vector<std::string>& sweep_cells, const std::vector<MetricRow>& rows,
                            const RowFilter* filter = nullptr);
// The same block as text (formatted once, not copied through a stream), of the rows
// `filter` keeps (every row when it is null).
std::string timeseries_block(const Scenario& scenario, int run, std::uint64_t seed,
                             const std::vector<std::string>& sweep_cells, const std::vector<MetricRow>& rows,
                             const RowFilter* filter = nullptr);

// The state and item columns of a row, as the tables write them.
std::string state_label(const Scenario& scenario, std::uint32_t state);
std::string item_label(const Scenario& scenario, std::uint32_t item);

}  // namespace regimesim::output
