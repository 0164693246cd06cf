// Which rows each table of a run's result keeps, from what was asked: statistics.csv
// and a single run's timeseries.csv follow `rows` (default item: every row); an
// ensemble's timeseries.csv follows `per_run` (default world: an ensemble of many runs
// would otherwise write every run's every row). `regimesim run` and the Python module
// share it, so the same request gives the same tables from both.
#pragma once

#include <string>

#include "model/scenario.hpp"
#include "output/manifest.hpp"
#include "output/row_filter.hpp"

namespace regimesim::output {

struct TableFilters {
  RowFilter statistics, timeseries;
  bool timeseries_written = true;  // per_run "none": no timeseries at all
  OutputChoice choice;             // what the manifest records
};

// Checked against the first point before anything runs: an unknown detail, metric,
// state or item is a ScenarioError naming the option and what is valid.
TableFilters table_filters(const RowChoice& rows, const std::string& per_run, const Scenario& first, bool ensemble);

}  // namespace regimesim::output
