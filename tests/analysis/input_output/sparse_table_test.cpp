// The sparse measures against the dense ones (an LU factorisation, an independent
// method) and against values worked out by hand on small tables.
#include <catch2/catch.hpp>

#include "input_output/sparse_table.hpp"
#include "io_fixtures.hpp"

using namespace regimesim::analysis;

namespace {
SparseMatrix sparse(const Eigen::MatrixXd& m) { return m.sparseView(); }
Cut cut_at(Eigen::Index n, Eigen::Index i, Eigen::Index j, double share) {
  Eigen::MatrixXd m = Eigen::MatrixXd::Zero(n, n);
  m(i, j) = share;
  return Cut{sparse(m), Eigen::VectorXd()};
}
Eigen::VectorXd vec(std::initializer_list<double> v) {
  Eigen::VectorXd x(static_cast<Eigen::Index>(v.size()));
  Eigen::Index k = 0;
  for (double e : v) x(k++) = e;
  return x;
}
void check_vector(const Eigen::VectorXd& got, const Eigen::VectorXd& expected) {
  REQUIRE(got.size() == expected.size());
  for (Eigen::Index k = 0; k < got.size(); ++k) CHECK(got(k) == Approx(expected(k)).margin(1e-12));
}
// Five sectors with a loop (0 <-> 1), a chain 2 -> 3 -> 4 and cross links; rho(A) < 1.
Eigen::MatrixXd tangled() {
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(5, 5);
  A(1, 0) = 0.3, A(0, 1) = 0.2, A(2, 0) = 0.1, A(2, 3) = 0.5, A(3, 4) = 0.4, A(0, 4) = 0.15, A(4, 1) = 0.05;
  return A;
}
}  // namespace

TEST_CASE("Sparse multipliers and exposure equal the dense inverse's", "[sparse_table]") {
  const Eigen::MatrixXd A = tangled();
  const IoTable dense = make_io_table(A);
  check_vector(sparse_output_multipliers(sparse(A)), dense.multipliers);
  const Eigen::VectorXd c = vec({0, 0, 1, 0.5, 0});
  const Exposure d = exposure(dense, c), s = sparse_exposure(sparse(A), c);
  check_vector(s.direct, d.direct);
  check_vector(s.total, d.total);
}

TEST_CASE("Sparse demand-driven extraction equals the dense one", "[sparse_table]") {
  const Eigen::MatrixXd A = tangled();
  const Eigen::VectorXd d = vec({1, 2, 0, 0, 5});
  Eigen::MatrixXd removed = Eigen::MatrixXd::Zero(5, 5);
  removed(2, 3) = 1.0, removed(1, 0) = 0.5;
  const Eigen::VectorXd removed_final = vec({0, 0.5, 0, 0, 0});
  const auto dense = hypothetical_extraction(A, d, removed, removed_final);
  const auto s = sparse_hypothetical_extraction(sparse(A), d, Cut{sparse(removed), removed_final});
  check_vector(s.baseline, dense.baseline);
  check_vector(s.after, dense.after);
}

TEST_CASE("Impact is the cut share of each sector's own sales", "[sparse_table]") {
  // ore -> steel -> cars with 10 cars: x = (2, 4, 10). Cutting half the ore into
  // steel takes 0.5 * 0.5 * 4 = 1 from ore and nothing else in the first step;
  // cutting a fifth of the cars' final demand takes 2 cars.
  const SparseMatrix A = sparse(fixtures::ore_steel_cars());
  const Eigen::VectorXd d = vec({0, 0, 10});
  check_vector(impact_loss(A, d, cut_at(3, 0, 1, 0.5)).loss, vec({1, 0, 0}));
  Cut final_cut = cut_at(3, 0, 1, 0.0);
  final_cut.removed_final = vec({0, 0, 0.2});
  check_vector(impact_loss(A, d, final_cut).loss, vec({0, 0, 2}));
}

