// What the ensemble tests share: a tutorial scenario prepared at 14 steps, and rows
// compared bit for bit.
#pragma once

#include <bit>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"

namespace regimesim::testing {

inline std::shared_ptr<const ensemble::PreparedScenario> tutorial(const std::string& name,
                                                                  std::vector<std::string> sets = {}) {
  sets.push_back("steps=14");
  return ensemble::prepare(load::load_scenario(REGIMESIM_SOURCE_DIR "/scenarios/tutorial/" + name, sets));
}

// Bit for bit: -0.0 against 0.0 or two NaNs would pass ==.
inline bool identical(const std::vector<output::MetricRow>& a, const std::vector<output::MetricRow>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (a[k].step != b[k].step || a[k].state != b[k].state || a[k].item != b[k].item || a[k].metric != b[k].metric ||
        std::bit_cast<std::uint64_t>(a[k].value) != std::bit_cast<std::uint64_t>(b[k].value) ||
        std::bit_cast<std::uint64_t>(a[k].baseline) != std::bit_cast<std::uint64_t>(b[k].baseline))
      return false;
  return true;
}

}  // namespace regimesim::testing
