// Properties of the engine on randomly generated valid worlds (the generator the
// valid-worlds fuzzer uses, tests/fuzz/random_scenario.hpp, fed by a seeded
// generator), and metamorphic relations between runs: what must hold whatever the
// world, rather than figures worked out for one.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <random>

#include "../../fuzz/random_scenario.hpp"
#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "model/scenario_error.hpp"
#include "output/metrics.hpp"

using namespace regimesim;

namespace {

constexpr int kWorlds = 60;

testing::Choices seeded(std::mt19937_64& g) {
  return {[&g](std::uint32_t n) { return n <= 1 ? 0u : static_cast<std::uint32_t>(g() % n); },
          [&g] { return static_cast<double>(g() >> 11) * 0x1.0p-53; }};
}

// A prepared random world, or null if the loader refused it (a listed capacity
// below equilibrium cannot happen here, but a refusal is not a property failure).
std::shared_ptr<const ensemble::PreparedScenario> try_prepare(const std::string& text) {
  try {
    return ensemble::prepare(load::load_scenario_text(text, "random.yaml"));
  } catch (const ScenarioError&) {
    return nullptr;
  }
}

std::map<std::tuple<int, std::uint32_t, std::uint32_t, output::Metric>, double> by_key(
    const std::vector<output::MetricRow>& rows) {
  std::map<std::tuple<int, std::uint32_t, std::uint32_t, output::Metric>, double> m;
  for (const auto& r : rows) m[{r.step, r.state, r.item, r.metric}] = r.value;
  return m;
}

}  // namespace

TEST_CASE("Random valid worlds: goods conserved, inventories and outputs in bounds, every value finite",
          "[properties][random]") {
  int ran = 0;
  for (int w = 0; w < kWorlds; ++w) {
    std::mt19937_64 g(1000 + w);
    const std::string text = testing::random_scenario(seeded(g));
    const auto p = try_prepare(text);
    if (!p) continue;
    ++ran;
    INFO(text);
    const policy::ShipmentPolicy controls(&p->plan);
    engine::Simulation sim(p->scenario, p->network, p->equilibrium, controls);
    double shipped_before = -1;
    for (int t = 0; t < p->scenario.steps; ++t) {
      sim.step();
      const auto& s = sim.state();
      INFO("step " << t);
      // What was shipped in a step arrives in the next one, nothing more, nothing less.
      if (shipped_before >= 0) CHECK(s.received_total == Approx(shipped_before).epsilon(1e-9).margin(1e-9));
      shipped_before = s.shipped_total;
      for (std::size_t k = 0; k < s.inventory.size(); ++k) {
        REQUIRE(std::isfinite(s.inventory[k]));
        CHECK(s.inventory[k] >= -1e-9);
      }
      for (std::size_t f = 0; f < s.output.size(); ++f) {
        REQUIRE(std::isfinite(s.output[f]));
        REQUIRE(std::isfinite(s.price[f]));
        CHECK(s.output[f] >= -1e-12);
        CHECK(s.output[f] <= s.capacity[f] * (1 + 1e-9) + 1e-12);
      }
    }
    const auto result = ensemble::run_paired(*p);
    for (const auto& r : result.rows) REQUIRE(std::isfinite(r.value));
  }
  CHECK(ran >= kWorlds * 3 / 4);  // the generator makes valid worlds, mostly
}

TEST_CASE("Metamorphic: scaling every volume by 4 scales output 4 times and leaves shares unchanged",
          "[properties][metamorphic]") {
  for (int w = 0; w < kWorlds / 3; ++w) {
    std::mt19937_64 g1(2000 + w), g4(2000 + w);
    const auto p1 = try_prepare(testing::random_scenario(seeded(g1), nullptr, 1.0));
    const auto p4 = try_prepare(testing::random_scenario(seeded(g4), nullptr, 4.0));
    REQUIRE(static_cast<bool>(p1) == static_cast<bool>(p4));
    if (!p1) continue;
    const auto a = by_key(ensemble::run_paired(*p1).rows);
    const auto b = by_key(ensemble::run_paired(*p4).rows);
    REQUIRE(a.size() == b.size());
    for (const auto& [key, v] : a) {
      const auto metric = std::get<3>(key);
      INFO("world " << w << " metric " << output::to_string(metric) << " step " << std::get<0>(key));
      if (metric == output::Metric::gross_output || metric == output::Metric::blocked_trade)
        CHECK(b.at(key) == Approx(4 * v).epsilon(1e-6).margin(1e-9));
      if (metric == output::Metric::output_loss || metric == output::Metric::market_share ||
          metric == output::Metric::final_demand_shortfall || metric == output::Metric::price_index)
        CHECK(b.at(key) == Approx(v).epsilon(1e-6).margin(1e-9));
    }
  }
}

