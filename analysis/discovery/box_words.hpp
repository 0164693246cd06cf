// A found box in plain words, for the terminal: how much of the outcome it holds,
// how pure it is, and per input the range it keeps, beside the range the cases span.
#pragma once

#include <string>

#include "discovery/prim.hpp"

namespace regimesim::analysis::discovery {

// `outcome`: the outcome in words, e.g. "denial_effectiveness (mean, WORLD, at the horizon) > 0.9".
std::string describe_discovery(const CaseTable& table, const Discovery& d, const std::string& outcome);

// The peeling trajectory as a table: step, coverage, density, support, what was peeled.
std::string trajectory_table(const FoundBox& box);

// One input's limits in words ("at least 0.5", "one of [USA, NLD]"), and the range
// its values span over the cases marked in `among` ("0 to 1", "3 values").
std::string limits_words(const InputColumn& column, const InputLimits& limits);
std::string span_words(const InputColumn& column, const std::vector<std::uint8_t>& among);

}  // namespace regimesim::analysis::discovery
