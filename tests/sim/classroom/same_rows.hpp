// The classroom's runs against the command line's: every metric row the same, bit for bit.
#pragma once

#include <catch2/catch.hpp>

#include <vector>

#include "output/metrics.hpp"

namespace regimesim::testing {

inline void check_same_rows(const std::vector<output::MetricRow>& a, const std::vector<output::MetricRow>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t k = 0; k < a.size(); ++k) {
    INFO("row " << k << " step " << a[k].step << " metric " << output::to_string(a[k].metric));
    REQUIRE(a[k].step == b[k].step);
    REQUIRE(a[k].state == b[k].state);
    REQUIRE(a[k].item == b[k].item);
    REQUIRE(a[k].metric == b[k].metric);
    REQUIRE(a[k].value == b[k].value);  // exactly: the same deterministic runs
    REQUIRE(a[k].baseline == b[k].baseline);
  }
}

}  // namespace regimesim::testing
