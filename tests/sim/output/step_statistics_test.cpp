// statistics.csv: each (step, state, item, metric) described over the runs that have it.
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "output/step_statistics.hpp"
#include "output/tidy_table.hpp"

using namespace regimesim;
using namespace regimesim::output;

namespace {
MetricRow row(int step, Metric m, double v) { return MetricRow{step, kWorld, kAllItems, m, v}; }
}  // namespace

TEST_CASE("Statistics over runs, row by row, in the order rows appear", "[output][statistics]") {
  // Three runs, two rows each: output_loss 0.1, 0.2, 0.3 (mean 0.2, sd 0.1) and leakage 4, 4, 4.
  const std::vector<MetricRow> a{row(0, Metric::output_loss, 0.1), row(0, Metric::leakage, 4)};
  const std::vector<MetricRow> b{row(0, Metric::output_loss, 0.3), row(0, Metric::leakage, 4)};
  const std::vector<MetricRow> c{row(0, Metric::output_loss, 0.2), row(0, Metric::leakage, 4)};
  for (int threads : {1, 2}) {
    const auto s = step_statistics({&a, &b, &c}, threads);
    REQUIRE(s.size() == 2);
    CHECK(s[0].metric == Metric::output_loss);
    CHECK(s[0].stats.n == 3);
    CHECK(s[0].stats.mean == Approx(0.2));
    CHECK(s[0].stats.sd == Approx(0.1));
    CHECK(s[0].stats.q50 == Approx(0.2));
    // t(.975, 2) = 4.3027; half width 4.3027 * 0.1 / sqrt 3
    CHECK(s[0].stats.ci95_high == Approx(0.2 + 4.302653 * 0.1 / std::sqrt(3.0)).epsilon(1e-5));
    CHECK(s[1].stats.sd == 0.0);
    CHECK(s[1].stats.ci95_low == 4.0);
  }
}

TEST_CASE("A row some runs lack: a zero if the metric is a flow, left out if it is undefined", "[output][statistics]") {
  // Run a lists no fronts and receives no controlled items (no substitution share);
  // run b lists 5 fronts and has a share of 0.4.
  const std::vector<MetricRow> a{row(0, Metric::output_loss, 1), row(1, Metric::output_loss, 3)};
  const std::vector<MetricRow> b{row(0, Metric::output_loss, 2), row(0, Metric::entities_listed, 5),
                                 row(0, Metric::substitution_share, 0.4), row(1, Metric::output_loss, 5)};
  const auto s = step_statistics({&a, &b});
  REQUIRE(s.size() == 4);
  CHECK(s[0].stats.mean == Approx(1.5));
  CHECK(s[1].step == 1);
  CHECK(s[1].stats.mean == Approx(4.0));
  CHECK(s[2].metric == Metric::entities_listed);
  CHECK(s[2].stats.n == 2);  // run a listed none: 0 and 5
  CHECK(s[2].stats.mean == Approx(2.5));
  CHECK(s[3].metric == Metric::substitution_share);
  CHECK(s[3].stats.n == 1);  // a share of nothing is not zero
  CHECK(s[3].stats.mean == 0.4);
}

TEST_CASE("Headers carry the sweep keys between the fixed columns", "[output][statistics]") {
  CHECK(timeseries_header({"world.states.USA.enforcement_effort"}) ==
        "scenario,run,seed,world.states.USA.enforcement_effort,step,state,item,metric,value\n");
  CHECK(statistics_header({"a", "b"}) ==
        "scenario,a,b,step,state,item,metric,runs,mean,sd,q05,q50,q95,ci95_low,ci95_high\n");
  CHECK(timeseries_header({}) == "scenario,run,seed,step,state,item,metric,value\n");
}
