// A prepared scenario seen as the analysis library sees a world: the state x item
// input-output table of its equilibrium, the firm flow graph, the states' trade
// graph and the suppliers of each item. analysis/ knows nothing of sim's types;
// this is where they are translated (docs/ANALYSIS.md).
#pragma once

#include <string>
#include <vector>

#include "chokepoints/concentration.hpp"
#include "chokepoints/flow_graph.hpp"
#include "ensemble/paired_run.hpp"
#include "input_output/leontief.hpp"

namespace regimesim::assessment {

struct IoAccounts {
  std::size_t states = 0, items = 0;
  std::size_t sector(StateId s, ItemId i) const { return s * items + i; }  // (state, item) -> sector
  StateId sector_state(std::size_t j) const { return static_cast<StateId>(j / items); }
  ItemId sector_item(std::size_t j) const { return static_cast<ItemId>(j % items); }

  // A(i,j) = equilibrium flow from sector i to the firms of sector j, per unit of
  // j's gross output (0 for a sector that makes nothing). Column-major sparse.
  analysis::SparseMatrix coefficients;
  Eigen::VectorXd final_demand;  // per sector: its sales to final demand, per step
  Eigen::VectorXd output;        // per sector: the firms' equilibrium output
  std::vector<int> input_group;  // per sector: its item, the input it provides

  // firms: one node per firm, one edge per supply link (slot = the input item)
  std::vector<analysis::FlowEdge> firm_edges;
  std::vector<double> firm_output;
  // states: one node per state, one edge per (exporter, importer) pair with trade
  std::vector<analysis::FlowEdge> state_edges;
  // firms as suppliers of their item, grouped by state (for concentration)
  analysis::Suppliers suppliers;
};

IoAccounts build_io_accounts(const ensemble::PreparedScenario& p);

// "KOR/steel"
std::string sector_label(const World& w, const IoAccounts& a, std::size_t sector);

}  // namespace regimesim::assessment
