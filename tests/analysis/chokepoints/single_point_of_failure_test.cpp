#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <random>

#include "chokepoints/single_point_of_failure.hpp"

using namespace regimesim::analysis;

namespace {
std::vector<int> sorted(std::vector<int> v) {
  std::sort(v.begin(), v.end());
  return v;
}
// Mines 0 and 1 both supply steel mill 2's ore slot (0); coke oven 4 is the mill's
// only coke supplier (slot 1); the mill is the car plant 3's only steel supplier.
const std::vector<FlowEdge> steel_diamond{{0, 2, 1.0, 0}, {1, 2, 1.0, 0}, {4, 2, 0.5, 1}, {2, 3, 4.0, 0}};
const std::vector<double> steel_output{1, 1, 4, 10, 0.5};
}  // namespace

TEST_CASE("A second supplier of the same input keeps the buyer going", "[spof]") {
  CHECK(starved_nodes(5, steel_diamond, {0}).empty());
  CHECK(starved_nodes(5, steel_diamond, {1}).empty());
  // Both mines gone: the ore slot is empty, the mill starves and the car plant after it.
  CHECK(sorted(starved_nodes(5, steel_diamond, {0, 1})) == std::vector<int>{2, 3});
}

TEST_CASE("A sole supplier starves everything downstream of it", "[spof]") {
  // The coke oven is one of three inputs to the mill, but the only coke.
  CHECK(sorted(starved_nodes(5, steel_diamond, {4})) == std::vector<int>{2, 3});
  CHECK(starved_nodes(5, steel_diamond, {2}) == std::vector<int>{3});
  CHECK(starved_nodes(5, steel_diamond, {3}).empty());
}

TEST_CASE("Single points of failure ranked by the output they starve", "[spof]") {
  // Oven: mill 4 + cars 10 = 14. Mill: cars 10. Mines and the car plant starve nobody.
  const auto top = single_points_of_failure(5, steel_diamond, steel_output, 10);
  REQUIRE(top.size() == 2);
  CHECK(top[0].node == 4);
  CHECK(top[0].starved_output == Approx(14.0));
  CHECK(top[0].starved_nodes == 2);
  CHECK(top[1].node == 2);
  CHECK(top[1].starved_output == Approx(10.0));
  CHECK(single_points_of_failure(5, steel_diamond, steel_output, 1).size() == 1);
}

TEST_CASE("Candidates restrict the search to the largest shippers", "[spof]") {
  // With one candidate only the mill (out-flow 4) is tried; the oven, which ships
  // 0.5 but starves more, is missed: the heuristic's documented blind spot.
  const auto top = single_points_of_failure(5, steel_diamond, steel_output, 1, 1);
  REQUIRE(top.size() == 1);
  CHECK(top[0].node == 2);
}

TEST_CASE("A plain diamond: a branch can be lost, the source cannot", "[spof]") {
  // a -> b, a -> c, and d buys the same input from b or c.
  const std::vector<FlowEdge> diamond{{0, 1, 1.0}, {0, 2, 1.0}, {1, 3, 1.0}, {2, 3, 1.0}};
  CHECK(starved_nodes(4, diamond, {1}).empty());
  CHECK(starved_nodes(4, diamond, {2}).empty());
  CHECK(sorted(starved_nodes(4, diamond, {0})) == std::vector<int>{1, 2, 3});
}

TEST_CASE("Starvation runs around a cycle, and a cycle alone does not starve", "[spof]") {
  // Mine 0 feeds plant 1 (slot 0); plants 1 and 2 each need the other (1's slot 1,
  // 2's slot 0); 2 feeds 3. Losing the mine starves 1, hence 2, hence 3.
  std::vector<FlowEdge> loop{{0, 1, 1.0, 0}, {2, 1, 1.0, 1}, {1, 2, 1.0, 0}, {2, 3, 1.0, 0}};
  CHECK(sorted(starved_nodes(4, loop, {0})) == std::vector<int>{1, 2, 3});
  CHECK(starved_nodes(4, loop, {3}).empty());
  CHECK(starved_nodes(4, loop, {}).empty());  // the loop sustains itself
  // A second supplier 4 of plant 2's slot breaks the chain at 2.
  loop.push_back({4, 2, 1.0, 0});
  CHECK(starved_nodes(5, loop, {0}) == std::vector<int>{1});
}

TEST_CASE("Edges with no flow are no supply", "[spof]") {
  // 1 is 2's only real supplier; the zero-flow edge from 0 does not back it up.
  const std::vector<FlowEdge> edges{{0, 2, 0.0}, {1, 2, 1.0}};
  CHECK(starved_nodes(3, edges, {1}) == std::vector<int>{2});
  CHECK_THROWS_AS(starved_nodes(3, edges, {3}), std::invalid_argument);
  CHECK_THROWS_AS(single_points_of_failure(3, edges, {1.0}, 1), std::invalid_argument);
}

namespace {
// 100,000 firms each buying 10 flows from random suppliers, spread over a random
// number of input slots in [1, max_slots]. With up to 6 slots 1 flow in 30 is a
// slot's only supplier and cascades stay small; with up to 8 it is 15%, a firm's
// loss starves 1.5 others directly and cascades sweep most of the network.
std::vector<FlowEdge> random_network(int n, int max_slots) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> node(0, n - 1), slots(1, max_slots);
  std::uniform_real_distribution<double> flow(0.1, 10.0);
  std::vector<FlowEdge> edges;
  edges.reserve(static_cast<std::size_t>(n) * 10);
  for (int b = 0; b < n; ++b) {
    const int s = slots(rng);
    for (int k = 0; k < 10; ++k) edges.push_back({node(rng), b, flow(rng), k % s});
  }
  return edges;
}
}  // namespace

TEST_CASE("Single points of failure on 100,000 firms and 1,000,000 flows", "[.][spof][bench]") {
  // Hidden timing run, not a check: test_analysis "[bench]" in an optimised build.
  const int n = 100000;
  const std::vector<double> output(static_cast<std::size_t>(n), 1.0);
  const auto time = [&](const std::vector<FlowEdge>& edges, int candidates) {
    const auto start = std::chrono::steady_clock::now();
    const auto top = single_points_of_failure(n, edges, output, 10, candidates);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    WARN("candidates " << candidates << ": " << took.count() << " s, top node starves "
                       << (top.empty() ? 0 : top[0].starved_nodes));
  };
  SECTION("diversified inputs, every node tried") { time(random_network(n, 6), 0); }
  SECTION("fragile inputs, 100 candidates") { time(random_network(n, 8), 100); }
}
