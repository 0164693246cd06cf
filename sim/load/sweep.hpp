// Sweeps: the values scenario keys take across a design, from the scenario's
// `sweep:` section and --sweep on the command line. The design is their product;
// every point is a scenario loaded with the point's values set on the located
// YAML tree (as --set does), so a bad value is an error pointing where it was written.
#pragma once

#include <string>
#include <vector>

#include "load/document.hpp"
#include "model/scenario.hpp"

namespace regimesim::load {

struct SweepAxis {
  std::string key;           // a key path, as --set takes it
  std::vector<Node> values;  // each remembers where it was written
  Origin origin;             // where the axis was declared
};

// The design as text, for output tables and JSON. Without a sweep it has no keys
// and one point.
struct SweepDesign {
  std::vector<std::string> keys;
  std::vector<std::vector<std::string>> cells;  // per point, per key: the value in YAML flow style
  std::vector<std::vector<std::string>> json;   // per point, per key: the value as JSON text
  std::size_t points() const { return cells.size(); }
};

// --sweep key.path=SPEC. SPEC is a list `a,b,c` (top-level commas or semicolons
// separate values; brackets group, so `[USA,NLD],[USA,NLD,JPN]` is two lists) or a
// range `start:stop:step` (stop included when reached). Each value is read as YAML.
SweepAxis parse_sweep_option(const std::string& spec);

// A scenario's `sweep:` map: key path -> a list of values, or {start, stop, step}.
std::vector<SweepAxis> read_sweep_section(const Node& section, const std::string& path);

// The values of a range, each written with no more decimals than its bounds and step.
std::vector<std::string> range_values(const std::string& start, const std::string& stop, const std::string& step,
                                      const Origin& where);

// The product of the axes, the first varying slowest.
SweepDesign expand(const std::vector<SweepAxis>& axes);

struct LoadedDesign {
  std::vector<Scenario> points;  // one scenario per design point, in design order
  SweepDesign design;
};

// Loads the scenario with --set overrides, then its sweep section merged with the
// --sweep options (a --sweep of a key the file sweeps replaces it), and builds and
// validates the scenario of every point before anything runs. Throws ScenarioError.
LoadedDesign load_design(const std::string& path, const std::vector<std::string>& overrides,
                         const std::vector<std::string>& sweep_options);

// The same from YAML text, for tests.
LoadedDesign load_design_text(const std::string& text, const std::string& label,
                              const std::vector<std::string>& overrides, const std::vector<std::string>& sweep_options);

}  // namespace regimesim::load
