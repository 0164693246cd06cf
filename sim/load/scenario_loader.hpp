// Turns a scenario file (with its includes and --set overrides) into a validated,
// immutable Scenario, or throws ScenarioError pointing at what is wrong.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "load/document.hpp"
#include "model/scenario.hpp"

namespace regimesim::load {

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});

// Worlds already read in this process, by their resolved `world` section: scenarios
// that include the same world with the same world keys (compare's usual case) read
// and generate it once, and each gets a copy.
struct WorldCache {
  std::map<std::string, World> by_section;  // the section as JSON text -> the world read from it
  int built = 0, reused = 0;
};
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides, WorldCache& worlds);

// The same from YAML text, for tests and tools; `label` stands in for a file name.
Scenario load_scenario_text(const std::string& text, const std::string& label,
                            const std::vector<std::string>& overrides = {});

// A scenario from an already loaded (and overridden) document tree. A `sweep:`
// section is allowed here and ignored: load/sweep.hpp reads it.
Scenario scenario_from_tree(const Node& root, const std::string& source_file);

}  // namespace regimesim::load
