// The embargo, worked out by hand on the three-firm chain, and conservation laws
// on a generated world under an embargo.
#include <catch2/catch.hpp>

#include "engine/simulation.hpp"
#include "world_fixtures.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"

using namespace regimesim;

TEST_CASE("An ore embargo empties the chain as inventories run out, step by step", "[engine][embargo]") {
  const auto p = ensemble::prepare(load::load_scenario(REGIMESIM_SOURCE_DIR "/scenarios/tutorial/embargo.yaml"));
  const policy::ShipmentPolicy controls(&p->plan);
  engine::Simulation sim(p->scenario, p->network, p->equilibrium, controls);
  // By hand, with 2 periods of inventory: the mill holds 40 ore after each
  // arrival and uses 20 a step. The ore shipped at step 5 arrives at step 6, so
  // the mill makes 40 steel at steps 6 and 7 and nothing from step 8. The car
  // maker holds 80 steel after arrival and uses 40: the steel of step 7 arrives at
  // step 8, so cars run at 100 until step 9 and stop at step 10.
  for (int t = 0; t < 24; ++t) {
    sim.step();
    const auto& s = sim.state();
    INFO("step " << t);
    CHECK(s.output[0] == Approx(t < 6 ? 20.0 : 0.0).margin(1e-12));
    CHECK(s.output[1] == Approx(t < 8 ? 40.0 : 0.0).margin(1e-12));
    CHECK(s.output[2] == Approx(t < 10 ? 100.0 : 0.0).margin(1e-12));
    // the mill's ore order: steady 20; at step 7 it adds half its 20 gap to target
    if (t == 6) CHECK(s.order[0] == Approx(20.0));
    if (t == 7) CHECK(s.order[0] == Approx(30.0));
    CHECK(s.accepted_of(0) == (t < 6 ? Approx(20.0) : Approx(0.0)));
  }
}

TEST_CASE("Goods are conserved and inventories never go negative under an embargo", "[engine][embargo]") {
  const std::string controls = R"(controls:
  - {id: chip-embargo, instrument: embargo, issuers: [USA, KOR], items: [chips, equipment], destinations: [CHN], start: 4}
  - {id: gallium-ban, instrument: embargo, issuers: [CHN], items: [gallium], destinations: [USA, KOR], start: 8, end: 20}
)";
  const auto p = ensemble::prepare(load::load_scenario_text(testing::generated_world_yaml(controls), "g.yaml"));
  const auto& net = p->network;
  const policy::ShipmentPolicy policy(&p->plan);
  engine::Simulation sim(p->scenario, net, p->equilibrium, policy);

  double in_transit = 0;
  for (double f : p->equilibrium.link_flow) in_transit += f;
  double cumulative_shipped = 0, cumulative_received = 0;
  const double initially_in_transit = in_transit;
  std::vector<double> inventory_before = sim.state().inventory;
  bool any_denied = false;
  for (int t = 0; t < 36; ++t) {
    sim.step();
    const auto& s = sim.state();
    cumulative_shipped += s.shipped_total;
    cumulative_received += s.received_total;
    double now_in_transit = 0;
    for (double x : s.in_transit) now_in_transit += x;
    // shipped (plus what was on the way at the start) = received + in transit
    CHECK(initially_in_transit + cumulative_shipped ==
          Approx(cumulative_received + now_in_transit).epsilon(1e-12));
    // a firm ships exactly what it makes
    std::vector<double> shipped_by(net.firm_count, 0.0);
    for (std::uint32_t l = 0; l < net.link_count(); ++l) shipped_by[s.supplier[l]] += s.in_transit[l];
    for (std::uint32_t f = 0; f < net.firm_count; ++f) CHECK(shipped_by[f] == Approx(s.output[f]).margin(1e-9));
    // each input: new inventory = old + arrived - used, and never below zero
    for (std::uint32_t f = 0; f < net.firm_count; ++f)
      for (const std::uint32_t k : net.slots_of(f)) {
        double arrived = 0;
        for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) arrived += s.delivered[l];
        CHECK(s.inventory[k] >= 0.0);
        CHECK(s.inventory[k] ==
              Approx(inventory_before[k] + arrived - net.slot_coefficient[k] * s.output[f]).margin(1e-9));
      }
    // denied links carry nothing
    for (std::uint32_t l = 0; l < net.link_count(); ++l)
      if (s.verdict[l] == policy::Verdict::denied) {
        any_denied = true;
        CHECK(s.accepted_of(l) == 0.0);
        CHECK(s.in_transit[l] == 0.0);
      }
    inventory_before = s.inventory;
  }
  CHECK(any_denied);
}

TEST_CASE("An embargo blocks the target's orders from the step it starts, and not before", "[engine][embargo]") {
  const std::string controls = R"(controls:
  - {id: chip-embargo, instrument: embargo, issuers: [USA, KOR], items: [chips], destinations: [CHN], start: 2}
responses: {resourcing: {search_delay: 0}}  # buyers keep asking the embargoed suppliers, so every step blocks
)";
  const auto p = ensemble::prepare(load::load_scenario_text(testing::generated_world_yaml(controls), "g.yaml"));
  const auto result = ensemble::run_paired(*p);
  const auto chn = *p->scenario.world.find_state("CHN");
  const auto chips = *p->scenario.world.find_item("chips");
  int seen = 0;
  for (const auto& r : result.rows) {
    if (r.state != chn) continue;
    if (r.item == chips && r.metric == output::Metric::blocked_trade && r.step >= 2) {
      CHECK(r.value > 0);
      ++seen;
    }
    if (r.item == chips && r.metric == output::Metric::blocked_trade && r.step < 2) CHECK(r.value == 0.0);
  }
  CHECK(seen == 34);
}

TEST_CASE("An embargo covers exports only: sales at home go on", "[engine][embargo][policy]") {
  // Every state embargoes chips to every state: only cross-border chip links close.
  const std::string controls = R"(controls:
  - {id: all-chips, instrument: embargo, issuers: [USA, CHN, JPN, NLD, KOR], items: [chips],
     destinations: [USA, CHN, JPN, NLD, KOR], start: 0}
)";
  const auto p = ensemble::prepare(load::load_scenario_text(testing::generated_world_yaml(controls), "g.yaml"));
  const auto& net = p->network;
  const policy::ShipmentPolicy policy(&p->plan);
  std::vector<policy::Verdict> verdicts;
  std::vector<std::uint16_t> licence_control;
  policy.decide_links(0, net, net.link_supplier, verdicts, licence_control);
  const ItemId chips = *p->scenario.world.find_item("chips");
  int domestic = 0, foreign = 0;
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b)
    for (const std::uint32_t k : net.slots_of(b))
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
        const bool cross_border = net.buyer_state[net.link_supplier[l]] != net.buyer_state[b];
        const bool controlled = net.slot_item[k] == chips && cross_border;
        CHECK(verdicts[l] == (controlled ? policy::Verdict::denied : policy::Verdict::allowed));
        if (net.slot_item[k] == chips) ++(cross_border ? foreign : domestic);
      }
  CHECK(domestic > 0);
  CHECK(foreign > 0);
}
