// Accounting that cannot mislead: losses are volumes at baseline prices, blocked
// trade counts goods that did not arrive against the baseline, every headline comes
// with its baseline level, and a control and its counter-control are read apart.
// Every figure below is worked out by hand on a world small enough to follow.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <optional>

#include "ensemble/paired_run.hpp"
#include "run_rows.hpp"
#include "load/scenario_loader.hpp"
#include "output/summary.hpp"

using namespace regimesim;
using output::Metric;

namespace {

using testing::row;

double run_total(const ensemble::RunResult& r, std::uint32_t state, Metric m) {
  double total = 0;
  for (const auto& x : r.rows)
    if (x.state == state && x.item == output::kAllItems && x.metric == m) total += x.value;
  return total;
}

// Stocks switched off, so every step can be followed by hand: a firm holds just
// the shipment that arrives each step (inventory_periods 1), orders its planned use
// and never chases a target (refill_steps 1e9), shares never move, nobody
// re-sources or builds at home.
const char* kStill = R"(dynamics: {inventory_periods: 1, refill_steps: 1e9, share_adjustment: 0}
responses:
  resourcing: {search_delay: 0}
  build_at_home: {threshold: 0}
)";

}  // namespace

TEST_CASE("A shortage price cannot turn a controller's lost exports into a gain", "[output][accounting]") {
  // A US chip maker makes 100 chips from 0.1 Chinese magnets each; a Chinese magnet
  // maker makes 10 magnets from 0.2 US chips each. Korea's final users buy 98 chips,
  // the magnet maker 2: the US exports 100 chips a month. From step 2 the US
  // embargoes chips to China. By hand:
  //   step 2: the magnet maker's chip order is denied; it still makes 10 magnets from
  //           the chips shipped at step 1. The US maker sells 98 (Korea only).
  //   step 3: the magnets of step 2 arrive; the US maker sells 98 again. The magnet
  //           maker has no chips and makes nothing.
  //   step 4: the US maker holds the 0.4 magnets left and makes 4 chips for 98 asked:
  //           its price rises, its exports fall to 4.
  //   step 5 on: no magnets, no chips.
  // Export loss (volume): 0, 0, 0.02, 0.02, 0.96, then 1. Valued at the scarcity price,
  // step 4 would read 1 - 4 x 1.48 / 100.
  const std::string yaml = std::string(R"(name: scarcity
steps: 8
world:
  states:
    - {code: USA}
    - {code: CHN}
    - {code: KOR, final_demand: {chips: 98}}
  items:
    - {id: chips, recipe: {magnets: 0.1}}
    - {id: magnets, recipe: {chips: 0.2}}
  firms:
    - {id: us_chips, state: USA, item: chips, capacity: 100}
    - {id: cn_magnets, state: CHN, item: magnets, capacity: 10}
  links:
    - {supplier: us_chips, buyer: cn_magnets, volume: 1}
    - {supplier: cn_magnets, buyer: us_chips, volume: 1}
controls:
  - {id: chip-embargo, instrument: embargo, issuer: USA, items: [chips], destinations: [CHN], start: 2}
)") + kStill;
  const auto p = ensemble::prepare(load::load_scenario_text(yaml, "scarcity.yaml"));
  REQUIRE(p->equilibrium.output[0] == Approx(100.0));
  const auto r = ensemble::run_paired(*p);
  const auto usa = *p->scenario.world.find_state("USA"), kor = *p->scenario.world.find_state("KOR");
  const auto chips = *p->scenario.world.find_item("chips");
  const double by_hand[] = {0, 0, 0.02, 0.02, 0.96, 1, 1, 1};
  for (int t = 0; t < 8; ++t) {
    INFO("step " << t);
    double baseline = 0;
    const auto loss = row(r, t, usa, output::kAllItems, Metric::controller_revenue_loss, &baseline);
    REQUIRE(loss);
    CHECK(*loss >= 0.0);
    CHECK(*loss == Approx(by_hand[t]).margin(1e-12));
    CHECK(baseline == Approx(100.0));  // the baseline export volume beside it
    CHECK(*row(r, t, output::kWorld, output::kAllItems, Metric::controller_revenue_loss) == Approx(by_hand[t]).margin(1e-12));
  }
  // The shortage shows where it belongs: in the price Korea's buyers are asked.
  CHECK(*row(r, 4, kor, chips, Metric::price_index) > 1.4);
}

