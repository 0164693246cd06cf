#include "output/table_filters.hpp"

namespace regimesim::output {

TableFilters table_filters(const RowChoice& asked, const std::string& per_run, const Scenario& first, bool ensemble) {
  RowChoice rows = asked;
  rows.metrics = comma_list(rows.metrics);
  rows.states = comma_list(rows.states);
  rows.items = comma_list(rows.items);
  TableFilters f;
  f.statistics = row_filter(rows, first, Detail::item);
  f.timeseries = f.statistics;
  if (ensemble) {
    RowChoice each_run = rows;
    each_run.detail = per_run == "none" ? "" : per_run;
    f.timeseries = row_filter(each_run, first, Detail::world);
    f.timeseries_written = per_run != "none";
    f.choice.statistics_detail = to_string(f.statistics.detail);
  }
  f.choice.per_run_detail = f.timeseries_written ? to_string(f.timeseries.detail) : "none";
  f.choice.metrics = rows.metrics, f.choice.states = rows.states, f.choice.items = rows.items;
  return f;
}

}  // namespace regimesim::output
