// First-order output loss when some input-output flows are cut and nothing
// substitutes for them: the demand-driven ("backward") hypothetical extraction and
// the supply-constrained ("forward") loss under a Leontief production function.
#pragma once

#include <Eigen/Core>

namespace regimesim::analysis {

// Per-sector gross output before and after the cut. loss = baseline - after;
// relative_loss = loss / baseline, 0 for a sector with no baseline output.
struct OutputLoss {
  Eigen::VectorXd baseline;
  Eigen::VectorXd after;
  Eigen::VectorXd loss;
  Eigen::VectorXd relative_loss;
};

// The loss between two output vectors; relative_loss is 0 where the baseline is 0.
OutputLoss output_loss(Eigen::VectorXd baseline, Eigen::VectorXd after);

// Conventions as in io_table.hpp: A(i,j) >= 0 is sector i's input per unit of j,
// A productive, d the final demand per sector. removed_coefficients(i,j) in [0, 1]
// is the share of the flow i -> j that is cut (1 for issuer i's controlled item
// into target j's sectors, 0 elsewhere); removed_final_demand(i) likewise for i's
// sales to final demand (empty: none cut).

// Demand-driven ("backward") hypothetical extraction, the standard method of
// Dietzenbacher & Lahr restricted to the masked cells:
//   x = (I - A)^-1 d,  x_ext = (I - A_ext)^-1 d_ext,  loss = x - x_ext,
//   A_ext(i,j) = A(i,j) (1 - removed(i,j)),  d_ext(i) = d(i) (1 - removed_final(i)).
// Buyers keep producing as before and simply stop needing the cut input, so the
// loss falls on the suppliers that lose the sale: cutting ore into steel leaves
// steel and cars untouched and takes away ore's output. It measures how much of
// the issuer's (and its suppliers') output depends on the cut trade.
OutputLoss hypothetical_extraction(const Eigen::MatrixXd& A, const Eigen::VectorXd& final_demand,
                                   const Eigen::MatrixXd& removed_coefficients,
                                   const Eigen::VectorXd& removed_final_demand = Eigen::VectorXd());

// Supply-constrained ("forward") loss. Each sector makes its recipe in fixed
// proportions (Leontief production function), so it runs at the rate r_j its
// scarcest input allows; a supplier short of inputs rations all its buyers alike:
//   r_j = min(1, min_{i : A(i,j) > 0} (1 - removed(i,j)) r_i),   after = x r.
// r is the largest solution: the output each sector can sustain once the shortage
// has run down every chain, with no stocks and no other supplier. This is what a
// simulation without inventories shows after the cut: cutting all ore into steel
// stops steel and cars, and ore keeps its output (it loses a buyer, not an input).
// In a cycle that loses part of its input every round (0 -> 1 -> 0 with a share
// cut) the rates shrink geometrically, and the sustainable rate is 0. Final-demand
// cuts do not constrain supply and are not taken here.
OutputLoss supply_constrained_extraction(const Eigen::MatrixXd& A, const Eigen::VectorXd& final_demand,
                                         const Eigen::MatrixXd& removed_coefficients);

}  // namespace regimesim::analysis
