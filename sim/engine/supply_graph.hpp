// The supply network as a Boost.Graph compressed-sparse-row graph: vertices are
// buyers (firms, then consumers), and each out-edge of a buyer is one supply link:
// link_of_edge names the SupplyNetwork link of each edge index.
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
  std::vector<std::uint32_t> link_of_edge;  // by edge index: the edges go in buyer by buyer, the links lie item by item
};

// The edges go in already sorted by buyer, so each one's index is its place in that order.
inline SupplyGraph supply_graph(const SupplyNetwork& net) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  edges.reserve(net.link_count());
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b)
    for (const std::uint32_t k : net.slots_of(b))
      for (std::uint32_t l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l)
        edges.emplace_back(b, net.link_supplier[l]);
  SupplyGraph g;
  g.link_of_edge.reserve(net.link_count());
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b)
    for_each_link_of(net, b, [&](std::uint32_t, std::uint32_t l) { g.link_of_edge.push_back(l); });
  g.buyer_to_supplier = SupplyGraph::Graph(boost::edges_are_sorted, edges.begin(), edges.end(), net.buyer_count());
  return g;
}

}  // namespace regimesim::engine
