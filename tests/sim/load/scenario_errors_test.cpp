// Every kind of bad input gets one located error: file, line, column, key path.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "model/scenario_error.hpp"

using namespace regimesim;

namespace {

// A valid two-firm world; each test breaks one thing in it.
std::string world_text(const std::string& firm_state = "KOR", const std::string& capacity = "50",
                       const std::string& demand = "10", const std::string& ore_recipe = "") {
  return "name: t\nsteps: 4\nworld:\n"
         "  states:\n"
         "    - {code: AUS}\n"
         "    - {code: KOR, final_demand: {steel: " + demand + "}}\n"
         "  items:\n"
         "    - {id: ore" + ore_recipe + "}\n"
         "    - {id: steel, recipe: {ore: 0.5}}\n"
         "  firms:\n"
         "    - {id: mine, state: AUS, item: ore, capacity: 20}\n"
         "    - {id: mill, state: " + firm_state + ", item: steel, capacity: " + capacity + "}\n"
         "  links:\n"
         "    - {supplier: mine, buyer: mill, volume: 1}\n";
}

ScenarioError error_of(const std::string& text) {
  try {
    ensemble::prepare(load::load_scenario_text(text, "t.yaml"));
  } catch (const ScenarioError& e) {
    return e;
  }
  FAIL("no error raised for:\n" << text);
  throw;
}

}  // namespace

TEST_CASE("The unbroken world loads", "[load][errors]") {
  const auto p = ensemble::prepare(load::load_scenario_text(world_text(), "t.yaml"));
  CHECK(p->scenario.world.firms.size() == 2);
  CHECK(p->equilibrium.output[1] == Approx(10.0));
  CHECK(p->equilibrium.output[0] == Approx(5.0));
}

TEST_CASE("An unknown key names the key, suggests the nearest and lists the valid ones", "[load][errors]") {
  auto text = world_text();
  text.replace(text.find("capacity: 50"), 8, "capcity");
  const auto e = error_of(text);
  CHECK(e.where().file == "t.yaml");
  CHECK(e.where().line == 12);
  CHECK(e.where().column == 43);
  CHECK(e.where().key_path == "world.firms[1].capcity");
  CHECK_THAT(e.message(), Catch::Contains("did you mean 'capacity'"));
  CHECK_THAT(e.message(), Catch::Contains("valid keys here: id, state, item, capacity, end_use"));
}

TEST_CASE("An input no link supplies names the firm and the input; a link of volume 0 supplies nothing",
          "[load][errors]") {
  // A second mill buys its ore on a link of volume 0, and a third, listed after it, on a
  // link of volume 1: the firm short of an input is the second, and only it (not
  // covered by its neighbour's link).
  auto text = world_text();
  text.replace(text.find("  links:\n"), 9,
               "    - {id: mill2, state: KOR, item: steel, capacity: 5}\n"
               "    - {id: mill3, state: KOR, item: steel, capacity: 5}\n  links:\n"
               "    - {supplier: mine, buyer: mill3, volume: 1}\n"
               "    - {supplier: mine, buyer: mill2, volume: 0}\n");
  const auto e = error_of(text);
  CHECK_THAT(e.message(), Catch::Contains("firm 'mill2' makes 'steel', whose recipe needs 'ore', but no link with a "
                                          "positive volume supplies it"));
  CHECK(e.where().key_path == "world.firms[2]");
  // With a positive volume the same world loads.
  text.replace(text.find("buyer: mill2, volume: 0"), 23, "buyer: mill2, volume: 1");
  CHECK_NOTHROW(ensemble::prepare(load::load_scenario_text(text, "t.yaml")));
}

TEST_CASE("A wrong type says what was expected", "[load][errors]") {
  const auto e = error_of(world_text("KOR", "lots"));
  CHECK(e.where().key_path == "world.firms[1].capacity");
  CHECK(e.where().line == 12);
  CHECK_THAT(e.message(), Catch::Contains("expected a number, found 'lots'"));
}

TEST_CASE("A firm in an unknown state is a dangling reference", "[load][errors]") {
  const auto e = error_of(world_text("ATL"));
  CHECK(e.where().key_path == "world.firms[1].state");
  CHECK_THAT(e.message(), Catch::Contains("unknown state 'ATL'"));
}

TEST_CASE("A link to an unknown firm is a dangling reference", "[load][errors]") {
  auto text = world_text();
  text.replace(text.find("buyer: mill"), 11, "buyer: smelter");
  const auto e = error_of(text);
  CHECK(e.where().key_path == "world.links[0].buyer");
  CHECK(e.where().line == 14);
  CHECK_THAT(e.message(), Catch::Contains("unknown firm 'smelter'"));
}

