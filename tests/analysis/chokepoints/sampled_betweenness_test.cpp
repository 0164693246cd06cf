// Betweenness from a sample of sources: hand-computed dependencies on a path and a
// star, and agreement with Boost's exact Brandes when every node is a source.
#include <catch2/catch.hpp>

#include <set>

#include "chokepoints/sampled_betweenness.hpp"

using namespace regimesim::analysis;

namespace {
std::vector<FlowEdge> path(int n) {
  std::vector<FlowEdge> e;
  for (int v = 0; v + 1 < n; ++v) e.push_back({v, v + 1, 1.0});
  return e;
}
std::vector<FlowEdge> two_way_star(int leaves) {
  std::vector<FlowEdge> e;
  for (int leaf = 1; leaf <= leaves; ++leaf) e.push_back({0, leaf, 1.0}), e.push_back({leaf, 0, 1.0});
  return e;
}
}  // namespace

TEST_CASE("On a path, one source's dependencies are the nodes beyond each node", "[betweenness]") {
  // 0 -> 1 -> 2 -> 3 -> 4. From source 0, node v lies on the paths to v+1..4:
  // delta_0(v) = 4 - v, scaled by n / k = 5.
  const auto c = betweenness_from_sources(5, path(5), {0});
  const std::vector<double> expected{0, 15, 10, 5, 0};
  for (std::size_t v = 0; v < 5; ++v) CHECK(c[v] == Approx(expected[v]).margin(1e-12));
  // Every node a source: exact betweenness v (n - 1 - v): (0, 3, 4, 3, 0).
  const auto all = betweenness_from_sources(5, path(5), {0, 1, 2, 3, 4});
  const std::vector<double> exact{0, 3, 4, 3, 0};
  for (std::size_t v = 0; v < 5; ++v) CHECK(all[v] == Approx(exact[v]).margin(1e-12));
}

TEST_CASE("On a star, a leaf source sees the hub carry its paths to the other leaves", "[betweenness]") {
  // Hub 0 and 4 leaves, links both ways. From leaf 1 the hub is on the paths to
  // leaves 2, 3, 4: delta = 3, scaled by 5 / 1. From the hub itself: nothing.
  CHECK(betweenness_from_sources(5, two_way_star(4), {1})[0] == Approx(15.0));
  CHECK(betweenness_from_sources(5, two_way_star(4), {0})[0] == 0.0);
  // Sources {0, 1}: (0 + 3) * 5 / 2.
  CHECK(betweenness_from_sources(5, two_way_star(4), {0, 1})[0] == Approx(7.5));
}

TEST_CASE("With every node a source the estimate is Boost's exact betweenness", "[betweenness]") {
  // A small tangle with split shortest paths, a cycle and parallel edges.
  std::vector<FlowEdge> e;
  for (int v = 0; v < 30; ++v) {
    e.push_back({v, (v * 7 + 3) % 30, 1.0, 0});
    e.push_back({v, (v * 11 + 5) % 30, 2.0, 1});
    e.push_back({v, (v + 1) % 30, 1.0, 0});
    e.push_back({v, (v + 1) % 30, 1.0, 1});
  }
  std::vector<int> all(30);
  for (int v = 0; v < 30; ++v) all[static_cast<std::size_t>(v)] = v;
  const auto sampled = betweenness_from_sources(30, e, all);
  const auto exact = betweenness_centrality(30, e);
  for (std::size_t v = 0; v < 30; ++v) CHECK(sampled[v] == Approx(exact[v]).margin(1e-9));
  bool used_sample = true;
  const auto chosen = betweenness(30, e, 1e9, 5, 1, &used_sample);
  CHECK_FALSE(used_sample);
  for (std::size_t v = 0; v < 30; ++v) CHECK(chosen[v] == Approx(exact[v]).margin(1e-9));
  betweenness(30, e, 10.0, 5, 1, &used_sample);
  CHECK(used_sample);
}

TEST_CASE("Pivots are a fixed sample of distinct nodes", "[betweenness]") {
  const auto a = pivot_sample(1000, 50, 7), b = pivot_sample(1000, 50, 7), c = pivot_sample(1000, 50, 8);
  CHECK(a == b);
  CHECK(a != c);
  CHECK(std::set<int>(a.begin(), a.end()).size() == 50);
  CHECK(pivot_sample(10, 20, 7).size() == 10);
}
