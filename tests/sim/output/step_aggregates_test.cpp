// The step's aggregates as one pass over the links in link order: each sum is the
// plain loop over the links (every link adding to its buyer's state and item, its
// supplier's state) bit for bit, with a few controllers or a regime's many (exports
// are summed for controllers only), and a buffer reused from an earlier step gives
// what a fresh one gives.
#include <catch2/catch.hpp>

#include <bit>

#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "output/step_aggregates.hpp"
#include "policy/shipment_policy.hpp"

using namespace regimesim;

namespace {

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (std::bit_cast<std::uint64_t>(a[k]) != std::bit_cast<std::uint64_t>(b[k])) return false;
  return true;
}

void check_same(const output::StepAggregates& a, const output::StepAggregates& b) {
  for (auto v : {&output::StepAggregates::output, &output::StepAggregates::purchases, &output::StepAggregates::ordered,
                 &output::StepAggregates::ordered_value, &output::StepAggregates::blocked_imports,
                 &output::StepAggregates::blocked_exports, &output::StepAggregates::final_delivered,
                 &output::StepAggregates::target_received, &output::StepAggregates::target_received_other,
                 &output::StepAggregates::target_received_home, &output::StepAggregates::wmd_risk_received,
                 &output::StepAggregates::leakage, &output::StepAggregates::tier_substitution,
                 &output::StepAggregates::collateral, &output::StepAggregates::delayed, &output::StepAggregates::exports,
                 &output::StepAggregates::diverted_trade, &output::StepAggregates::control_received,
                 &output::StepAggregates::control_received_other, &output::StepAggregates::control_received_home,
                 &output::StepAggregates::firm_output, &output::StepAggregates::firm_received,
                 &output::StepAggregates::firm_blocked, &output::StepAggregates::firm_ordered})
    CHECK(same_bits(a.*v, b.*v));
  CHECK(a.firms == b.firms);
  CHECK(a.firm_slot_begin == b.firm_slot_begin);
}

// The sums every link adds, by the plainest loop: link by link in link order.
struct PlainSums {
  std::vector<double> purchases, final_delivered, ordered, ordered_value, exports;
};
PlainSums plain_sums(const World& w, const engine::SupplyNetwork& net, const engine::RunState& s) {
  const std::size_t S = w.states.size(), I = w.items.size();
  PlainSums p{std::vector<double>(S * I, 0.0), std::vector<double>(S * I, 0.0), std::vector<double>(S * I, 0.0),
              std::vector<double>(S * I, 0.0), std::vector<double>(S, 0.0)};
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b)
    for (auto k = net.buyer_slot_begin[b]; k < net.buyer_slot_begin[b + 1]; ++k)
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
        const std::size_t in = net.buyer_state[b] * I + net.slot_item[k];
        const StateId from = net.buyer_state[s.supplier[l]];
        p.purchases[in] += s.delivered[l];
        if (b >= net.firm_count) p.final_delivered[in] += s.delivered[l];
        p.ordered[in] += s.order[l];
        p.ordered_value[in] += s.order[l] * s.price[s.supplier[l]];
        if (from != net.buyer_state[b]) p.exports[from] += s.in_transit[l];
      }
  return p;
}

// Steps the scenario and its baseline; at every step compares the aggregates with
// the plain sums and a reused buffer with a fresh one. Returns how many controllers.
int check_steps(const ensemble::PreparedScenario& p, int steps) {
  const Scenario& sc = p.scenario;
  const policy::ShipmentPolicy controls(&p.plan), no_controls;
  const policy::ControlRoles* roles = &p.plan.roles();
  engine::Simulation run(sc, p.network, p.equilibrium, controls), baseline(sc, p.network, p.equilibrium, no_controls);
  output::StepAggregates reused;
  bool exported = false;
  // A controller applies some control at some step of the run.
  auto controller = [&](std::size_t st) {
    for (const auto& by_state : roles->control_spans)
      if (st < by_state.size() && !by_state[st].empty()) return true;
    return false;
  };
  for (int t = 0; t < steps; ++t) {
    run.step();
    baseline.step();
    // The buffer last held the baseline's sums (a different state): reuse must forget them.
    output::aggregate_step(reused, sc.world, p.network, baseline.state(), roles, t, baseline.state(), &sc.reported_firms);
    output::aggregate_step(reused, sc.world, p.network, run.state(), roles, t, baseline.state(), &sc.reported_firms);
    const auto fresh = output::aggregate_step(sc.world, p.network, run.state(), roles, t, baseline.state(), &sc.reported_firms);
    check_same(reused, fresh);
    const PlainSums plain = plain_sums(sc.world, p.network, run.state());
    CHECK(same_bits(fresh.purchases, plain.purchases));
    CHECK(same_bits(fresh.final_delivered, plain.final_delivered));
    CHECK(same_bits(fresh.ordered, plain.ordered));
    CHECK(same_bits(fresh.ordered_value, plain.ordered_value));
    for (std::size_t st = 0; st < sc.world.states.size(); ++st) {
      // The metrics read exports of controllers only: those are the plain sums, the rest 0.
      if (controller(st)) {
        CHECK(std::bit_cast<std::uint64_t>(fresh.exports[st]) == std::bit_cast<std::uint64_t>(plain.exports[st]));
        exported = exported || fresh.exports[st] > 0;
      } else {
        CHECK(fresh.exports[st] == 0.0);
      }
    }
  }
  CHECK(exported);  // some controller exported: the comparison is not vacuous
  int controllers = 0;
  for (std::size_t st = 0; st < sc.world.states.size(); ++st) controllers += controller(st) ? 1 : 0;
  return controllers;
}

}  // namespace

TEST_CASE("The step's aggregates are the plain sums over the links, bit for bit", "[output][aggregates]") {
  SECTION("a few controllers, fronts and enforcement (a tutorial)") {
    const auto p = ensemble::prepare(
        load::load_scenario(REGIMESIM_SOURCE_DIR "/scenarios/tutorial/diversion-and-enforcement.yaml", {"steps=12"}));
    const int controllers = check_steps(*p, 12);
    CHECK(controllers >= 1);
  }
  SECTION("a regime's whole membership as controllers (the default world)") {
    const auto p = ensemble::prepare(load::load_scenario(REGIMESIM_SOURCE_DIR "/scenarios/regime-wide-chip-equipment.yaml",
                                                         {"steps=6", "world.generate.firms_per_state=1"}));
    CHECK(check_steps(*p, 6) > 10);
  }
}
