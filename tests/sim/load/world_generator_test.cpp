// The generated world reproduces its production shares exactly, whatever the draw:
// checked against the Leontief solution worked out by hand on a small world, and on the
// default world at two scales.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <string>

#include <tbb/task_arena.h>

#include "assessment/world_fidelity.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "load/sourcing_line.hpp"
#include "model/scenario_error.hpp"

using namespace regimesim;

namespace {

// Steel needs 0.5 ore per unit. Final users buy 60 steel in KOR and 40 in JPN, and 10 ore
// in JPN. By hand: steel X = 100, ore X = 0.5 x 100 + 10 = 60. Shares: ore AUS 0.75,
// CHN 0.25 -> 45 and 15; steel CHN 0.6, KOR 0.4 -> 60 and 40.
const char* kWorld = R"(name: shares
world:
  states:
    - {code: AUS}
    - {code: CHN}
    - {code: KOR, final_demand: {steel: 60}}
    - {code: JPN, final_demand: {steel: 40, ore: 10}}
  items:
    - {id: ore, tier: 1}
    - {id: steel, tier: 2, recipe: {ore: 0.5}}
  generate:
    seed: 3
    firms_per_state: 4
    links_per_input: 2
    firm_size_spread: 0.8
    production:
      ore: {AUS: 0.75, CHN: 0.25}
      steel: {CHN: 0.6, KOR: 0.4}
)";

std::map<std::string, double> output_by_state_item(const ensemble::PreparedScenario& p) {
  std::map<std::string, double> out;
  const World& w = p.scenario.world;
  for (FirmId f = 0; f < w.firms.size(); ++f)
    out[w.items[w.firms[f].item].id + "@" + w.states[w.firms[f].state].code] += p.equilibrium.output[f];
  return out;
}

}  // namespace

TEST_CASE("The sourcing line gives each buyer its need and each supplier its segment", "[load][generate]") {
  // Buyers A = 3, B = 1 along suppliers X = 2, Y = 2: A takes X's 2 and 1 of Y, B the rest of Y.
  const auto o = load::overlap_along_line({{0, 3}, {1, 1}}, {{10, 2}, {11, 2}});
  REQUIRE(o.size() == 3);
  CHECK((o[0].buyer == 0 && o[0].supplier == 10 && o[0].amount == 2));
  CHECK((o[1].buyer == 0 && o[1].supplier == 11 && o[1].amount == 1));
  CHECK((o[2].buyer == 1 && o[2].supplier == 11 && o[2].amount == 1));
  CHECK_THROWS_AS(load::overlap_along_line({{0, 3}}, {{10, 2}}), std::logic_error);
}

TEST_CASE("A generated world makes each state's data share of each item, by the Leontief solution",
          "[load][generate]") {
  for (const std::string seed : {"3", "4", "99"}) {
    const auto p = ensemble::prepare(load::load_scenario_text(kWorld, "shares.yaml", {"world.generate.seed=" + seed}));
    auto out = output_by_state_item(*p);
    CHECK(out["ore@AUS"] == Approx(45).epsilon(1e-9));
    CHECK(out["ore@CHN"] == Approx(15).epsilon(1e-9));
    CHECK(out["steel@CHN"] == Approx(60).epsilon(1e-9));
    CHECK(out["steel@KOR"] == Approx(40).epsilon(1e-9));
    // each firm holds its market weight of its item's output (sizes vary with the seed)
    const World& w = p->scenario.world;
    for (FirmId f = 0; f < w.firms.size(); ++f) {
      const double total = w.items[w.firms[f].item].id == "ore" ? 60 : 100;
      CHECK(p->equilibrium.output[f] == Approx(total * w.firms[f].market_weight).epsilon(1e-9));
    }
    // the line makes few links: at most one per piece plus one per supplier boundary
    // (8 steel makers x 2 pieces + 8 ore makers - 1), and every steel maker has ore
    std::set<std::pair<FirmId, FirmId>> pairs;
    std::set<FirmId> buyers;
    for (const auto& l : w.links) {
      pairs.insert({l.buyer, l.supplier});
      buyers.insert(l.buyer);
    }
    CHECK(pairs.size() <= 8 * 2 + 8 - 1);
    CHECK(buyers.size() == 8);
    // each buying state's firms together source ore from AUS at its world share, 0.75, to
    // within the pieces at the ends of AUS's stretch: here 2 pieces of the largest size
    std::map<std::string, double> ore_in, ore_from_aus;
    double largest_piece = 0;
    for (FirmId b = 0; b < w.firms.size(); ++b)
      if (w.items[w.firms[b].item].id == "steel") largest_piece = std::max(largest_piece, 0.5 * p->equilibrium.output[b] / 2);
    for (const auto& link : w.links) {
      const std::string buyer_state = w.states[w.firms[link.buyer].state].code;
      ore_in[buyer_state] += link.volume;
      if (w.states[w.firms[link.supplier].state].code == "AUS") ore_from_aus[buyer_state] += link.volume;
    }
    for (const char* st : {"CHN", "KOR"}) {
      INFO(st << " buys " << ore_in[st] << " ore, " << ore_from_aus[st] << " from AUS");
      CHECK(std::abs(ore_from_aus[st] / ore_in[st] - 0.75) <= 2 * largest_piece / ore_in[st]);
    }
    // final users buy from each producing state in proportion to its share: KOR's 60 steel is
    // 36 from CHN and 24 from KOR
    double kor_from_chn = 0;
    for (const auto& l : w.final_demand_links)
      if (w.states[l.consumer].code == "KOR" && w.states[w.firms[l.supplier].state].code == "CHN") kor_from_chn += l.weight;
    CHECK(kor_from_chn == Approx(36).epsilon(1e-9));
  }
}

