// PRIM's peeling (Friedman and Fisher 1999): from a box, take off a thin slice (a
// share alpha of the cases in the box, at the low or high end of one numeric input,
// or one category of a categorical input), the slice whose removal leaves the
// highest density; repeat until the box would hold fewer than min_support of the
// cases. The boxes on the way are the peeling trajectory, from the whole space
// (coverage 1) to small, dense boxes.
#pragma once

#include <string>
#include <vector>

#include "discovery/box.hpp"
#include "discovery/case_table.hpp"

namespace regimesim::analysis::discovery {

struct TrajectoryStep {
  Box box;
  BoxStatistics stats;
  std::string peeled;  // what this step took off ("x1 low", "members [USA]"); "" for the first box
};

struct PeelingCounts {
  std::size_t holds_total = 0;  // cases where the outcome holds (coverage's denominator)
  std::size_t cases_total = 0;  // all cases (support's denominator)
};

// Peels from `start`, over the cases marked in `among`. alpha in (0, 0.5); a slice
// is at least one distinct value, so an input with few distinct values (a sweep's
// grid) loses one value at a time. Ties keep the slice removing fewer cases, then
// the first input. The first step is `start` itself.
std::vector<TrajectoryStep> peel(const CaseTable& table, const Box& start, const std::vector<std::uint8_t>& among,
                                 const PeelingCounts& counts, double alpha, double min_support);

}  // namespace regimesim::analysis::discovery
