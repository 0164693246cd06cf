// The slot sweep ships and moves each buyer's shares in one pass over a slot's links
// (Simulation::ship_and_adapt), keeping the links' pulls on the stack where the slot is
// small and in a buffer of the thread's where it is not. Either way the shares must be
// what the share rule (behaviour/supplier_choice.hpp)
// gives from the shares before the step and what the step shipped; and what arrives
// in a step is what was shipped in the last, link by link. Checked on a generated
// world with slots of both kinds, under an embargo that starves some and moves prices.
#include <catch2/catch.hpp>

#include <algorithm>

#include "behaviour/supplier_choice.hpp"
#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "world_fixtures.hpp"

using namespace regimesim;

namespace {

std::string world_with_wide_slots() {
  std::string yaml = testing::generated_world_yaml(R"(controls:
  - {id: chip-embargo, instrument: embargo, issuers: [USA, KOR], items: [chips, equipment], destinations: [CHN], start: 4}
responses:
  resourcing: {search_delay: 0}  # no answer moves a link after the sweep: the shares are the rule's alone
)");
  // 8 firms per state and item: chips and phones have 24 makers, gallium 16, so a
  // slot asks up to 20 suppliers (more than the stack keeps) or 16 and fewer.
  auto at = yaml.find("firms_per_state: 3");
  yaml.replace(at, 18, "firms_per_state: 8");
  at = yaml.find("links_per_input: 2");
  yaml.replace(at, 18, "links_per_input: 20");
  return yaml;
}

}  // namespace

TEST_CASE("The slot sweep moves shares as the share rule does in slots of any size", "[engine][shares]") {
  const auto p = ensemble::prepare(load::load_scenario_text(world_with_wide_slots(), "wide.yaml"));
  const auto& net = p->network;
  std::size_t wide = 0, narrow = 0;
  for (std::uint32_t k = 0; k < net.slot_count(); ++k)
    (net.slot_link_begin[k + 1] - net.slot_link_begin[k] > behaviour::kKeptPulls ? wide : narrow) += 1;
  REQUIRE(wide > 0);  // both paths are taken
  REQUIRE(narrow > 0);

  const policy::ShipmentPolicy policy(&p->plan);
  engine::Simulation sim(p->scenario, net, p->equilibrium, policy);
  std::size_t moved = 0, shorted = 0;
  for (int t = 0; t < 16; ++t) {
    const std::vector<double> share_before = sim.state().share;
    const std::vector<double> shipped_before = sim.state().in_transit;
    sim.step();
    const auto& s = sim.state();
    INFO("step " << t);
    CHECK(s.delivered == shipped_before);  // bit for bit: the arrays trade places, nothing is copied
    std::vector<double> expected = share_before;
    for (std::uint32_t k = 0; k < net.slot_count(); ++k) {
      const auto begin = net.slot_link_begin[k], end = net.slot_link_begin[k + 1];
      std::vector<double> availability;  // what each link shipped of its order, from the state
      double received = 0;
      for (auto l = begin; l < end; ++l) {
        received += s.delivered[l];
        // what was shipped is the accepted order at the supplier's fill rate
        CHECK(s.in_transit[l] == s.accepted_of(l) * s.fill_rate[s.supplier[l]]);
        availability.push_back(s.order[l] > 0 ? s.in_transit[l] / s.order[l] : 1.0);
        shorted += availability.back() < 1.0;
      }
      behaviour::adapt_supplier_shares(begin, end, net.link_base_share.data(), availability.data(), s.supplier.data(),
                                       s.price_weight.data(), p->scenario.dynamics.share_adjustment, expected.data());
      CHECK(s.received[k] == received);
    }
    for (std::size_t l = 0; l < expected.size(); ++l) moved += expected[l] != share_before[l];
    CHECK(s.share == expected);  // bit for bit
  }
  CHECK(shorted > 0);  // the embargo really starved some links ...
  CHECK(moved > 0);    // ... and shares really moved
}

TEST_CASE("What the decision point let through, kept past the shipments, is what each link shipped from",
          "[engine][shares]") {
  // in_transit holds what was let through until the shipments write over it; what reads
  // it after them (RunState::accepted_of) must still find it. On every link whose
  // supplier the step left alone, what it shipped is what was let through at its
  // supplier's fill rate, bit for bit, where quotas, licences, diversion and
  // qualification let through less than the whole order.
  std::size_t cut = 0, checked = 0;
  for (const char* file : {"tutorial/export-quota.yaml", "tutorial/licensing.yaml", "tutorial/qualification.yaml",
                           "tutorial/diversion-and-enforcement.yaml", "critical-mineral-quota.yaml"}) {
    INFO(file);
    const auto p = ensemble::prepare(load::load_scenario(std::string(REGIMESIM_SOURCE_DIR "/scenarios/") + file));
    const policy::ShipmentPolicy policy(&p->plan);
    engine::Simulation sim(p->scenario, p->network, p->equilibrium, policy, 3);
    for (int t = 0; t < p->scenario.steps; ++t) {
      const std::vector<FirmId> supplier_before = sim.state().supplier;
      sim.step();
      const auto& s = sim.state();
      REQUIRE(std::is_sorted(s.cut_links.begin(), s.cut_links.end()));
      REQUIRE(std::adjacent_find(s.cut_links.begin(), s.cut_links.end()) == s.cut_links.end());
      for (std::uint32_t l = 0; l < s.order.size(); ++l) {
        if (s.supplier[l] != supplier_before[l]) continue;  // moved after it shipped: another fill rate
        INFO("step " << t << ", link " << l);
        CHECK(s.in_transit[l] == s.accepted_of(l) * s.fill_rate[s.supplier[l]]);
        ++checked;
        cut += s.accepted_of(l) != s.order[l];
      }
    }
  }
  CHECK(checked > 0);
  CHECK(cut > 0);  // some orders were let through only in part, or not at all
}
