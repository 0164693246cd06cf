// The cases of a sweep's (or a design's) result directory: one per design point, its
// inputs read from summary.json's `statistics[].sweep` (each point's value of each
// swept key) and its outcome from the same entry's headline statistics
// (docs/ENSEMBLES.md, "The files of an ensemble").
#pragma once

#include <string>
#include <vector>

#include "discovery/case_table.hpp"
#include "discovery/outcome.hpp"

namespace regimesim::analysis::discovery {

struct OutcomeChoice {
  std::string metric;             // a headline metric, e.g. denial_effectiveness
  std::string group = "WORLD";    // WORLD, DEVELOPING, control:ID
  std::string when;               // "" when the metric is read one way only
  std::string statistic = "mean"; // mean, q05, q50, q95, ci95_low, ci95_high, sd
  Threshold threshold;
};

struct SweepCases {
  CaseTable table;
  std::vector<double> values;     // per case, the statistic read
  std::string when;               // how the metric was read
  std::size_t points_without = 0; // points that have no such statistic (left out)
  std::string outcome_words;      // "denial_effectiveness (mean over 20 runs, WORLD, at the horizon) > 0.9"
};

// Throws std::invalid_argument naming the file and what would be valid.
SweepCases read_sweep_cases(const std::string& dir, const OutcomeChoice& choice);

// A design value as the cases read it: a number as written, a list in YAML flow style
// ([USA, NLD]), text as it is.
std::string value_text(const std::string& json_text);

}  // namespace regimesim::analysis::discovery
