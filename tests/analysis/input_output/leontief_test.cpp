#include <catch2/catch.hpp>

#include <cmath>

#include "input_output/leontief.hpp"
#include "io_fixtures.hpp"

using regimesim::analysis::solve_leontief;
using regimesim::analysis::SparseMatrix;
using regimesim::analysis::spectral_radius;

namespace {
SparseMatrix sparse(const Eigen::MatrixXd& m) { return m.sparseView(); }
}  // namespace

TEST_CASE("Leontief output of a three-stage chain, solved by hand", "[leontief]") {
  // ore -> steel -> cars: a unit of steel needs 0.5 ore, a unit of cars 0.4 steel.
  // Final demand 10 cars: x_cars = 10, x_steel = 4, x_ore = 2.
  const Eigen::MatrixXd A = regimesim::analysis::fixtures::ore_steel_cars();
  Eigen::VectorXd d(3);
  d << 0, 0, 10;
  const auto s = solve_leontief(sparse(A), d);
  CHECK(s.output(0) == Approx(2.0).epsilon(1e-14));
  CHECK(s.output(1) == Approx(4.0).epsilon(1e-14));
  CHECK(s.output(2) == Approx(10.0).epsilon(1e-14));
  CHECK(s.relative_residual < 1e-14);
}

TEST_CASE("Leontief output with a cycle matches the closed-form inverse", "[leontief]") {
  // Two sectors that use each other: (I - A)^-1 = 1/(1 - ab) [[1, a], [b, 1]].
  const double a = 0.3, b = 0.6;
  const Eigen::MatrixXd A = regimesim::analysis::fixtures::two_sector_loop(a, b);
  Eigen::VectorXd d(2);
  d << 5, 7;
  const auto s = solve_leontief(sparse(A), d);
  const double k = 1.0 / (1.0 - a * b);
  CHECK(s.output(0) == Approx(k * (5 + a * 7)).epsilon(1e-13));
  CHECK(s.output(1) == Approx(k * (b * 5 + 7)).epsilon(1e-13));
}

TEST_CASE("A large ring of firms solves to the geometric-series answer", "[leontief]") {
  // 25,000 firms, each using 0.5 of the next one's output per unit: with uniform
  // d every x equals d / (1 - 0.5) = 2d.
  const int n = 25000;
  std::vector<Eigen::Triplet<double>> t;
  for (int j = 0; j < n; ++j) t.emplace_back((j + 1) % n, j, 0.5);
  SparseMatrix A(n, n);
  A.setFromTriplets(t.begin(), t.end());
  Eigen::VectorXd d = Eigen::VectorXd::Constant(n, 3.0);
  const auto s = solve_leontief(A, d);
  CHECK(s.relative_residual < 1e-12);
  CHECK((s.output.array() - 6.0).abs().maxCoeff() < 1e-9);
}

TEST_CASE("Spectral radius decides whether a technology is productive", "[leontief]") {
  Eigen::MatrixXd ok(2, 2), bad(2, 2), periodic(2, 2);
  ok << 0.2, 0.3, 0.4, 0.1;         // eigenvalues 0.5 and -0.2
  bad << 0.5, 0.6, 0.7, 0.5;        // eigenvalues 0.5 +- sqrt(0.42)
  periodic << 0.0, 2.5, 0.5, 0.0;   // eigenvalues +- sqrt(1.25): plain power iteration would oscillate
  CHECK(spectral_radius(ok) == Approx(0.5).epsilon(1e-9));
  CHECK(spectral_radius(bad) == Approx(0.5 + std::sqrt(0.42)).epsilon(1e-9));
  CHECK(spectral_radius(periodic) == Approx(std::sqrt(1.25)).epsilon(1e-9));
}

TEST_CASE("Spectral-radius bounds always bracket the true value", "[leontief]") {
  // A nilpotent chain (rho = 0) converges slowly; with a threshold of 1 the
  // bounds stop as soon as they show rho < 1, and still bracket 0.
  const Eigen::MatrixXd chain = regimesim::analysis::fixtures::ore_steel_cars();
  const auto b = regimesim::analysis::spectral_radius_bounds(chain, 1e-10, 100000, 1.0);
  CHECK(b.lower <= 0.0);
  CHECK(b.upper < 1.0);
  Eigen::MatrixXd bad(2, 2);
  bad << 0.5, 0.6, 0.7, 0.5;
  const auto c = regimesim::analysis::spectral_radius_bounds(bad, 1e-10, 100000, 1.0);
  CHECK(c.lower >= 1.0);
  CHECK(c.lower <= 0.5 + std::sqrt(0.42) + 1e-12);
}
