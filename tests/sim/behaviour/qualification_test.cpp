// Qualification (resourcing.qualification_per_tier): a supplier a cut-off buyer moves
// to takes j / Q of the order in the j-th step after the switch, Q = per_tier x tier.
#include <catch2/catch.hpp>

#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "policy/shipment_policy.hpp"

using namespace regimesim;

namespace {

// China's fab makes 100 chips from 0.1 tools (tier 3) each, all from the US maker.
// Japan's maker sells nothing at baseline and has room for 40. The US embargoes tools
// to China from step 2; with search_delay 1 the fab moves the link to Japan after
// step 2's shipments, so Japan first ships in step 3.
std::string world(double per_tier) {
  return R"(name: qualification
steps: 12
world:
  states:
    - {code: USA}
    - {code: JPN}
    - {code: CHN, final_demand: {chips: 100}}
  items:
    - {id: tools, tier: 3}
    - {id: chips, tier: 4, recipe: {tools: 0.1}}
  firms:
    - {id: us_tools, state: USA, item: tools, capacity: 40}
    - {id: jp_tools, state: JPN, item: tools, capacity: 40}
    - {id: cn_fab, state: CHN, item: chips, capacity: 125}
  links:
    - {supplier: us_tools, buyer: cn_fab, volume: 1}
controls:
  - {id: tools-ban, instrument: embargo, issuer: USA, items: [tools], destinations: [CHN], start: 2}
responses:
  resourcing: {search_delay: 1, qualification_per_tier: )" + std::to_string(per_tier) + R"(}
)";
}

struct Run {
  std::vector<FirmId> supplier;     // of the fab's one tools link, after each step
  std::vector<double> availability;  // shipped / ordered on it
  std::vector<double> order;
  double chips = 0;  // the fab's output over the run
};

Run run(double per_tier) {
  const auto p = ensemble::prepare(load::load_scenario_text(world(per_tier), "qualification.yaml"));
  const policy::ShipmentPolicy controls(&p->plan);
  engine::Simulation sim(p->scenario, p->network, p->equilibrium, controls);
  const FirmId fab = *p->scenario.world.find_firm("cn_fab");
  const std::uint32_t link = p->network.slot_link_begin[p->network.slots_of(fab)[0]];
  Run r;
  for (int t = 0; t < p->scenario.steps; ++t) {
    sim.step();
    r.supplier.push_back(sim.state().supplier[link]);
    const auto& s = sim.state();  // what the link shipped of its order this step
    r.availability.push_back(s.order[link] > 0 ? s.in_transit[link] / s.order[link] : 1.0);
    r.order.push_back(sim.state().order[link]);
    r.chips += sim.state().output[fab];
  }
  return r;
}

}  // namespace

TEST_CASE("qualification: a new supplier's part ramps 1/Q, 2/Q, ... then the whole order", "[behaviour][qualification]") {
  const Run r = run(1.0);  // tools are tier 3: Q = 3 steps
  const auto jp = static_cast<FirmId>(1);
  REQUIRE(r.supplier[1] != jp);
  REQUIRE(r.supplier[2] == jp);  // moved after step 2's shipments
  // (at step 2 the link moved after its shipments: what it shipped then was the old supplier's)
  CHECK(r.availability[3] == Approx(1.0 / 3));
  CHECK(r.availability[4] == Approx(2.0 / 3));
  for (int t = 5; t < 12; ++t) CHECK(r.availability[t] == Approx(1.0));
  for (int t = 3; t < 12; ++t) CHECK(r.order[t] > 0);
}

TEST_CASE("qualification: 0 per tier, or one step or less, ships the whole order at once", "[behaviour][qualification]") {
  const Run off = run(0.0), one_step = run(1.0 / 3);  // Q = 1
  for (int t = 3; t < 12; ++t) {
    CHECK(off.availability[t] == Approx(1.0));
    CHECK(one_step.availability[t] == off.availability[t]);
  }
  CHECK(one_step.chips == off.chips);
}

TEST_CASE("qualification: a longer qualification costs output, never adds it", "[behaviour][qualification]") {
  const Run off = run(0.0), three = run(1.0), six = run(2.0);
  // tutorial/qualification.md by hand: 5 tools arrive at step 4, so the fab makes 50
  // chips there and loses no other month; trusted at once it loses none.
  CHECK(three.chips == Approx(off.chips - 50));
  CHECK(off.chips == Approx(12 * 100.0));
  CHECK(six.chips < three.chips);
  CHECK(six.availability[3] == Approx(1.0 / 6));
}
