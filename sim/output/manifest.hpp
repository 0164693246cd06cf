// manifest.json: what made a result. Version, commit, seed, the command line, the
// fully resolved scenario and the wall time. It is the one output file whose bytes
// differ between identical runs (wall time and date).
#pragma once

#include <string>

#include "model/scenario.hpp"

namespace regimesim::output {

std::string manifest_json(const Scenario& scenario, const std::string& command_line, double wall_seconds);

}  // namespace regimesim::output
