// The screen a search weighs makers through (policy/supplier_screen.hpp) must answer as
// ShipmentPolicy::free_to_ship does, maker by maker: asked of both for every buyer, every
// item and every maker of it, at steps before, during and after the controls and their
// membership changes, with the plan's reach and with caught sets of the run's.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "../engine/world_fixtures.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "policy/shipment_policy.hpp"
#include "policy/supplier_screen.hpp"

using namespace regimesim;

namespace {

// The generated world with Hong Kong added (its buyers counted as China's under Dutch
// rules), a coalition that gains Japan at step 5 and loses the Netherlands at step 8,
// and controls of every kind the screen reads: an embargo with de minimis and
// direct-product reach, a licence requirement with an exception that ends, an entity listing.
std::string scenario() {
  std::string yaml = testing::generated_world_yaml(
      "controls:\n"
      "  - {id: embargo, instrument: embargo, issuer: pair, items: [equipment, chips], destinations: [CHN], start: 2,\n"
      "     reach: {de_minimis: 0.05, foreign_direct_product: [equipment]}}\n"
      "  - {id: licences, instrument: licence_requirement, issuer: USA, items: [chips], destinations: [KOR, JPN],\n"
      "     exceptions: [JPN], start: 1, end: 7, licence: {approval_probability: 0.5, delay_steps: 1}}\n"
      "  - {id: list, instrument: embargo, issuer: USA, items: [all], destinations: {entities: [\"phones@CHN#0\"]},\n"
      "     start: 4}\n");
  const auto states = yaml.find("    - {code: KOR");
  yaml.insert(states, "    - {code: HKG, final_demand: {phones: 5}, treated_as: [{as: CHN, by: [NLD]}]}\n");
  yaml.replace(yaml.find("phones: {CHN: 0.7"), 17, "phones: {CHN: 0.6, HKG: 0.1");
  const auto world = yaml.find("world:\n");
  yaml.insert(world + 7,
              "  coalitions:\n"
              "    - {id: pair, members: [USA, NLD], changes: [{at: 5, joins: [JPN]}, {at: 8, leaves: [NLD]}]}\n");
  return yaml;
}

}  // namespace

TEST_CASE("A search's supplier screen answers as free_to_ship for every buyer and maker", "[policy][search]") {
  const auto p = ensemble::prepare(load::load_scenario_text(scenario(), "screen.yaml"));
  const auto& net = p->network;
  const policy::ShipmentPolicy controls(&p->plan);
  const std::size_t C = p->plan.controls().size();
  REQUIRE(C == 3);
  std::mt19937 rng(5);
  std::vector<std::uint8_t> random_caught(C * net.firm_count);
  for (auto& c : random_caught) c = rng() % 3 == 0;
  const std::vector<std::uint8_t> none;
  const std::vector<const std::vector<std::uint8_t>*> caught_sets{&none, &random_caught};
  std::size_t asked = 0, free = 0, mismatches = 0;
  for (int step : {0, 1, 2, 4, 5, 7, 8, 12})
    for (const auto* caught : caught_sets)
      for (std::uint32_t b = 0; b < net.buyer_count(); ++b)
        for (ItemId item = 0; item < p->scenario.world.items.size(); ++item) {
          const policy::SupplierScreen screen(&p->plan, step, net, b, item, caught);
          for (auto m = net.item_maker_begin[item]; m < net.item_maker_begin[item + 1]; ++m) {
            const FirmId f = net.item_makers[m];
            const bool expected = controls.free_to_ship(step, net, b, f, caught);
            ++asked;
            free += expected;
            if (screen.free_to_ship(f) != expected) {
              ++mismatches;
              INFO("step " << step << " buyer " << b << " maker " << f << (caught == &none ? "" : " run's caught"));
              CHECK(screen.free_to_ship(f) == expected);
            }
          }
        }
  CHECK(mismatches == 0);
  // Both answers occur often, or the comparison would say little.
  CHECK(free > asked / 10);
  CHECK(asked - free > asked / 20);
  WARN("asked " << asked << ", free " << free);
}

TEST_CASE("With no plan the screen lets every maker ship", "[policy][search]") {
  const auto p = ensemble::prepare(load::load_scenario_text(scenario(), "screen.yaml"));
  const auto& net = p->network;
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b) {
    const policy::SupplierScreen screen(nullptr, 3, net, b, 0, nullptr);
    for (auto m = net.item_maker_begin[0]; m < net.item_maker_begin[1]; ++m) CHECK(screen.free_to_ship(net.item_makers[m]));
  }
}
