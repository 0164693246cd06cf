// Measures on a dense input-output table of regions x products (e.g. state x item):
// the Leontief inverse, output multipliers, and each sector's exposure to a
// controlled set of inputs, directly and through the whole supply chain.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

namespace regimesim::analysis {

// Conventions for every function here. A(i,j) >= 0 is the technical coefficient:
// units of sector i's output used per unit of sector j's output, so column j is
// j's recipe. The table is dense because a state x item table is small (hundreds
// to a few thousand sectors); firm-level networks go through solve_leontief.
// A must be productive (spectral radius below 1); otherwise no output can meet a
// positive final demand and these functions throw std::domain_error. Shape or
// sign errors throw std::invalid_argument.

// L = (I - A)^-1. L(i,j) is the output of i needed, directly and through every
// chain of suppliers, to deliver one unit of j to final demand; L >= I.
Eigen::MatrixXd leontief_inverse(const Eigen::MatrixXd& A);

// X = (I - A)^-1 D for every column of D (one final-demand vector per column),
// solved by one LU factorisation without forming the inverse.
Eigen::MatrixXd leontief_output(const Eigen::MatrixXd& A, const Eigen::MatrixXd& final_demand);

// Output multiplier of j: sum_i L(i,j), the economy's total gross output per unit
// of final demand for j (at least 1, the unit itself).
Eigen::VectorXd output_multipliers(const Eigen::MatrixXd& L);

// A table with its inverse and multipliers computed once, and a label per sector
// ("DEU/machine-tools") for reports. Labels may be empty; otherwise one per sector.
struct IoTable {
  Eigen::MatrixXd coefficients;  // A
  Eigen::MatrixXd inverse;       // L = (I - A)^-1
  Eigen::VectorXd multipliers;   // column sums of L
  std::vector<std::string> labels;
};
IoTable make_io_table(Eigen::MatrixXd coefficients, std::vector<std::string> labels = {});

// Exposure of each sector j to the controlled rows, weighted by c (c_i = 1 for a
// sector that is a controlled item made by the issuer, 0 otherwise; a share in
// between when only part of a sector's output is controlled):
//   direct(j) = sum_i c_i A(i,j)                 controlled input bought by j itself
//   total(j)  = sum_i c_i (L - I)(i,j) = (c^T A L)_j
// total(j) is the controlled output the whole chain behind j must make to deliver
// one unit of j to final demand. Subtracting I leaves out the unit of j itself, so
// a controlled sector is not exposed to its own sale, only to controlled inputs.
struct Exposure {
  Eigen::VectorXd direct;
  Eigen::VectorXd total;
};
Exposure exposure(const IoTable& table, const Eigen::VectorXd& controlled);

// Exposure of each region r: the output-weighted mean of its sectors' exposure,
//   E_r = sum_{j in r} x_j e_j / sum_{j in r} x_j,
// with region[j] in [0, regions) and x the sectors' gross output. It is an
// intensity (controlled input per unit of the region's output), not an amount:
// summing x_j e_j would count a chain twice, once in steel and again in cars.
// A region with no output has exposure 0.
Eigen::VectorXd region_exposure(const Eigen::VectorXd& sector_exposure, const Eigen::VectorXd& output,
                                const std::vector<int>& region, int regions);

}  // namespace regimesim::analysis