namespace {

// Three producers of `parts` (A, B, C) sell to D's machine makers. Re-sourcing,
// over-compliance and building at home are off, so the controls alone decide what
// D receives.
std::string coalition_world(const std::string& issuers) {
  return R"(name: coalition
steps: 12
world:
  states:
    - {code: AAA}
    - {code: BBB}
    - {code: CCC}
    - {code: DDD, final_demand: {machines: 100}}
  items:
    - {id: parts, tier: 3}
    - {id: machines, tier: 4, recipe: {parts: 0.5}}
  generate:
    seed: 4
    firms_per_state: 2
    links_per_input: 4
    production:
      parts: {AAA: 0.5, BBB: 0.3, CCC: 0.2}
      machines: {DDD: 1}
responses:
  resourcing: {search_delay: 0}
  build_at_home: {threshold: 0}
)" + (issuers.empty() ? std::string() : R"(controls:
  - {id: deny, instrument: embargo, issuers: )" + issuers + R"(, items: [parts], destinations: [DDD], start: 2}
)");
}

double cumulative(const std::vector<output::MetricRow>& rows, output::Metric metric, std::uint32_t state) {
  double sum = 0;
  for (const auto& r : rows)
    if (r.metric == metric && r.state == state && r.item == output::kAllItems) sum += r.value;
  return sum;
}

}  // namespace

TEST_CASE("Metamorphic: a coalition of all producers denies at least as much as any one of them",
          "[properties][metamorphic]") {
  constexpr std::uint32_t D = 3;
  auto output_of_d = [&](const std::string& issuers) {
    const auto p = ensemble::prepare(load::load_scenario_text(coalition_world(issuers), "coalition.yaml"));
    return cumulative(ensemble::run_paired(*p).rows, output::Metric::gross_output, D);
  };
  const double all = output_of_d("[AAA, BBB, CCC]");
  for (const char* one : {"[AAA]", "[BBB]", "[CCC]"}) {
    INFO(one);
    CHECK(all <= output_of_d(one) + 1e-9);
  }
  CHECK(all < output_of_d(""));  // and it denies something
}

TEST_CASE("Metamorphic: a control on an item nobody trades changes nothing", "[properties][metamorphic]") {
  for (int w = 0; w < kWorlds / 3; ++w) {
    std::mt19937_64 g(3000 + w);
    std::string text = testing::random_scenario(seeded(g));
    // an item no recipe or demand uses, made in XAA; over-compliance off, since any
    // active control lets firms refuse legal sales to the states it names
    const auto items_at = text.find("  items:\n") + 9;
    text.insert(items_at, "    - {id: idle, tier: 1}\n");
    text.insert(text.find("    production:\n") + 16, "      idle: {XAA: 1}\n");
    const auto oc = text.find("  over_compliance: {probability: ");
    text.replace(oc, text.find('\n', oc) - oc, "  over_compliance: {probability: 0}");
    std::string controlled = text;
    if (controlled.find("controls:\n") == std::string::npos) controlled += "controls:\n";
    controlled += "  - {id: idle-ban, instrument: embargo, issuers: [XAA], items: [idle], destinations: [XAA], start: 0}\n";
    const auto without = try_prepare(text), with = try_prepare(controlled);
    REQUIRE(static_cast<bool>(without) == static_cast<bool>(with));
    if (!without) continue;
    INFO(controlled);
    const auto a = by_key(ensemble::run_paired(*without).rows);
    const auto b = by_key(ensemble::run_paired(*with).rows);
    for (const auto& [key, v] : a) {
      const auto metric = std::get<3>(key);
      if (metric != output::Metric::gross_output && metric != output::Metric::final_demand_shortfall &&
          metric != output::Metric::price_index)
        continue;
      INFO("metric " << output::to_string(metric) << " step " << std::get<0>(key));
      REQUIRE(b.count(key));
      CHECK(b.at(key) == v);
    }
  }
}
