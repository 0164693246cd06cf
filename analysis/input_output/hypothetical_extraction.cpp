#include "input_output/hypothetical_extraction.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "input_output/io_table.hpp"

namespace regimesim::analysis {

namespace {

void require_shares(const Eigen::MatrixXd& removed, Eigen::Index rows, Eigen::Index cols, const char* what) {
  if (removed.rows() != rows || removed.cols() != cols)
    throw std::invalid_argument(std::string(what) + " must match the table");
  if (removed.size() > 0 && !(removed.minCoeff() >= 0.0 && removed.maxCoeff() <= 1.0))
    throw std::invalid_argument(std::string(what) + " must be shares in [0, 1]");
}

struct Input {
  Eigen::Index supplier;
  double kept;  // share of the flow that survives the cut
};

// The largest r with r_j = min(1, min over j's inputs of kept * r_supplier), by
// Bellman-Ford-style sweeps (in logs it is a longest-path problem). Without a
// shrinking cycle the rates settle within n sweeps, each at most the product of
// kept shares along some simple path. A rate still falling after n sweeps is fed
// by a cycle that loses input every round; its limit is 0, so it is set there
// and the zero spreads downstream in the following sweeps.
Eigen::VectorXd sustainable_rates(const std::vector<std::vector<Input>>& inputs) {
  const auto n = static_cast<Eigen::Index>(inputs.size());
  Eigen::VectorXd r = Eigen::VectorXd::Ones(n);
  for (Eigen::Index sweep = 1;; ++sweep) {
    bool changed = false;
    for (Eigen::Index j = 0; j < n; ++j) {
      double rate = r(j);
      for (const Input& in : inputs[static_cast<std::size_t>(j)]) rate = std::min(rate, in.kept * r(in.supplier));
      if (rate < r(j)) {
        r(j) = sweep > n ? 0.0 : rate;
        changed = true;
      }
    }
    if (!changed) return r;
  }
}

}  // namespace

OutputLoss output_loss(Eigen::VectorXd baseline, Eigen::VectorXd after) {
  OutputLoss l;
  l.loss = baseline - after;
  l.relative_loss = (baseline.array() > 0).select(l.loss.array() / baseline.array(), 0.0).matrix();
  l.baseline = std::move(baseline);
  l.after = std::move(after);
  return l;
}


OutputLoss hypothetical_extraction(const Eigen::MatrixXd& A, const Eigen::VectorXd& final_demand,
                                   const Eigen::MatrixXd& removed_coefficients,
                                   const Eigen::VectorXd& removed_final_demand) {
  require_shares(removed_coefficients, A.rows(), A.cols(), "hypothetical_extraction: removed coefficients");
  Eigen::VectorXd kept_final = Eigen::VectorXd::Ones(final_demand.size());
  if (removed_final_demand.size() > 0) {
    require_shares(removed_final_demand, final_demand.size(), 1, "hypothetical_extraction: removed final demand");
    kept_final -= removed_final_demand;
  }
  const Eigen::MatrixXd A_ext = A.cwiseProduct((1.0 - removed_coefficients.array()).matrix());
  const Eigen::VectorXd d_ext = final_demand.cwiseProduct(kept_final);
  // A_ext <= A entrywise, so it is productive whenever A is.
  return output_loss(leontief_output(A, final_demand), leontief_output(A_ext, d_ext));
}

OutputLoss supply_constrained_extraction(const Eigen::MatrixXd& A, const Eigen::VectorXd& final_demand,
                                         const Eigen::MatrixXd& removed_coefficients) {
  require_shares(removed_coefficients, A.rows(), A.cols(), "supply_constrained_extraction: removed coefficients");
  Eigen::VectorXd baseline = leontief_output(A, final_demand);
  std::vector<std::vector<Input>> inputs(static_cast<std::size_t>(A.cols()));
  for (Eigen::Index j = 0; j < A.cols(); ++j)
    for (Eigen::Index i = 0; i < A.rows(); ++i)
      if (A(i, j) > 0) inputs[static_cast<std::size_t>(j)].push_back({i, 1.0 - removed_coefficients(i, j)});
  Eigen::VectorXd after = baseline.cwiseProduct(sustainable_rates(inputs));
  return output_loss(std::move(baseline), std::move(after));
}

}  // namespace regimesim::analysis
