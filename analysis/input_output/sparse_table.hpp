// The measures of io_table.hpp and hypothetical_extraction.hpp on a sparse table,
// for tables too large to factorise densely (a state x item table of a large world
// has thousands of sectors): every answer is a Leontief solve by solve_leontief
// (a Neumann series of sparse products), never an inverse or a factorisation.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "input_output/hypothetical_extraction.hpp"
#include "input_output/io_table.hpp"
#include "input_output/leontief.hpp"

namespace regimesim::analysis {

// Conventions as in io_table.hpp: A(i,j) >= 0 is sector i's input per unit of j,
// A productive. A cut is the share of each flow that stops: removed(i,j) in [0, 1]
// at the nonzeros of A (entries elsewhere are ignored), removed_final(i) in [0, 1]
// for i's sales to final demand (empty: none). input_group[i] names the input
// sector i provides (its item): rows of one group substitute for each other in a
// buyer's recipe, rows of different groups are all needed. Empty: every row its own.
struct Cut {
  SparseMatrix removed;
  Eigen::VectorXd removed_final;
};

// Output multipliers, sum_i L(i,j): the solution of (I - A^T) m = 1, since
// 1^T L = 1^T (I - A)^-1. The same numbers as output_multipliers(leontief_inverse(A)).
Eigen::VectorXd sparse_output_multipliers(const SparseMatrix& A);

// exposure() of io_table.hpp: direct = A^T c, total = (I - A^T)^-1 c - c.
Exposure sparse_exposure(const SparseMatrix& A, const Eigen::VectorXd& controlled);

// Impact: the output each sector loses in the first step, before anything travels
// along a chain: the cut share of its own sales, to buyers and to final demand,
//   loss_i = sum_j removed(i,j) A(i,j) x_j + removed_final(i) d_i.
OutputLoss impact_loss(const SparseMatrix& A, const Eigen::VectorXd& final_demand, const Cut& cut);

// hypothetical_extraction() (demand-driven) on a sparse table.
OutputLoss sparse_hypothetical_extraction(const SparseMatrix& A, const Eigen::VectorXd& final_demand,
                                          const Cut& cut);

// The rate r_j in [0, 1] at which each sector can run once the cut has run down
// every chain, with no stocks and no new suppliers: within an input group a buyer
// keeps its old mix of suppliers and gets what each still delivers, across groups
// the scarcest input binds (Leontief):
//   r_j = min(1, min_g sum_{i in g} A(i,j) (1 - removed(i,j)) r_i / sum_{i in g} A(i,j)).
// With every row its own group this is supply_constrained_extraction's rule.
// The largest fixed point, by sweeps from r = 1, which only lower the rates. A
// cycle that loses input every round approaches its limit geometrically (0 when
// nothing outside feeds it); the sweeps stop once no rate moves by more than
// 1e-14, or after max(1000, 2e8 / nonzeros) sweeps, in which case the rates are
// an upper bound on the fixed point (the loss a lower bound).
//
// With rounds >= 0: the rates after that many rounds instead, each sector reading
// its suppliers' rates of the round before (r(0) = 1): how far the shortage has
// travelled after `rounds` links, one link a step in a run without stocks.
Eigen::VectorXd sustainable_rates(const SparseMatrix& A, const SparseMatrix& removed,
                                  const std::vector<int>& input_group = {}, int rounds = -1);

// First-order loss: the demand a sector still meets once buyers stop ordering what
// the cut denies (the demand-driven extraction, x_ext) times the rate its inputs
// allow (sustainable_rates): after = x_ext .* r. A simulation without stocks and
// without any answer to the controls settles there (docs/ANALYSIS.md).
// In a strongly connected world with no substitution, any lasting cut starves
// every cycle in the end, so this limit can be near total loss; with rounds >= 0
// the loss after that many rounds instead: orders follow the last round's sales,
// D(0) = x, D(k+1) = A_ext D(k) + d_ext, and after = D(rounds + 1) .* r(rounds).
// Round 0 is the impact; as rounds grow it tends to the limit.
OutputLoss first_order_loss(const SparseMatrix& A, const Eigen::VectorXd& final_demand, const Cut& cut,
                            const std::vector<int>& input_group = {}, int rounds = -1);

}  // namespace regimesim::analysis
