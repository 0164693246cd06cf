// A listed firm in a generated world: its inputs that no listed link supplies are drawn
// from the generated makers, as the default world's WMD-risk end users need.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"

using namespace regimesim;

namespace {

// A programme in IRN (listed, wmd_risk) needs 0.5 parts and 0.2 tools per unit; parts are
// generated (4 makers), tools are listed (one maker, linked by hand). IRN's final users buy 10
// units of the programme, USA's 20 parts.
const char* kWorld = R"(name: listed-buyer
world:
  states:
    - {code: USA, final_demand: {parts: 20}}
    - {code: CHN, status: developing}
    - {code: IRN, status: developing, final_demand: {programme: 10}}
  items:
    - {id: parts, tier: 3, wmd: nuclear}
    - {id: tools, tier: 3}
    - {id: programme, tier: 5, recipe: {parts: 0.5, tools: 0.2}}
  firms:
    - {id: toolmaker, state: CHN, item: tools, capacity: 10}
    - {id: prog, state: IRN, item: programme, capacity: 12, end_use: wmd_risk}
  links:
    - {supplier: toolmaker, buyer: prog, volume: 1}
  generate:
    seed: 5
    firms_per_state: 2
    links_per_input: 3
    production:
      parts: {USA: 0.6, CHN: 0.4}
)";

}  // namespace

TEST_CASE("A listed buyer draws its unlinked inputs from generated makers, and keeps its listed links",
          "[load][generate]") {
  const auto p = ensemble::prepare(load::load_scenario_text(kWorld, "listed-buyer.yaml"));
  const World& w = p->scenario.world;
  FirmId prog = 0;
  for (FirmId f = 0; f < w.firms.size(); ++f)
    if (w.firms[f].id == "prog") prog = f;
  REQUIRE(w.firms[prog].end_use == EndUse::wmd_risk);

  std::map<std::string, std::set<FirmId>> suppliers;  // item -> prog's suppliers of it
  for (const auto& l : w.links)
    if (l.buyer == prog) suppliers[w.items[w.firms[l.supplier].item].id].insert(l.supplier);
  // its need of parts is cut into links_per_input pieces along the makers' line: at least
  // one and at most 3 + 1 makers (a piece may straddle two), all generated parts makers
  REQUIRE(!suppliers["parts"].empty());
  CHECK(suppliers["parts"].size() <= 4);
  for (FirmId s : suppliers["parts"]) CHECK(w.firms[s].id.rfind("parts@", 0) == 0);
  // the hand-made link stands alone: nothing is drawn for an input a listed link supplies
  REQUIRE(suppliers["tools"].size() == 1);
  CHECK(w.firms[*suppliers["tools"].begin()].id == "toolmaker");

  // Leontief by hand: the programme makes 10, so it uses 5 parts and 2 tools; parts makers
  // together make 20 (USA's final users) + 5 = 25.
  double parts = 0;
  for (FirmId f = 0; f < w.firms.size(); ++f)
    if (w.items[w.firms[f].item].id == "parts") parts += p->equilibrium.output[f];
  CHECK(p->equilibrium.output[prog] == Approx(10).epsilon(1e-12));
  CHECK(parts == Approx(25).epsilon(1e-12));
  // and the generated makers hold their data shares of it exactly: USA 0.6, CHN 0.4
  double usa = 0;
  for (FirmId f = 0; f < w.firms.size(); ++f)
    if (w.firms[f].id.rfind("parts@USA", 0) == 0) usa += p->equilibrium.output[f];
  CHECK(usa == Approx(15).epsilon(1e-12));
}
