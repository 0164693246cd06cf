// The named firms' own rows (state column firm:ID), worked out by hand: the quota
// tutorial's fab (Japan's only firm, so its rows must equal Japan's), and an
// entity-listed fab that is denied for three steps and re-sources to a Korean maker.
#include <catch2/catch.hpp>

#include <map>
#include <tuple>

#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "model/scenario_error.hpp"
#include "output/summary.hpp"
#include "../behaviour/listed_fab_world.hpp"

using namespace regimesim;
using listed_fab_world::kListedFab;

namespace {
using Key = std::tuple<int, std::uint32_t, std::uint32_t, output::Metric>;
std::map<Key, output::MetricRow> by_key(const std::vector<output::MetricRow>& rows) {
  std::map<Key, output::MetricRow> out;
  for (const auto& r : rows) out[{r.step, r.state, r.item, r.metric}] = r;
  return out;
}
const output::MetricRow& row(const std::map<Key, output::MetricRow>& rows, int step, std::uint32_t state,
                             std::uint32_t item, output::Metric m) {
  const auto it = rows.find({step, state, item, m});
  REQUIRE(it != rows.end());
  return it->second;
}

}  // namespace

TEST_CASE("A named firm's rows: the quota tutorial's fab, by hand and as Japan's only firm", "[output][firms]") {
  const auto p = ensemble::prepare(
      load::load_scenario(REGIMESIM_SOURCE_DIR "/scenarios/tutorial/export-quota.yaml", {"report_firms=[jpn_fab]"}));
  REQUIRE(p->scenario.reported_firms.size() == 1);
  const auto r = ensemble::run_paired(*p);
  const auto rows = by_key(r.rows);
  const auto& w = p->scenario.world;
  const std::uint32_t fab = output::kFirmGroup, jpn = *w.find_state("JPN");
  const std::uint32_t gallium = *w.find_item("gallium"), chips = *w.find_item("chips");
  using output::Metric;
  for (int t = 0; t < 24; ++t) {
    INFO("step " << t);
    // By hand (tutorial/export-quota.md): 100 gallium a step until step 6's cut arrives at
    // step 7, then 60; 40 blocked a step from step 6; 200 chips to step 8, 160, then 120.
    CHECK(row(rows, t, fab, gallium, Metric::input_received).value == Approx(t < 7 ? 100.0 : 60.0));
    CHECK(row(rows, t, fab, gallium, Metric::input_received).baseline == Approx(100.0));
    CHECK(row(rows, t, fab, gallium, Metric::blocked_trade).value == Approx(t < 6 ? 0.0 : 40.0));
    CHECK(row(rows, t, fab, output::kAllItems, Metric::blocked_trade).value == Approx(t < 6 ? 0.0 : 40.0));
    CHECK(row(rows, t, fab, chips, Metric::gross_output).value == Approx(t <= 8 ? 200.0 : t == 9 ? 160.0 : 120.0));
    CHECK(row(rows, t, fab, chips, Metric::gross_output).baseline == Approx(200.0));
    CHECK(row(rows, t, fab, gallium, Metric::denial_effectiveness).value == Approx(t < 7 ? 0.0 : 0.4).margin(1e-12));
    CHECK(row(rows, t, fab, gallium, Metric::resourced_receipts).value == 0.0);
    // Japan has no other firm: the fab's rows are Japan's.
    CHECK(row(rows, t, fab, chips, Metric::output_loss).value == row(rows, t, jpn, chips, Metric::output_loss).value);
    CHECK(row(rows, t, fab, gallium, Metric::blocked_trade).value == row(rows, t, jpn, gallium, Metric::blocked_trade).value);
    CHECK(row(rows, t, fab, gallium, Metric::price_index).value == row(rows, t, jpn, gallium, Metric::price_index).value);
  }
  const auto s = output::summarise(p->scenario, r.rows, r.cumulative_output, r.cumulative_baseline_output);
  REQUIRE(s.firms.size() == 1);
  CHECK(s.firms[0].id == "jpn_fab");
  CHECK(s.firms[0].blocked_total == Approx(720.0));
  // 200 x 9 + 160 + 120 x 14 = 3640 of 4800 made: 1 - 3640/4800 lost over the run.
  CHECK(s.firms[0].output_total == Approx(3640.0));
  CHECK(s.firms[0].output_loss_cumulative == Approx(1.0 - 3640.0 / 4800.0));
  REQUIRE(s.firms[0].inputs.size() == 1);
  CHECK(s.firms[0].inputs[0].received_total == Approx(100.0 * 7 + 60.0 * 17));
  CHECK(output::summary_json(s).find("\"firms\"") != std::string::npos);
}

