// The metric dictionary is the one source of the metrics' words: every metric has
// its entry, in the enum's order; docs/METRICS.md holds its table; and the headlines
// a run reports are read the way the dictionary says.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "output/metric_dictionary.hpp"
#include "output/metrics.hpp"
#include "output/summary.hpp"

using namespace regimesim;

TEST_CASE("Every metric has its dictionary entry, in the order of the enum", "[output][dictionary]") {
  const auto& d = output::metric_dictionary();
  REQUIRE(d.size() == static_cast<std::size_t>(output::Metric::orders_unfilled_share) + 1);
  for (std::size_t k = 0; k < d.size(); ++k) {
    CHECK(std::string(d[k].metric) == output::to_string(static_cast<output::Metric>(k)));
    CHECK(std::string(d[k].unit) != "");
    CHECK(std::string(d[k].definition) != "");
    CHECK(std::string(d[k].label) != "");
    CHECK(std::string(d[k].label).find(" (") == std::string::npos);  // no label with a group in parentheses
    CHECK(output::find_metric(d[k].metric) == &d[k]);
  }
  CHECK(output::find_metric("nothing") == nullptr);
}

TEST_CASE("metrics.csv has one row per metric and eight columns", "[output][dictionary]") {
  std::istringstream in(output::metrics_csv());
  std::string line;
  std::getline(in, line);
  CHECK(line == "metric,kind,unit,baseline_unit,read,headline,label,definition");
  std::size_t rows = 0;
  while (std::getline(in, line)) {
    ++rows;
    int fields = 1;
    bool quoted = false;
    for (char c : line) {
      if (c == '"') quoted = !quoted;
      if (c == ',' && !quoted) ++fields;
    }
    CHECK(fields == 8);
  }
  CHECK(rows == output::metric_dictionary().size());
}

TEST_CASE("docs/METRICS.md holds the dictionary's table as the code writes it", "[output][dictionary]") {
  std::ifstream in(std::string(REGIMESIM_SOURCE_DIR) + "/docs/METRICS.md");
  std::stringstream doc;
  doc << in.rdbuf();
  CHECK_THAT(doc.str(), Catch::Contains(output::metrics_markdown()));
}

TEST_CASE("The headlines a run reports are read as the dictionary says", "[output][dictionary]") {
  // The lax-enforcement tutorial: controls, fronts and detections, so most headlines exist.
  const auto p = ensemble::prepare(
      load::load_scenario(std::string(REGIMESIM_SOURCE_DIR) + "/scenarios/tutorial/diversion-and-enforcement.yaml"));
  const auto r = ensemble::run_paired(*p);
  const auto s = output::summarise(p->scenario, r.rows, r.cumulative_output, r.cumulative_baseline_output);
  REQUIRE(s.headlines.size() >= 8);
  for (const auto& h : s.headlines) {
    const auto* e = output::find_metric(output::to_string(h.metric));
    REQUIRE(e);
    INFO(e->metric);
    CHECK(h.when == e->headline);
  }
}
