// The supply network as a Boost.Graph compressed-sparse-row graph: vertices are
// buyers (firms, then consumers), and each out-edge of a buyer is one supply link,
// with edge index equal to the link id of SupplyNetwork.
//
// Built only when a graph algorithm asks for it: a run never does, and at ten million
// links the graph and the edge list it is built from would cost a run 160 MB (issue 15).
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <utility>
#include <vector>

#include "engine/supply_network.hpp"

namespace regimesim::engine {

struct SupplyGraph {
  using Graph = boost::compressed_sparse_row_graph<boost::directedS>;
  Graph buyer_to_supplier;
};

// The edge index is the link id because the edges go in already sorted by buyer.
inline SupplyGraph supply_graph(const SupplyNetwork& net) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  edges.reserve(net.link_count());
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b)
    for (std::uint32_t k = net.buyer_slot_begin[b]; k < net.buyer_slot_begin[b + 1]; ++k)
      for (std::uint32_t l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l)
        edges.emplace_back(b, net.link_supplier[l]);
  SupplyGraph g;
  g.buyer_to_supplier = SupplyGraph::Graph(boost::edges_are_sorted, edges.begin(), edges.end(), net.buyer_count());
  return g;
}

}  // namespace regimesim::engine
