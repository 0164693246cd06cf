// A supply network as a plain list of directed, weighted flows between nodes
// (firms, or a state's sectors), and the betweenness centrality of its nodes.
#pragma once

#include <utility>
#include <vector>

namespace regimesim::analysis {

// One flow of goods from supplier to buyer, nodes numbered 0..n-1. slot names
// the buyer's input that the flow feeds (its input item): suppliers in the same
// slot substitute for each other, different slots are all needed. An edge with
// flow <= 0 carries nothing and is treated as absent everywhere.
struct FlowEdge {
  int supplier = 0;
  int buyer = 0;
  double flow = 0.0;
  int slot = 0;
};

// Throws std::invalid_argument unless every edge's ends lie in [0, nodes).
void require_nodes_in_range(int nodes, const std::vector<FlowEdge>& edges);

// The (supplier, buyer) pairs of the edges that carry something, sorted, each once,
// without self-loops: the graph every betweenness here is computed on.
std::vector<std::pair<int, int>> carrying_links(int nodes, const std::vector<FlowEdge>& edges);

// Betweenness centrality (Brandes, via Boost.Graph) on the directed graph of the
// edges that carry something: for each node v, the sum over ordered pairs s != v
// != t of the fraction of shortest s -> t paths that pass through v. Unweighted:
// a path's length is its number of hops, since there is no natural distance in a
// flow (large flows are strong links, not short ones). Parallel edges (one per
// slot) count once, so they do not multiply the number of paths.
// Unnormalised by default: on a -> b -> c, b scores 1. With `normalised` the
// scores are divided by (n-1)(n-2), the number of ordered pairs not involving v,
// which puts them in [0, 1]. Cost O(n m) time, O(n + m) memory: meant for state x
// item networks or samples, not a whole firm-level world.
std::vector<double> betweenness_centrality(int nodes, const std::vector<FlowEdge>& edges, bool normalised = false);

}  // namespace regimesim::analysis
