// The sources a world's figures cite: read once, then every `source:` key names
// one or more of them by id, so a figure without a known source cannot load.
#pragma once

#include <string>
#include <vector>

#include "load/document.hpp"
#include "model/world.hpp"

namespace regimesim::load {

std::vector<Source> read_sources(const Node& list, const std::string& path);

// A `source:` value: one id or a list of ids, each of which must be in w.sources.
std::vector<std::string> read_source_ids(const Node& n, const std::string& path, const World& w);

}  // namespace regimesim::load
