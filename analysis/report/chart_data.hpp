// What each chart of the report shows, as plain data: the records Vega-Lite draws
// and the words around them. Chosen from a SeriesTable (time series, response
// curves, gains and losses by state) or from a comparison's rows.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "report/series.hpp"

namespace regimesim::report {

enum class ChartKind {
  time_series,      // records {series, step, value[, q05, q95, ci95_low, ci95_high]}
  response_curve,   // records {x, series, value[, band]}: the horizon value at each sweep point
  state_bars,       // records {state, value[, ci95_low, ci95_high]}
  comparison_bars,  // records {scenario, label, order, value[, ci95_low, ci95_high]}
  peeling_trajectory,  // records {step, coverage, density, support, peeled, chosen} (discovery_charts.hpp)
  box_scatter,         // records {kind: case, x, y, outcome} and one {kind: box, x, x2, y, y2}
};

struct Chart {
  ChartKind kind = ChartKind::time_series;
  std::string name;     // how `regimesim plot --chart` and the page's export name it, e.g. "denial"
  std::string title;
  std::string caption;  // how to read it, in plain words
  std::string y_title;
  std::string x_title;
  bool share = false;       // values are shares: axes in percent
  bool numeric_x = true;    // response curves: a numeric sweep value, else ordinal
  int last_step = -1;       // time series: the x axis runs from 0 to here, whichever rows exist
  std::string legend_title;                // what tells the lines apart, e.g. "USA enforcement effort"; empty: none
  std::vector<std::string> series_order;   // the lines in the order a reader looks for them (legend, colours, dashes)
  // More sweep points than colours and dashes can tell apart: each line is shaded by its
  // value of the first swept key (a sequential scale, field "shade" of each record) and
  // dashed by the other keys' values (field "dash"), instead of one legend entry a line.
  std::string shade_title, dash_title;
  nlohmann::json values = nlohmann::json::array();
};

// The metrics the report reads from timeseries.csv or statistics.csv.
const std::set<std::string>& charted_metrics();

// Time series of one metric. Per-state metrics (item `all`) show the world and the
// states that moved most; per-item metrics the (state, item) pairs that moved most.
// Over several scenarios (a comparison) or sweep points, one line per scenario and
// point: the world's, or the single pair that moved most. Lines are labelled by what
// tells them apart; what they share goes into the title. Empty when the table has
// no row of the metric.
std::optional<Chart> denial_chart(const SeriesTable& t);
std::optional<Chart> output_loss_chart(const SeriesTable& t);
std::optional<Chart> price_chart(const SeriesTable& t);
std::optional<Chart> market_share_chart(const SeriesTable& t);

// For a sweep: each world-level metric at the last step against the first sweep key.
// A metric that is zero at every point (bands included) is not drawn: its name is
// added to `zero`, when given, for the page to say so.
std::vector<Chart> response_curves(const SeriesTable& t, std::vector<std::string>* zero = nullptr);

// Output loss of each state at the last step, largest loss first (not for sweeps).
// With more than 2 * per_side states, only the per_side largest and smallest.
std::optional<Chart> state_output_loss_chart(const SeriesTable& t, std::size_t per_side = 10);

// The largest market-share changes at the last step: (state, item, share, shift), gains first.
struct ShareChange {
  std::string state, item;
  double share = 0, shift = 0;
  std::optional<Band> shift_band;
};
std::vector<ShareChange> largest_share_changes(const SeriesTable& t, std::size_t per_side);

// comparison.csv: scenario,metric,group,when,value (and ci95_low, ci95_high when an ensemble wrote them).
struct ComparisonRow {
  std::string scenario, metric, group, when;
  double value = 0;
  std::optional<double> ci95_low, ci95_high;
  std::optional<double> baseline;  // comparison.csv's `baseline` column, when it has one
};
std::vector<ComparisonRow> read_comparison(const std::string& text, const std::string& name);
// The rows of the metrics that are not zero in every scenario: the others say nothing apart.
std::vector<ComparisonRow> rows_that_move(const std::vector<ComparisonRow>& rows);
std::optional<Chart> comparison_chart(const std::vector<ComparisonRow>& rows);
// "Controlled items kept from their targets, at the end" or "Bystanders' baseline trade
// blocked (in developing states), over the whole run".
std::string comparison_label(const ComparisonRow& r);

}  // namespace regimesim::report
