#include "load/world_size.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>

#include "model/scenario_error.hpp"

namespace regimesim::load {
namespace {

// Measured on the 100k-firm bench world (docs/BENCHMARKS.md: 306 MiB for 100,000
// firms and 954,400 links, scenario and baseline runs included), rounded up.
constexpr double kBytesPerFirm = 600;
constexpr double kBytesPerLink = 320;

}  // namespace

WorldSize estimate_generated_size(const World& world, const GenerationSpec& spec) {
  WorldSize s;
  for (const auto& p : spec.production) {
    double makers = 0;
    for (const auto& [state, share] : p.shares)
      if (share > 0) makers += spec.firms_per_state;
    s.firms += makers;
    s.links += makers * static_cast<double>(world.items[p.item].recipe.size()) * spec.links_per_input;
  }
  s.firms += static_cast<double>(world.firms.size());
  s.links += static_cast<double>(world.links.size());
  s.bytes = s.firms * kBytesPerFirm + s.links * kBytesPerLink;
  return s;
}

double memory_budget_bytes() {
  if (const char* mb = std::getenv("REGIMESIM_MEMORY_LIMIT_MB"); mb && *mb) return std::atof(mb) * 1024 * 1024;
  const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGE_SIZE);
  return pages > 0 && page > 0 ? static_cast<double>(pages) * static_cast<double>(page) : 1e18;
}

void check_generated_size(const World& world, const GenerationSpec& spec, const Origin& where) {
  const WorldSize s = estimate_generated_size(world, spec);
  const double budget = memory_budget_bytes();
  if (s.bytes <= budget) return;
  throw ScenarioError(where, fmt::format("this would generate about {:.3g} firms and {:.3g} supply links, needing about "
                                         "{:.1f} GiB of the {:.1f} GiB of memory here. Lower firms_per_state or links_per_input",
                                         s.firms, s.links, s.bytes / (1u << 30), budget / (1u << 30)));
}

}  // namespace regimesim::load
