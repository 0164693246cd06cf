// Small input-output tables whose answers the tests work out by hand.
#pragma once

#include <Eigen/Core>

namespace regimesim::analysis::fixtures {

// ore -> steel -> cars: a unit of steel needs 0.5 ore, a unit of cars 0.4 steel.
// (I - A)^-1 = I + A + A^2 with A^2 = 0.2 at (ore, cars); 10 cars of final
// demand need x = (ore 2, steel 4, cars 10).
inline Eigen::MatrixXd ore_steel_cars() {
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(3, 3);
  A(0, 1) = 0.5;
  A(1, 2) = 0.4;
  return A;
}

// Two sectors that use each other: a unit of sector 1 needs a of sector 0 and a
// unit of sector 0 needs b of sector 1. (I - A)^-1 = 1/(1 - ab) [[1, a], [b, 1]].
inline Eigen::MatrixXd two_sector_loop(double a, double b) {
  Eigen::MatrixXd A(2, 2);
  A << 0, a, b, 0;
  return A;
}

}  // namespace regimesim::analysis::fixtures
