#include <catch2/catch.hpp>

#include <stdexcept>

#include "chokepoints/flow_graph.hpp"

using namespace regimesim::analysis;

TEST_CASE("Betweenness on a directed path counts the one pair passing through", "[flow_graph]") {
  // a -> b -> c: the only pair with a node in between is (a, c), through b.
  // Normalised by (n-1)(n-2) = 2 ordered pairs not involving b.
  const std::vector<FlowEdge> path{{0, 1, 5.0}, {1, 2, 3.0}};
  const auto raw = betweenness_centrality(3, path);
  CHECK(raw[0] == 0.0);
  CHECK(raw[1] == Approx(1.0));
  CHECK(raw[2] == 0.0);
  CHECK(betweenness_centrality(3, path, true)[1] == Approx(0.5));
}

TEST_CASE("Betweenness of a two-way star sits entirely on the hub", "[flow_graph]") {
  // Hub 0 trades both ways with leaves 1..4: each of the 4 x 3 ordered leaf pairs
  // has its one shortest path through the hub, which is every pair not involving
  // it, so the normalised score is 1.
  std::vector<FlowEdge> star;
  for (int leaf = 1; leaf <= 4; ++leaf) {
    star.push_back({0, leaf, 1.0});
    star.push_back({leaf, 0, 1.0});
  }
  const auto raw = betweenness_centrality(5, star);
  CHECK(raw[0] == Approx(12.0));
  for (int leaf = 1; leaf <= 4; ++leaf) CHECK(raw[static_cast<std::size_t>(leaf)] == 0.0);
  CHECK(betweenness_centrality(5, star, true)[0] == Approx(1.0));
}

TEST_CASE("Betweenness splits between equally short routes", "[flow_graph]") {
  // a -> b -> d and a -> c -> d: (a, d) has two shortest paths, half through each.
  // A second edge a -> b for another input slot is the same link, and an edge
  // a -> d with no flow is no link, so neither changes the answer.
  const std::vector<FlowEdge> diamond{{0, 1, 1.0, 0}, {0, 1, 2.0, 1}, {0, 2, 1.0}, {1, 3, 1.0}, {2, 3, 1.0},
                                      {0, 3, 0.0}};
  const auto raw = betweenness_centrality(4, diamond);
  CHECK(raw[1] == Approx(0.5));
  CHECK(raw[2] == Approx(0.5));
  CHECK(raw[0] == 0.0);
  CHECK(raw[3] == 0.0);
}

TEST_CASE("Flow edges must name existing nodes", "[flow_graph]") {
  CHECK_THROWS_AS(betweenness_centrality(2, {{0, 2, 1.0}}), std::invalid_argument);
  CHECK_THROWS_AS(require_nodes_in_range(2, {{-1, 0, 1.0}}), std::invalid_argument);
}
