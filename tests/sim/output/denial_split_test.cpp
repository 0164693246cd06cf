// denial_effectiveness split into the supply cut and the demand gone away, worked by
// hand on a fab small enough to follow, and the identity that ties the three together
// checked on library scenarios at every step and level:
//   1 - denial_effectiveness = (1 - order_shortfall) x (1 - orders_unfilled_share),
// where the receipts of step t are read against the orders of step t - 1 (what arrives
// at t was ordered and shipped at t - 1).
#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <tuple>

#include "ensemble/paired_run.hpp"
#include "run_rows.hpp"
#include "load/scenario_loader.hpp"

using namespace regimesim;
using output::Metric;

namespace {

using testing::row;

// China's fab makes 100 chips a month for China's final users from 0.1 tools and 0.2
// gas a chip. It buys its tools half from a US maker, half from a Korean one, and its
// gas half from a Russian maker, half from a Kazakh one. Stocks switched off (a firm
// holds what arrives each step, orders its planned use and never chases a target),
// shares never move, nobody re-sources or builds at home: every step can be followed.
const char* kFab = R"(name: fab
steps: 8
world:
  states:
    - {code: USA}
    - {code: KOR}
    - {code: RUS}
    - {code: KAZ}
    - {code: JPN}
    - {code: CHN, final_demand: {chips: 100}}
  items:
    - {id: tools}
    - {id: gas}
    - {id: chips, recipe: {tools: 0.1, gas: 0.2}}
  firms:
    - {id: us_tools, state: USA, item: tools, capacity: 10}
    - {id: kr_tools, state: KOR, item: tools, capacity: 10}
    - {id: ru_gas, state: RUS, item: gas, capacity: 20}
    - {id: kz_gas, state: KAZ, item: gas, capacity: 20}
    - {id: jp_tools, state: JPN, item: tools, capacity: 10}
    - {id: cn_fab, state: CHN, item: chips, capacity: 100}
  links:
    - {supplier: us_tools, buyer: cn_fab, volume: 1}
    - {supplier: kr_tools, buyer: cn_fab, volume: 1}
    - {supplier: ru_gas, buyer: cn_fab, volume: 1}
    - {supplier: kz_gas, buyer: cn_fab, volume: 1}
dynamics: {inventory_periods: 1, refill_steps: 1e9, share_adjustment: 0}
responses:
  resourcing: {search_delay: 0}
  build_at_home: {threshold: 0}
)";

struct Split {
  double denial, shortfall, unfilled;
};
Split split_at(const ensemble::RunResult& r, int step, std::uint32_t state, std::uint32_t item) {
  const auto d = row(r, step, state, item, Metric::denial_effectiveness);
  const auto s = row(r, step, state, item, Metric::order_shortfall);
  const auto u = row(r, step, state, item, Metric::orders_unfilled_share);
  REQUIRE(d);
  REQUIRE(s);
  REQUIRE(u);
  return {*d, *s, *u};
}

}  // namespace

TEST_CASE("A control that refuses half the orders is a supply cut, not demand gone", "[output][denial_split]") {
  // The US embargoes tools to China from step 2. By hand:
  //   step 2: the fab orders 10 tools (5 on each link); the US half is refused, 5 ship.
  //   step 3: 5 arrive (denial 0.5). They were ordered at step 2 as in the baseline
  //           (shortfall 0), and half of those orders did not arrive (unfilled 0.5).
  //           The fab makes 50 chips, its tools short: it orders for the 100 it wants,
  //           10 again, and so on every step: denial 0.5 = 0 of demand, 0.5 of cut.
  // Gas is no target input (the embargo lists tools only).
  const auto p = ensemble::prepare(load::load_scenario_text(
      std::string(kFab) + "controls:\n  - {id: tools-embargo, instrument: embargo, issuer: USA, items: [tools], "
                          "destinations: [CHN], start: 2}\n",
      "fab.yaml"));
  const auto r = ensemble::run_paired(*p);
  const auto chn = *p->scenario.world.find_state("CHN"), tools = *p->scenario.world.find_item("tools");
  const auto gas = *p->scenario.world.find_item("gas");
  for (int t = 0; t < 8; ++t) {
    INFO("step " << t);
    for (std::uint32_t at : {tools, output::kAllItems}) {
      const Split x = split_at(r, t, chn, at);
      CHECK(x.denial == Approx(t < 3 ? 0.0 : 0.5).margin(1e-9));
      CHECK(x.shortfall == Approx(0.0).margin(1e-9));
      CHECK(x.unfilled == Approx(t < 3 ? 0.0 : 0.5).margin(1e-9));
    }
    CHECK_FALSE(row(r, t, chn, gas, Metric::order_shortfall));
    double ordered_base = 0, unfilled_base = -1;
    row(r, t, output::kWorld, output::kAllItems, Metric::order_shortfall, &ordered_base);
    row(r, t, output::kWorld, output::kAllItems, Metric::orders_unfilled_share, &unfilled_base);
    CHECK(ordered_base == Approx(10.0));  // the baseline's orders: 0.1 x 100 chips
    CHECK(unfilled_base == Approx(0.0).margin(1e-12));  // the baseline fills every order
  }
}

