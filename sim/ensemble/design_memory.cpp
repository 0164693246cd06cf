#include "ensemble/design_memory.hpp"

#include <fmt/format.h>

#include "load/world_size.hpp"
#include "model/scenario_error.hpp"
#include "output/metrics.hpp"

namespace regimesim::ensemble {

void check_design_fits(const std::vector<Scenario>& points, std::size_t runs_per_point, const std::string& option) {
  double bytes = 0;
  for (const auto& sc : points)
    bytes += static_cast<double>(sc.steps) * static_cast<double>(sc.world.states.size() + 2) *
             static_cast<double>(sc.world.items.size() + 1) * 6 * sizeof(output::MetricRow);
  bytes *= static_cast<double>(runs_per_point);
  const double budget = load::memory_budget_bytes();
  if (bytes <= budget) return;
  throw ScenarioError(Origin{option, 0, 0, {}},
                      fmt::format("{} runs at each of {} design points keep about {:.1f} GiB of results in memory, "
                                  "more than the {:.1f} GiB here; use fewer --runs or sweep values, or --run-index "
                                  "to run replicates one at a time",
                                  runs_per_point, points.size(), bytes / (1u << 30), budget / (1u << 30)));
}

}  // namespace regimesim::ensemble
