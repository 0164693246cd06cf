// Reads the `world:` section: states, items, regimes, firms and links, whether listed
// one by one or generated from production shares (world_generator.hpp).
#pragma once

#include "load/document.hpp"
#include "model/world.hpp"

namespace regimesim::load {

World read_world(const Node& node, const std::string& path);

}  // namespace regimesim::load