TEST_CASE("An entity-listed firm's rows show the denial and the supplier it re-sources to", "[output][firms]") {
  const auto p = ensemble::prepare(load::load_scenario_text(kListedFab, "listed.yaml"));
  const auto& w = p->scenario.world;
  // Named by the entity list alone: no report_firms needed.
  REQUIRE(p->scenario.reported_firms == std::vector<FirmId>{*w.find_firm("cn_fab")});
  const auto r = ensemble::run_paired(*p, {.flows = output::FlowItems::all});
  const auto rows = by_key(r.rows);
  const std::uint32_t fab = output::kFirmGroup, chips = *w.find_item("chips"), phones = *w.find_item("phones");
  const std::uint32_t chn = *w.find_state("CHN");  // cn_radios is never blocked: China's blocked chips are the fab's
  using output::Metric;
  // By hand. Denied at steps 2, 3 and 4, the fab searches at the end of step 4 and takes
  // kr_chips, the one maker no control covers; from step 5 its orders are filled. Blocked:
  // the link's baseline flow, 60, at steps 2, 3 and 4: step 4's order was denied too,
  // though the link is allowed by the step's end (the state rows count it the same way).
  // So the 180 blocked are the 3 x 60 that do not arrive at steps 3 to 5. Its 2 steps of
  // stock (120 after step 2's arrival,
  // the last US shipment) make 120 phones at steps 2 and 3; nothing arrives at steps 3 to
  // 5, so it makes nothing at 4 and 5. At step 5 it asks 0.5 x 120 + (120 - 0) / 2 = 120,
  // which arrives at step 6, all from the new supplier; then 60 a step.
  const double received[] = {60, 60, 60, 0, 0, 0, 120, 60, 60, 60};
  const double made[] = {120, 120, 120, 120, 0, 0, 120, 120, 120, 120};
  for (int t = 0; t < 10; ++t) {
    INFO("step " << t);
    CHECK(row(rows, t, fab, chips, Metric::blocked_trade).value == Approx(t >= 2 && t <= 4 ? 60.0 : 0.0));
    CHECK(row(rows, t, fab, chips, Metric::blocked_trade).value == row(rows, t, chn, chips, Metric::blocked_trade).value);
    CHECK(row(rows, t, fab, chips, Metric::input_received).value == Approx(received[t]).margin(1e-12));
    CHECK(row(rows, t, fab, chips, Metric::resourced_receipts).value == Approx(t >= 6 ? received[t] : 0.0).margin(1e-12));
    CHECK(row(rows, t, fab, phones, Metric::gross_output).value == Approx(made[t]).margin(1e-12));
    if (t >= 3 && t <= 5) CHECK(row(rows, t, fab, chips, Metric::denial_effectiveness).value == Approx(1.0));
  }
  // Step 4's denied order was placed with us_chips: the United States lost that sale,
  // not Korea, whose maker the link has gone to by the step's end.
  const std::uint32_t usa_state = *w.find_state("USA"), kor_state = *w.find_state("KOR");
  CHECK(row(rows, 4, usa_state, chips, Metric::blocked_exports).value == Approx(60.0));
  const auto korea = rows.find({4, kor_state, chips, Metric::blocked_exports});
  CHECK((korea == rows.end() || korea->second.value == 0.0));
  // Over the run: the 180 that did not arrive, 60 at each of steps 3, 4 and 5.
  const auto s = output::summarise(p->scenario, r.rows, r.cumulative_output, r.cumulative_baseline_output);
  REQUIRE(s.firms.size() == 1);
  CHECK(s.firms[0].blocked_total == Approx(180.0));
  // flows.csv's rows for the firm: from whom, by state. At step 5 it ships from Korea what
  // the baseline shipped from the United States on the same link.
  const StateId usa = *w.find_state("USA"), kor = *w.find_state("KOR");
  double from_korea = -1, us_baseline = -1;
  for (const auto& f : r.flows)
    if (f.step == 5 && f.importer == output::kFirmGroup) {
      if (f.exporter == kor) from_korea = f.value;
      if (f.exporter == usa) us_baseline = f.baseline;
    }
  CHECK(from_korea == Approx(120.0));
  CHECK(us_baseline == Approx(60.0));
}

