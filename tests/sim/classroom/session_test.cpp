// The debrief's effects: each decision alone, against the session replayed without that
// one decision, everything else kept (Session::measure_debrief).
#include <catch2/catch.hpp>

#include "../policy/instrument_worlds.hpp"
#include "classroom/session.hpp"
#include "load/scenario_loader.hpp"

using namespace regimesim;
using classroom::VariantRun;
using output::Metric;

namespace {
// USA, NLD and JPN embargo equipment to China from month 2; Korea (a tenth of China's
// equipment) and the rest stand by.
Scenario pair_world() {
  std::string yaml = testing::four_suppliers_yaml(
      "controls:\n  - {id: eq, instrument: embargo, issuer: main_three, items: [equipment], destinations: [CHN], start: 2}\n");
  return load::load_scenario_text(yaml, "four.yaml");
}

// A run built by hand, change by change at its month: what a replay without one
// decision should be.
struct ByHand {
  VariantRun run{"by hand", pair_world()};
  void change(const nlohmann::json& body) { run.apply(classroom::read_change(body, run.month(), run.running())); }
  void to(int month) {
    while (run.month() < month) run.step();
  }
};
}  // namespace

TEST_CASE("Each decision's effect is the session less the session replayed without that decision alone",
          "[classroom][class][debrief]") {
  std::vector<std::unique_ptr<VariantRun>> runs;
  runs.push_back(std::make_unique<VariantRun>("trio", pair_world()));
  classroom::Session s("s1", "teacher", std::move(runs));
  auto& roster = s.open_class(0, {"JPN", "KOR"}, 0, "CODE1", false);
  auto& jp = roster.join("JPN", "t-jp");
  auto& kr = roster.join("KOR", "t-kr");
  const auto decide = [&](classroom::Team& t, const nlohmann::json& d) {
    roster.decide(t, d, s.variant(0).month(), s.variant(0).running());
  };
  decide(jp, nlohmann::json::object());  // month 0: Japan changes nothing
  decide(kr, {{"coalition", "join"}});   // month 0: Korea joins ...
  s.advance_round();
  decide(kr, {{"coalition", "leave"}});  // month 1: ... and leaves before the embargo starts
  s.advance_round();
  s.step(2);
  decide(jp, {{"coalition", "leave"}});  // month 4: Japan leaves
  s.advance_round();
  s.step(2);  // months 5 and 6 run: the effects are measured at month 6
  s.measure_debrief();
  const auto& rows = roster.debrief();
  REQUIRE(rows.size() == 4);
  const auto &jp0 = rows[0], &kr0 = rows[1], &kr1 = rows[2], &jp4 = rows[3];
  REQUIRE((jp0.state == "JPN" && kr0.state == "KOR" && kr1.month == 1 && jp4.month == 4));
  for (const auto& r : rows) CHECK(r.effect_month == 6);
  const VariantRun& session = s.variant(0);
  const auto kor = session.running().world.find_state("KOR"), jpn = session.running().world.find_state("JPN");

  // Japan's first decision changed nothing: the same run, exactly.
  CHECK(jp0.denial_effect == 0.0);
  CHECK(jp0.controllers_loss_effect == 0.0);
  CHECK(jp0.own_output_loss_effect == 0.0);

  // Without Korea's join its leave no longer applies: the session without either. Korea
  // was a member only in months 0 and 1, before the embargo: no shipment differs, so
  // denial and Korea's output are exactly those of the session...
  CHECK(kr0.denial_effect == 0.0);
  CHECK(kr0.own_output_loss_effect == 0.0);
  // ... and only who counts as a controller does (a state that applies a control at any
  // month counts for the whole run): the effect is that of its own replay.
  ByHand without_korea;
  without_korea.to(4);
  without_korea.change({{"kind", "leave"}, {"state", "JPN"}});
  without_korea.to(7);
  CHECK(*kr0.controllers_loss_effect == session.value_at(Metric::controller_revenue_loss, 6) -
                                            without_korea.run.value_at(Metric::controller_revenue_loss, 6));

  // Without Korea's leave, Korea stays in from month 0: its tenth of the equipment is
  // denied too, so the leave lowered denial, by exactly the difference of the two runs.
  ByHand korea_stays;
  korea_stays.change({{"kind", "join"}, {"state", "KOR"}});
  korea_stays.to(4);
  korea_stays.change({{"kind", "leave"}, {"state", "JPN"}});
  korea_stays.to(7);
  REQUIRE(kr1.denial_effect.has_value());
  CHECK(*kr1.denial_effect < 0);
  CHECK(*kr1.denial_effect == session.value_at(Metric::denial_effectiveness, 6) -
                                  korea_stays.run.value_at(Metric::denial_effectiveness, 6));
  CHECK(*kr1.own_output_loss_effect == session.value_at(Metric::output_loss, 6, kor) -
                                           korea_stays.run.value_at(Metric::output_loss, 6, kor));

  // Japan's leave at month 4 lets its equipment through again: less denied than had it stayed.
  ByHand japan_stays;
  japan_stays.change({{"kind", "join"}, {"state", "KOR"}});
  japan_stays.to(1);
  japan_stays.change({{"kind", "leave"}, {"state", "KOR"}});
  japan_stays.to(7);
  CHECK(*jp4.denial_effect < 0);
  CHECK(*jp4.denial_effect == session.value_at(Metric::denial_effectiveness, 6) -
                                  japan_stays.run.value_at(Metric::denial_effectiveness, 6));
  CHECK(*jp4.own_output_loss_effect == session.value_at(Metric::output_loss, 6, jpn) -
                                           japan_stays.run.value_at(Metric::output_loss, 6, jpn));

  // Measured again only once the column moves on: a step measures at the new month.
  s.step(1);
  s.measure_debrief();
  CHECK(roster.debrief()[3].effect_month == 7);
}
