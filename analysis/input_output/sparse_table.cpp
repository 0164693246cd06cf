#include "input_output/sparse_table.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace regimesim::analysis {

namespace {

void require_square(const SparseMatrix& A, Eigen::Index n, const char* where) {
  if (A.rows() != A.cols() || A.rows() != n) throw std::invalid_argument(std::string(where) + ": A must be square and match");
}

// removed(i,j) read at each nonzero of A, column by column; 0 where it has no entry.
// Both matrices are compressed column-major, so one merge walk per column suffices.
template <typename Visit>
void for_each_kept(const SparseMatrix& A, const SparseMatrix& removed, Visit visit) {
  if (removed.rows() != A.rows() || removed.cols() != A.cols())
    throw std::invalid_argument("cut: removed shares must match the table");
  for (Eigen::Index j = 0; j < A.outerSize(); ++j) {
    SparseMatrix::InnerIterator r(removed, j);
    for (SparseMatrix::InnerIterator a(A, j); a; ++a) {
      while (r && r.row() < a.row()) ++r;
      const double cut = (r && r.row() == a.row()) ? r.value() : 0.0;
      if (!(cut >= 0.0 && cut <= 1.0)) throw std::invalid_argument("cut: removed shares must lie in [0, 1]");
      visit(a.row(), j, a.value(), 1.0 - cut);
    }
  }
}

Eigen::VectorXd kept_final(const Eigen::VectorXd& final_demand, const Cut& cut) {
  if (cut.removed_final.size() == 0) return final_demand;
  if (cut.removed_final.size() != final_demand.size())
    throw std::invalid_argument("cut: one removed final-demand share per sector");
  if (!(cut.removed_final.minCoeff() >= 0.0 && cut.removed_final.maxCoeff() <= 1.0))
    throw std::invalid_argument("cut: removed final-demand shares must lie in [0, 1]");
  return final_demand.cwiseProduct((1.0 - cut.removed_final.array()).matrix());
}

SparseMatrix extracted(const SparseMatrix& A, const Cut& cut) {
  std::vector<Eigen::Triplet<double>> kept;
  kept.reserve(static_cast<std::size_t>(A.nonZeros()));
  for_each_kept(A, cut.removed, [&](Eigen::Index i, Eigen::Index j, double a, double share) {
    if (share > 0) kept.emplace_back(i, j, a * share);
  });
  SparseMatrix out(A.rows(), A.cols());
  out.setFromTriplets(kept.begin(), kept.end());
  return out;
}

}  // namespace

Eigen::VectorXd sparse_output_multipliers(const SparseMatrix& A) {
  const SparseMatrix At = A.transpose();
  return solve_leontief(At, Eigen::VectorXd::Ones(A.rows())).output;
}

Exposure sparse_exposure(const SparseMatrix& A, const Eigen::VectorXd& controlled) {
  require_square(A, controlled.size(), "sparse_exposure");
  const SparseMatrix At = A.transpose();
  Exposure e;
  e.direct = At * controlled;
  e.total = solve_leontief(At, controlled).output - controlled;
  return e;
}

OutputLoss impact_loss(const SparseMatrix& A, const Eigen::VectorXd& final_demand, const Cut& cut) {
  require_square(A, final_demand.size(), "impact_loss");
  Eigen::VectorXd x = solve_leontief(A, final_demand).output;
  Eigen::VectorXd after = x - final_demand + kept_final(final_demand, cut);
  for_each_kept(A, cut.removed, [&](Eigen::Index i, Eigen::Index j, double a, double share) {
    after(i) -= a * (1.0 - share) * x(j);
  });
  return output_loss(std::move(x), std::move(after));
}

OutputLoss sparse_hypothetical_extraction(const SparseMatrix& A, const Eigen::VectorXd& final_demand, const Cut& cut) {
  require_square(A, final_demand.size(), "sparse_hypothetical_extraction");
  // A_ext <= A entrywise, so it is productive whenever A is.
  return output_loss(solve_leontief(A, final_demand).output,
                 solve_leontief(extracted(A, cut), kept_final(final_demand, cut)).output);
}

