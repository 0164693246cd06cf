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

namespace {
const nlohmann::json kDutchToolMakers = nlohmann::json::array({{{"state", "NLD"}, {"items", {"equipment"}}, {"name", "Dutch tool makers"}}});
}  // namespace

TEST_CASE("A firm team plays a state's makers of some items, and decides for them only", "[classroom][class][firms]") {
  const Scenario sc = pair_world();  // main_three (USA, NLD, JPN) embargo equipment to CHN from month 2
  ClassRoster roster("ABCDE", {"NLD", "CHN"}, 0, sc, kDutchToolMakers);
  REQUIRE(roster.teams().size() == 3);
  const classroom::Team& spec = roster.teams()[2];
  CHECK(spec.id == "NLD-firms");
  CHECK(spec.firms());
  CHECK(spec.state == "NLD");
  CHECK(spec.items == std::vector<std::string>{"equipment"});
  CHECK(spec.name == "Dutch tool makers");
  // The state's team joins by its code, the firm team by its id, each once.
  auto& nl = roster.join("NLD", "t-nl");
  CHECK(!nl.firms());
  // Before the firm team has joined, the state's team may set its exporters' over-compliance.
  roster.decide(nl, {{"over_comply", 0.5}}, 0, sc);
  auto& firms = roster.join("NLD-firms", "t-firms");
  CHECK(&firms == &roster.teams()[2]);
  CHECK(status_of([&] { roster.join("NLD-firms", "again"); }) == 409);
  CHECK(roster.by_token("t-firms") == &firms);

  // State decisions are its state's: refused (403); what is no decision: 400.
  for (const char* key : {"coalition", "vote", "enforcement", "divert", "retaliate"}) {
    INFO(key);
    CHECK(status_of([&] { roster.decide(firms, {{key, "join"}}, 0, sc); }) == 403);
  }
  CHECK(status_of([&] { roster.decide(firms, {{"launch", 1}}, 0, sc); }) == 400);
  CHECK(status_of([&] { roster.decide(firms, {{"over_comply", 2}}, 0, sc); }) == 400);
  CHECK(!firms.decision);
  roster.decide(firms, {{"over_comply", 1.0}, {"fronts", 0.0}}, 3, sc);
  REQUIRE(firms.changes.size() == 2);
  using Kind = classroom::ParameterChange::Kind;
  CHECK(firms.changes[0].kind == Kind::group_over_compliance);
  CHECK(firms.changes[1].kind == Kind::group_fronts);
  for (const auto& c : firms.changes) {
    CHECK(c.state == "NLD");
    CHECK(c.items == std::vector<std::string>{"equipment"});
    CHECK(c.month == 3);
    CHECK(c.by == "Dutch tool makers' team");
  }
  CHECK(firms.changes[0].value == 1.0);
  CHECK(firms.changes[1].value == 0.0);
  CHECK(ClassRoster::words(*firms.decision) ==
        "its exporters over-comply with probability 1.00; its makers take orders through fronts with probability 0.00");
  // While the firm team plays, its state's team cannot set their over-compliance (409),
  // and its other decisions stand.
  CHECK(status_of([&] { roster.decide(nl, {{"over_comply", 0.2}}, 3, sc); }) == 409);
  roster.decide(nl, {{"enforcement", 0.9}}, 3, sc);
  CHECK(nl.changes.size() == 1);

  // Written into the scenario: the group's values, not the state's.
  Scenario changed = sc;
  for (const auto& c : firms.changes) classroom::write_into(changed, c);
  const StateId nld = *sc.world.find_state("NLD");
  const ItemId eq = *sc.world.find_item("equipment");
  REQUIRE(changed.responses.over_compliance.by_maker_group.size() == 1);
  CHECK(changed.responses.over_compliance.by_maker_group[0].state == nld);
  CHECK(changed.responses.over_compliance.by_maker_group[0].items == std::vector<ItemId>{eq});
  CHECK(changed.responses.over_compliance.by_state.empty());
  REQUIRE(changed.responses.diversion.fronts_by_maker_group.size() == 1);
  CHECK(changed.responses.diversion.fronts_by_maker_group[0].value == 0.0);
  // Set again, the group's value replaces its own.
  classroom::write_into(changed, classroom::read_change({{"kind", "group_over_compliance"}, {"state", "NLD"},
                                                          {"items", {"equipment"}}, {"value", 0.25}}, 4, changed));
  REQUIRE(changed.responses.over_compliance.by_maker_group.size() == 1);
  CHECK(changed.responses.over_compliance.by_maker_group[0].value == 0.25);
}

