#include "input_output/leontief.hpp"

#include <algorithm>
#include <stdexcept>

namespace regimesim::analysis {

LeontiefSolution solve_leontief(const SparseMatrix& A, const Eigen::VectorXd& d) {
  if (A.rows() != A.cols() || A.rows() != d.size())
    throw std::invalid_argument("solve_leontief: A must be square and match d");
  LeontiefSolution s;
  s.output = d;
  const double scale = std::max(d.cwiseAbs().maxCoeff(), 1e-300);
  constexpr int kMaxIterations = 200000;
  Eigen::VectorXd next(d.size());
  for (s.iterations = 1; s.iterations <= kMaxIterations; ++s.iterations) {
    next.noalias() = A * s.output;
    next += d;
    const double change = (next - s.output).cwiseAbs().maxCoeff();
    s.output.swap(next);
    if (change <= 1e-16 * std::max(scale, s.output.cwiseAbs().maxCoeff())) break;
  }
  if (s.iterations > kMaxIterations)
    throw std::runtime_error("solve_leontief: no convergence; is the spectral radius of A below 1?");
  const double norm_d = d.norm();
  const Eigen::VectorXd residual = s.output - A * s.output - d;
  s.relative_residual = norm_d > 0 ? residual.norm() / norm_d : residual.norm();
  return s;
}

SpectralRadiusBounds spectral_radius_bounds(const Eigen::MatrixXd& A, double tolerance, int max_iterations,
                                            std::optional<double> threshold) {
  SpectralRadiusBounds b;
  const Eigen::Index n = A.rows();
  if (n == 0) return b;
  Eigen::VectorXd v = Eigen::VectorXd::Ones(n);
  for (int k = 0; k < max_iterations; ++k) {
    const Eigen::VectorXd av = A * v;
    const Eigen::ArrayXd ratio = av.array() / v.array();
    b.lower = ratio.minCoeff();
    b.upper = ratio.maxCoeff();
    if (b.upper - b.lower <= tolerance * std::max(b.upper, 1e-300)) break;
    if (threshold && (b.upper < *threshold || b.lower >= *threshold)) break;
    v = (av + v) / (av + v).maxCoeff();  // (A + I) v, kept positive and scaled
    v = v.cwiseMax(1e-300);              // a zero row of A must not zero v
  }
  return b;
}

double spectral_radius(const Eigen::MatrixXd& A) { return spectral_radius_bounds(A).upper; }

}  // namespace regimesim::analysis