TEST_CASE("A buyer whose own output halves shows demand gone, not a supply cut", "[output][denial_split]") {
  // Japan embargoes tools to China from step 2, but the fab buys no Japanese tools: the
  // control aims at the fab's tools and never bites on them. A run differs from its
  // baseline only through its controls, so the fab's demand falls through another: Russia
  // embargoes gas to every civilian buyer (aiming at no one, so gas is no target input).
  // By hand:
  //   step 2: the fab's Russian gas is refused; its step-1 gas arrives in full, it makes
  //           100 chips and orders 10 tools.
  //   step 3: 10 gas arrive: the fab can make 50 chips and orders tools for 50: 5.
  //           The 10 tools of step 2 arrive (denial 0).
  //   step 4 on: 5 tools arrive, all it ordered (denial 0.5 = shortfall 0.5, unfilled 0).
  const auto p = ensemble::prepare(load::load_scenario_text(
      std::string(kFab) +
          "controls:\n  - {id: tools-embargo, instrument: embargo, issuer: JPN, items: [tools], destinations: [CHN], "
          "start: 2}\n  - {id: gas-embargo, instrument: embargo, issuer: RUS, items: [gas], destinations: {end_uses: "
          "[civilian, military, wmd_risk]}, start: 2}\n",
      "fab.yaml"));
  const auto r = ensemble::run_paired(*p);
  const auto chn = *p->scenario.world.find_state("CHN"), tools = *p->scenario.world.find_item("tools");
  for (int t = 0; t < 8; ++t) {
    INFO("step " << t);
    for (std::uint32_t at : {tools, output::kAllItems}) {
      const Split x = split_at(r, t, chn, at);
      CHECK(x.denial == Approx(t < 4 ? 0.0 : 0.5).margin(1e-6));
      CHECK(x.shortfall == Approx(t < 4 ? 0.0 : 0.5).margin(1e-6));
      CHECK(x.unfilled == Approx(0.0).margin(1e-6));
    }
    // The world's row is the fab's: gas, cut by half, is nobody's target input.
    const Split w = split_at(r, t, output::kWorld, output::kAllItems), f = split_at(r, t, chn, tools);
    CHECK(w.denial == f.denial);
    CHECK(w.shortfall == f.shortfall);
    CHECK(w.unfilled == f.unfilled);
  }
}

TEST_CASE("Receipts split exactly into orders and their filled share, at every step and level",
          "[output][denial_split][identity]") {
  // Library scenarios (on one firm per state and item where the world is generated):
  // a unilateral control with its licences, a counter-control (read per control),
  // fronts, a quota and an entity listing. Every denial_effectiveness row has its two
  // parts, and they multiply back to it.
  const std::pair<const char*, std::vector<std::string>> cases[] = {
      {"/scenarios/unilateral-chip-equipment.yaml", {"steps=12", "world.generate.firms_per_state=1"}},
      {"/scenarios/retaliation-critical-minerals.yaml", {"steps=18", "world.generate.firms_per_state=1"}},
      {"/scenarios/tutorial/embargo.yaml", {}},
      {"/scenarios/tutorial/diversion-and-enforcement.yaml", {}},
      {"/scenarios/tutorial/export-quota.yaml", {}},
      {"/validation/huawei-entity-list-2019/scenario.yaml", {"world.generate.firms_per_state=1"}},
  };
  for (const auto& [file, sets] : cases) {
    INFO(file);
    const auto p = ensemble::prepare(load::load_scenario(std::string(REGIMESIM_SOURCE_DIR) + file, sets));
    const auto r = ensemble::run_paired(*p);
    std::map<std::tuple<int, std::uint32_t, std::uint32_t>, std::array<std::optional<double>, 3>> by_key;
    for (const auto& x : r.rows) {
      const int part = x.metric == Metric::denial_effectiveness ? 0
                       : x.metric == Metric::order_shortfall    ? 1
                       : x.metric == Metric::orders_unfilled_share ? 2
                                                                  : -1;
      if (part >= 0) by_key[{x.step, x.state, x.item}][part] = x.value;
    }
    REQUIRE(!by_key.empty());
    bool denied = false, cut = false;
    for (const auto& [key, v] : by_key) {
      INFO("step " << std::get<0>(key) << " state " << std::get<1>(key) << " item " << std::get<2>(key));
      REQUIRE(v[0]);
      REQUIRE(v[1]);
      REQUIRE(v[2]);
      CHECK(1.0 - *v[0] == Approx((1.0 - *v[1]) * (1.0 - *v[2])).margin(1e-12));
      if (std::get<0>(key) == 0) CHECK((*v[0] == 0.0 && *v[1] == 0.0 && *v[2] == 0.0));  // the start: as baseline
      denied = denied || *v[0] > 0.01;
      cut = cut || *v[2] > 0.01;
    }
    CHECK(denied);  // something was denied: the identity is not checked on zeros only
    CHECK(cut);
  }
}
