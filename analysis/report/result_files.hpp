// What a result directory holds, read for the report: manifest.json, summary.json,
// the time series (statistics.csv, else timeseries.csv), a comparison's files and
// scenario discovery's boxes (discovery.json).
// Every file is optional; a directory with none of them is an error.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "report/chart_data.hpp"
#include "report/series.hpp"

namespace regimesim::report {

struct ResultFiles {
  std::filesystem::path dir;
  std::optional<nlohmann::json> manifest;
  std::optional<nlohmann::json> summary;
  std::optional<SeriesTable> series;
  std::vector<ComparisonRow> comparison;
  // Scenario discovery's boxes over a sweep's points (discovery_charts.hpp): DIR's
  // discovery.json, or what `report --metric ...` found, or a file named with --discovery.
  std::optional<nlohmann::json> discovery;
  std::vector<std::string> read;  // the files read, for the page's footer
};

// Throws ReportInputError when the directory is missing, holds none of the files,
// or a file is malformed (naming the file, and the line or byte where it can).
ResultFiles read_result_files(const std::filesystem::path& dir);

}  // namespace regimesim::report
