// PRIM's pasting: the peeled box grown back, a slice at a time (at most a share
// alpha of its cases, at one end of one numeric input, or one category), while a
// slice adds cases where the outcome holds without lowering the box's density; the
// slice that leaves the highest density goes first. Peeling is greedy; pasting
// undoes the peels that, in hindsight, cut off more than they had to.
#pragma once

#include "discovery/box.hpp"
#include "discovery/peeling.hpp"

namespace regimesim::analysis::discovery {

Box paste(const CaseTable& table, const Box& box, const std::vector<std::uint8_t>& among, double alpha);

}  // namespace regimesim::analysis::discovery
