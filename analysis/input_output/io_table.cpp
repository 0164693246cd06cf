#include "input_output/io_table.hpp"

#include <Eigen/LU>
#include <stdexcept>

namespace regimesim::analysis {

namespace {

void require_technology(const Eigen::MatrixXd& A, const char* where) {
  if (A.rows() != A.cols()) throw std::invalid_argument(std::string(where) + ": A must be square");
  if (A.size() > 0 && !(A.minCoeff() >= 0.0))  // also rejects NaN
    throw std::invalid_argument(std::string(where) + ": A must be non-negative");
}

// For A >= 0 with I - A invertible, y = (I - A)^-1 1 > 0 holds exactly when
// rho(A) < 1: then A y = y - 1 < y, so the Collatz-Wielandt bound gives
// rho(A) <= max_i (Ay)_i / y_i < 1; conversely y = 1 + A1 + A^2 1 + ... >= 1.
// A singular I - A (rho = 1) shows up as non-finite entries.
void require_productive(const Eigen::VectorXd& inverse_times_ones, const char* where) {
  if (!inverse_times_ones.allFinite() || (inverse_times_ones.size() > 0 && !(inverse_times_ones.minCoeff() > 0.0)))
    throw std::domain_error(std::string(where) + ": A is not productive (spectral radius of A is not below 1)");
}

Eigen::MatrixXd identity_minus(const Eigen::MatrixXd& A) {
  return Eigen::MatrixXd::Identity(A.rows(), A.cols()) - A;
}

}  // namespace

Eigen::MatrixXd leontief_inverse(const Eigen::MatrixXd& A) {
  require_technology(A, "leontief_inverse");
  Eigen::MatrixXd L = identity_minus(A).partialPivLu().inverse();
  require_productive(L.rowwise().sum(), "leontief_inverse");
  return L;
}

Eigen::MatrixXd leontief_output(const Eigen::MatrixXd& A, const Eigen::MatrixXd& final_demand) {
  require_technology(A, "leontief_output");
  if (final_demand.rows() != A.rows()) throw std::invalid_argument("leontief_output: final demand must match A");
  // Solve for the demand and for a column of ones together: the second answer
  // is the productivity check, for the price of one more back-substitution.
  Eigen::MatrixXd rhs(A.rows(), final_demand.cols() + 1);
  rhs << final_demand, Eigen::VectorXd::Ones(A.rows());
  const Eigen::MatrixXd x = identity_minus(A).partialPivLu().solve(rhs);
  require_productive(x.col(final_demand.cols()), "leontief_output");
  return x.leftCols(final_demand.cols());
}

Eigen::VectorXd output_multipliers(const Eigen::MatrixXd& L) { return L.colwise().sum().transpose(); }

IoTable make_io_table(Eigen::MatrixXd coefficients, std::vector<std::string> labels) {
  if (!labels.empty() && static_cast<Eigen::Index>(labels.size()) != coefficients.rows())
    throw std::invalid_argument("make_io_table: one label per sector, or none");
  IoTable t;
  t.inverse = leontief_inverse(coefficients);
  t.multipliers = output_multipliers(t.inverse);
  t.coefficients = std::move(coefficients);
  t.labels = std::move(labels);
  return t;
}

Exposure exposure(const IoTable& table, const Eigen::VectorXd& controlled) {
  if (controlled.size() != table.coefficients.rows())
    throw std::invalid_argument("exposure: one controlled weight per sector");
  Exposure e;
  e.direct = table.coefficients.transpose() * controlled;
  e.total = table.inverse.transpose() * controlled - controlled;  // (c^T (L - I))^T
  return e;
}

Eigen::VectorXd region_exposure(const Eigen::VectorXd& sector_exposure, const Eigen::VectorXd& output,
                                const std::vector<int>& region, int regions) {
  const auto n = static_cast<std::size_t>(sector_exposure.size());
  if (static_cast<std::size_t>(output.size()) != n || region.size() != n || regions < 0)
    throw std::invalid_argument("region_exposure: one output and one region per sector");
  Eigen::VectorXd weighted = Eigen::VectorXd::Zero(regions), total = Eigen::VectorXd::Zero(regions);
  for (std::size_t j = 0; j < n; ++j) {
    const int r = region[j];
    if (r < 0 || r >= regions) throw std::invalid_argument("region_exposure: region out of range");
    const auto jj = static_cast<Eigen::Index>(j);
    weighted(r) += output(jj) * sector_exposure(jj);
    total(r) += output(jj);
  }
  return (total.array() > 0).select(weighted.array() / total.array(), 0.0).matrix();
}

}  // namespace regimesim::analysis
