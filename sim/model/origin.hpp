// Where a value of the description came from, so that any later error can point a
// user at the file, line and column and the key path they wrote.
#pragma once

#include <string>

namespace regimesim {

struct Origin {
  std::string file;      // a path, or "--set" for a command-line override
  int line = 0;          // 1-based; 0 when unknown
  int column = 0;        // 1-based; 0 when unknown
  std::string key_path;  // e.g. world.firms[3].capacity
};

}  // namespace regimesim
