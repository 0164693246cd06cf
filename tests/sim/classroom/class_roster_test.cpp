// The role play's bookkeeping: who may act for which state, what a team's decision
// becomes, and when a round is complete.
#include <algorithm>
#include <catch2/catch.hpp>

#include "../policy/instrument_worlds.hpp"
#include "classroom/session.hpp"
#include "load/scenario_loader.hpp"

using namespace regimesim;
using classroom::BadRequest;
using classroom::ClassRoster;

namespace {
Scenario pair_world() {
  std::string yaml = testing::four_suppliers_yaml(
      "controls:\n  - {id: eq, instrument: embargo, issuer: main_three, items: [equipment], destinations: [CHN], start: 2}\n");
  return load::load_scenario_text(yaml, "four.yaml");
}
int status_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const BadRequest& e) {
    return e.status;
  }
  return 0;
}
}  // namespace

TEST_CASE("A team joins once for its state, and its token is its own", "[classroom][class]") {
  const Scenario sc = pair_world();
  ClassRoster roster("ABCDE", {"USA", "JPN", "KOR", "CHN"}, 0, sc);
  auto& jp = roster.join("JPN", "token-jp");
  CHECK(jp.name == "JPN");
  CHECK(status_of([&] { roster.join("JPN", "another"); }) == 409);  // taken
  CHECK(status_of([&] { roster.join("NLD", "nl"); }) == 400);       // no team for NLD
  CHECK(roster.by_token("token-jp") == &jp);
  CHECK(roster.by_token("wrong") == nullptr);
  CHECK(roster.by_token("") == nullptr);
  CHECK(status_of([&] { ClassRoster("X", {"USA", "USA"}, 0, sc); }) == 400);
}

TEST_CASE("Decisions become the team's own state's changes, and a round closes when every joined team decided",
          "[classroom][class]") {
  const Scenario sc = pair_world();
  ClassRoster roster("ABCDE", {"JPN", "KOR", "CHN"}, 0, sc);
  auto& jp = roster.join("JPN", "t1");
  auto& kr = roster.join("KOR", "t2");
  CHECK(!roster.all_decided());
  roster.decide(jp, {{"coalition", "leave"}, {"enforcement", 0.9}}, 4, sc);
  CHECK(!roster.all_decided());  // KOR has joined and not decided; CHN has no browser yet
  CHECK(status_of([&] { roster.decide(kr, {{"coalition", "leave"}}, 4, sc); }) == 409);  // KOR is not in it
  CHECK(status_of([&] { roster.decide(kr, {{"launch", "missiles"}}, 4, sc); }) == 400);
  roster.decide(kr, {{"coalition", "join"}, {"vote", "abstain"}}, 4, sc);
  CHECK(roster.all_decided());
  const auto changes = roster.close_round();
  REQUIRE(changes.size() == 3);
  CHECK(changes[0].kind == classroom::ParameterChange::Kind::leave);
  CHECK(changes[0].state == "JPN");
  CHECK(changes[1].kind == classroom::ParameterChange::Kind::enforcement);
  CHECK(changes[1].state == "JPN");
  CHECK(changes[1].value == 0.9);
  CHECK(changes[2].kind == classroom::ParameterChange::Kind::join);
  CHECK(changes[2].state == "KOR");
  CHECK(changes[2].month == 4);
  CHECK(roster.round() == 2);
  CHECK(!roster.all_decided());
}

TEST_CASE("A class round applies the decisions, steps a month and records the debrief", "[classroom][class]") {
  std::vector<std::unique_ptr<classroom::VariantRun>> runs;
  runs.push_back(std::make_unique<classroom::VariantRun>("trio", pair_world()));
  classroom::Session s("s1", "teacher", std::move(runs));
  s.step(3);
  auto& roster = s.open_class(0, {"JPN", "KOR"}, 0, "CODE1");
  auto& kr = roster.join("KOR", "t-kr");
  roster.decide(kr, {{"coalition", "join"}}, s.variant(0).month(), s.variant(0).running());
  const auto out = s.advance_round();
  CHECK(out["month"] == 4);
  CHECK(s.variant(0).changes().size() == 1);
  REQUIRE(roster.debrief().size() == 1);
  CHECK(roster.debrief()[0].state == "KOR");
  CHECK(roster.debrief()[0].month == 3);
  const std::string csv = roster.debrief_csv();
  CHECK(csv.rfind("round,month,state,decision,", 0) == 0);
  CHECK(csv.find("1,3,KOR,\"joins the coalition\",") != std::string::npos);
  // The measured effect is the variant's own figure for the month that followed.
  double denial = -1;
  for (const auto& r : s.variant(0).rows())
    if (r.step == 3 && r.metric == output::Metric::denial_effectiveness && r.state == output::kWorld) denial = r.value;
  CHECK(denial > 0);
  CHECK(roster.debrief()[0].denial == denial);
}

