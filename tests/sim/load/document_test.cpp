#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>

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

// The tree is built from the parser's events in one pass (load/yaml_tree.cpp); these
// cases pin what YAML::Load gave before: aliases are copies, keys keep their order,
// and each limit names the place it is crossed.
TEST_CASE("An alias is a copy of its anchored value, with the anchor's origin", "[load]") {
  const Node doc = parse_document("base: &b {x: 1, y: [2, 3]}\nuse: *b\nlist: [*b, *b]\n", "f.yaml");
  const Node* use = doc.find("use");
  REQUIRE(use);
  REQUIRE(use->kind == Node::Kind::map);
  CHECK(use->find("y")->items[1].scalar == "3");
  CHECK(use->origin.line == 1);  // where the anchored map was written
  CHECK(doc.find("list")->items.size() == 2);
  CHECK(doc.find("list")->items[1].find("x")->scalar == "1");
  std::vector<std::string> keys;
  for (const auto& e : doc.entries) keys.push_back(e.key);
  CHECK(keys == std::vector<std::string>{"base", "use", "list"});
}

TEST_CASE("Empty values, empty text and quoted scalars read as before", "[load]") {
  const Node doc = parse_document("a:\nb: []\nc: {}\nd: '5'\ne: 5\n", "f.yaml");
  CHECK(doc.find("a")->kind == Node::Kind::null);
  CHECK(doc.find("b")->kind == Node::Kind::sequence);
  CHECK(doc.find("b")->items.empty());
  CHECK(doc.find("c")->kind == Node::Kind::map);
  CHECK(doc.find("d")->quoted);
  CHECK_FALSE(doc.find("e")->quoted);
  const Node empty = parse_document("# nothing but a comment\n", "g.yaml");
  CHECK(empty.kind == Node::Kind::null);
  CHECK(empty.origin.line == 1);
}

namespace {
ScenarioError error_of(const std::string& text) {
  try {
    parse_document(text, "f.yaml");
  } catch (const ScenarioError& e) {
    return e;
  }
  FAIL("no error for: " << text);
  throw;  // not reached
}
}  // namespace

TEST_CASE("Each limit of a text names where it is crossed", "[load][errors]") {
  SECTION("a duplicate key, with its key path") {
    const auto e = error_of("a:\n  b: 1\n  c: 2\n  b: 3\n");
    CHECK(e.where().line == 4);
    CHECK(e.where().key_path == "a.b");
    CHECK_THAT(e.message(), Catch::Contains("appears twice"));
  }
  SECTION("a list as a map key") {
    const auto e = error_of("a:\n  ? [x, y]\n  : 1\n");
    CHECK(e.where().line == 2);
    CHECK(e.where().key_path == "a");
    CHECK_THAT(e.message(), Catch::Contains("plain name"));
  }
  SECTION("nesting: 64 levels below the root pass, 65 do not, also when an alias adds the depth") {
    std::string ok = "a: ", deep = "a: ";
    for (int k = 0; k < 64; ++k) ok += "[";
    for (int k = 0; k < 64; ++k) ok += "]";
    CHECK_NOTHROW(parse_document(ok, "f.yaml"));  // the innermost list is 64 levels below the root map
    for (int k = 0; k < 65; ++k) deep += "[";
    for (int k = 0; k < 65; ++k) deep += "]";
    CHECK_THAT(error_of(deep).message(), Catch::Contains("nest more than 64"));
    std::string anchored = "x: &t ";
    for (int k = 0; k < 40; ++k) anchored += "[";
    for (int k = 0; k < 40; ++k) anchored += "]";
    anchored += "\ny: ";
    for (int k = 0; k < 30; ++k) anchored += "[";
    anchored += "*t";
    for (int k = 0; k < 30; ++k) anchored += "]";
    const auto e = error_of(anchored + "\n");
    CHECK(e.where().line == 2);
    CHECK_THAT(e.message(), Catch::Contains("nest more than 64"));
  }
  SECTION("an alias bomb stops at the alias that passes the budget") {
    std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int k = 1; k <= 8; ++k) {
      bomb += "a" + std::to_string(k) + ": &a" + std::to_string(k) + " [";
      for (int j = 0; j < 10; ++j) bomb += (j ? ", *a" : "*a") + std::to_string(k - 1);
      bomb += "]\n";
    }
    // a_k holds 1 + 10 * (values of a_{k-1}) values: 11, 111, ..., 11,111 for a3, 111,111
    // for a4; the budget is 100,000 plus two per byte, so the bomb stops inside a4's list.
    const auto e = error_of(bomb);
    CHECK(e.where().line == 5);
    CHECK_THAT(e.where().key_path, Catch::StartsWith("a4["));
    CHECK_THAT(e.message(), Catch::Contains("through aliases"));
  }
  SECTION("a second document") {
    const auto e = error_of("a: 1\n---\nb: 2\n");
    CHECK(e.where().line == 2);
    CHECK_THAT(e.message(), Catch::Contains("second YAML document"));
  }
}