TEST_CASE("Goods shipped before a move count for the supplier that shipped them", "[output][firms]") {
  // The listed fab with search_delay 1: denied at step 2, it searches at the end of
  // step 2 and moves to kr_chips. What arrives at step 2 (60) was shipped at step 1 by
  // us_chips, before the listing: a receipt from the United States, a controller, not
  // a re-sourced one from Korea. Step 2's order, denied, brings nothing at step 3; the
  // first Korean chips, ordered at step 3, arrive at step 4.
  const auto p = ensemble::prepare(load::load_scenario_text(
      std::string(kListedFab) + "responses:\n  resourcing: {search_delay: 1}\n", "listed.yaml"));
  const auto& w = p->scenario.world;
  const auto r = ensemble::run_paired(*p);
  const auto rows = by_key(r.rows);
  const std::uint32_t fab = output::kFirmGroup, chips = *w.find_item("chips"), chn = *w.find_state("CHN");
  using output::Metric;
  CHECK(row(rows, 2, fab, chips, Metric::input_received).value == Approx(60.0));
  CHECK(row(rows, 2, fab, chips, Metric::resourced_receipts).value == 0.0);
  CHECK(row(rows, 2, fab, chips, Metric::blocked_trade).value == Approx(60.0));
  CHECK(row(rows, 3, fab, chips, Metric::input_received).value == Approx(0.0).margin(1e-12));
  CHECK(row(rows, 3, fab, chips, Metric::blocked_trade).value == 0.0);
  CHECK(row(rows, 4, fab, chips, Metric::resourced_receipts).value > 0.0);
  CHECK(row(rows, 4, fab, chips, Metric::resourced_receipts).value == row(rows, 4, fab, chips, Metric::input_received).value);
  // China's fab is the listing's one target: at step 2 all it received came from the
  // United States, none from states that apply no control aimed at it.
  CHECK(row(rows, 2, chn, chips, Metric::substitution_share).value == 0.0);
  CHECK(row(rows, 4, chn, chips, Metric::substitution_share).value == Approx(1.0));
}

TEST_CASE("Who is named: entity lists, listed end users, report_firms; an unknown id is refused where it is written",
          "[output][firms][load]") {
  std::string text = kListedFab;
  text.replace(text.find("capacity: 100}"), 14, "capacity: 100, end_use: military}");
  text += "report_firms: [kr_chips, cn_fab]\n";
  const auto s = load::load_scenario_text(text, "listed.yaml");
  const auto& w = s.world;
  // The entity list's firm, then the listed end user, then report_firms (each once).
  CHECK(s.reported_firms ==
        std::vector<FirmId>{*w.find_firm("cn_fab"), *w.find_firm("cn_radios"), *w.find_firm("kr_chips")});
  try {
    load::load_scenario_text(std::string(kListedFab) + "report_firms: [cn_fab, nobody]\n", "listed.yaml");
    FAIL("an unknown firm in report_firms was accepted");
  } catch (const ScenarioError& e) {
    CHECK(e.where().key_path == "report_firms[1]");
    CHECK(e.where().line == 23);  // the line report_firms is on
    CHECK_THAT(e.message(), Catch::Contains("unknown firm 'nobody'"));
  }
  // A scenario that names no firm has no firm rows, and its summary no `firms`.
  std::string plain = kListedFab;
  plain.erase(plain.find("controls:"));
  const auto p = ensemble::prepare(load::load_scenario_text(plain, "plain.yaml"));
  const auto r = ensemble::run_paired(*p);
  for (const auto& m : r.rows) CHECK_FALSE(output::is_firm_group(m.state));
  const auto sum = output::summarise(p->scenario, r.rows, r.cumulative_output, r.cumulative_baseline_output);
  CHECK(output::summary_json(sum).find("\"firms\"") == std::string::npos);
}
