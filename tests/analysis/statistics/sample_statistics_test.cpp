// Sample statistics against values worked out by hand (and by the printed t table).
#include <catch2/catch.hpp>

#include <cmath>

#include "statistics/sample_statistics.hpp"

using namespace regimesim::analysis;

TEST_CASE("Mean, sd, type-7 quantiles and the t interval of eight values", "[statistics]") {
  // 2 4 4 4 5 5 7 9 (given out of order): mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32,
  // so sd = sqrt(32 / 7). Quantiles with h = 7p: p = .05 -> h = .35 -> 2 + .35 * 2 = 2.7;
  // p = .5 -> h = 3.5 -> 4.5; p = .95 -> h = 6.65 -> 7 + .65 * 2 = 8.3.
  // t(.975, 7) = 2.3646 from the table; half width = 2.3646 * sd / sqrt(8).
  const auto s = describe({5, 9, 2, 4, 4, 7, 4, 5});
  CHECK(s.n == 8);
  CHECK(s.mean == Approx(5.0));
  CHECK(s.sd == Approx(std::sqrt(32.0 / 7.0)));
  CHECK(s.q05 == Approx(2.7));
  CHECK(s.q50 == Approx(4.5));
  CHECK(s.q95 == Approx(8.3));
  const double half = 2.364624 * std::sqrt(32.0 / 7.0) / std::sqrt(8.0);
  CHECK(s.ci95_low == Approx(5.0 - half).epsilon(1e-5));
  CHECK(s.ci95_high == Approx(5.0 + half).epsilon(1e-5));
}

TEST_CASE("Two values: the interval uses t with one degree of freedom", "[statistics]") {
  // 1, 3: mean 2, sd sqrt(2); t(.975, 1) = 12.7062; half = 12.7062 * sqrt 2 / sqrt 2.
  const auto s = describe({3, 1});
  CHECK(s.sd == Approx(std::sqrt(2.0)));
  CHECK(s.q05 == Approx(1.1));  // h = .05: 1 + .05 * 2
  CHECK(s.q50 == Approx(2.0));
  CHECK(s.ci95_low == Approx(2.0 - 12.7062).epsilon(1e-5));
  CHECK(s.ci95_high == Approx(2.0 + 12.7062).epsilon(1e-5));
}

TEST_CASE("One value: no spread, every quantile and the interval collapse to it", "[statistics]") {
  const auto s = describe({0.25});
  CHECK(s.n == 1);
  CHECK(s.sd == 0.0);
  CHECK(s.q05 == 0.25);
  CHECK(s.q95 == 0.25);
  CHECK(s.ci95_low == 0.25);
  CHECK(s.ci95_high == 0.25);
}

TEST_CASE("Identical values have zero spread and a zero-width interval", "[statistics]") {
  const auto s = describe({1.5, 1.5, 1.5});
  CHECK(s.sd == 0.0);
  CHECK(s.ci95_low == 1.5);
  CHECK(s.ci95_high == 1.5);
  CHECK(s.q50 == 1.5);
}

TEST_CASE("No values is a programming error, not a zero", "[statistics]") {
  CHECK_THROWS_AS(describe({}), std::invalid_argument);
  CHECK(student_t_quantile(0.975, 30) == Approx(2.0423).epsilon(1e-4));
}