TEST_CASE("Negative capacity and negative demand are refused", "[load][errors]") {
  auto e = error_of(world_text("KOR", "-5"));
  CHECK(e.where().key_path == "world.firms[1].capacity");
  CHECK_THAT(e.message(), Catch::Contains("must be zero or more"));
  e = error_of(world_text("KOR", "50", "-1"));
  CHECK(e.where().key_path == "world.states.KOR.final_demand.steel");
  CHECK(e.where().line == 6);
}

TEST_CASE("A recipe loop that uses more than it makes cannot be produced", "[load][errors]") {
  // ore needs 2.5 steel and steel needs 0.5 ore: the loop's gain is 1.25 > 1.
  const auto e = error_of(world_text("KOR", "50", "10", ", recipe: {steel: 2.5}"));
  CHECK(e.where().key_path == "world.items");
  CHECK_THAT(e.message(), Catch::Contains("spectral radius"));
  CHECK_THAT(e.message(), Catch::Contains("1.118"));  // sqrt(2.5 * 0.5)
}

TEST_CASE("A listed capacity below baseline output is refused with the output needed", "[load][errors]") {
  const auto e = error_of(world_text("KOR", "8"));
  CHECK(e.where().key_path == "world.firms[1].capacity");
  CHECK_THAT(e.message(), Catch::Contains("below the 10"));
}

TEST_CASE("A YAML syntax error points at the line", "[load][errors]") {
  const auto e = error_of("name: t\nworld: {states: [\n");
  CHECK(e.where().file == "t.yaml");
  CHECK(e.where().line >= 2);
  CHECK_THAT(e.message(), Catch::Contains("YAML syntax error"));
}

TEST_CASE("Missing keys, duplicates and bad choices are located", "[load][errors]") {
  auto e = error_of("name: t\n");
  CHECK_THAT(e.message(), Catch::Contains("missing required key 'world'"));
  auto dup = world_text();
  dup.replace(dup.find("id: mill"), 8, "id: mine");
  e = error_of(dup);
  CHECK(e.where().key_path == "world.firms[1].id");
  CHECK_THAT(e.message(), Catch::Contains("duplicate firm 'mine'"));
  auto bad_status = world_text();
  bad_status.replace(bad_status.find("{code: AUS}"), 11, "{code: AUS, status: rich}");
  e = error_of(bad_status);
  CHECK(e.where().key_path == "world.states.AUS.status");
  CHECK_THAT(e.message(), Catch::Contains("developed, developing, least_developed"));
}

TEST_CASE("A state's World Bank income group is read apart from its UN status, and a wrong one is located", "[load][errors]") {
  auto text = world_text();
  text.replace(text.find("{code: AUS}"), 11, "{code: AUS, status: developed, income_group: upper_middle}");
  const Scenario s = load::load_scenario_text(text, "t.yaml");
  REQUIRE(s.world.states[0].income_group.has_value());
  CHECK(*s.world.states[0].income_group == IncomeGroup::upper_middle);
  CHECK(s.world.states[0].status == DevelopmentStatus::developed);
  CHECK_FALSE(s.world.states[1].income_group.has_value());  // absent stays absent, no default group
  auto bad = world_text();
  bad.replace(bad.find("{code: AUS}"), 11, "{code: AUS, income_group: middle}");
  const auto e = error_of(bad);
  CHECK(e.where().file == "t.yaml");
  CHECK(e.where().line == 5);
  CHECK(e.where().key_path == "world.states.AUS.income_group");
  CHECK_THAT(e.message(), Catch::Contains("'middle'"));
  CHECK_THAT(e.message(), Catch::Contains("high, upper_middle, lower_middle, low"));
}

TEST_CASE("A firm whose recipe input has no supplier is refused", "[load][errors]") {
  auto text = world_text();
  text.erase(text.find("  links:"));
  const auto e = error_of(text);
  CHECK(e.where().key_path == "world.firms[1]");
  CHECK_THAT(e.message(), Catch::Contains("needs 'ore'"));
}

TEST_CASE("Includes: a missing file is located at the include line, and values merge", "[load][errors]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "regimesim_include_test";
  fs::create_directories(dir);
  { std::ofstream(dir / "world.yaml") << world_text(); }
  { std::ofstream(dir / "main.yaml") << "include: world.yaml\nname: merged\nsteps: 9\n"; }
  { std::ofstream(dir / "broken.yaml") << "name: x\ninclude: [world.yaml, nowhere.yaml]\n"; }
  const Scenario s = load::load_scenario((dir / "main.yaml").string(), {"world.states.KOR.final_demand.steel=12"});
  CHECK(s.name == "merged");
  CHECK(s.steps == 9);
  CHECK(s.world.firms.size() == 2);
  CHECK(s.world.states[1].final_demand[0].second == 12.0);
  try {
    load::load_scenario((dir / "broken.yaml").string());
    FAIL("missing include accepted");
  } catch (const ScenarioError& e) {
    CHECK(e.where().line == 2);
    CHECK(e.where().column == 23);
    CHECK(e.where().key_path == "include[1]");
    CHECK_THAT(e.message(), Catch::Contains("nowhere.yaml"));
  }
  fs::remove_all(dir);
}

