// The `controls:` timeline of a scenario: issuers (states, coalitions, regimes),
// item selectors (ids, list categories, WMD relevance, tiers), destinations
// (states, groups, end uses, entity lists), instruments and their reach.
#pragma once

#include <string>
#include <vector>

#include "load/document.hpp"
#include "model/control.hpp"

namespace regimesim::load {

// A list of state codes, coalition ids or regime ids (each standing for its members).
std::vector<StateId> read_state_list(const Node& list, const std::string& path, const World& w);

std::vector<Control> read_controls(const Node& list, const std::string& path, const World& w, int steps);

}  // namespace regimesim::load
