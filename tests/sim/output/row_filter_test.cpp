// The filters of the tables (--detail, --metrics, --states, --items): a filtered
// table is the unfiltered one with rows left out, and each level keeps the rows of
// the coarser one.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "../engine/world_fixtures.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "model/scenario_error.hpp"
#include "output/row_filter.hpp"
#include "output/tidy_table.hpp"

using namespace regimesim;
using output::Detail;

namespace {
const std::string kControls = R"(controls:
  - {id: e, instrument: embargo, issuers: [USA], items: [chips], destinations: [CHN], start: 3}
  - {id: g, instrument: embargo, issuers: [CHN], items: [gallium], destinations: [USA], start: 5}
)";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}
}  // namespace

TEST_CASE("Each detail keeps the rows of the coarser one, and the world level only groups", "[output][filter]") {
  // A named firm too: its output is world-level, its rows per input are not.
  const auto p = ensemble::prepare(
      load::load_scenario_text(testing::generated_world_yaml(kControls + "report_firms: [\"chips@KOR#0\"]\n"), "g.yaml"));
  const auto r = ensemble::run_paired(*p);
  auto filter = [&](const char* detail) { return output::row_filter({detail, {}, {}, {}}, p->scenario, Detail::item); };
  const auto world = filter("world"), state = filter("state"), item = filter("item");
  std::size_t n_world = 0, n_state = 0, controls = 0;
  for (const auto& row : r.rows) {
    CHECK(item.keeps(row));
    if (world.keeps(row)) {
      ++n_world;
      CHECK(state.keeps(row));  // world is within state
      CHECK(row.state >= output::kFirmGroup);
      CHECK((row.item == output::kAllItems ||
             (output::is_firm_group(row.state) &&
              (row.metric == output::Metric::gross_output || row.metric == output::Metric::output_loss))));
      controls += output::is_control_group(row.state);
    }
    if (state.keeps(row)) ++n_state;
    // A state's per-item row is finer than `state`.
    if (row.state < p->scenario.world.states.size() && row.item != output::kAllItems) CHECK_FALSE(state.keeps(row));
  }
  CHECK(n_world > 0);
  CHECK(controls > 0);  // two controls: the per-control rows are world-level
  auto firm_rows = [&](const output::RowFilter& f, output::Metric m) {
    return std::count_if(r.rows.begin(), r.rows.end(), [&](const output::MetricRow& row) {
      return output::is_firm_group(row.state) && row.metric == m && f.keeps(row);
    });
  };
  CHECK(firm_rows(world, output::Metric::gross_output) == p->scenario.steps);
  CHECK(firm_rows(world, output::Metric::input_received) == 0);
  CHECK(firm_rows(state, output::Metric::input_received) == 2 * p->scenario.steps);  // chips need gallium and equipment
  CHECK(n_world < n_state);
  CHECK(n_state < r.rows.size());
  CHECK(output::row_filter({"all", {}, {}, {}}, p->scenario, Detail::world).keeps_everything());
}

TEST_CASE("Metrics, states and items filters keep exactly what they name", "[output][filter]") {
  const auto p = ensemble::prepare(load::load_scenario_text(testing::generated_world_yaml(kControls), "g.yaml"));
  const auto r = ensemble::run_paired(*p);
  const auto f = output::row_filter({"", {"output_loss", "blocked_trade"}, {"KOR"}, {"chips"}}, p->scenario, Detail::world);
  CHECK(f.detail == Detail::item);  // --items raises the default detail, so that what is named is written
  std::size_t expected = 0, kept = 0;
  for (const auto& row : r.rows) {
    const bool metric = row.metric == output::Metric::output_loss || row.metric == output::Metric::blocked_trade;
    const bool state = row.state >= output::kFirmGroup || p->scenario.world.states[row.state].code == "KOR";
    const bool item = row.item == output::kAllItems || p->scenario.world.items[row.item].id == "chips";
    expected += metric && state && item;
    kept += f.keeps(row);
  }
  CHECK(kept == expected);
  CHECK(kept > 0);
}

TEST_CASE("A filtered timeseries block is the unfiltered block with lines left out", "[output][filter]") {
  const auto p = ensemble::prepare(load::load_scenario_text(testing::generated_world_yaml(kControls), "g.yaml"));
  const auto r = ensemble::run_paired(*p);
  const auto f = output::row_filter({"state", {}, {}, {}}, p->scenario, Detail::item);
  const auto all = lines_of(output::timeseries_block(p->scenario, 0, 7, {}, r.rows));
  const auto some = lines_of(output::timeseries_block(p->scenario, 0, 7, {}, r.rows, &f));
  REQUIRE(all.size() == r.rows.size());
  std::vector<std::string> expected;
  for (std::size_t k = 0; k < r.rows.size(); ++k)
    if (f.keeps(r.rows[k])) expected.push_back(all[k]);
  CHECK(some == expected);
}

TEST_CASE("Unknown names are refused, listing what is valid", "[output][filter]") {
  const auto sc = load::load_scenario_text(testing::generated_world_yaml(), "g.yaml");
  auto message = [&](const output::RowChoice& c) {
    try {
      output::row_filter(c, sc, Detail::item);
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK_THAT(message({"", {"denial"}, {}, {}}),
             Catch::Contains("--metrics: error: 'denial' is not a metric") && Catch::Contains("denial_effectiveness"));
  CHECK_THAT(message({"", {}, {"FRA"}, {}}),
             Catch::Contains("--states: error: 'FRA' is not a state code") && Catch::Contains("USA, CHN, JPN, NLD, KOR"));
  CHECK_THAT(message({"", {}, {}, {"wafers"}}),
             Catch::Contains("'wafers' is not an item id") && Catch::Contains("gallium, equipment, chips, phones"));
  CHECK_THAT(message({"fine", {}, {}, {}}), Catch::Contains("world|state|item|all"));
  CHECK(output::comma_list({"a,b", "c", ",d,"}) == std::vector<std::string>{"a", "b", "c", "d"});
}

TEST_CASE("Seeds are written as text that no reader turns into a float", "[output]") {
  CHECK(output::seed_text(0) == "0x0000000000000000");
  CHECK(output::seed_text(18446744073709551615ULL) == "0xffffffffffffffff");
  CHECK(output::seed_text(9007199254740993ULL) == "0x0020000000000001");  // 2^53 + 1, which a double rounds
}
