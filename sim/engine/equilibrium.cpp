#include "engine/equilibrium.hpp"

#include <fmt/format.h>

#include "input_output/leontief.hpp"
#include "model/scenario_error.hpp"

namespace regimesim::engine {

Equilibrium solve_equilibrium(const World& world, const SupplyNetwork& net) {
  const auto n = static_cast<Eigen::Index>(net.firm_count);
  std::vector<Eigen::Triplet<double>> entries;
  entries.reserve(net.link_count());
  Eigen::VectorXd demand = Eigen::VectorXd::Zero(n);
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b) {
    const bool firm = b < net.firm_count;
    for (const std::uint32_t k : net.slots_of(b))
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
        const double a = net.slot_coefficient[k] * net.link_base_share[l];
        if (firm)
          entries.emplace_back(net.link_supplier[l], b, a);
        else
          demand(net.link_supplier[l]) += a;
      }
  }
  analysis::SparseMatrix A(n, n);
  A.setFromTriplets(entries.begin(), entries.end());
  const auto solution = analysis::solve_leontief(A, demand);

  Equilibrium eq;
  eq.relative_residual = solution.relative_residual;
  eq.output.assign(solution.output.data(), solution.output.data() + n);
  eq.capacity.resize(net.firm_count);
  for (FirmId f = 0; f < net.firm_count; ++f) {
    const Firm& firm = world.firms[f];
    if (eq.output[f] < 0) eq.output[f] = 0;  // round-off on an unused firm
    if (firm.capacity) {
      eq.capacity[f] = *firm.capacity;
      if (eq.output[f] > *firm.capacity * (1 + 1e-9)) {
        Origin o = world.origin_of(firm);
        o.key_path += ".capacity";
        throw ScenarioError(o, fmt::format("capacity {} is below the {:.6g} that firm '{}' must make each step for "
                                           "the world to start in equilibrium; raise it to at least that",
                                           *firm.capacity, eq.output[f], firm.id));
      }
    } else {
      eq.capacity[f] = eq.output[f] * (1.0 + world.capacity_headroom);
    }
  }
  eq.link_flow.resize(net.link_count());
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b) {
    const double scale = b < net.firm_count ? eq.output[b] : 1.0;
    for (const std::uint32_t k : net.slots_of(b))
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l)
        eq.link_flow[l] = net.slot_coefficient[k] * net.link_base_share[l] * scale;
  }
  return eq;
}

}  // namespace regimesim::engine
