// The two layouts of the network (engine/supply_network.hpp): item by item, the slots
// and links move, and nothing else does. Worked out against the buyer-by-buyer layout,
// which is the order the network is built in and the one small worlds keep.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include "engine/supply_network.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "world_fixtures.hpp"

using namespace regimesim;

namespace {

bool close(double a, double b) { return std::abs(a - b) <= 1e-12 + 1e-9 * std::max(std::abs(a), std::abs(b)); }

}  // namespace

TEST_CASE("Laid out item by item, the network holds the same links, each buyer's slots in recipe order",
          "[engine][layout]") {
  const Scenario sc = load::load_scenario_text(testing::generated_world_yaml(), "generated.yaml");
  const engine::SupplyNetwork by_buyer = engine::compile_network(sc.world, engine::Layout::by_buyer);
  const engine::SupplyNetwork by_item = engine::compile_network(sc.world, engine::Layout::by_item);
  REQUIRE(by_item.slot_count() == by_buyer.slot_count());
  REQUIRE(by_item.link_count() == by_buyer.link_count());
  REQUIRE(by_buyer.firm_count > 10);

  // Buyer by buyer, slot ids and link ids are the order of building: each its own key.
  for (std::uint32_t l = 0; l < by_buyer.link_count(); ++l) CHECK(by_buyer.link_key[l] == l);

  std::vector<int> keys_seen(by_item.link_count(), 0);
  for (std::uint32_t b = 0; b < by_buyer.buyer_count(); ++b) {
    const auto mine = by_buyer.slots_of(b), moved = by_item.slots_of(b);
    REQUIRE(moved.size() == mine.size());
    for (std::size_t j = 0; j < mine.size(); ++j) {
      const std::uint32_t k = mine[j], m = moved[j];
      CHECK(by_item.slot_buyer[m] == b);
      CHECK(by_item.slot_item[m] == by_buyer.slot_item[k]);  // recipe order kept
      CHECK(by_item.slot_coefficient[m] == by_buyer.slot_coefficient[k]);
      const auto n = by_buyer.slot_link_begin[k + 1] - by_buyer.slot_link_begin[k];
      REQUIRE(by_item.slot_link_begin[m + 1] - by_item.slot_link_begin[m] == n);
      for (std::uint32_t i = 0; i < n; ++i) {
        const std::uint32_t l = by_buyer.slot_link_begin[k] + i, t = by_item.slot_link_begin[m] + i;
        CHECK(by_item.link_supplier[t] == by_buyer.link_supplier[l]);
        CHECK(by_item.link_base_share[t] == by_buyer.link_base_share[l]);
        CHECK(by_item.link_key[t] == l);  // the key is the link's id buyer by buyer
        CHECK(by_item.slot_of_link(t) == m);
        ++keys_seen[by_item.link_key[t]];
      }
    }
  }
  CHECK(std::all_of(keys_seen.begin(), keys_seen.end(), [](int n) { return n == 1; }));

  // Item by item: the firms' slots first, then the consumers'; by item, then buyer.
  auto place = [&](std::uint32_t k) {
    const std::uint32_t b = by_item.slot_buyer[k];
    return std::make_tuple(b >= by_item.firm_count, by_item.slot_item[k], b);
  };
  for (std::uint32_t k = 1; k < by_item.slot_count(); ++k) CHECK(place(k - 1) < place(k));
  // The firms' links come first, as the controlled-content tracker reads them.
  const std::uint32_t firm_slots = by_item.buyer_slot_begin[by_item.firm_count];
  for (std::uint32_t k = 0; k < by_item.slot_count(); ++k) CHECK((k < firm_slots) == (by_item.slot_buyer[k] < by_item.firm_count));
  // The index per supplier names each link of the supplier once.
  for (FirmId f = 0; f < by_item.firm_count; ++f)
    for (auto i = by_item.supplier_link_begin[f]; i < by_item.supplier_link_begin[f + 1]; ++i)
      CHECK(by_item.link_supplier[by_item.supplier_links[i]] == f);
}

