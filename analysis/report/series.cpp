#include "report/series.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "report/csv_table.hpp"
#include "report/chart_words.hpp"

namespace regimesim::report {

bool SeriesTable::has_bands() const {
  return std::any_of(rows.begin(), rows.end(), [](const SeriesRow& r) { return r.band.has_value(); });
}
int SeriesTable::last_step() const {
  int last = -1;
  for (const auto& r : rows) last = std::max(last, r.step);
  return last;
}
int SeriesTable::max_runs() const {
  int n = 0;
  for (const auto& r : rows) n = std::max(n, r.runs);
  return n;
}

namespace {

// The columns between `after` and `step` are sweep key paths.
std::vector<std::string> sweep_columns(const std::vector<std::string>& header, const std::string& after,
                                       const std::string& name) {
  const auto a = column_index(header, after, name), s = column_index(header, "step", name);
  if (s <= a) throw ReportInputError(fmt::format("{}: column 'step' should come after '{}'", name, after));
  return {header.begin() + static_cast<long>(a) + 1, header.begin() + static_cast<long>(s)};
}

int whole(const std::string& s, const std::string& name, int line, const std::string& column) {
  const double v = csv_number(s, name, line, column);
  if (v != static_cast<int>(v))
    throw ReportInputError(fmt::format("{}:{}: column '{}': '{}' is not a whole number", name, line, column, s));
  return static_cast<int>(v);
}

}  // namespace

SeriesTable read_statistics(const std::string& text, const std::string& name, const std::set<std::string>& metrics) {
  SeriesTable t;
  t.source = name;
  std::vector<std::size_t> col;  // scenario, step, state, item, metric, runs, mean, q05, q95, ci_low, ci_high
  std::size_t first_sweep = 0;
  const char* wanted[] = {"scenario", "step", "state", "item", "metric", "runs", "mean", "q05", "q95", "ci95_low", "ci95_high"};
  std::vector<std::string> header;
  scan_csv(text, name, [&](const std::vector<std::string>& f, int line) {
    if (header.empty()) {
      header = f;
      for (const char* w : wanted) col.push_back(column_index(header, w, name));
      t.sweep_keys = sweep_columns(header, "scenario", name);
      first_sweep = col[0] + 1;
      return;
    }
    if (!metrics.count(f[col[4]])) return;
    SeriesRow r;
    r.scenario = f[col[0]];
    r.sweep.assign(f.begin() + static_cast<long>(first_sweep), f.begin() + static_cast<long>(first_sweep + t.sweep_keys.size()));
    r.step = whole(f[col[1]], name, line, "step");
    r.state = f[col[2]];
    r.item = f[col[3]];
    r.metric = f[col[4]];
    r.runs = whole(f[col[5]], name, line, "runs");
    auto num = [&](int k) { return csv_number(f[col[k]], name, line, wanted[k]); };
    r.mean = num(6);
    // One run (a single run writes statistics.csv too) measures no spread: no band.
    if (r.runs > 1) r.band = Band{num(7), num(8), num(9), num(10)};
    t.rows.push_back(std::move(r));
  });
  return t;
}

SeriesTable read_timeseries(const std::string& text, const std::string& name, const std::set<std::string>& metrics) {
  SeriesTable t;
  t.source = name;
  std::vector<std::size_t> col;  // scenario, step, state, item, metric, value, run
  std::size_t first_sweep = 0;
  const char* wanted[] = {"scenario", "step", "state", "item", "metric", "value", "run"};
  std::vector<std::string> header;
  // (scenario, sweep, step, state, item, metric) joined by a unit separator -> its row, in first-seen order.
  std::unordered_map<std::string, std::size_t> index;
  std::vector<double> sums;
  std::string key;
  scan_csv(text, name, [&](const std::vector<std::string>& f, int line) {
    if (header.empty()) {
      header = f;
      for (const char* w : wanted) col.push_back(column_index(header, w, name));
      t.sweep_keys = sweep_columns(header, "seed", name);
      first_sweep = column_index(header, "seed", name) + 1;
      return;
    }
    if (!metrics.count(f[col[4]])) return;
    whole(f[col[6]], name, line, "run");
    const int step = whole(f[col[1]], name, line, "step");
    const double v = csv_number(f[col[5]], name, line, "value");
    key.clear();
    for (std::size_t i = 0; i < t.sweep_keys.size(); ++i) key += f[first_sweep + i] + '\x1f';
    for (int c : {0, 1, 2, 3, 4}) key += f[col[c]] + '\x1f';
    auto [it, fresh] = index.try_emplace(key, t.rows.size());
    if (fresh) {
      SeriesRow r;
      r.scenario = f[col[0]];
      r.sweep.assign(f.begin() + static_cast<long>(first_sweep),
                     f.begin() + static_cast<long>(first_sweep + t.sweep_keys.size()));
      r.step = step;
      r.state = f[col[2]];
      r.item = f[col[3]];
      r.metric = f[col[4]];
      r.runs = 0;
      t.rows.push_back(std::move(r));
      sums.push_back(0);
    }
    sums[it->second] += v;
    t.rows[it->second].runs += 1;
  });
  for (std::size_t i = 0; i < t.rows.size(); ++i) t.rows[i].mean = sums[i] / t.rows[i].runs;
  return t;
}

std::string sweep_label(const std::vector<std::string>& keys, const std::vector<std::string>& values) {
  if (keys.size() == 1 && values.size() == 1) return values[0];
  std::string s;
  for (std::size_t i = 0; i < keys.size() && i < values.size(); ++i)
    s += fmt::format("{}{} = {}", i ? ", " : "", key_in_words(keys[i]), values[i]);
  return s;
}

}  // namespace regimesim::report
