// Betweenness centrality estimated from a sample of source nodes (pivots), for
// flow graphs too large for exact Brandes (O(n m): minutes at 100,000 firms and a
// million links). Same definition and conventions as betweenness_centrality in
// flow_graph.hpp: directed, unweighted, parallel edges and empty flows ignored.
#pragma once

#include <cstdint>
#include <vector>

#include "chokepoints/flow_graph.hpp"

namespace regimesim::analysis {

// Brandes' dependency accumulation from the given sources only, scaled by
// n / |sources|:  C~(v) = n / k * sum_{s in sources} delta_s(v), where
// delta_s(v) = sum_{t != s, v} sigma_st(v) / sigma_st is the share of shortest
// paths from s that pass through v. With every node as a source this is exact
// betweenness; with k sources drawn uniformly it is an unbiased estimate of it
// (Brandes & Pich 2007, Bader et al. 2007), at a cost of O(k (n + m)).
std::vector<double> betweenness_from_sources(int nodes, const std::vector<FlowEdge>& edges,
                                             const std::vector<int>& sources);

// The k pivots: the nodes with the smallest hash of (seed, node), a fixed
// pseudo-random sample that does not depend on the platform, the library's
// random engines or the thread count. All nodes when k >= nodes.
std::vector<int> pivot_sample(int nodes, int k, std::uint64_t seed);

// Exact betweenness (flow_graph.hpp, Boost's brandes_betweenness_centrality) while
// nodes x edges stays within `exact_budget` operations, otherwise the estimate from
// `pivots` pivots. `sampled` (if given) says which was used.
std::vector<double> betweenness(int nodes, const std::vector<FlowEdge>& edges, double exact_budget, int pivots,
                                std::uint64_t seed, bool* sampled = nullptr);

}  // namespace regimesim::analysis