TEST_CASE("A targeted team retaliates on what its state dominates, against the states that control it",
          "[classroom][class][retaliate]") {
  const Scenario sc = pair_world();  // main_three (USA, NLD, JPN) embargo equipment to CHN from month 2
  ClassRoster roster("ABCDE", {"CHN", "KOR", "JPN"}, 0, sc);
  auto& cn = roster.join("CHN", "t-cn");
  auto& kr = roster.join("KOR", "t-kr");
  auto& jp = roster.join("JPN", "t-jp");
  CHECK(status_of([&] { roster.decide(kr, {{"retaliate", true}}, 0, sc); }) == 409);  // no control aims at Korea
  CHECK(status_of([&] { roster.decide(jp, {{"retaliate", true}}, 0, sc); }) == 409);  // nor at Japan, which applies it
  CHECK(status_of([&] { roster.decide(cn, {{"retaliate", "yes"}}, 0, sc); }) == 400);
  CHECK(status_of([&] { roster.decide(cn, {{"retaliate", 1.5}}, 0, sc); }) == 400);
  roster.decide(cn, {{"retaliate", true}}, 0, sc);
  CHECK(ClassRoster::words(*cn.decision) == "retaliates on what it dominates");
  const auto changes = roster.close_round();
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].kind == classroom::ParameterChange::Kind::retaliate);
  CHECK(changes[0].value == classroom::kRetaliationApproval);

  Scenario changed = sc;
  classroom::write_into(changed, changes[0]);
  REQUIRE(changed.controls.size() == 2);
  const Control& r = changed.controls[1];
  CHECK(r.id == "retaliation_by_CHN");
  CHECK(r.issuer.members == std::vector<StateId>{*sc.world.find_state("CHN")});
  std::vector<StateId> three{*sc.world.find_state("USA"), *sc.world.find_state("NLD"), *sc.world.find_state("JPN")};
  std::sort(three.begin(), three.end());
  CHECK(r.destinations.states == three);
  CHECK(r.items.size() == sc.world.items.size());  // the plan keeps what China dominates
  CHECK(r.dominance == classroom::kRetaliationDominance);
  CHECK(r.start_step == 0);

  // China makes all the chips, rockets and gadgets and none of the equipment: the plan
  // keeps those three, and the log says so when the counter-control starts.
  classroom::VariantRun v("trio", sc);
  v.apply(changes[0]);
  v.step();
  bool named = false;
  for (const std::string& e : v.events())
    named = named || e.find("what it dominates: chips, rockets, gadgets") != std::string::npos;
  CHECK(named);
  CHECK(status_of([&] { classroom::read_change({{"kind", "retaliate"}, {"state", "CHN"}}, 1, v.running()); }) == 409);

  // Leaving "the controls" afterwards leaves the circle's, not China's counter-control,
  // which Japan never applied; a licence approval for "the controls" leaves it alone too.
  const auto leave = classroom::read_change({{"kind", "leave"}, {"state", "JPN"}}, 1, v.running());
  const auto approval = classroom::read_change({{"kind", "approval"}, {"value", 0.25}}, 1, v.running());
  Scenario after = v.running();
  classroom::write_into(after, leave);
  classroom::write_into(after, approval);
  CHECK(after.controls[0].issuer.changes.size() == 1);
  CHECK(after.controls[1].issuer.changes.empty());
  CHECK(after.controls[0].licensing.approval_probability == 0.25);
  CHECK(after.controls[1].licensing.approval_probability == classroom::kRetaliationApproval);
}
