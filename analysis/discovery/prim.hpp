// Scenario discovery by PRIM, the Patient Rule Induction Method (Friedman and Fisher
// 1999), as robust decision making uses it: over the cases of a design, find boxes of
// input ranges in which an outcome of interest holds. Per box: peel (peeling.hpp),
// choose a box on the trajectory, paste (pasting.hpp); for a second box, the cases of
// the first are set aside and the search runs again on the rest (covering).
#pragma once

#include <optional>
#include <vector>

#include "discovery/box.hpp"
#include "discovery/case_table.hpp"
#include "discovery/peeling.hpp"

namespace regimesim::analysis::discovery {

struct PrimOptions {
  double alpha = 0.05;        // the share of a box's cases one peel or paste moves
  double min_support = 0.05;  // peeling stops before a box would hold fewer cases than this share
  // The box chosen on a trajectory: the densest whose coverage is at least this
  // (for a later box: this share of the cases where it holds that are left for it),
  // the larger coverage among equally dense ones.
  double min_coverage = 0.5;
  std::optional<std::size_t> step;  // or this step of the first trajectory, as printed
  int boxes = 1;                    // how many boxes to find (covering)
};

struct FoundBox {
  std::vector<TrajectoryStep> trajectory;  // the peeling from the cases left for this box
  std::size_t chosen = 0;                  // the step chosen on it
  Box box;                                 // that step's box after pasting
  BoxStatistics stats;                     // of the pasted box, over the cases left for it
  std::vector<std::uint8_t> among;         // the cases left for this box (1: left)
};

struct Discovery {
  std::size_t cases = 0, holds = 0;  // all cases, and those where the outcome holds
  std::vector<FoundBox> boxes;       // fewer than asked for when no case where it holds is left
};

// The step the rule above chooses.
std::size_t choose_step(const std::vector<TrajectoryStep>& trajectory, double min_coverage);

// Throws std::invalid_argument on a bad table (check_table) or options out of range.
Discovery discover(const CaseTable& table, const PrimOptions& options);

}  // namespace regimesim::analysis::discovery
