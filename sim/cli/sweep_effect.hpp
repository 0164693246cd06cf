// Whether a swept key changed anything. A key that nothing in the scenario reads
// (enforcement effort with no diversion, a response switched off) gives the same
// rows at every one of its values: the sweep then only multiplies the work, and the
// user should hear it.
#pragma once

#include <string>
#include <vector>

#include "output/metrics.hpp"

namespace regimesim::cli {

// The sweep keys whose values made no difference: for every combination of the
// other keys' values, the points that differ only in this key have identical rows
// (value and baseline, row for row). `cells[p][k]`: point p's value of key k;
// `rows[p]`: the rows of one run (the same run index) at point p.
std::vector<std::string> keys_without_effect(const std::vector<std::string>& keys,
                                             const std::vector<std::vector<std::string>>& cells,
                                             const std::vector<const std::vector<output::MetricRow>*>& rows);

}  // namespace regimesim::cli
