// The supply network as a Boost.Graph compressed-sparse-row graph: vertices are
// buyers (firms, then consumers), and each out-edge of a buyer is one supply link,
// with edge index equal to the link id of SupplyNetwork.
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>

namespace regimesim::engine {

struct SupplyGraph {
  using Graph = boost::compressed_sparse_row_graph<boost::directedS>;
  Graph buyer_to_supplier;
};

}  // namespace regimesim::engine
