// The findings of `regimesim analyze` for a person (tables of the top entries) and
// for a program (tidy CSVs, one row per entity, metric and value, and analysis.json).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "assessment/findings.hpp"

namespace regimesim::assessment {

void print_findings(std::ostream& out, const World& w, const Findings& f, int top);

// File name -> content: exposure.csv, extraction.csv, multipliers.csv,
// concentration.csv, held_items.csv, failure_points.csv, betweenness.csv,
// simulation_beside.csv (when compared) and analysis.json.
std::vector<std::pair<std::string, std::string>> findings_files(const World& w, const Findings& f);

}  // namespace regimesim::assessment
