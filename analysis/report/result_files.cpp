#include "report/result_files.hpp"

#include <fmt/format.h>

#include "report/csv_table.hpp"

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
  }
  if (f.read.empty())
    throw ReportInputError(fmt::format("{}: holds none of manifest.json, summary.json, timeseries.csv, statistics.csv "
                                       "or comparison.csv; is it a result directory?", dir.string()));
  return f;
}

}  // namespace regimesim::report
