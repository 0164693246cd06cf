// Vega-Lite specifications for the report's charts: a Chart's records and words in,
// a spec out. Bands (5-95% of runs, 95% CI of the mean) are drawn only where the
// records carry them.
#pragma once

#include <nlohmann/json.hpp>

#include "report/chart_data.hpp"

namespace regimesim::report {

nlohmann::json vega_lite_spec(const Chart& chart);

// Does the chart draw the band of 90% of runs? For up to two lines only: more of these
// wide bands overlap into a wash of colour, and the narrower confidence bands remain.
bool runs_band_drawn(const Chart& chart);

}  // namespace regimesim::report
