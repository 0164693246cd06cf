// timeseries.csv: one row per (scenario, run, seed, step, state, item, metric, value),
// the long shape pandas and R read directly. Doubles are written in their shortest
// exact form, so the same run always gives the same bytes.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "model/scenario.hpp"
#include "output/metrics.hpp"

namespace regimesim::output {

// A CSV field, quoted when it holds a delimiter, a quote or a newline.
std::string csv_field(const std::string& s);

void write_timeseries(std::ostream& out, const Scenario& scenario, int run, const std::vector<MetricRow>& rows,
                      bool header = true);

}  // namespace regimesim::output
