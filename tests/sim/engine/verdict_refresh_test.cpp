// A changed caught set re-decides only the links that can change (engine/verdict_refresh.hpp):
// checked against deciding every link afresh, the rule it replaces, step by step and
// field by field, on generated worlds where reach is recomputed as firms design out,
// buyers re-source and divert, and exporters over-comply.
#include <catch2/catch.hpp>

#include <cstring>
#include <map>
#include <string>
#include <type_traits>
#include <vector>

#include "ensemble/paired_run.hpp"
#include "engine/simulation.hpp"
#include "load/scenario_loader.hpp"
#include "policy/shipment_policy.hpp"
#include "world_fixtures.hpp"

using namespace regimesim;

namespace {

// Every field of the run's state as bytes, by name.
std::map<std::string, std::string> fields(const engine::RunState& s) {
  std::map<std::string, std::string> out;
  s.for_each_field([&](const char* name, const auto& field) {
    using T = std::decay_t<decltype(field)>;
    std::string bytes;
    if constexpr (std::is_arithmetic_v<T>) {
      bytes.assign(reinterpret_cast<const char*>(&field), sizeof field);
    } else if constexpr (std::is_same_v<T, std::vector<bool>>) {
      for (bool b : field) bytes.push_back(b ? 1 : 0);
    } else {
      bytes.assign(reinterpret_cast<const char*>(field.data()), field.size() * sizeof(typename T::value_type));
    }
    out[name] = bytes;
  });
  return out;
}

// The small generated world (three firms per state and item) with a coalition embargo
// on equipment and chips to China whose de minimis catches foreign chip makers, a US
// licence requirement on chips to Korea, and every answer that moves links on.
std::string scenario(int world_seed, double de_minimis) {
  std::string yaml = testing::generated_world_yaml(
      "responses:\n"
      "  resourcing: {search_delay: 2, switching_cost: 0.5, starved_delay: 3}\n"
      "  over_compliance: {probability: 0.3}\n"
      "  diversion: {propensity: 0.5, intermediaries: [JPN]}\n"
      "  design_out: {delay: 2}\n"
      "controls:\n"
      "  - {id: embargo, instrument: embargo, issuer: pair, items: [equipment, chips], destinations: [CHN], start: 3,\n"
      "     reach: {de_minimis: " + std::to_string(de_minimis) + ", recompute_every: 4}}\n"
      "  - {id: licences, instrument: licence_requirement, issuer: USA, items: [chips], destinations: [KOR], start: 5,\n"
      "     licence: {approval_probability: 0.5, delay_steps: 1}}\n");
  const auto at = yaml.find("    seed: 11");
  yaml.replace(at, 12, "    seed: " + std::to_string(world_seed));
  const auto world = yaml.find("world:\n");
  yaml.insert(world + 7, "  coalitions:\n    - {id: pair, members: [USA, NLD]}\n");
  return yaml;
}

}  // namespace

TEST_CASE("Refreshing the verdicts after reach changes gives the bytes of deciding every link afresh",
          "[engine][reach][design-out]") {
  std::size_t refreshed_steps = 0;
  for (int world_seed : {11, 12, 13, 14, 15, 16})
    for (double de_minimis : {0.01, 0.05}) {
      INFO("world seed " << world_seed << ", de minimis " << de_minimis);
      const auto p = ensemble::prepare(load::load_scenario_text(scenario(world_seed, de_minimis), "refresh.yaml"));
      const policy::ShipmentPolicy controls(&p->plan);
      engine::Simulation refreshed(p->scenario, p->network, p->equilibrium, controls);
      engine::Simulation afresh(p->scenario, p->network, p->equilibrium, controls);
      afresh.decide_every_link_on_reach_change(true);
      for (int t = 0; t < p->scenario.steps; ++t) {
        INFO("step " << t);
        refreshed.step();
        afresh.step();
        const auto a = fields(refreshed.state()), b = fields(afresh.state());
        for (const auto& [name, bytes] : a) {
          INFO(name);
          CHECK(bytes == b.at(name));
        }
      }
      CHECK(afresh.verdict_refreshes() == 0);
      refreshed_steps += refreshed.verdict_refreshes();
    }
  // The comparison means something only if caught sets did change mid-run.
  CHECK(refreshed_steps > 10);
  WARN("refreshed steps " << refreshed_steps);
}
