// What each metric is, in words: its unit, how a step's value is read, its
// definition and the label the terminal tables print. The one place these words
// live: metrics.csv (every result directory), `regimesim help metrics`, the compare
// table, docs/METRICS.md (checked against it by a test) and the report read them here.
// Plain strings only, no sim types, so the report's library can link it alone.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace regimesim::output {

// How a number reads: a share (0-1, printed in percent), an amount, or a count.
enum class MetricKind { share, amount, count };

struct MetricEntry {
  const char* metric;      // the name in the `metric` column of every table
  MetricKind kind;
  const char* unit;        // the unit of one step's value
  const char* baseline_unit;  // the unit of its `baseline` (a share lost is read against the quantity it is a share of)
  const char* read;        // how a step's value is read: "each step" (that month) or "cumulative" (since the start)
  const char* headline;    // how summary.json's headline reads it over a run ("at the end", "summed over the run"), or ""
  const char* label;       // the compare table's row, in plain words
  const char* table_unit;  // the compare table's unit column: the value's unit, the baseline's, and when read
  const char* definition;  // one plain sentence; docs/METRICS.md has the formula
};

// Every metric, in the order of the Metric enum (output/metrics.hpp).
const std::vector<MetricEntry>& metric_dictionary();
// The entry of a metric name, or nullptr.
const MetricEntry* find_metric(std::string_view metric);

const char* to_string(MetricKind k);

// metrics.csv: metric,kind,unit,baseline_unit,read,headline,label,definition; one row per metric.
std::string metrics_csv();
// The same as a Markdown table (docs/METRICS.md, `regimesim help metrics`).
std::string metrics_markdown();

}  // namespace regimesim::output
