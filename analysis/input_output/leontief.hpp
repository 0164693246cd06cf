// The Leontief quantity model: gross output x that meets final demand d when each
// unit of output j uses A(i,j) units of i, i.e. x = (I - A)^-1 d.
#pragma once

#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <optional>

namespace regimesim::analysis {

using SparseMatrix = Eigen::SparseMatrix<double>;  // column-major: column j is j's recipe

struct LeontiefSolution {
  Eigen::VectorXd output;
  double relative_residual = 0.0;  // ||(I - A) x - d|| / ||d||
  int iterations = 0;
};

// Solves (I - A) x = d for a sparse, non-negative, productive A (spectral radius
// below 1) by the fixed-point iteration x <- d + A x, the Neumann series
// d + A d + A^2 d + ... summed until it stops changing at round-off. Each term is
// one sparse product, so a world of a million firms is solved without
// factorising anything. Throws std::runtime_error if it does not converge.
LeontiefSolution solve_leontief(const SparseMatrix& A, const Eigen::VectorXd& d);

// Spectral radius of a dense non-negative square matrix, from Collatz-Wielandt
// bounds: for any positive v, min_i (Av)_i/v_i <= rho(A) <= max_i (Av)_i/v_i.
// Iterating v <- (A + I) v tightens both (the shift makes the iteration converge
// for periodic matrices too). Stops once the two agree to `tolerance` relative,
// or, given `threshold`, as soon as both lie on the same side of it. A technology
// can produce any final demand only when rho(A) < 1 (Hawkins-Simon).
struct SpectralRadiusBounds {
  double lower = 0.0;
  double upper = 0.0;
};
SpectralRadiusBounds spectral_radius_bounds(const Eigen::MatrixXd& A, double tolerance = 1e-10,
                                            int max_iterations = 100000, std::optional<double> threshold = {});
double spectral_radius(const Eigen::MatrixXd& A);

}  // namespace regimesim::analysis
