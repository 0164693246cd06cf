// The outcome discovery looks for: a value above a threshold, below one, or between.
#pragma once

#include <optional>
#include <string>

namespace regimesim::analysis::discovery {

struct Threshold {
  std::optional<double> above;  // holds when value > above
  std::optional<double> below;  // holds when value < below
  bool holds(double value) const {
    return (!above || value > *above) && (!below || value < *below);
  }
  // "> 0.9", "< 0.1", "> 0.2 and < 0.5"; throws std::invalid_argument when neither is set.
  std::string words() const;
};

}  // namespace regimesim::analysis::discovery