TEST_CASE("Laid out item by item, a run moves no figure but by the order of its sums", "[engine][layout]") {
  // Answers whose order is first come, first served (searches for a supplier's room,
  // a first-come quota), draws keyed by link (licences, detection, fronts, searches,
  // over-compliance), reach from the run's graph, and the default world's many items.
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases{
      {"tutorial/diversion-and-enforcement.yaml", {}},
      {"tutorial/entity-list-and-reach.yaml", {}},
      {"tutorial/design-out.yaml", {}},
      {"tutorial/licensing.yaml", {}},
      {"tutorial/export-quota.yaml", {}},
      {"tutorial/starved-buyers.yaml", {}},
      {"tutorial/qualification.yaml", {}},
      {"tutorial/retaliation-measured.yaml", {}},
      {"critical-mineral-quota.yaml", {"steps=24"}},
      {"diversion-and-enforcement.yaml", {"steps=24"}},
  };
  for (const auto& [name, sets] : cases) {
    INFO(name);
    const auto path = std::string(REGIMESIM_SOURCE_DIR "/scenarios/") + name;
    const auto a = ensemble::prepare(load::load_scenario(path, sets), ensemble::WorldLinks::kept, engine::Layout::by_buyer);
    const auto b = ensemble::prepare(load::load_scenario(path, sets), ensemble::WorldLinks::kept, engine::Layout::by_item);
    const auto ra = ensemble::run_paired(*a, {.seed = std::uint64_t{7}, .flows = output::FlowItems::all});
    const auto rb = ensemble::run_paired(*b, {.seed = std::uint64_t{7}, .flows = output::FlowItems::all});
    REQUIRE(ra.rows.size() == rb.rows.size());
    std::size_t apart = 0;
    for (std::size_t k = 0; k < ra.rows.size(); ++k) {
      const auto &x = ra.rows[k], &y = rb.rows[k];
      const bool same = x.step == y.step && x.state == y.state && x.item == y.item && x.metric == y.metric &&
                        close(x.value, y.value) && close(x.baseline, y.baseline);
      if (!same && apart++ < 3) UNSCOPED_INFO("row " << k << ": " << x.value << " against " << y.value);
    }
    CHECK(apart == 0);
    REQUIRE(ra.flows.size() == rb.flows.size());
    std::size_t flows_apart = 0;
    for (std::size_t k = 0; k < ra.flows.size(); ++k) {
      const auto &x = ra.flows[k], &y = rb.flows[k];
      flows_apart += !(x.step == y.step && x.exporter == y.exporter && x.importer == y.importer && x.item == y.item &&
                       x.controlled == y.controlled && close(x.value, y.value) && close(x.baseline, y.baseline));
    }
    CHECK(flows_apart == 0);
    CHECK(ra.decisions.size() == rb.decisions.size());
  }
}

// A first-come quota over two items, asked by two fabs that each buy both: buyer by
// buyer its claims come fab a's gallium, fab a's germanium, fab b's gallium, fab b's
// germanium; item by item the links lie gallium a, gallium b, germanium a, germanium b.
// The claims must still be rationed in buyer order and skipped by the tally in link
// order, or an order is counted twice at its supplier and another not at all.
TEST_CASE("Laid out item by item, a first-come quota over two items rations the same orders", "[engine][layout]") {
  const std::string yaml = R"(
name: two-item-quota
steps: 12
seed: 1
world:
  states:
    - {code: CHN, name: China, status: developing}
    - {code: JPN, name: Japan, status: developed, final_demand: {chips: 200}}
  items:
    - {id: gallium, name: Gallium, tier: 1}
    - {id: germanium, name: Germanium, tier: 1}
    - {id: chips, name: Chips, tier: 4, recipe: {gallium: 0.5, germanium: 0.5}}
  firms:
    - {id: ga_refiner, state: CHN, item: gallium, capacity: 150}
    - {id: ge_refiner, state: CHN, item: germanium, capacity: 150}
    - {id: fab_a, state: JPN, item: chips, capacity: 150}
    - {id: fab_b, state: JPN, item: chips, capacity: 150}
  links:
    - {supplier: ga_refiner, buyer: fab_a, volume: 1}
    - {supplier: ge_refiner, buyer: fab_a, volume: 1}
    - {supplier: ga_refiner, buyer: fab_b, volume: 1}
    - {supplier: ge_refiner, buyer: fab_b, volume: 1}
controls:
  - id: minerals-quota
    instrument: quota
    issuer: CHN
    items: [gallium, germanium]
    destinations: [JPN]
    start: 3
    quota: {ceiling: {volume: 70}, allocation: first_come}
)";
  const auto a = ensemble::prepare(load::load_scenario_text(yaml, "two-item-quota.yaml"), ensemble::WorldLinks::kept,
                                   engine::Layout::by_buyer);
  const auto b = ensemble::prepare(load::load_scenario_text(yaml, "two-item-quota.yaml"), ensemble::WorldLinks::kept,
                                   engine::Layout::by_item);
  // The case only means something if the layouts order the links apart.
  bool moved = false;
  for (std::uint32_t l = 0; l < b->network.link_count(); ++l) moved |= b->network.link_key[l] != l;
  REQUIRE(moved);
  const auto ra = ensemble::run_paired(*a, {.flows = output::FlowItems::all});
  const auto rb = ensemble::run_paired(*b, {.flows = output::FlowItems::all});
  REQUIRE(ra.rows.size() == rb.rows.size());
  std::size_t apart = 0;
  bool cut = false;  // the quota bites: it blocks some of what the baseline carried
  for (std::size_t k = 0; k < ra.rows.size(); ++k) {
    const auto &x = ra.rows[k], &y = rb.rows[k];
    apart += !(x.step == y.step && x.metric == y.metric && close(x.value, y.value) && close(x.baseline, y.baseline));
    cut |= x.metric == output::Metric::blocked_trade && x.value > 1;
  }
  CHECK(cut);
  CHECK(apart == 0);
  REQUIRE(ra.flows.size() == rb.flows.size());
  std::size_t flows_apart = 0;
  for (std::size_t k = 0; k < ra.flows.size(); ++k)
    flows_apart += !(close(ra.flows[k].value, rb.flows[k].value) && close(ra.flows[k].baseline, rb.flows[k].baseline));
  CHECK(flows_apart == 0);
}