namespace {
// Writes `files` (name -> text) into a fresh directory and loads `main` from it.
Node load_files(const std::vector<std::pair<std::string, std::string>>& files, const std::string& main) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("regimesim_merge_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [name, text] : files) std::ofstream(dir / name) << text;
  struct Cleanup {
    fs::path d;
    ~Cleanup() { fs::remove_all(d); }
  } cleanup{dir};
  return load_document((dir / main).string());
}
std::vector<std::string> ids(const Node& list, const char* key = "id") {
  std::vector<std::string> out;
  for (const auto& e : list.items) out.push_back(e.find(key)->scalar);
  return out;
}
}  // namespace

TEST_CASE("Included lists merge by id: same id merges key by key, a new id is appended", "[load][include]") {
  const Node doc = load_files({{"base.yaml", "items:\n  - {id: a, x: 1, y: 2, m: {p: 1, q: 2}}\n  - {id: b, x: 3}\n"
                                             "states:\n  - {code: USA, d: {cars: 5}}\n  - {code: CHN}\n"
                                             "members: [USA, CHN]\n"},
                               {"main.yaml", "include: base.yaml\nitems:\n  - {id: c, x: 5}\n  - {id: a, x: 10, m: {q: 20}}\n"
                                             "states:\n  - {code: USA, d: {chips: 1}}\nmembers: [JPN]\n"}},
                              "main.yaml");
  const Node& items = *doc.find("items");
  CHECK(ids(items) == std::vector<std::string>{"a", "b", "c"});  // the included order, then the new ids
  CHECK(items.items[0].find("x")->scalar == "10");
  CHECK(items.items[0].find("y")->scalar == "2");
  CHECK(items.items[0].find("m")->find("p")->scalar == "1");
  CHECK(items.items[0].find("m")->find("q")->scalar == "20");
  const Node& usa = doc.find("states")->items[0];
  CHECK(ids(*doc.find("states"), "code") == std::vector<std::string>{"USA", "CHN"});
  CHECK(usa.find("d")->find("cars")->scalar == "5");
  CHECK(usa.find("d")->find("chips")->scalar == "1");
  // A list of values is not merged: the including file's replaces it.
  CHECK(doc.find("members")->items.size() == 1);
}

TEST_CASE("An included element is removed with remove: true, and an empty list replaces", "[load][include]") {
  const Node doc = load_files({{"base.yaml", "items:\n  - {id: a}\n  - {id: b}\n  - {id: c}\ncontrols:\n  - {id: k}\n"},
                               {"main.yaml", "include: base.yaml\nitems:\n  - {id: b, remove: true}\ncontrols: []\n"}},
                              "main.yaml");
  CHECK(ids(*doc.find("items")) == std::vector<std::string>{"a", "c"});
  CHECK(doc.find("controls")->items.empty());
  try {
    load_files({{"base.yaml", "items:\n  - {id: a}\n"}, {"main.yaml", "include: base.yaml\nitems:\n  - {id: z, remove: true}\n"}},
               "main.yaml");
    FAIL("removing an element the list does not have was accepted");
  } catch (const ScenarioError& e) {
    CHECK(e.where().line == 3);
    CHECK_THAT(e.message(), Catch::Contains("no element with id 'z'"));
  }
}
