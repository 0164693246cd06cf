// One row of a paired run's metric table, looked up by step, state, item and metric:
// what the output tests read their hand-worked figures from.
#pragma once

#include <optional>

#include "ensemble/paired_run.hpp"

namespace regimesim::testing {

// The row's value (and, when asked, its baseline column), or nothing if the run has no such row.
inline std::optional<double> row(const ensemble::RunResult& r, int step, std::uint32_t state, std::uint32_t item,
                                 output::Metric m, double* baseline = nullptr) {
  for (const auto& x : r.rows)
    if (x.step == step && x.state == state && x.item == item && x.metric == m) {
      if (baseline) *baseline = x.baseline;
      return x.value;
    }
  return std::nullopt;
}

}  // namespace regimesim::testing