TEST_CASE("The default world matches its production shares at the default scale and at one firm per state",
          "[load][generate][default-world]") {
  for (const char* scale : {"10", "1"}) {
    const auto p = ensemble::prepare(load::load_scenario(REGIMESIM_SOURCE_DIR "/scenarios/baseline.yaml",
                                                         {std::string("world.generate.firms_per_state=") + scale}));
    const auto fid = assessment::measure_fidelity(p->scenario.world, p->equilibrium.output);
    INFO("firms_per_state " << scale << ": worst " << p->scenario.world.items[fid.shares[0].item].id << " "
                            << p->scenario.world.states[fid.shares[0].state].code << " data "
                            << fid.shares[0].data_share << " world " << fid.shares[0].world_share);
    CHECK(fid.large_shares > 100);  // every item's large shares are counted
    CHECK(fid.median_relative_error <= 0.05);
    CHECK(fid.max_abs_error <= 0.03);
    // exact, not merely within the bounds
    CHECK(fid.max_abs_error < 1e-9);
  }
}

TEST_CASE("Makers in a state with its own recipe (recipe_in) buy by it, and shares stay exact",
          "[load][generate]") {
  // Steel needs 0.5 ore, but KOR's makers use 0.25 ore and 0.2 coke. Steel X = 100
  // (CHN 60, KOR 40). By hand: ore = 0.5 x 60 + 0.25 x 40 + 10 (JPN's final demand) = 50,
  // so AUS makes 37.5 and CHN 12.5; coke = 0.2 x 40 = 8, all made in JPN.
  const char* world = R"(name: own-recipe
world:
  states:
    - {code: AUS}
    - {code: CHN}
    - {code: KOR, final_demand: {steel: 60}}
    - {code: JPN, final_demand: {steel: 40, ore: 10}}
  items:
    - {id: ore, tier: 1}
    - {id: coke, tier: 1}
    - {id: steel, tier: 2, recipe: {ore: 0.5}, recipe_in: {KOR: {ore: 0.25, coke: 0.2}}}
  generate:
    seed: 5
    firms_per_state: 3
    links_per_input: 2
    firm_size_spread: 0.5
    production:
      ore: {AUS: 0.75, CHN: 0.25}
      coke: {JPN: 1}
      steel: {CHN: 0.6, KOR: 0.4}
)";
  const auto p = ensemble::prepare(load::load_scenario_text(world, "own-recipe.yaml"));
  auto out = output_by_state_item(*p);
  CHECK(out["steel@CHN"] == Approx(60).epsilon(1e-9));
  CHECK(out["steel@KOR"] == Approx(40).epsilon(1e-9));
  CHECK(out["ore@AUS"] == Approx(37.5).epsilon(1e-9));
  CHECK(out["ore@CHN"] == Approx(12.5).epsilon(1e-9));
  CHECK(out["coke@JPN"] == Approx(8).epsilon(1e-9));
  const World& w = p->scenario.world;
  // Each steel maker receives its own recipe's inputs in proportion to its output.
  for (FirmId f = 0; f < w.firms.size(); ++f) {
    if (w.items[w.firms[f].item].id != "steel") continue;
    std::map<std::string, double> received;
    for (const auto& l : w.links)
      if (l.buyer == f) received[w.items[w.firms[l.supplier].item].id] += l.volume;
    const bool korean = w.states[w.firms[f].state].code == "KOR";
    const double x = p->equilibrium.output[f];
    CHECK(received["ore"] == Approx((korean ? 0.25 : 0.5) * x).epsilon(1e-9));
    CHECK(received["coke"] == Approx(korean ? 0.2 * x : 0.0).margin(1e-12));
  }
  // An unknown state is a located error.
  const std::string bad = std::string(world).replace(std::string(world).find("KOR: {ore"), 3, "KOX");
  try {
    load::load_scenario_text(bad, "own-recipe.yaml");
    FAIL("an unknown state in recipe_in was accepted");
  } catch (const ScenarioError& e) {
    CHECK(e.where().key_path == "world.items[2].recipe_in.KOX");
    CHECK_THAT(e.message(), Catch::Contains("unknown state 'KOX'"));
  }
}

