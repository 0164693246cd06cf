#include <catch2/catch.hpp>

#include <stdexcept>

#include "input_output/io_table.hpp"
#include "io_fixtures.hpp"

using namespace regimesim::analysis;

namespace {
Eigen::MatrixXd chain() { return fixtures::ore_steel_cars(); }
}  // namespace

TEST_CASE("Leontief inverse and multipliers of a 2x2 table, inverted by hand", "[io_table]") {
  // I - A = [[0.8, -0.3], [-0.4, 0.9]], det = 0.72 - 0.12 = 0.6,
  // (I - A)^-1 = 1/0.6 [[0.9, 0.3], [0.4, 0.8]] = [[3/2, 1/2], [2/3, 4/3]].
  // Column sums: 3/2 + 2/3 = 13/6 and 1/2 + 4/3 = 11/6.
  Eigen::MatrixXd A(2, 2);
  A << 0.2, 0.3, 0.4, 0.1;
  const auto t = make_io_table(A, {"farm", "mill"});
  CHECK(t.inverse(0, 0) == Approx(1.5).epsilon(1e-14));
  CHECK(t.inverse(0, 1) == Approx(0.5).epsilon(1e-14));
  CHECK(t.inverse(1, 0) == Approx(2.0 / 3).epsilon(1e-14));
  CHECK(t.inverse(1, 1) == Approx(4.0 / 3).epsilon(1e-14));
  CHECK(t.multipliers(0) == Approx(13.0 / 6).epsilon(1e-14));
  CHECK(t.multipliers(1) == Approx(11.0 / 6).epsilon(1e-14));
  CHECK(t.labels.at(1) == "mill");
}

TEST_CASE("Leontief inverse of a chain is the finite series I + A + A^2", "[io_table]") {
  // A^2 has the single entry (ore, cars) = 0.5 * 0.4 = 0.2 and A^3 = 0.
  const Eigen::MatrixXd L = leontief_inverse(chain());
  Eigen::MatrixXd expected(3, 3);
  expected << 1, 0.5, 0.2,  //
      0, 1, 0.4,            //
      0, 0, 1;
  CHECK((L - expected).cwiseAbs().maxCoeff() < 1e-15);
  const Eigen::VectorXd m = output_multipliers(L);
  CHECK(m(0) == Approx(1.0));
  CHECK(m(1) == Approx(1.5));
  CHECK(m(2) == Approx(1.6));
}

TEST_CASE("Leontief output for several final-demand vectors at once", "[io_table]") {
  // 10 cars need 4 steel and 2 ore; 3 steel alone need 1.5 ore.
  Eigen::MatrixXd d(3, 2);
  d << 0, 0,  //
      0, 3,   //
      10, 0;
  const Eigen::MatrixXd x = leontief_output(chain(), d);
  CHECK(x(0, 0) == Approx(2.0));
  CHECK(x(1, 0) == Approx(4.0));
  CHECK(x(2, 0) == Approx(10.0));
  CHECK(x(0, 1) == Approx(1.5));
  CHECK(x(1, 1) == Approx(3.0));
  CHECK(x(2, 1) == Approx(0.0).margin(1e-15));
}

TEST_CASE("Exposure of cars to ore is direct zero and total 0.4 x 0.5", "[io_table]") {
  const auto t = make_io_table(chain());
  Eigen::VectorXd ore(3);
  ore << 1, 0, 0;
  const auto e = exposure(t, ore);
  // Direct: only steel buys ore. Total: steel needs 0.5 ore, cars 0.4 steel x 0.5.
  CHECK(e.direct(0) == 0.0);
  CHECK(e.direct(1) == Approx(0.5));
  CHECK(e.direct(2) == 0.0);
  CHECK(e.total(0) == Approx(0.0).margin(1e-15));  // ore is not exposed to its own sale
  CHECK(e.total(1) == Approx(0.5));
  CHECK(e.total(2) == Approx(0.2));

  Eigen::VectorXd steel(3);
  steel << 0, 1, 0;
  const auto s = exposure(t, steel);
  CHECK(s.direct(2) == Approx(0.4));
  CHECK(s.total(2) == Approx(0.4));
  CHECK(s.total(0) == Approx(0.0).margin(1e-15));
}

TEST_CASE("A controlled sector in a loop is exposed to itself through the loop", "[io_table]") {
  // L = 1/(1 - ab) [[1, a], [b, 1]]. With sector 0 controlled, sector 0 needs
  // L(0,0) - 1 = ab/(1 - ab) of itself as input, sector 1 needs L(0,1) = a/(1 - ab).
  const double a = 0.3, b = 0.6;
  Eigen::VectorXd c(2);
  c << 1, 0;
  const auto e = exposure(make_io_table(fixtures::two_sector_loop(a, b)), c);
  CHECK(e.total(0) == Approx(a * b / (1 - a * b)));
  CHECK(e.total(1) == Approx(a / (1 - a * b)));
  CHECK(e.direct(0) == 0.0);
  CHECK(e.direct(1) == Approx(a));
}

TEST_CASE("Region exposure is the output-weighted mean of its sectors", "[io_table]") {
  // Ore and steel in region 0 (outputs 2 and 4, exposures 0 and 0.5): 2/6 = 1/3.
  // Cars in region 1: 0.2. Region 2 has no sectors: 0.
  Eigen::VectorXd e(3), x(3);
  e << 0, 0.5, 0.2;
  x << 2, 4, 10;
  const Eigen::VectorXd r = region_exposure(e, x, {0, 0, 1}, 3);
  CHECK(r(0) == Approx(1.0 / 3));
  CHECK(r(1) == Approx(0.2));
  CHECK(r(2) == 0.0);
  CHECK_THROWS_AS(region_exposure(e, x, {0, 0, 3}, 3), std::invalid_argument);
}

TEST_CASE("An unproductive or malformed table is refused", "[io_table]") {
  Eigen::MatrixXd explosive(2, 2), singular(2, 2), negative(2, 2);
  explosive << 0.5, 0.6, 0.7, 0.5;  // spectral radius 0.5 + sqrt(0.42) > 1
  singular << 0, 1, 1, 0;           // spectral radius exactly 1: I - A is singular
  negative << 0, -0.1, 0, 0;
  CHECK_THROWS_AS(leontief_inverse(explosive), std::domain_error);
  CHECK_THROWS_AS(leontief_inverse(singular), std::domain_error);
  CHECK_THROWS_AS(leontief_output(explosive, Eigen::VectorXd::Ones(2)), std::domain_error);
  CHECK_THROWS_AS(leontief_inverse(negative), std::invalid_argument);
  CHECK_THROWS_AS(leontief_inverse(Eigen::MatrixXd::Zero(2, 3)), std::invalid_argument);
  CHECK_THROWS_AS(make_io_table(chain(), {"ore"}), std::invalid_argument);
}
