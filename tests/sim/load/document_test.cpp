#include <catch2/catch.hpp>

#include "load/document.hpp"
#include "model/scenario_error.hpp"

using namespace regimesim;
using namespace regimesim::load;

TEST_CASE("Nodes remember the line and column they were written at", "[load]") {
  const Node doc = parse_document("a: 1\nb:\n  c: [x, y]\n", "f.yaml");
  const Node* c = doc.find("b")->find("c");
  REQUIRE(c);
  CHECK(c->origin.file == "f.yaml");
  CHECK(c->origin.line == 3);
  CHECK(c->origin.column == 6);
  CHECK(c->items[1].scalar == "y");
  CHECK(c->items[1].origin.column == 10);
}

TEST_CASE("Overrides address map keys, indices and element ids", "[load]") {
  Node doc = parse_document("steps: 3\nworld:\n  states:\n    - {code: USA, name: U}\n    - {code: CHN}\n", "f.yaml");
  apply_override(doc, "steps=36");
  apply_override(doc, "world.states.CHN.name=China");
  apply_override(doc, "world.states[0].final_demand.cars=5");
  CHECK(doc.find("steps")->scalar == "36");
  CHECK(doc.find("world")->find("states")->items[1].find("name")->scalar == "China");
  CHECK(doc.find("world")->find("states")->items[0].find("final_demand")->find("cars")->scalar == "5");
  CHECK_THROWS_AS(apply_override(doc, "world.states.FRA.name=France"), ScenarioError);
  CHECK_THROWS_AS(apply_override(doc, "no-equals-sign"), ScenarioError);
}

TEST_CASE("The resolved document becomes typed JSON", "[load]") {
  const Node doc = parse_document("a: 1\nb: 2.5\nc: 'x'\nd: \"007\"\ne: true\nf: ~\n", "f.yaml");
  CHECK(to_json_text(doc) ==
        "{\n  \"a\": 1,\n  \"b\": 2.5,\n  \"c\": \"x\",\n  \"d\": \"007\",\n  \"e\": true,\n  \"f\": null\n}");
}
