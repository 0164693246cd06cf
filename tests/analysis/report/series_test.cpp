#include <catch2/catch.hpp>

#include "report/csv_table.hpp"
#include "report/series.hpp"

using namespace regimesim::report;

namespace {
const std::set<std::string> kLoss{"output_loss"};
}

TEST_CASE("timeseries.csv: several runs become their mean, without a band", "[report][series]") {
  // Two runs: 0.2 and 0.4 at step 1 average to 0.3; gross_output is not asked for and is dropped.
  const std::string csv =
      "scenario,run,seed,step,state,item,metric,value\n"
      "s,0,1,0,KOR,all,output_loss,0\n"
      "s,0,1,1,KOR,all,output_loss,0.2\n"
      "s,0,1,1,KOR,all,gross_output,80\n"
      "s,1,1,0,KOR,all,output_loss,0\n"
      "s,1,1,1,KOR,all,output_loss,0.4\n";
  const auto t = read_timeseries(csv, "timeseries.csv", kLoss);
  REQUIRE(t.rows.size() == 2);
  CHECK(t.sweep_keys.empty());
  CHECK(t.rows[1].step == 1);
  CHECK(t.rows[1].runs == 2);
  CHECK(t.rows[1].mean == Approx(0.3));
  CHECK_FALSE(t.has_bands());
  CHECK(t.last_step() == 1);
}

TEST_CASE("timeseries.csv: sweep columns sit between seed and step", "[report][series]") {
  const std::string csv =
      "scenario,run,seed,world.states.USA.enforcement_effort,step,state,item,metric,value\n"
      "s,0,1,0.5,0,WORLD,all,output_loss,0.1\n"
      "s,0,1,1,0,WORLD,all,output_loss,0.3\n";
  const auto t = read_timeseries(csv, "timeseries.csv", kLoss);
  REQUIRE(t.sweep_keys == std::vector<std::string>{"world.states.USA.enforcement_effort"});
  REQUIRE(t.rows.size() == 2);  // two sweep points are two series, not two runs of one
  CHECK(t.rows[0].sweep == std::vector<std::string>{"0.5"});
  CHECK(t.rows[1].mean == Approx(0.3));
  CHECK(sweep_label(t.sweep_keys, t.rows[1].sweep) == "1");  // one key: the legend title names it
  CHECK(sweep_label({"world.states.USA.enforcement_effort", "world.coalitions.chip_circle.members"}, {"0.5", "[USA, NLD]"}) ==
        "USA enforcement effort = 0.5, chip_circle members = [USA, NLD]");
}

TEST_CASE("statistics.csv: each row's band is its own q05, q95 and CI columns", "[report][series]") {
  const std::string csv =
      "scenario,coalitions.c.members,step,state,item,metric,runs,mean,sd,q05,q50,q95,ci95_low,ci95_high\n"
      "s,\"[USA, NLD]\",3,CHN,all,output_loss,12,0.25,0.1,0.1,0.24,0.45,0.19,0.31\n";
  const auto t = read_statistics(csv, "statistics.csv", kLoss);
  REQUIRE(t.rows.size() == 1);
  const auto& r = t.rows[0];
  CHECK(t.sweep_keys == std::vector<std::string>{"coalitions.c.members"});
  CHECK(r.sweep == std::vector<std::string>{"[USA, NLD]"});
  CHECK(r.runs == 12);
  CHECK(r.mean == 0.25);
  REQUIRE(r.band);
  CHECK(r.band->q05 == 0.1);
  CHECK(r.band->q95 == 0.45);
  CHECK(r.band->ci95_low == 0.19);
  CHECK(r.band->ci95_high == 0.31);
}

TEST_CASE("statistics.csv of one run: the mean is the run, and no band", "[report][series]") {
  // A single run writes statistics.csv too; its spread over one run is no spread.
  const std::string csv = "scenario,step,state,item,metric,runs,mean,sd,q05,q50,q95,ci95_low,ci95_high\n"
                          "s,3,CHN,all,output_loss,1,0.25,0,0.25,0.25,0.25,0.25,0.25\n";
  const auto t = read_statistics(csv, "statistics.csv", kLoss);
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0].mean == 0.25);
  CHECK_FALSE(t.rows[0].band);
  CHECK_FALSE(t.has_bands());
  CHECK(t.max_runs() == 1);
}

TEST_CASE("a malformed series file is an error naming file, line and column", "[report][series]") {
  CHECK_THROWS_WITH(read_timeseries("scenario,run,seed,step,state,item,metric,value\ns,0,1,1.5,W,all,output_loss,0\n",
                                    "ts.csv", kLoss),
                    "ts.csv:2: column 'step': '1.5' is not a whole number");
  CHECK_THROWS_WITH(read_statistics("scenario,step,state,item,metric,runs,mean\n", "st.csv", kLoss),
                    Catch::StartsWith("st.csv: no column 'q05'"));
}