TEST_CASE("Control errors name the control's key path and what would be valid", "[load][errors][controls]") {
  auto with_control = [](const std::string& control) { return world_text() + "controls:\n  - " + control + "\n"; };
  {
    const auto e = error_of(with_control("{id: c, instrument: embargo, issuer: ATL, items: [ore], destinations: [KOR]}"));
    CHECK(e.where().key_path == "controls[0].issuer");
    CHECK(e.where().line == 16);
    CHECK_THAT(e.message(), Catch::Contains("neither a state code"));
  }
  {
    const auto e = error_of(with_control("{id: c, instrument: embargo, issuer: AUS, items: [wmd:nuclear], destinations: [KOR]}"));
    CHECK(e.where().key_path == "controls[0].items[0]");
    CHECK_THAT(e.message(), Catch::Contains("matches no item"));
  }
  {
    const auto e = error_of(with_control(
        "{id: c, instrument: embargo, issuer: AUS, items: [ore], destinations: [KOR], licence: {delay_steps: 2}}"));
    CHECK(e.where().key_path == "controls[0].licence");
    CHECK_THAT(e.message(), Catch::Contains("only to licence_requirement, presumption_of_denial and quota"));
  }
  {
    const auto e = error_of(with_control(
        "{id: c, instrument: licence_requirement, issuer: AUS, items: [ore], destinations: [KOR], "
        "licence: {approval_probability: 1.5}}"));
    CHECK(e.where().key_path == "controls[0].licence.approval_probability");
    CHECK_THAT(e.message(), Catch::Contains("between 0 and 1"));
  }
  {
    const auto e = error_of(with_control("{id: c, instrument: embargo, issuer: AUS, items: [ore], destinations: [KOR], "
                                         "consensus: true}"));
    CHECK_THAT(e.message(), Catch::Contains("only a regime decides by consensus"));
  }
}

TEST_CASE("Quota errors name the quota's key path and what would be valid", "[load][errors][controls][quota]") {
  auto with_control = [](const std::string& control) { return world_text() + "controls:\n  - " + control + "\n"; };
  const std::string head = "{id: q, instrument: quota, issuer: AUS, items: [ore], destinations: [KOR], start: 2";
  struct Case {
    std::string control, key_path, says;
  };
  const std::vector<Case> cases{
      {head + "}", "controls[0]", "missing required key 'quota'"},
      {head + ", quota: {ceiling: {share: 1.5}}}", "controls[0].quota.ceiling.share", "between 0 and 1"},
      {head + ", quota: {ceiling: {volume: -1}}}", "controls[0].quota.ceiling.volume", "zero or more"},
      {head + ", quota: {ceiling: {share: 0.5, volume: 3}}}", "controls[0].quota.ceiling.volume", "not both"},
      {head + ", quota: {ceiling: {}}}", "controls[0].quota.ceiling", "'share'"},
      {head + ", quota: {ceiling: {share: 0.5}, allocation: lottery}}", "controls[0].quota.allocation",
       "pro_rata, first_come"},
      {head + ", quota: {ceiling: {share: 0.5}, changes: [{at: 2, share: 0.1}]}}", "controls[0].quota.changes[0].at",
       "after 2"},
      {head + ", quota: {ceiling: {share: 0.5}, changes: [{at: 3, share: 0.1}, {at: 3, share: 0.2}]}}",
       "controls[0].quota.changes[1].at", "after 3"},
      {head + ", quota: {ceiling: {share: 0.5}}, exceptions: [AUS]}", "controls[0].exceptions",
       "only to licence_requirement and presumption_of_denial"},
      {"{id: e, instrument: embargo, issuer: AUS, items: [ore], destinations: [KOR], quota: {ceiling: {share: 1}}}",
       "controls[0].quota", "only to instrument: quota"},
  };
  for (const Case& c : cases) {
    INFO(c.control);
    const auto e = error_of(with_control(c.control));
    CHECK(e.where().key_path == c.key_path);
    CHECK(e.where().line > 0);
    CHECK_THAT(e.message(), Catch::Contains(c.says));
  }
}
