// The `controls:` timeline of a scenario: issuers (states, coalitions, regimes),
// item selectors (ids, list categories, WMD relevance, tiers), destinations
// (states, groups, end uses, entity lists), instruments and their reach.
#pragma once

#include <string>
#include <vector>

#include "load/document.hpp"
#include "model/control.hpp"

namespace regimesim::load {

std::vector<Control> read_controls(const Node& list, const std::string& path, const World& w, int steps);

}  // namespace regimesim::load
