// Sourcing with exact totals on both sides: the buyers' needs and the suppliers'
// outputs are laid end to end on one line each, both of the same length, and every
// stretch where a buyer's piece overlaps a supplier's segment becomes a link with
// that overlap as its volume. Every supplier then receives exactly its segment and
// every buyer exactly its need, however few links each has: the generator uses it so
// that the generated world's output shares are the data's (load/world_generator.cpp).
#pragma once

#include <cstdint>
#include <vector>

namespace regimesim::load {

struct LinePiece {
  std::uint32_t who;  // a buyer or supplier id; the line does not interpret it
  double amount;      // its length on the line, >= 0
};

struct LineOverlap {
  std::uint32_t buyer, supplier;
  double amount;
};

// Walks both lines from the start, in the order given. The two totals should agree;
// round-off between them goes to the last overlap, and a remainder beyond a relative
// 1e-9 of the total is a bug in the caller (std::logic_error).
std::vector<LineOverlap> overlap_along_line(const std::vector<LinePiece>& buyers,
                                            const std::vector<LinePiece>& suppliers);

}  // namespace regimesim::load
