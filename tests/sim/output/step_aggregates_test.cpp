// The step's aggregates against the plainest loop over the links (every link adding
// to its buyer's state and item, its supplier's state), with a few controllers or a
// regime's many (exports are summed for controllers only), and a buffer reused from
// an earlier step against a fresh one.
//
// The sums every link adds are taken by the step's sweeps per slot (RunState::received,
// ordered, ordered_value) and per piece (exported), then added slot by slot: each
// slot's own sums are the plain loop over its links bit for bit; the totals are the
// plain loop's up to the order of the additions (a relative 1e-12 here); exports count
// the supplier that shipped, the one before the step's answers moved any link.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>

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

// Equal but for the order of the additions: within a relative 1e-12 of the larger.
bool close(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (std::abs(a[k] - b[k]) > 1e-12 * std::max(std::abs(a[k]), std::abs(b[k]))) return false;
  return true;
}

// The sums every link adds, by the plainest loop: link by link in link order. `shipped_by`
// is who supplied each link when the step shipped (before its answers).
struct PlainSums {
  std::vector<double> purchases, final_delivered, ordered, ordered_value, exports;
};
PlainSums plain_sums(const World& w, const engine::SupplyNetwork& net, const engine::RunState& s,
                     const std::vector<FirmId>& shipped_by) {
  const std::size_t S = w.states.size(), I = w.items.size();
  PlainSums p{std::vector<double>(S * I, 0.0), std::vector<double>(S * I, 0.0), std::vector<double>(S * I, 0.0),
              std::vector<double>(S * I, 0.0), std::vector<double>(S, 0.0)};
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b)
    for (const std::uint32_t k : net.slots_of(b))
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
        const std::size_t in = net.buyer_state[b] * I + net.slot_item[k];
        const StateId from = net.buyer_state[shipped_by[l]];
        p.purchases[in] += s.delivered[l];
        if (b >= net.firm_count) p.final_delivered[in] += s.delivered[l];
        p.ordered[in] += s.order[l];
        p.ordered_value[in] += s.order[l] * s.price[shipped_by[l]];
        if (from != net.buyer_state[b]) p.exports[from] += s.in_transit[l];
      }
  return p;
}

// Steps the scenario and its baseline; at every step compares the aggregates with
// the plain sums and a reused buffer with a fresh one. Returns how many controllers;
// counts in `moved` the slots some answer moved a link of after it shipped.
int check_steps(const ensemble::PreparedScenario& p, int steps, std::size_t* moved = nullptr) {
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
  std::size_t moved_slots = 0, restricted_slots = 0;
  for (int t = 0; t < steps; ++t) {
    // No phase before the shipments moves a link: who supplies it at the start of the
    // step is who ships.
    const std::vector<FirmId> shipped_by = run.state().supplier;
    run.step();
    baseline.step();
    const engine::RunState& s = run.state();
    const auto& net = p.network;
    for (std::uint32_t k = 0; k < net.slot_count(); ++k) {  // each slot's sums, bit for bit
      double received = 0, ordered = 0, ordered_value = 0;
      bool moved = false;
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
        received += s.delivered[l];
        ordered += s.order[l];
        ordered_value += s.order[l] * s.price[shipped_by[l]];
        moved = moved || s.supplier[l] != shipped_by[l];
      }
      moved_slots += moved ? 1 : 0;
      // A slot not marked restricted has no link that a control holds back at the step's end.
      if (!s.restricted[k])
        for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l)
          CHECK(s.verdict[l] == policy::Verdict::allowed);
      restricted_slots += s.restricted[k];
      CHECK(std::bit_cast<std::uint64_t>(s.received[k]) == std::bit_cast<std::uint64_t>(received));
      CHECK(std::bit_cast<std::uint64_t>(s.ordered[k]) == std::bit_cast<std::uint64_t>(ordered));
      CHECK(std::bit_cast<std::uint64_t>(s.ordered_value[k]) == std::bit_cast<std::uint64_t>(ordered_value));
    }
    // The buffer last held the baseline's sums (a different state): reuse must forget them.
    output::aggregate_step(reused, sc.world, p.network, baseline.state(), roles, t, baseline.state(), &sc.reported_firms);
    output::aggregate_step(reused, sc.world, p.network, run.state(), roles, t, baseline.state(), &sc.reported_firms);
    const auto fresh = output::aggregate_step(sc.world, p.network, run.state(), roles, t, baseline.state(), &sc.reported_firms);
    check_same(reused, fresh);
    const PlainSums plain = plain_sums(sc.world, p.network, run.state(), shipped_by);
    CHECK(close(fresh.purchases, plain.purchases));
    CHECK(close(fresh.final_delivered, plain.final_delivered));
    CHECK(close(fresh.ordered, plain.ordered));
    CHECK(close(fresh.ordered_value, plain.ordered_value));
    for (std::size_t st = 0; st < sc.world.states.size(); ++st) {
      // The metrics read exports of controllers only: those are the plain sums, the rest 0.
      if (controller(st)) {
        CHECK(close({fresh.exports[st]}, {plain.exports[st]}));
        exported = exported || fresh.exports[st] > 0;
      } else {
        CHECK(fresh.exports[st] == 0.0);
      }
    }
  }
  CHECK(exported);  // some controller exported: the comparison is not vacuous
  CHECK(restricted_slots > 0);
  if (moved) *moved += moved_slots;
  int controllers = 0;
  for (std::size_t st = 0; st < sc.world.states.size(); ++st) controllers += controller(st) ? 1 : 0;
  return controllers;
}

}  // namespace

TEST_CASE("The step's aggregates are the plain sums over the links", "[output][aggregates]") {
  SECTION("a few controllers, fronts and enforcement (a tutorial)") {
    const auto p = ensemble::prepare(
        load::load_scenario(REGIMESIM_SOURCE_DIR "/scenarios/tutorial/diversion-and-enforcement.yaml", {"steps=12"}));
    const int controllers = check_steps(*p, 12);
    CHECK(controllers >= 1);
  }
  SECTION("buyers that re-source, so that links move after they shipped (a tutorial)") {
    const auto p = ensemble::prepare(load::load_scenario(REGIMESIM_SOURCE_DIR "/scenarios/tutorial/qualification.yaml"));
    std::size_t moved = 0;
    check_steps(*p, p->scenario.steps, &moved);
    CHECK(moved > 0);  // the supplier that shipped, not the one moved to, is what the sums count
  }
  SECTION("a regime's whole membership as controllers (the default world)") {
    const auto p = ensemble::prepare(load::load_scenario(REGIMESIM_SOURCE_DIR "/scenarios/regime-wide-chip-equipment.yaml",
                                                         {"steps=6", "world.generate.firms_per_state=1"}));
    CHECK(check_steps(*p, 6) > 10);
  }
}
