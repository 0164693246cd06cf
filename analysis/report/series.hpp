// The time series a report draws, as plain rows: one value per (scenario, sweep
// point, step, state, item, metric), with its uncertainty band when an ensemble's
// statistics.csv gave one. Read from statistics.csv when the directory has it, else
// from timeseries.csv (the mean of its runs, without a band).
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace regimesim::report {

// The spread of an ensemble at one point: where 90% of the runs lie (q05-q95), and
// the 95% confidence interval of the mean.
struct Band {
  double q05 = 0, q95 = 0;
  double ci95_low = 0, ci95_high = 0;
};

struct SeriesRow {
  std::string scenario;
  std::vector<std::string> sweep;  // values, aligned with SeriesTable::sweep_keys
  int step = 0;
  std::string state, item, metric;
  int runs = 1;
  double mean = 0;
  std::optional<Band> band;
};

struct SeriesTable {
  std::string source;                   // the file the rows came from
  std::vector<std::string> sweep_keys;  // key paths varied by a sweep, e.g. world.states.USA.enforcement_effort
  std::vector<SeriesRow> rows;
  bool has_bands() const;
  int last_step() const;
  int max_runs() const;
};

// statistics.csv: scenario,[sweep columns],step,state,item,metric,runs,mean,sd,q05,q50,q95,ci95_low,ci95_high
SeriesTable read_statistics(const std::string& text, const std::string& name, const std::set<std::string>& metrics);
// timeseries.csv: scenario,run,seed,[sweep columns],step,state,item,metric,value. Runs are averaged.
SeriesTable read_timeseries(const std::string& text, const std::string& name, const std::set<std::string>& metrics);

// The sweep point of a row as a legend entry: its value alone when one key is swept
// ("0.5": the legend's title names the key), else "USA enforcement effort = 0.5,
// chip_circle members = [USA, NLD]".
std::string sweep_label(const std::vector<std::string>& keys, const std::vector<std::string>& values);

}  // namespace regimesim::report
