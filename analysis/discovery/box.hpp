// A box: a range per numeric input and a set of categories per categorical one. A
// case lies in the box when every input's value does. Coverage and density say how
// well a box describes where the outcome holds (docs/DISCOVERY.md):
//   coverage = cases in the box where it holds / cases where it holds,
//   density  = cases in the box where it holds / cases in the box,
//   support  = cases in the box / all cases.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "discovery/case_table.hpp"

namespace regimesim::analysis::discovery {

struct InputLimits {
  double low = -std::numeric_limits<double>::infinity();  // numeric: low <= x <= high
  double high = std::numeric_limits<double>::infinity();
  std::vector<std::uint8_t> allowed;  // categorical: per label, 1 when the box keeps it
};

struct Box {
  std::vector<InputLimits> limits;  // per input of the table
};

// The box that holds every case: no input restricted.
Box whole_box(const CaseTable& table);

bool in_box(const CaseTable& table, const Box& box, std::size_t i);
bool in_limits(const InputColumn& column, const InputLimits& limits, std::size_t i);

// Whether the box restricts an input, given the cases it is read over: a numeric
// range that keeps every value those cases take, or a category set that keeps every
// category they take, restricts nothing.
bool restricts(const CaseTable& table, const Box& box, std::size_t input, const std::vector<std::uint8_t>& among);

struct BoxStatistics {
  double coverage = 0, density = 0, support = 0;
  std::size_t cases_in = 0, holds_in = 0;
};

// Over the cases marked in `among` (1: counted); coverage is over `holds_total`,
// the cases where the outcome holds that coverage is a share of.
BoxStatistics box_statistics(const CaseTable& table, const Box& box, const std::vector<std::uint8_t>& among,
                             std::size_t holds_total, std::size_t cases_total);

}  // namespace regimesim::analysis::discovery
