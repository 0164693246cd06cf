#include <catch2/catch.hpp>

#include <stdexcept>

#include "chokepoints/concentration.hpp"

using namespace regimesim::analysis;

namespace {
Eigen::VectorXd vec(std::initializer_list<double> v) {
  Eigen::VectorXd x(static_cast<Eigen::Index>(v.size()));
  Eigen::Index k = 0;
  for (const double e : v) x(k++) = e;
  return x;
}
// Item 0: groups 0, 0, 1, 2 make 3, 1, 4, 2, so groups hold 4, 4, 2 of 10.
// Item 1: group 1 makes 9 and group 2 makes 1. Item 2: nobody makes it.
Suppliers three_items() { return {{3, 1, 4, 2, 9, 1}, {0, 0, 0, 0, 1, 1}, {0, 0, 1, 2, 1, 2}}; }
}  // namespace

TEST_CASE("HHI of textbook shares", "[concentration]") {
  CHECK(herfindahl(vec({0.5, 0.5})) == Approx(0.5));
  CHECK(herfindahl(vec({1.0})) == Approx(1.0));
  CHECK(herfindahl(vec({0.25, 0.25, 0.25, 0.25})) == Approx(0.25));
  // Amounts are normalised first: 3 and 1 are shares 3/4 and 1/4, 9/16 + 1/16.
  CHECK(herfindahl(vec({3, 1})) == Approx(10.0 / 16));
  CHECK(herfindahl(vec({0, 0})) == 0.0);
  CHECK_THROWS_AS(herfindahl(vec({1, -1})), std::invalid_argument);
}

TEST_CASE("Concentration by group adds up each group's suppliers", "[concentration]") {
  const auto c = group_concentration(three_items(), 3, 3);
  REQUIRE(c.size() == 3);
  // Item 0: shares 0.4, 0.4, 0.2, HHI 0.16 + 0.16 + 0.04; the tie goes to group 0.
  CHECK(c[0].hhi == Approx(0.36));
  CHECK(c[0].top_group == 0);
  CHECK(c[0].top_share == Approx(0.4));
  // Item 1: shares 0.9 and 0.1, HHI 0.81 + 0.01.
  CHECK(c[1].hhi == Approx(0.82));
  CHECK(c[1].top_group == 1);
  CHECK(c[1].top_share == Approx(0.9));
  CHECK(c[2].top_group == -1);
  CHECK(c[2].hhi == 0.0);
}

TEST_CASE("Items held by one group beyond a threshold", "[concentration]") {
  const auto held = items_held_by_one_group(three_items(), 3, 3, 0.5);
  REQUIRE(held.size() == 1);
  CHECK(held[0].item == 1);
  CHECK(held[0].group == 1);
  CHECK(held[0].share == Approx(0.9));
  // The threshold is strict: 0.9 is not more than 0.9.
  CHECK(items_held_by_one_group(three_items(), 3, 3, 0.9).empty());
}

TEST_CASE("Items held by a coalition of groups beyond a threshold", "[concentration]") {
  // Groups 0 and 2 hold (4 + 2)/10 of item 0 and 1/10 of item 1.
  const auto held = items_held_by_coalition(three_items(), 3, 3, {0, 2, 2}, 0.5);
  REQUIRE(held.size() == 1);
  CHECK(held[0].item == 0);
  CHECK(held[0].share == Approx(0.6));
  CHECK(items_held_by_coalition(three_items(), 3, 3, {0, 1, 2}, 0.99).size() == 2);
  CHECK_THROWS_AS(items_held_by_coalition(three_items(), 3, 3, {3}, 0.5), std::invalid_argument);
}

TEST_CASE("Malformed supplier tables are refused", "[concentration]") {
  CHECK_THROWS_AS(item_group_output({{1, 2}, {0}, {0, 0}}, 1, 1), std::invalid_argument);
  CHECK_THROWS_AS(item_group_output({{1}, {1}, {0}}, 1, 1), std::invalid_argument);
  CHECK_THROWS_AS(item_group_output({{-1}, {0}, {0}}, 1, 1), std::invalid_argument);
}
