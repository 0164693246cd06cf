#include <catch2/catch.hpp>

#include <stdexcept>

#include "input_output/hypothetical_extraction.hpp"
#include "io_fixtures.hpp"

using namespace regimesim::analysis;

namespace {
// fixtures::ore_steel_cars with 10 cars of final demand: x = (ore 2, steel 4, cars 10).
Eigen::MatrixXd chain() { return fixtures::ore_steel_cars(); }
Eigen::VectorXd ten_cars() {
  Eigen::VectorXd d(3);
  d << 0, 0, 10;
  return d;
}
Eigen::MatrixXd cut(Eigen::Index rows, Eigen::Index i, Eigen::Index j, double share) {
  Eigen::MatrixXd m = Eigen::MatrixXd::Zero(rows, rows);
  m(i, j) = share;
  return m;
}
// Sectors 0 and 1 feed each other, and 2 feeds 0.
Eigen::MatrixXd fed_loop() {
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(3, 3);
  A(1, 0) = 0.3;
  A(0, 1) = 0.2;
  A(2, 0) = 0.1;
  return A;
}
void check_vector(const Eigen::VectorXd& got, std::initializer_list<double> expected) {
  REQUIRE(got.size() == static_cast<Eigen::Index>(expected.size()));
  Eigen::Index k = 0;
  for (const double e : expected) CHECK(got(k++) == Approx(e).margin(1e-12));
}
}  // namespace

TEST_CASE("Backward extraction of ore into steel takes away ore's output only", "[extraction]") {
  // Steel no longer needs ore: x_ext = (0, 4, 10), so ore loses all 2 units.
  const auto l = hypothetical_extraction(chain(), ten_cars(), cut(3, 0, 1, 1.0));
  check_vector(l.baseline, {2, 4, 10});
  check_vector(l.after, {0, 4, 10});
  check_vector(l.loss, {2, 0, 0});
  check_vector(l.relative_loss, {1, 0, 0});
}

TEST_CASE("Forward loss of cutting ore into steel stops steel and cars", "[extraction]") {
  // Steel's only ore is gone, so steel runs at 0 and cars, lacking steel, at 0;
  // ore still has its capacity (it lost a buyer, not an input).
  const auto l = supply_constrained_extraction(chain(), ten_cars(), cut(3, 0, 1, 1.0));
  check_vector(l.after, {2, 0, 0});
  check_vector(l.loss, {0, 4, 10});
  check_vector(l.relative_loss, {0, 1, 1});
}

TEST_CASE("Cutting half a flow halves the dependent output in either direction", "[extraction]") {
  // Backward: steel buys 0.25 ore per unit, so ore makes 1 instead of 2.
  const auto back = hypothetical_extraction(chain(), ten_cars(), cut(3, 0, 1, 0.5));
  check_vector(back.after, {1, 4, 10});
  // Forward: steel gets half its ore and runs at half, so do cars.
  const auto fwd = supply_constrained_extraction(chain(), ten_cars(), cut(3, 0, 1, 0.5));
  check_vector(fwd.after, {2, 2, 5});
  check_vector(fwd.relative_loss, {0, 0.5, 0.5});
}

TEST_CASE("Backward extraction of final demand shrinks the whole chain behind it", "[extraction]") {
  Eigen::VectorXd removed_final(3);
  removed_final << 0, 0, 0.5;  // half the cars are no longer bought
  const auto l = hypothetical_extraction(chain(), ten_cars(), Eigen::MatrixXd::Zero(3, 3), removed_final);
  check_vector(l.after, {1, 2, 5});
  check_vector(l.relative_loss, {0.5, 0.5, 0.5});
}

TEST_CASE("Backward extraction in a two-sector loop matches the closed form", "[extraction]") {
  // A = [[0, a], [b, 0]], d = (5, 7): x = 1/(1 - ab) (5 + 7a, 5b + 7).
  // Cutting b (sector 1 into sector 0) leaves A_ext = [[0, a], [0, 0]]:
  // x_ext = (5 + 7a, 7).
  const double a = 0.3, b = 0.6;
  Eigen::VectorXd d(2);
  d << 5, 7;
  const auto l = hypothetical_extraction(fixtures::two_sector_loop(a, b), d, cut(2, 1, 0, 1.0));
  const double k = 1.0 / (1.0 - a * b);
  check_vector(l.baseline, {k * (5 + 7 * a), k * (5 * b + 7)});
  check_vector(l.after, {5 + 7 * a, 7});
}

TEST_CASE("Forward loss through a loop that keeps what it is given", "[extraction]") {
  // Half of 2's flow into 0 is cut: r0 = min(0.5 r2, r1), r1 = r0, r2 = 1, so
  // the loop runs at half.
  const auto l = supply_constrained_extraction(fed_loop(), Eigen::VectorXd::Ones(3), cut(3, 2, 0, 0.5));
  check_vector(l.relative_loss, {0.5, 0.5, 0});
  CHECK((l.after - 0.5 * l.baseline).head(2).cwiseAbs().maxCoeff() < 1e-12);
}

TEST_CASE("Forward loss in a loop that leaks every round runs down to zero", "[extraction]") {
  // Half of 0's flow into 1 cut: r1 = 0.5 r0 and r0 = min(1, r1), so each round
  // halves both; the only sustainable rate is 0. Sector 2 is upstream.
  const auto l = supply_constrained_extraction(fed_loop(), Eigen::VectorXd::Ones(3), cut(3, 0, 1, 0.5));
  check_vector(l.relative_loss, {1, 1, 0});
}

TEST_CASE("Extraction shares outside [0, 1] are refused", "[extraction]") {
  CHECK_THROWS_AS(hypothetical_extraction(chain(), ten_cars(), cut(3, 0, 1, 1.5)), std::invalid_argument);
  CHECK_THROWS_AS(supply_constrained_extraction(chain(), ten_cars(), cut(3, 0, 1, -0.1)), std::invalid_argument);
  CHECK_THROWS_AS(hypothetical_extraction(chain(), ten_cars(), Eigen::MatrixXd::Zero(2, 2)), std::invalid_argument);
}