TEST_CASE("Blocked trade counts the baseline flow that did not arrive, not re-placed orders", "[output][accounting]") {
  // scenarios/tutorial/embargo.yaml: the ore link carries 20 a month in the baseline.
  // From step 6 to step 23 the mill is denied every month and orders ever more to
  // refill its stock, but what the embargo keeps from arriving is 20 a month:
  // 18 x 20 = 360 over the run, on the only embargoed link.
  const auto p = ensemble::prepare(load::load_scenario(REGIMESIM_SOURCE_DIR "/scenarios/tutorial/embargo.yaml"));
  const auto r = ensemble::run_paired(*p);
  const auto& w = p->scenario.world;
  const auto kor = *w.find_state("KOR"), aus = *w.find_state("AUS"), ore = *w.find_item("ore");
  for (int t = 0; t < 24; ++t) {
    INFO("step " << t);
    CHECK(*row(r, t, kor, ore, Metric::blocked_trade) == Approx(t < 6 ? 0.0 : 20.0).margin(1e-12));
    CHECK(*row(r, t, aus, ore, Metric::blocked_exports) == Approx(t < 6 ? 0.0 : 20.0).margin(1e-12));
  }
  CHECK(run_total(r, output::kWorld, Metric::blocked_trade) == Approx(360.0));
  CHECK(run_total(r, output::kWorld, Metric::blocked_exports) == Approx(360.0));
  const auto s = output::summarise(p->scenario, r.rows, r.cumulative_output, r.cumulative_baseline_output);
  CHECK(s.world.blocked_imports == Approx(360.0));
}

TEST_CASE("Licence delays on buyers no control aims at are collateral, counted at their baseline flow",
          "[output][accounting][collateral]") {
  // Australia requires licences for ore to every buyer everywhere (it aims at nobody):
  // decided two months after the application, always granted. The mill's ore, 20 a
  // month, waits at steps 6 and 7 and ships from step 8: 40 of collateral, all of it
  // in Korea, here a developing state; AUS's exports held for 40.
  // The three-firm chain of scenarios/tutorial/three-firm-chain.yaml, Korea developing.
  const std::string yaml = R"(name: delays
steps: 24
world:
  states:
    - {code: AUS, status: developed}
    - {code: KOR, status: developing}
    - {code: JPN, status: developed, final_demand: {cars: 60}}
    - {code: USA, status: developed, final_demand: {cars: 40}}
  items:
    - {id: ore}
    - {id: steel, recipe: {ore: 0.5}}
    - {id: cars, recipe: {steel: 0.4}}
  firms:
    - {id: aus_mine, state: AUS, item: ore, capacity: 25}
    - {id: kor_mill, state: KOR, item: steel, capacity: 50}
    - {id: jpn_carmaker, state: JPN, item: cars, capacity: 120}
  links:
    - {supplier: aus_mine, buyer: kor_mill, volume: 1}
    - {supplier: kor_mill, buyer: jpn_carmaker, volume: 1}
controls:
  - {id: ore-licences, instrument: licence_requirement, issuer: AUS, items: [ore],
     destinations: {end_uses: [civilian, military, wmd_risk]},
     licence: {approval_probability: 1, delay_steps: 2}, start: 6}
)";
  const auto p = ensemble::prepare(load::load_scenario_text(yaml, "delays.yaml"));
  const auto r = ensemble::run_paired(*p);
  const auto kor = *p->scenario.world.find_state("KOR"), aus = *p->scenario.world.find_state("AUS");
  for (int t = 0; t < 24; ++t) {
    INFO("step " << t);
    CHECK(*row(r, t, kor, output::kAllItems, Metric::collateral_denial) == Approx(t == 6 || t == 7 ? 20.0 : 0.0).margin(1e-12));
  }
  CHECK(run_total(r, output::kWorld, Metric::collateral_denial) == Approx(40.0));
  CHECK(run_total(r, output::kDeveloping, Metric::collateral_denial) == Approx(40.0));
  CHECK(run_total(r, aus, Metric::delayed_trade) == Approx(40.0));
}

