// `regimesim merge`: results of single runs written with `run --run-index I` (one
// per task of a job array, or per machine) joined into the result `run --runs N`
// writes, byte for byte in timeseries.csv, statistics.csv, summary.json and
// metrics.csv (manifest.json records the parts, and its dates and times differ).
//
// The parts are read as files, never rerun: each row of a part's statistics.csv
// over its one run states the run's value exactly (the shortest text that reads
// back as the same double), and so does each headline of its summary.json.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "output/result_directory.hpp"

namespace regimesim::output {

// The parts cannot be joined: a missing or duplicated run, parts of other scenarios,
// seeds, designs, output choices or builds. Bad input (exit code 2).
struct PartsRefused : OutputRefused {
  using OutputRefused::OutputRefused;
};

// Checks the parts fit together (before anything is written), then writes the
// joined result into `out`. `runs`, when given, is how many runs the parts must
// make up (0..runs-1); otherwise the largest run index + 1, and none may be missing.
// `command_line` is recorded in the manifest. Statistics are folded on `threads` threads.
void merge_results(const std::vector<std::filesystem::path>& parts, std::optional<int> runs, ResultDirectory& out,
                   const std::string& command_line, int threads);

}  // namespace regimesim::output
