// report.html: what was run, the headline results in plain words, the time series
// with their uncertainty bands, response curves for a sweep, who gains and who
// loses, and a comparison's scenarios side by side. A section whose input file is
// absent is left out.
#pragma once

#include <filesystem>
#include <string>

#include "report/result_files.hpp"

namespace regimesim::report {

std::string render_report(const ResultFiles& files);

// Reads DIR, writes DIR/report.html under a temporary name and renames it into
// place. Throws ReportInputError for a missing or malformed directory.
std::filesystem::path write_report(const std::filesystem::path& dir);

}  // namespace regimesim::report