TEST_CASE("Sustainable rates: suppliers of one input substitute in their old mix, inputs do not", "[sparse_table]") {
  // Sector 2 needs item g from sectors 0 and 1 (0.3 and 0.1: a 3:1 mix) and item h
  // from sector 3 (0.2). Cutting all of 0's flow leaves a quarter of g: rate 0.25.
  // Sector 4 needs only 2: it runs at 0.25 too. Grouped by item, rows 0 and 1 are g.
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(5, 5);
  A(0, 2) = 0.3, A(1, 2) = 0.1, A(3, 2) = 0.2, A(2, 4) = 0.5;
  Eigen::MatrixXd removed = Eigen::MatrixXd::Zero(5, 5);
  removed(0, 2) = 1.0;
  const std::vector<int> item{0, 0, 1, 2, 3};
  check_vector(sustainable_rates(sparse(A), sparse(removed), item), vec({1, 1, 0.25, 1, 0.25}));
  // Every row its own input: losing sector 0 stops sector 2 altogether, as in
  // supply_constrained_extraction.
  check_vector(sustainable_rates(sparse(A), sparse(removed)), vec({1, 1, 0, 1, 0}));
  const Eigen::VectorXd d = vec({0, 0, 0, 0, 8});
  const auto dense = supply_constrained_extraction(A, d, removed);
  check_vector(first_order_loss(sparse(A), d, Cut{sparse(removed), {}}).after,
               // the first-order loss also takes away 0's sales: it made only for 2
               vec({0, dense.after(1), dense.after(2), dense.after(3), dense.after(4)}));
}

TEST_CASE("First-order loss on the chain: demand side upstream, supply side downstream", "[sparse_table]") {
  // ore -> steel -> cars, 10 cars. Cutting half the ore into steel: ore sells half
  // (1 of 2), steel and cars run at half (2 of 4, 5 of 10).
  const SparseMatrix A = sparse(fixtures::ore_steel_cars());
  const Eigen::VectorXd d = vec({0, 0, 10});
  const auto l = first_order_loss(A, d, cut_at(3, 0, 1, 0.5));
  check_vector(l.after, vec({1, 2, 5}));
  // Cutting 40% of the cars' final demand: every stage makes 60% (the demand side).
  Cut final_cut = cut_at(3, 0, 1, 0.0);
  final_cut.removed_final = vec({0, 0, 0.4});
  check_vector(first_order_loss(A, d, final_cut).after, vec({1.2, 2.4, 6}));
}

TEST_CASE("A loop that loses input every round runs down to zero", "[sparse_table]") {
  // 0 and 1 feed each other; half of 1's flow into 0 is cut: r0 = 0.5 r1, r1 = r0.
  const Eigen::MatrixXd A = fixtures::two_sector_loop(0.2, 0.3);
  const auto r = sustainable_rates(sparse(A), cut_at(2, 1, 0, 0.5).removed);
  check_vector(r, vec({0, 0}));
}

TEST_CASE("A loop fed from outside settles where its own share keeps it", "[sparse_table]") {
  // Sector 0 buys item g from 2 (outside, half of it cut) and from 1, which makes
  // g and needs only 0's output: r1 = r0 and r0 = 0.5 * 0.5 * r2 + 0.5 * r1 with
  // r2 = 1, so r0 = r1 = 0.5 (not 0: the loop loses only the cut half of 2's flow).
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(3, 3);
  A(2, 0) = 0.2, A(1, 0) = 0.2, A(0, 1) = 0.3;
  Eigen::MatrixXd removed = Eigen::MatrixXd::Zero(3, 3);
  removed(2, 0) = 0.5;
  const std::vector<int> item{0, 1, 1};
  check_vector(sustainable_rates(sparse(A), sparse(removed), item), vec({0.5, 0.5, 1}));
}

TEST_CASE("Round by round the first-order loss runs from the impact to the limit", "[sparse_table]") {
  // ore -> steel -> cars, 10 cars, all the ore into steel cut. Round 0 is the
  // impact (ore loses its sale); round 1 stops steel; round 2 stops cars, which is
  // the limit.
  const SparseMatrix A = sparse(fixtures::ore_steel_cars());
  const Eigen::VectorXd d = vec({0, 0, 10});
  const Cut cut = cut_at(3, 0, 1, 1.0);
  check_vector(first_order_loss(A, d, cut, {}, 0).after, impact_loss(A, d, cut).after);
  check_vector(first_order_loss(A, d, cut, {}, 1).after, vec({0, 0, 10}));
  check_vector(first_order_loss(A, d, cut, {}, 2).after, vec({0, 0, 0}));
  check_vector(first_order_loss(A, d, cut, {}, 9).after, first_order_loss(A, d, cut).after);
  // A loop losing half a flow each round: rates halve each round, 0 in the limit.
  const Eigen::MatrixXd loop = fixtures::two_sector_loop(0.2, 0.3);
  const SparseMatrix removed = cut_at(2, 1, 0, 0.5).removed;
  check_vector(sustainable_rates(sparse(loop), removed, {}, 3), vec({0.25, 0.5}));
}
