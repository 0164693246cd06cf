// A firm team's dashboard: its makers' sales, sales to the targets, revenue, market
// share and competitors' sales, month by month beside the baseline, on the four
// suppliers' world worked out by hand.
#include <catch2/catch.hpp>

#include "../policy/instrument_worlds.hpp"
#include "classroom/variant_run.hpp"
#include "load/scenario_loader.hpp"

using namespace regimesim;
using classroom::MakerGroup;
using classroom::VariantRun;

namespace {

// The US alone embargoes equipment to China from month 2. At baseline China's fab
// buys 10 equipment a month (USA 4, NLD 3.5, JPN 1.5, KOR 1), its rocket and gadget
// makers 1 each from the US maker: 12 in all, every unit of it to China.
Scenario usa_alone() {
  return load::load_scenario_text(
      testing::four_suppliers_yaml("controls:\n  - {id: eq, instrument: embargo, issuer: USA, items: [equipment], "
                                   "destinations: [CHN], start: 2}\n"),
      "four.yaml");
}

MakerGroup makers(const VariantRun& v, const char* state) {
  return {*v.running().world.find_state(state), {*v.running().world.find_item("equipment")}};
}

void run_to(VariantRun& v, int month) {
  while (v.month() < month) v.step();
}

}  // namespace

TEST_CASE("A group's dashboard counts its makers' sales against the baseline", "[classroom][firms]") {
  VariantRun v("usa", usa_alone());
  v.follow({makers(v, "NLD")});
  run_to(v, 6);
  const nlohmann::json d = v.group_view(makers(v, "NLD"));
  REQUIRE(d.is_object());
  CHECK(d["targets"] == nlohmann::json::array({"CHN"}));
  REQUIRE(d["sales"].size() == 6);
  for (int t = 0; t < 6; ++t) {
    INFO("month " << t);
    // The baseline: the Dutch 3.5 of 12, all of it to China; the others' 8.5.
    CHECK(d["sales"][t][2].get<double>() == Approx(3.5));
    CHECK(d["sales_to_targets"][t][2].get<double>() == Approx(3.5));
    CHECK(d["market_share"][t][2].get<double>() == Approx(3.5 / 12));
    CHECK(d["competitors_sales"][t][2].get<double>() == Approx(8.5));
    // Every Dutch buyer is in China: all its sales are to the target.
    CHECK(d["sales_to_targets"][t][1].get<double>() == Approx(d["sales"][t][1].get<double>()));
  }
  // Before the embargo the run is its baseline.
  CHECK(d["sales"][1][1].get<double>() == Approx(3.5));
  CHECK(d["revenue_lost"][1][1].get<double>() == Approx(0.0).margin(1e-12));
  // A group of a state not followed has no dashboard.
  CHECK(v.group_view(makers(v, "KOR")).is_null());
  CHECK(d["over_comply"] == 0.0);
  CHECK(d["fronts"] == 1.0);
}

TEST_CASE("A group's figures add up with its competitors' to the world's sales of its items", "[classroom][firms]") {
  // Conservation: the Dutch makers' sales and their competitors' are every equipment
  // maker's; the Korean group's competitors are the other three. So the two groups'
  // sales plus competitors are the same total, month by month, in the run and baseline.
  VariantRun v("usa", usa_alone());
  v.follow({makers(v, "NLD"), makers(v, "KOR")});
  run_to(v, 10);
  const auto nl = v.group_view(makers(v, "NLD")), kr = v.group_view(makers(v, "KOR"));
  for (int t = 0; t < 10; ++t)
    for (int run : {1, 2}) {
      INFO("month " << t << " column " << run);
      const double a = nl["sales"][t][run].get<double>() + nl["competitors_sales"][t][run].get<double>();
      const double b = kr["sales"][t][run].get<double>() + kr["competitors_sales"][t][run].get<double>();
      CHECK(a == Approx(b));
      CHECK(nl["market_share"][t][run].get<double>() + kr["market_share"][t][run].get<double>() <= 1.0);
    }
  // Followed from month 4 (a replay), the figures are those followed from the start.
  VariantRun late("usa", usa_alone());
  run_to(late, 4);
  late.follow({makers(late, "NLD")});
  run_to(late, 10);
  CHECK(late.group_view(makers(late, "NLD"))["sales"] == nl["sales"]);
}

TEST_CASE("A group over-complying fully sells nothing to the targets from the month it decides", "[classroom][firms]") {
  // The Korean makers are outside the US control: their sales to China are legal. Set
  // at month 5, over-compliance 1 declines every one of them from month 5 on.
  VariantRun v("usa", usa_alone()), branch_parent("usa", usa_alone());
  v.follow({makers(v, "KOR")});
  run_to(v, 5);
  run_to(branch_parent, 5);
  const nlohmann::json body{{"kind", "group_over_compliance"}, {"state", "KOR"}, {"items", {"equipment"}}, {"value", 1.0}};
  CHECK(v.apply(classroom::read_change(body, v.month(), v.running())) == 0);  // set in place
  run_to(v, 12);
  const auto d = v.group_view(makers(v, "KOR"));
  for (int t = 0; t < 12; ++t) {
    INFO("month " << t);
    if (t < 5) CHECK(d["sales_to_targets"][t][1].get<double>() > 0);
    else CHECK(d["sales_to_targets"][t][1].get<double>() == 0.0);
    if (t >= 5) CHECK(d["revenue_lost"][t][1].get<double>() == Approx(1.0));
  }
  CHECK(d["over_comply"] == 1.0);
  // Exact as a replay: the same change in a branch from month 5 gives the same rows.
  auto b = branch_parent.branch("kor", classroom::read_change(body, branch_parent.month(), branch_parent.running()));
  run_to(*b, 12);
  REQUIRE(b->rows().size() == v.rows().size());
  for (std::size_t k = 0; k < v.rows().size(); ++k) {
    REQUIRE(b->rows()[k].value == v.rows()[k].value);
    REQUIRE(b->rows()[k].baseline == v.rows()[k].baseline);
  }
  // The event log says what the group did.
  bool logged = false;
  for (const std::string& e : v.events())
    logged = logged || e.find("month 5: KOR's makers of equipment decline legal sales to targeted states with probability 1.00") != std::string::npos;
  CHECK(logged);
}