TEST_CASE("Import shares fix a buying state's sources; RAS fits the rest to both margins", "[load][generate]") {
  // Ore is made in AUS (60) and BRA (40), for steel makers in JPN and KOR, each needing
  // 50 (steel 100 each side at 0.5 ore). The figure: 90% of JPN's ore imports come
  // from AUS. JPN makes no ore, so its imports are its whole need: 45 from AUS, and the
  // other 5 from BRA, the only other maker. KOR gets what is left: AUS 60 - 45 = 15,
  // BRA 40 - 5 = 35. Proportional sourcing would have given each 30 and 20.
  const char* world = R"(name: import-shares
world:
  states:
    - {code: AUS}
    - {code: BRA}
    - {code: JPN, final_demand: {steel: 100}}
    - {code: KOR, final_demand: {steel: 100}}
  items:
    - {id: ore, tier: 1}
    - {id: steel, tier: 2, recipe: {ore: 0.5}}
  generate:
    seed: 9
    firms_per_state: 3
    links_per_input: 3
    firm_size_spread: 0.7
    production:
      ore: {AUS: 0.6, BRA: 0.4}
      steel: {JPN: 0.5, KOR: 0.5}
    import_shares:
      - {buyer: JPN, item: ore, from: {AUS: 0.9}}
)";
  for (const std::string seed : {"9", "10"}) {
    const auto p = ensemble::prepare(load::load_scenario_text(world, "import-shares.yaml", {"world.generate.seed=" + seed}));
    const World& w = p->scenario.world;
    std::map<std::string, double> flow;  // buyer state <- supplier state, ore
    for (const auto& l : w.links)
      if (w.items[w.firms[l.supplier].item].id == "ore")
        flow[w.states[w.firms[l.buyer].state].code + "<" + w.states[w.firms[l.supplier].state].code] += l.volume;
    CHECK(flow["JPN<AUS"] == Approx(45).epsilon(1e-9));
    CHECK(flow["JPN<BRA"] == Approx(5).epsilon(1e-9));
    CHECK(flow["KOR<AUS"] == Approx(15).epsilon(1e-9));
    CHECK(flow["KOR<BRA"] == Approx(35).epsilon(1e-9));
    auto out = output_by_state_item(*p);  // production shares stay exact
    CHECK(out["ore@AUS"] == Approx(60).epsilon(1e-9));
    CHECK(out["ore@BRA"] == Approx(40).epsilon(1e-9));
    // the fidelity measure reads the figure back
    const auto fid = assessment::measure_fidelity(w, p->equilibrium.output);
    REQUIRE(fid.import_shares.size() == 1);
    CHECK(fid.import_shares[0].data_share == Approx(0.9));
    CHECK(fid.import_shares[0].world_share == Approx(0.9).epsilon(1e-9));
  }
  // With AUS making only 30, 90% of JPN's 50 (45) is more than AUS has: a located error.
  std::string bad = world;
  bad.replace(bad.find("ore: {AUS: 0.6, BRA: 0.4}"), 25, "ore: {AUS: 0.3, BRA: 0.7}");
  try {
    load::load_scenario_text(bad, "import-shares.yaml");
    FAIL("import shares beyond a producer's output were accepted");
  } catch (const ScenarioError& e) {
    CHECK(e.where().key_path == "world.generate.import_shares[0]");
    CHECK_THAT(e.message(), Catch::Contains("more 'ore' from AUS than AUS makes"));
  }
}