TEST_CASE("Firm teams are checked when the class opens", "[classroom][class][firms]") {
  const Scenario sc = pair_world();
  using nlohmann::json;
  auto opens = [&](const json& firm_teams) { return status_of([&] { ClassRoster("X", {"CHN"}, 0, sc, firm_teams); }); };
  CHECK(opens(json::array({{{"state", "NLD"}, {"items", {"chips"}}}})) == 400);      // no Dutch firm makes chips
  CHECK(opens(json::array({{{"state", "XYZ"}, {"items", {"equipment"}}}})) == 400);  // no such state
  CHECK(opens(json::array({{{"state", "NLD"}, {"items", {"lasers"}}}})) == 400);     // no such item
  CHECK(opens(json::array({{{"state", "NLD"}}})) == 400);                            // neither items nor category
  CHECK(opens(json::array({{{"state", "NLD"}, {"items", {"equipment"}}, {"category", "x"}}})) == 400);
  CHECK(opens(json::array({{{"state", "NLD"}, {"items", {"equipment"}}, {"colour", "red"}}})) == 400);
  CHECK(opens(json::array({{{"state", "CHN"}, {"category", "semiconductor_equipment"}}})) == 400);  // CHN makes none
  CHECK(opens(json::array({{{"state", "NLD"}, {"items", {"equipment"}}}, {{"state", "NLD"}, {"items", {"equipment"}}}})) ==
        400);  // one maker, two teams
  CHECK(opens(json::array({{{"state", "NLD"}, {"items", {"equipment"}}, {"id", "CHN"}}})) == 400);  // the state team's id
  CHECK(opens(json::object()) == 400);
  json many = json::array();
  for (const char* s : {"USA", "NLD", "JPN", "KOR"}) many.push_back({{"state", s}, {"items", {"equipment"}}});
  CHECK(status_of([&] { ClassRoster("X", {}, 0, sc, json::array()); }) == 400);  // no team at all
  CHECK(status_of([&] {
          ClassRoster("X", {"USA", "NLD", "JPN", "KOR", "CHN"}, 0, sc, many);
        }) == 0);  // nine teams
  // A category, by name or as list:category, is the state's makers of its items.
  for (const char* cat : {"semiconductor_equipment", "national:semiconductor_equipment"}) {
    ClassRoster r("X", {}, 0, sc, json::array({{{"state", "KOR"}, {"category", cat}}}));
    REQUIRE(r.teams().size() == 1);
    CHECK(r.teams()[0].items == std::vector<std::string>{"equipment"});
    CHECK(r.teams()[0].id == "KOR-firms");
    CHECK(r.teams()[0].name == "KOR's makers of equipment");
  }
}

TEST_CASE("A firm team's brief says what its makers make, who buys it and what the controls do", "[classroom][class][firms]") {
  // At baseline China's fab buys 10 equipment a month, 3.5 of it Dutch, and its rocket
  // and gadget makers 1 each from the US maker: the Dutch makers make 3.5 of 12 (29%),
  // every unit of it sold to China, the target.
  classroom::VariantRun v("trio", pair_world());
  ClassRoster roster("X", {}, 0, v.running(), kDutchToolMakers);
  const std::string b = ClassRoster::firm_brief(roster.teams()[0], *v.prepared(), 0);
  INFO(b);
  CHECK(b.rfind("You are Dutch tool makers: 1 firm of NLD making equipment, 29% of the world's output", 0) == 0);
  CHECK(b.find("Your buyers there: CHN 100%; 100% of your sales go to the controls' targets") != std::string::npos);
  CHECK(b.find("Your competitors: USA 50%; JPN 12%; KOR 8%") != std::string::npos);  // 6, 1.5, 1 of 12
  CHECK(b.find("eq (embargo by main_three, from month 2, aimed at CHN): your state applies it") != std::string::npos);
  // Once the Netherlands has left, the brief says so; the baseline part is kept.
  Scenario left = v.running();
  classroom::write_into(left, classroom::read_change({{"kind", "leave"}, {"state", "NLD"}}, 3, left));
  classroom::VariantRun after("trio", left);
  const std::string b5 = ClassRoster::firm_brief(roster.teams()[0], *after.prepared(), 5);
  CHECK(b5.find("eq (embargo by main_three, from month 2, aimed at CHN): your state does not apply it") != std::string::npos);
  CHECK(b5.find("Your state applies none") != std::string::npos);
  CHECK(ClassRoster::firm_brief(roster.teams()[0], *after.prepared(), 2).find("your state applies it") != std::string::npos);
}
