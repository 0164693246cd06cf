// The same equipment control issued by one supplier, by a coalition of the three
// largest, and by a regime of all four: the reader's prediction from the supply
// shares (40 / 35 / 15 / 10) is that denial grows with the share the issuers
// hold, and only the regime of every supplier denies everything.
#include <catch2/catch.hpp>

#include "ensemble/paired_run.hpp"
#include "../policy/instrument_worlds.hpp"
#include "load/scenario_loader.hpp"

using namespace regimesim;

namespace {
// World denial effectiveness at the horizon: 1 - equipment the fab received / baseline.
double denial_at_horizon(const std::string& issuer) {
  const auto p = ensemble::prepare(load::load_scenario_text(
      testing::four_suppliers_yaml("controls:\n  - {id: eq, instrument: embargo, issuer: " + issuer +
                                   ", items: [equipment], destinations: [CHN], start: 2}\n"),
      "scope.yaml"));
  const auto r = ensemble::run_paired(*p);
  double value = -1;
  for (const auto& row : r.rows)
    if (row.metric == output::Metric::denial_effectiveness && row.state == output::kWorld &&
        row.step == p->scenario.steps - 1)
      value = row.value;
  return value;
}
}  // namespace

TEST_CASE("Denial grows from one issuer to a coalition to a regime of every supplier", "[ensemble][scope]") {
  const double unilateral = denial_at_horizon("USA");
  const double coalition = denial_at_horizon("main_three");
  const double regime = denial_at_horizon("suppliers_regime");
  INFO("unilateral " << unilateral << ", coalition " << coalition << ", regime " << regime);
  CHECK(unilateral > 0.0);
  CHECK(unilateral < coalition);
  CHECK(coalition < regime);
  CHECK(regime == Approx(1.0));
  // The fab can at most buy its four suppliers' spare capacity: with 25% headroom the
  // non-issuers' 60 units of baseline flow can rise to 75 of the 100 it needs, so the
  // unilateral control denies at least 25%; the coalition leaves KOR's 12.5 at most.
  CHECK(unilateral >= 0.25 - 1e-9);
  CHECK(coalition >= 0.875 - 1e-9);
}