TEST_CASE("Generated firms and their links point at their production entry, kept once", "[load][generate]") {
  // Two production entries, on lines 12 and 13 of the text; nothing listed. Every firm
  // of an item, and every link it buys on, is located at its item's entry, and the
  // world keeps one place per entry, not one per firm or link.
  const std::string yaml = R"(name: provenance
world:
  states:
    - {code: USA, final_demand: {chips: 10}}
    - {code: KOR}
  items:
    - {id: gallium, tier: 1}
    - {id: chips, tier: 4, recipe: {gallium: 0.1}}
  generate:
    firms_per_state: 4
    production:
      gallium: {USA: 0.5, KOR: 0.5}
      chips: {KOR: 1.0}
)";
  const Scenario sc = load::load_scenario_text(yaml, "provenance.yaml");
  const World& w = sc.world;
  REQUIRE(w.firms.size() == 12);
  CHECK(w.origins.size() == 2);
  for (const Firm& f : w.firms) {
    const Origin& o = w.origin_of(f);
    const bool chips = w.items[f.item].id == "chips";
    CHECK(o.file == "provenance.yaml");
    CHECK(o.line == (chips ? 13 : 12));
    CHECK(o.key_path == std::string("world.generate.production.") + (chips ? "chips" : "gallium"));
  }
  REQUIRE(!w.links.empty());
  for (const Link& l : w.links) CHECK(w.origin_of(l).line == 13);  // only chips makers buy (gallium)
  const Firm listed_in_code{};  // a firm built in code has no place: an empty one, not another's
  CHECK(w.origin_of(listed_in_code).line == 0);
  CHECK(w.origin_of(listed_in_code).file.empty());
}

// The items are linked side by side (generate_firms_and_links) and the network's links
// sorted on every core (compile_network): on one thread or four, the world and its
// network are the same, link for link and bit for bit, in the same order.
TEST_CASE("A generated world and its network are the same on one thread and on four", "[load][generate]") {
  auto build = [](int threads) {
    tbb::task_arena arena(threads);
    std::shared_ptr<const ensemble::PreparedScenario> p;
    arena.execute([&] {
      p = ensemble::prepare(load::load_scenario(REGIMESIM_SOURCE_DIR "/scenarios/baseline.yaml",
                                                {"world.generate.firms_per_state=4"}));
    });
    return p;
  };
  const auto one = build(1), four = build(4);
  const World &a = one->scenario.world, &b = four->scenario.world;
  REQUIRE(a.links.size() > 1000);
  REQUIRE(a.links.size() == b.links.size());
  std::size_t apart = 0;
  for (std::size_t l = 0; l < a.links.size(); ++l)
    apart += !(a.links[l].supplier == b.links[l].supplier && a.links[l].buyer == b.links[l].buyer &&
               std::memcmp(&a.links[l].volume, &b.links[l].volume, sizeof(double)) == 0 &&
               a.links[l].origin == b.links[l].origin);
  CHECK(apart == 0);
  REQUIRE(a.final_demand_links.size() == b.final_demand_links.size());
  for (std::size_t l = 0; l < a.final_demand_links.size(); ++l)
    apart += !(a.final_demand_links[l].supplier == b.final_demand_links[l].supplier &&
               a.final_demand_links[l].consumer == b.final_demand_links[l].consumer &&
               a.final_demand_links[l].weight == b.final_demand_links[l].weight);
  CHECK(apart == 0);
  CHECK(one->network.link_supplier == four->network.link_supplier);
  CHECK(one->network.link_base_share == four->network.link_base_share);
  CHECK(one->network.slot_link_begin == four->network.slot_link_begin);
  CHECK(one->equilibrium.link_flow == four->equilibrium.link_flow);
}