TEST_CASE("A control and its counter-control are read per control, never pooled", "[output][accounting][direction]") {
  // The US makes 100 chips from 0.1 Chinese gallium each and sells 50 at home and 50
  // to China's final users. The US embargoes chips to China from step 2; China bans
  // gallium to the US from step 10. By hand at step 5:
  //  - the chip embargo: China's users received 50 a month and now get none: denial 1;
  //    the US exported 50 chips a month and now none: its exports fell by 1.
  //  - the gallium ban has not started, but the US maker, selling 50 instead of 100
  //    from step 2, orders 5 gallium instead of 10 from step 3: 5 arrive from step 4,
  //    a denial of 0.5 and China's exports down by 0.5.
  // Pooled, the two would read (0 + 5) / (50 + 10) = 0.917: a number about no one.
  const std::string yaml = std::string(R"(name: tit-for-tat
steps: 12
world:
  states:
    - {code: USA, final_demand: {chips: 50}}
    - {code: CHN, final_demand: {chips: 50}}
  items:
    - {id: gallium}
    - {id: chips, recipe: {gallium: 0.1}}
  firms:
    - {id: cn_gallium, state: CHN, item: gallium, capacity: 20}
    - {id: us_chips, state: USA, item: chips, capacity: 200}
  links:
    - {supplier: cn_gallium, buyer: us_chips, volume: 1}
controls:
  - {id: chip-embargo, instrument: embargo, issuer: USA, items: [chips], destinations: [CHN], start: 2}
  - {id: gallium-ban, instrument: embargo, issuer: CHN, items: [gallium], destinations: [USA], start: 10}
)") + kStill;
  const auto p = ensemble::prepare(load::load_scenario_text(yaml, "tit-for-tat.yaml"));
  REQUIRE(p->plan.roles().opposed);
  const auto r = ensemble::run_paired(*p);
  const std::uint32_t chip = output::kControlGroup + 0, gallium = output::kControlGroup + 1;
  double baseline = 0;
  CHECK(*row(r, 5, chip, output::kAllItems, Metric::denial_effectiveness, &baseline) == Approx(1.0));
  CHECK(baseline == Approx(50.0));
  CHECK(*row(r, 5, gallium, output::kAllItems, Metric::denial_effectiveness, &baseline) == Approx(0.5));
  CHECK(baseline == Approx(10.0));
  CHECK(*row(r, 5, chip, output::kAllItems, Metric::controller_revenue_loss) == Approx(1.0));
  CHECK(*row(r, 5, gallium, output::kAllItems, Metric::controller_revenue_loss) == Approx(0.5));
  for (const auto& x : r.rows) {
    const bool aimed_metric = x.metric == Metric::denial_effectiveness || x.metric == Metric::substitution_share ||
                              x.metric == Metric::target_indigenous_share || x.metric == Metric::controller_revenue_loss;
    CHECK_FALSE((aimed_metric && x.state == output::kWorld));
  }
  // The headlines follow: one per control, none for the world.
  const auto s = output::summarise(p->scenario, r.rows, r.cumulative_output, r.cumulative_baseline_output);
  std::vector<std::string> denial_groups;
  for (const auto& h : s.headlines)
    if (h.metric == Metric::denial_effectiveness) denial_groups.push_back(h.group);
  CHECK(denial_groups == std::vector<std::string>{"control:chip-embargo", "control:gallium-ban"});

  // One direction only (the chip embargo alone): the world row is back.
  const auto one = ensemble::prepare(load::load_scenario_text(
      yaml.substr(0, yaml.find("  - {id: gallium-ban")) + kStill, "one-way.yaml"));
  CHECK_FALSE(one->plan.roles().opposed);
  CHECK(row(ensemble::run_paired(*one), 5, output::kWorld, output::kAllItems, Metric::denial_effectiveness));
}

TEST_CASE("summary.json puts each headline's baseline beside it", "[output][accounting][summary]") {
  // The embargo tutorial: Korea's mill received 20 ore a month at baseline (the target
  // input), and Australia, the only controller, exported 20 ore a month.
  const auto p = ensemble::prepare(load::load_scenario(REGIMESIM_SOURCE_DIR "/scenarios/tutorial/embargo.yaml"));
  const auto r = ensemble::run_paired(*p);
  const auto j = nlohmann::json::parse(
      output::summary_json(output::summarise(p->scenario, r.rows, r.cumulative_output, r.cumulative_baseline_output)));
  REQUIRE(!j["headlines"].empty());
  std::map<std::string, nlohmann::json> by;
  for (const auto& h : j["headlines"]) {
    CHECK(h.contains("baseline"));
    CHECK(h.contains("baseline_means"));
    by[h["metric"].get<std::string>() + "/" + h["group"].get<std::string>()] = h;
  }
  CHECK(by.at("denial_effectiveness/WORLD")["value"].get<double>() == Approx(1.0));
  CHECK(by.at("denial_effectiveness/WORLD")["baseline"].get<double>() == Approx(20.0));
  CHECK(by.at("controller_revenue_loss/WORLD")["baseline"].get<double>() == Approx(20.0));
  CHECK(by.at("collateral_denial/WORLD")["baseline"].get<double>() == 0.0);
  // Output summed over the run beside its baseline: 24 months of 160 units (20 + 40 + 100).
  CHECK(j["world"]["baseline_output_total"].get<double>() == Approx(24 * 160.0));
  CHECK(j["world"]["output_total"].get<double>() < j["world"]["baseline_output_total"].get<double>());
}
