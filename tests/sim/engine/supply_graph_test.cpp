// The Boost.Graph view of a network, built when asked (engine/supply_graph.hpp): one
// edge per supply link, from its buyer to its supplier, with the link's id as edge index.
#include <catch2/catch.hpp>

#include <set>
#include <utility>

#include "engine/supply_graph.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "world_fixtures.hpp"

using namespace regimesim;

TEST_CASE("The supply graph has an edge from each buyer to each of its suppliers, one per link", "[engine][graph]") {
  const auto p = ensemble::prepare(load::load_scenario_text(testing::generated_world_yaml(), "generated.yaml"));
  const World& w = p->scenario.world;
  const engine::SupplyNetwork& net = p->network;
  const engine::SupplyGraph g = engine::supply_graph(net);
  const auto& csr = g.buyer_to_supplier;

  // Worked out from the world, not the network: the distinct (buyer, supplier) pairs
  // of the firms' links with a volume, and one edge per consumer and supplier.
  std::set<std::pair<std::uint32_t, std::uint32_t>> firm_pairs;
  for (const auto& l : w.links)
    if (l.volume > 0) firm_pairs.insert({l.buyer, l.supplier});
  std::set<std::pair<std::uint32_t, std::uint32_t>> edges;
  std::size_t consumer_edges = 0;
  for (auto [e, end] = boost::edges(csr); e != end; ++e) {
    const auto b = static_cast<std::uint32_t>(boost::source(*e, csr));
    const auto s = static_cast<std::uint32_t>(boost::target(*e, csr));
    CHECK(s < net.firm_count);  // suppliers are firms
    if (b < net.firm_count)
      edges.insert({b, s});
    else
      ++consumer_edges;
    CHECK(net.link_supplier[g.link_of_edge[boost::get(boost::edge_index, csr, *e)]] == s);  // the edge names its link
  }
  CHECK(boost::num_vertices(csr) == net.buyer_count());
  CHECK(boost::num_edges(csr) == net.link_count());
  CHECK(edges == firm_pairs);
  CHECK(consumer_edges == net.link_count() - firm_pairs.size());
}
