#include "chokepoints/flow_graph.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <stdexcept>
#include <utility>

namespace regimesim::analysis {

void require_nodes_in_range(int nodes, const std::vector<FlowEdge>& edges) {
  if (nodes < 0) throw std::invalid_argument("flow graph: negative node count");
  for (const FlowEdge& e : edges)
    if (e.supplier < 0 || e.supplier >= nodes || e.buyer < 0 || e.buyer >= nodes)
      throw std::invalid_argument("flow graph: edge end out of range");
}

std::vector<std::pair<int, int>> carrying_links(int nodes, const std::vector<FlowEdge>& edges) {
  require_nodes_in_range(nodes, edges);
  std::vector<std::pair<int, int>> links;
  links.reserve(edges.size());
  for (const FlowEdge& e : edges)
    if (e.flow > 0 && e.supplier != e.buyer) links.emplace_back(e.supplier, e.buyer);
  std::sort(links.begin(), links.end());
  links.erase(std::unique(links.begin(), links.end()), links.end());
  return links;
}

std::vector<double> betweenness_centrality(int nodes, const std::vector<FlowEdge>& edges, bool normalised) {
  const auto links = carrying_links(nodes, edges);

  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  const Graph g(links.begin(), links.end(), static_cast<Graph::vertices_size_type>(nodes));
  std::vector<double> centrality(static_cast<std::size_t>(nodes), 0.0);
  boost::brandes_betweenness_centrality(
      g, boost::make_iterator_property_map(centrality.begin(), get(boost::vertex_index, g)));

  if (normalised && nodes > 2) {
    const double pairs = static_cast<double>(nodes - 1) * static_cast<double>(nodes - 2);
    for (double& c : centrality) c /= pairs;
  }
  return centrality;
}

}  // namespace regimesim::analysis
