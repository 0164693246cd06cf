#include "assessment/io_accounts.hpp"

#include <map>

namespace regimesim::assessment {

IoAccounts build_io_accounts(const ensemble::PreparedScenario& p) {
  const World& w = p.scenario.world;
  const engine::SupplyNetwork& net = p.network;
  const engine::Equilibrium& eq = p.equilibrium;
  IoAccounts a;
  a.states = w.states.size();
  a.items = w.items.size();
  const auto n = static_cast<Eigen::Index>(a.states * a.items);
  a.output = Eigen::VectorXd::Zero(n);
  a.final_demand = Eigen::VectorXd::Zero(n);
  a.input_group.resize(static_cast<std::size_t>(n));
  for (std::size_t j = 0; j < static_cast<std::size_t>(n); ++j) a.input_group[j] = static_cast<int>(a.sector_item(j));
  for (FirmId f = 0; f < net.firm_count; ++f) {
    a.output(static_cast<Eigen::Index>(a.sector(net.buyer_state[f], net.buyer_item[f]))) += eq.output[f];
    a.firm_output.push_back(eq.output[f]);
    a.suppliers.output.push_back(eq.output[f]);
    a.suppliers.item.push_back(static_cast<int>(net.buyer_item[f]));
    a.suppliers.group.push_back(static_cast<int>(net.buyer_state[f]));
  }

  // Flows summed per (supplier sector, buyer sector) in a fixed order (links in
  // buyer order), so the table is the same on every run.
  std::vector<Eigen::Triplet<double>> flows;
  std::map<std::pair<StateId, StateId>, double> trade;
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b) {
    const bool firm = b < net.firm_count;
    for (const std::uint32_t k : net.slots_of(b))
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
        const FirmId s = net.link_supplier[l];
        const double flow = eq.link_flow[l];
        const auto from = static_cast<Eigen::Index>(a.sector(net.buyer_state[s], net.buyer_item[s]));
        if (net.buyer_state[s] != net.buyer_state[b] && flow > 0) trade[{net.buyer_state[s], net.buyer_state[b]}] += flow;
        if (!firm) {
          a.final_demand(from) += flow;
          continue;
        }
        flows.emplace_back(from, static_cast<Eigen::Index>(a.sector(net.buyer_state[b], net.buyer_item[b])), flow);
        a.firm_edges.push_back({static_cast<int>(s), static_cast<int>(b), flow, static_cast<int>(net.slot_item[k])});
      }
  }
  analysis::SparseMatrix Z(n, n);
  Z.setFromTriplets(flows.begin(), flows.end());  // duplicates are summed
  // A = Z diag(1/x): column j divided by j's output.
  for (Eigen::Index j = 0; j < Z.outerSize(); ++j)
    for (analysis::SparseMatrix::InnerIterator it(Z, j); it; ++it) it.valueRef() = a.output(j) > 0 ? it.value() / a.output(j) : 0.0;
  Z.prune(0.0);
  a.coefficients = std::move(Z);
  for (const auto& [pair, flow] : trade)
    a.state_edges.push_back({static_cast<int>(pair.first), static_cast<int>(pair.second), flow, 0});
  return a;
}

std::string sector_label(const World& w, const IoAccounts& a, std::size_t sector) {
  return w.states[a.sector_state(sector)].code + "/" + w.items[a.sector_item(sector)].id;
}

}  // namespace regimesim::assessment
