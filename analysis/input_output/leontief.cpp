#include "input_output/leontief.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/IterativeLinearSolvers>
#include <Eigen/SparseLU>
#include <stdexcept>

namespace regimesim::analysis {
namespace {

// Above this size SparseLU's fill-in on a random supply graph costs more than
// an iterative solve of the (diagonally dominant) M-matrix I - A.
constexpr Eigen::Index kDirectSolveLimit = 20000;

SparseMatrix identity_minus(const SparseMatrix& A) {
  SparseMatrix I(A.rows(), A.cols());
  I.setIdentity();
  SparseMatrix M = I - A;
  M.makeCompressed();
  return M;
}

double relative_residual(const SparseMatrix& M, const Eigen::VectorXd& x, const Eigen::VectorXd& d) {
  const double scale = d.norm();
  const double r = (M * x - d).norm();
  return scale > 0 ? r / scale : r;
}

}  // namespace

LeontiefSolution solve_leontief(const SparseMatrix& A, const Eigen::VectorXd& d) {
  if (A.rows() != A.cols() || A.rows() != d.size())
    throw std::invalid_argument("solve_leontief: A must be square and match d");
  const SparseMatrix M = identity_minus(A);
  LeontiefSolution s;
  if (M.rows() <= kDirectSolveLimit) {
    Eigen::SparseLU<SparseMatrix, Eigen::COLAMDOrdering<int>> lu;
    lu.compute(M);
    if (lu.info() != Eigen::Success)
      throw std::runtime_error("solve_leontief: I - A is singular (the recipe cannot be produced)");
    s.output = lu.solve(d);
    s.output += lu.solve(d - M * s.output);  // iterative refinement
  } else {
    Eigen::BiCGSTAB<SparseMatrix, Eigen::DiagonalPreconditioner<double>> solver;
    solver.setTolerance(1e-15);
    solver.setMaxIterations(10000);
    solver.compute(M);
    s.output = solver.solve(d);
    s.output += solver.solve(d - M * s.output);
  }
  s.relative_residual = relative_residual(M, s.output, d);
  return s;
}

double spectral_radius(const Eigen::MatrixXd& A) {
  if (A.size() == 0) return 0.0;
  Eigen::EigenSolver<Eigen::MatrixXd> es(A, /*computeEigenvectors=*/false);
  return es.eigenvalues().cwiseAbs().maxCoeff();
}

}  // namespace regimesim::analysis