namespace {

// Per column, its inputs sorted by group: (supplier, group, coefficient, kept share).
struct Input {
  Eigen::Index supplier;
  int group;
  double coefficient, kept;
};
using Recipes = std::vector<std::vector<Input>>;

Recipes recipes(const SparseMatrix& A, const SparseMatrix& removed, const std::vector<int>& input_group) {
  const Eigen::Index n = A.cols();
  if (!input_group.empty() && static_cast<Eigen::Index>(input_group.size()) != n)
    throw std::invalid_argument("sustainable_rates: one input group per sector, or none");
  Recipes inputs(static_cast<std::size_t>(n));
  for_each_kept(A, removed, [&](Eigen::Index i, Eigen::Index j, double a, double share) {
    const int g = input_group.empty() ? static_cast<int>(i) : input_group[static_cast<std::size_t>(i)];
    if (a > 0) inputs[static_cast<std::size_t>(j)].push_back({i, g, a, share});
  });
  for (auto& column : inputs)
    std::stable_sort(column.begin(), column.end(), [](const Input& x, const Input& y) { return x.group < y.group; });
  return inputs;
}

// min(cap, min over groups of the delivered share of the group), suppliers at rates r
double rate_allowed(const std::vector<Input>& column, const Eigen::VectorXd& r, double cap) {
  double rate = cap;
  for (std::size_t k = 0; k < column.size();) {
    double delivered = 0, needed = 0;
    const int g = column[k].group;
    for (; k < column.size() && column[k].group == g; ++k) {
      delivered += column[k].coefficient * column[k].kept * r(column[k].supplier);
      needed += column[k].coefficient;
    }
    rate = std::min(rate, delivered / needed);
  }
  return rate;
}

}  // namespace

Eigen::VectorXd sustainable_rates(const SparseMatrix& A, const SparseMatrix& removed,
                                  const std::vector<int>& input_group, int rounds) {
  const Eigen::Index n = A.cols();
  const Recipes inputs = recipes(A, removed, input_group);
  Eigen::VectorXd r = Eigen::VectorXd::Ones(n);
  if (rounds >= 0) {
    // One round per link: every sector reads its suppliers' rates of the round before.
    for (int k = 0; k < rounds; ++k) {
      const Eigen::VectorXd before = r;
      for (Eigen::Index j = 0; j < n; ++j) r(j) = rate_allowed(inputs[static_cast<std::size_t>(j)], before, 1.0);
    }
    return r;
  }
  // Gauss-Seidel sweeps from r = 1: the rates only fall, towards the largest fixed
  // point. Without a cycle they settle within n sweeps; a cycle that loses input
  // every round approaches its limit geometrically, so stop at a change below
  // 1e-14, or when the sweeps would cost more than about 2e8 input visits.
  const double visits = std::max<double>(1.0, static_cast<double>(A.nonZeros()));
  const long max_sweeps = std::max<long>(1000, static_cast<long>(2e8 / visits));
  for (long sweep = 0; sweep < max_sweeps; ++sweep) {
    double largest_change = 0;
    for (Eigen::Index j = 0; j < n; ++j) {
      const double rate = rate_allowed(inputs[static_cast<std::size_t>(j)], r, r(j));
      largest_change = std::max(largest_change, r(j) - rate);
      r(j) = rate;
    }
    if (largest_change <= 1e-14) break;
  }
  return r;
}

OutputLoss first_order_loss(const SparseMatrix& A, const Eigen::VectorXd& final_demand, const Cut& cut,
                            const std::vector<int>& input_group, int rounds) {
  if (rounds < 0) {
    OutputLoss demand = sparse_hypothetical_extraction(A, final_demand, cut);
    Eigen::VectorXd after = demand.after.cwiseProduct(sustainable_rates(A, cut.removed, input_group));
    return output_loss(std::move(demand.baseline), std::move(after));
  }
  require_square(A, final_demand.size(), "first_order_loss");
  Eigen::VectorXd x = solve_leontief(A, final_demand).output;
  // Orders follow last round's sales: D(0) = x, D(k+1) = A_ext D(k) + d_ext.
  const SparseMatrix A_ext = extracted(A, cut);
  const Eigen::VectorXd d_ext = kept_final(final_demand, cut);
  Eigen::VectorXd demand = x;
  for (int k = 0; k <= rounds; ++k) demand = A_ext * demand + d_ext;
  Eigen::VectorXd after = demand.cwiseProduct(sustainable_rates(A, cut.removed, input_group, rounds));
  return output_loss(std::move(x), std::move(after));
}

}  // namespace regimesim::analysis
