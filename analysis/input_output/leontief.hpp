// The Leontief quantity model: gross output x that meets final demand d when each
// unit of output j uses A(i,j) units of i, i.e. x = (I - A)^-1 d.
#pragma once

#include <Eigen/Dense>
#include <Eigen/Sparse>

namespace regimesim::analysis {

using SparseMatrix = Eigen::SparseMatrix<double>;  // column-major: column j is j's recipe

struct LeontiefSolution {
  Eigen::VectorXd output;
  double relative_residual = 0.0;  // ||(I - A) x - d|| / ||d||
};

// Solves (I - A) x = d for a sparse, productive A (spectral radius below 1).
// Small systems are factorised exactly; large ones (a million firms) use an
// iterative solver, then one step of refinement, so both reach round-off.
LeontiefSolution solve_leontief(const SparseMatrix& A, const Eigen::VectorXd& d);

// Largest |eigenvalue| of a dense square matrix. A technology can produce any
// final demand only when this is below 1 (Hawkins-Simon).
double spectral_radius(const Eigen::MatrixXd& A);

}  // namespace regimesim::analysis
