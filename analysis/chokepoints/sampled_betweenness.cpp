#include "chokepoints/sampled_betweenness.hpp"

#include <algorithm>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/range/iterator_range.hpp>
#include <stdexcept>
#include <utility>

namespace regimesim::analysis {

namespace {

using Graph = boost::compressed_sparse_row_graph<boost::directedS>;

// The links that carry something, once each (as betweenness_centrality counts them).
Graph flow_graph(int nodes, const std::vector<FlowEdge>& edges) {
  const auto links = carrying_links(nodes, edges);
  return Graph(boost::edges_are_sorted, links.begin(), links.end(), static_cast<std::size_t>(nodes));
}

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

std::vector<double> betweenness_from_sources(int nodes, const std::vector<FlowEdge>& edges,
                                             const std::vector<int>& sources) {
  const Graph g = flow_graph(nodes, edges);
  const auto n = static_cast<std::size_t>(nodes);
  std::vector<double> centrality(n, 0.0);
  if (sources.empty()) return centrality;
  for (const int s : sources)
    if (s < 0 || s >= nodes) throw std::invalid_argument("betweenness_from_sources: source out of range");

  // Brandes (2001) for unweighted graphs: a BFS from s counts shortest paths
  // (sigma), then dependencies are accumulated in reverse BFS order.
  std::vector<int> distance(n, -1), order;
  std::vector<double> sigma(n, 0.0), delta(n, 0.0);
  order.reserve(n);
  for (const int s : sources) {
    order.clear();
    distance[static_cast<std::size_t>(s)] = 0;
    sigma[static_cast<std::size_t>(s)] = 1.0;
    order.push_back(s);
    for (std::size_t head = 0; head < order.size(); ++head) {
      const auto u = static_cast<std::size_t>(order[head]);
      for (const auto v : boost::make_iterator_range(adjacent_vertices(u, g))) {
        if (distance[v] < 0) {
          distance[v] = distance[u] + 1;
          order.push_back(static_cast<int>(v));
        }
        if (distance[v] == distance[u] + 1) sigma[v] += sigma[u];
      }
    }
    for (std::size_t k = order.size(); k-- > 0;) {
      const auto w = static_cast<std::size_t>(order[k]);
      // predecessors of a successor v: the u with distance[u] + 1 == distance[v]
      for (const auto v : boost::make_iterator_range(adjacent_vertices(w, g)))
        if (distance[v] == distance[w] + 1) delta[w] += sigma[w] / sigma[v] * (1.0 + delta[v]);
      if (static_cast<int>(w) != s) centrality[w] += delta[w];
    }
    for (const int v : order) {
      const auto x = static_cast<std::size_t>(v);
      distance[x] = -1;
      sigma[x] = delta[x] = 0.0;
    }
  }
  const double scale = static_cast<double>(nodes) / static_cast<double>(sources.size());
  for (double& c : centrality) c *= scale;
  return centrality;
}

std::vector<int> pivot_sample(int nodes, int k, std::uint64_t seed) {
  std::vector<int> all(static_cast<std::size_t>(std::max(nodes, 0)));
  for (int v = 0; v < nodes; ++v) all[static_cast<std::size_t>(v)] = v;
  if (k >= nodes) return all;
  if (k <= 0) return {};
  auto key = [seed](int v) { return std::make_pair(splitmix64(seed ^ splitmix64(static_cast<std::uint64_t>(v))), v); };
  std::nth_element(all.begin(), all.begin() + k, all.end(), [&](int a, int b) { return key(a) < key(b); });
  all.resize(static_cast<std::size_t>(k));
  std::sort(all.begin(), all.end());
  return all;
}

std::vector<double> betweenness(int nodes, const std::vector<FlowEdge>& edges, double exact_budget, int pivots,
                                std::uint64_t seed, bool* sampled) {
  const bool sample = static_cast<double>(nodes) * static_cast<double>(edges.size()) > exact_budget && pivots < nodes;
  if (sampled) *sampled = sample;
  return sample ? betweenness_from_sources(nodes, edges, pivot_sample(nodes, pivots, seed))
                : betweenness_centrality(nodes, edges);
}

}  // namespace regimesim::analysis
