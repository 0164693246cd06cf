#include "engine/finite_values.hpp"

#include <fmt/format.h>

#include <cmath>

#include "model/scenario_error.hpp"

namespace regimesim::engine {
namespace {

[[noreturn]] void fail_at_firm(const World& world, FirmId f, const std::string& what) {
  const Firm& firm = world.firms[f];
  throw ScenarioError(world.origin_of(firm), fmt::format("firm '{}': {} is not a finite number; the quantities of the world "
                                               "overflow (keep capacities, volumes and demands well below 1e15 and "
                                               "recipes productive)",
                                               firm.id, what));
}

}  // namespace

void check_equilibrium_finite(const World& world, const SupplyNetwork& net, const Equilibrium& eq) {
  for (FirmId f = 0; f < net.firm_count; ++f) {
    if (!std::isfinite(eq.output[f])) fail_at_firm(world, f, "its equilibrium output");
    if (!std::isfinite(eq.capacity[f])) fail_at_firm(world, f, "its capacity");
  }
  for (std::uint32_t l = 0; l < eq.link_flow.size(); ++l)
    if (!std::isfinite(eq.link_flow[l])) fail_at_firm(world, net.link_supplier[l], "the equilibrium flow it supplies");
}

void check_step_finite(const World& world, const RunState& s, const char* run_name) {
  if (std::isfinite(s.shipped_total) && std::isfinite(s.received_total)) return;
  const std::string when = fmt::format("in step {} of the {} run, ", s.step - 1, run_name);
  for (FirmId f = 0; f < s.output.size(); ++f) {
    if (!std::isfinite(s.output[f])) fail_at_firm(world, f, when + "its output");
    if (!std::isfinite(s.capacity[f])) fail_at_firm(world, f, when + "its capacity");
    if (!std::isfinite(s.price[f])) fail_at_firm(world, f, when + "its price");
  }
  throw ScenarioError(Origin{}, when + "the goods shipped are not a finite number; the quantities of the world overflow");
}

}  // namespace regimesim::engine
