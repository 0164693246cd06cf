// discovery.json: a discovery's boxes, their statistics and trajectories, for the
// report and for scripts. Layout in docs/DISCOVERY.md.
#pragma once

#include <nlohmann/json.hpp>

#include "discovery/prim.hpp"

namespace regimesim::analysis::discovery {

// `outcome` describes what was looked for (metric, threshold, ...), copied as it is.
nlohmann::ordered_json discovery_json(const CaseTable& table, const Discovery& d, const PrimOptions& options,
                                      const nlohmann::ordered_json& outcome);

}  // namespace regimesim::analysis::discovery
