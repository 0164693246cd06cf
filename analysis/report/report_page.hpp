// report.html: what was run, the headline results in plain words, the time series
// with their uncertainty bands, response curves for a sweep, who gains and who
// loses, and a comparison's scenarios side by side. A section whose input file is
// absent is left out.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "report/result_files.hpp"

namespace regimesim::report {

std::string render_report(const ResultFiles& files);

// Reads DIR, writes DIR/report.html under a temporary name and renames it into
// place. Throws ReportInputError for a missing or malformed directory. `discovery`
// (discovery.json's layout, checked by read_discovery), when given, is drawn instead
// of DIR's discovery.json; `discovery_source` says where it came from, for the footer.
std::filesystem::path write_report(const std::filesystem::path& dir,
                                   const std::optional<nlohmann::json>& discovery = std::nullopt,
                                   const std::string& discovery_source = "");

}  // namespace regimesim::report
