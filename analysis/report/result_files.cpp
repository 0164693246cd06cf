#include "report/result_files.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "report/csv_table.hpp"
#include "report/discovery_charts.hpp"

namespace regimesim::report {
namespace fs = std::filesystem;

namespace {

std::optional<nlohmann::json> read_json(const fs::path& file) {
  if (!fs::exists(file)) return std::nullopt;
  try {
    auto j = nlohmann::json::parse(read_text_file(file));
    if (!j.is_object() && !j.is_array())
      throw ReportInputError(fmt::format("{}: expected a JSON object or list", file.string()));
    return j;
  } catch (const nlohmann::json::exception& e) {
    throw ReportInputError(fmt::format("{}: not valid JSON: {}", file.string(), e.what()));
  }
}

// The time series of each scenario of a comparison written in a directory of its own
// (DIR/NAME/statistics.csv, else timeseries.csv), as one table in the comparison's
// order. None when no subdirectory has one.
std::optional<SeriesTable> scenario_series(const fs::path& dir, const std::vector<ComparisonRow>& comparison,
                                           std::vector<std::string>& read) {
  std::vector<fs::path> subdirs;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_directory() && e.path().filename().string().front() != '.') subdirs.push_back(e.path());
  std::sort(subdirs.begin(), subdirs.end());
  std::vector<SeriesTable> tables;
  for (const auto& sub : subdirs) {
    const std::string name = sub.filename().string();
    if (fs::exists(sub / "statistics.csv")) {
      tables.push_back(read_statistics(read_text_file(sub / "statistics.csv"), (sub / "statistics.csv").string(), charted_metrics()));
      read.push_back(name + "/statistics.csv");
    } else if (fs::exists(sub / "timeseries.csv")) {
      tables.push_back(read_timeseries(read_text_file(sub / "timeseries.csv"), (sub / "timeseries.csv").string(), charted_metrics()));
      read.push_back(name + "/timeseries.csv");
    }
  }
  if (tables.empty()) return std::nullopt;
  auto rank = [&](const SeriesTable& t) {
    if (t.rows.empty()) return comparison.size();
    for (std::size_t i = 0; i < comparison.size(); ++i)
      if (comparison[i].scenario == t.rows.front().scenario) return i;
    return comparison.size();
  };
  std::stable_sort(tables.begin(), tables.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  SeriesTable all = std::move(tables.front());
  for (std::size_t i = 1; i < tables.size(); ++i) {
    if (tables[i].sweep_keys != all.sweep_keys)
      throw ReportInputError(fmt::format("{}: its sweep columns differ from {}'s; a comparison's scenarios are drawn together "
                                         "only over the same sweep", tables[i].source, all.source));
    all.source += ", " + tables[i].source;
    all.rows.insert(all.rows.end(), std::make_move_iterator(tables[i].rows.begin()), std::make_move_iterator(tables[i].rows.end()));
  }
  return all;
}

}  // namespace

ResultFiles read_result_files(const fs::path& dir) {
  if (!fs::is_directory(dir))
    throw ReportInputError(fmt::format("{}: no such directory; give a directory written by `regimesim run --out` "
                                       "or `regimesim compare --out`", dir.string()));
  ResultFiles f;
  f.dir = dir;
  auto note = [&](const char* name) { f.read.push_back(name); };
  if ((f.manifest = read_json(dir / "manifest.json"))) note("manifest.json");
  if ((f.summary = read_json(dir / "summary.json"))) note("summary.json");
  if (fs::exists(dir / "statistics.csv")) {
    f.series = read_statistics(read_text_file(dir / "statistics.csv"), (dir / "statistics.csv").string(), charted_metrics());
    note("statistics.csv");
  } else if (fs::exists(dir / "timeseries.csv")) {
    f.series = read_timeseries(read_text_file(dir / "timeseries.csv"), (dir / "timeseries.csv").string(), charted_metrics());
    note("timeseries.csv");
  }
  if (fs::exists(dir / "comparison.csv")) {
    f.comparison = read_comparison(read_text_file(dir / "comparison.csv"), (dir / "comparison.csv").string());
    note("comparison.csv");
    // A comparison whose time series sit one directory per scenario: drawn together.
    if (!f.series) f.series = scenario_series(dir, f.comparison, f.read);
  }
  if (fs::exists(dir / "discovery.json")) {
    f.discovery = read_discovery(read_text_file(dir / "discovery.json"), (dir / "discovery.json").string());
    note("discovery.json");
  }
  if (f.read.empty())
    throw ReportInputError(fmt::format("{}: holds none of manifest.json, summary.json, timeseries.csv, statistics.csv "
                                       "or comparison.csv; is it a result directory?", dir.string()));
  return f;
}

}  // namespace regimesim::report
