// Design-out (responses.design_out) and reach recomputed as the graph changes,
// worked out by hand on a Korean module maker caught by US de minimis.
#include <catch2/catch.hpp>

#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "policy/jurisdiction.hpp"
#include "policy/shipment_policy.hpp"

using namespace regimesim;

namespace {

// Korea's module maker puts 0.2 US chips and 0.1 US wafers in each module: 30% US
// controlled content at baseline prices of 1. Its modules go to Chinese final demand.
// Only the US makes chips; Japan makes wafers too and sells none at baseline. The US
// embargoes chips and wafers to China from step 2, reaching foreign makers above 25%
// content. No other answer is on (no re-sourcing search, no diversion).
std::string world(const std::string& design_out, double threshold = 0.25) {
  return R"(name: design-out
steps: 12
world:
  states:
    - {code: USA}
    - {code: KOR}
    - {code: JPN}
    - {code: CHN, final_demand: {modules: 100}}
  items:
    - {id: chips, tier: 4, control: "wassenaar:3A"}
    - {id: wafers, tier: 3}
    - {id: modules, tier: 3, recipe: {chips: 0.2, wafers: 0.1}}
  firms:
    - {id: us_chips, state: USA, item: chips, capacity: 100}
    - {id: us_wafers, state: USA, item: wafers, capacity: 100}
    - {id: jp_wafers, state: JPN, item: wafers, capacity: 100}
    - {id: kr_modules, state: KOR, item: modules, capacity: 200}
  links:
    - {supplier: us_chips, buyer: kr_modules, volume: 1}
    - {supplier: us_wafers, buyer: kr_modules, volume: 1}
controls:
  - {id: dm, instrument: embargo, issuer: USA, items: [chips, wafers], destinations: [CHN], start: 2,
     reach: {de_minimis: )" + std::to_string(threshold) + R"(}}
responses:
  resourcing: {search_delay: 0}
)" + design_out;
}

struct Run {
  std::shared_ptr<const ensemble::PreparedScenario> p;
  std::vector<int> caught;                 // kr_modules caught after each step (1/0; -1: baseline sets)
  std::vector<policy::Verdict> to_china;   // the verdict on its modules to China after each step
  std::vector<FirmId> wafer_supplier;      // of its wafers link after each step
  std::vector<engine::RunState> states;
};

Run run(const std::string& yaml) {
  Run r;
  r.p = ensemble::prepare(load::load_scenario_text(yaml, "design-out.yaml"));
  const auto& p = *r.p;
  const policy::ShipmentPolicy controls(&p.plan);
  engine::Simulation sim(p.scenario, p.network, p.equilibrium, controls);
  const World& w = p.scenario.world;
  const FirmId kr = *w.find_firm("kr_modules"), us_wafers = *w.find_firm("us_wafers");
  std::uint32_t to_china = 0, wafers = 0;
  for (std::uint32_t l = 0; l < p.network.link_count(); ++l) {
    if (p.network.link_supplier[l] == kr) to_china = l;
    if (p.network.link_supplier[l] == us_wafers) wafers = l;
  }
  for (int t = 0; t < p.scenario.steps; ++t) {
    sim.step();
    const auto& s = sim.state();
    r.caught.push_back(s.caught_by_reach.empty() ? -1 : s.caught_by_reach[kr]);
    r.to_china.push_back(s.verdict[to_china]);
    r.wafer_supplier.push_back(s.supplier[wafers]);
    r.states.push_back(s);
  }
  return r;
}

}  // namespace

TEST_CASE("design-out: the Korean module maker re-sources its wafers after the lag and is released",
          "[behaviour][design_out]") {
  // By hand. Caught from step 2 (content 0.3 > 0.25), when the embargo starts: its
  // modules to China are denied. With delay 3 and probability 1 it designs out at the
  // end of step 2 + 3 = 5. Chips only the US makes, so the heavier link (0.2) cannot
  // move; the wafers link (0.1) moves to Japan. Content: 0.2 x 1 + 0.1 x 0 = 0.2, below
  // 0.25. Reach is due at step 6, which releases it: its modules flow from step 6 on.
  const Run r = run(world("  design_out: {delay: 3, probability: 1, cost: 2}\n"));
  const World& w = r.p->scenario.world;
  const FirmId jp = *w.find_firm("jp_wafers"), us = *w.find_firm("us_wafers");
  CHECK(r.to_china[0] == policy::Verdict::allowed);
  CHECK(r.to_china[1] == policy::Verdict::allowed);
  for (int t = 2; t <= 5; ++t) {
    INFO("step " << t);
    CHECK(r.caught[t] == 1);
    CHECK(r.to_china[t] == policy::Verdict::denied);
  }
  for (int t = 0; t <= 4; ++t) CHECK(r.wafer_supplier[t] == us);
  for (int t = 5; t < 12; ++t) CHECK(r.wafer_supplier[t] == jp);
  for (int t = 6; t < 12; ++t) {
    INFO("step " << t);
    CHECK(r.caught[t] == 0);
    CHECK(r.to_china[t] == policy::Verdict::allowed);
  }
  // Its content on the run's graph after the move, read as reach reads it.
  const auto& net = r.p->network;
  std::vector<bool> member(w.states.size(), false), controlled(w.items.size(), false);
  member[0] = true;  // USA
  controlled[*w.find_item("chips")] = controlled[*w.find_item("wafers")] = true;
  const auto u = policy::controlled_content_share(
      controlled, net, policy::ReachGraph{r.states[6].supplier, r.states[6].share, member});
  CHECK(u[*w.find_firm("kr_modules")] == Approx(0.2).margin(1e-12));
  // The move is paid once, by Korea: 2 steps of the link's baseline flow (10 wafers).
  const StateId kor = 1;
  CHECK(r.states[5].switching_cost[kor] == Approx(2 * 10.0));
  CHECK(r.states[6].switching_cost[kor] == 0);
}

TEST_CASE("design-out: a firm whose every tainted input only the issuers make stays caught",
          "[behaviour][design_out]") {
  // At a 15% threshold, 0.2 of chips alone keeps it above: moving the wafers (at step 5)
  // is not enough, and chips cannot move. Caught to the end, and never moves again.
  const Run r = run(world("  design_out: {delay: 3, probability: 1}\n", 0.15));
  const FirmId jp = *r.p->scenario.world.find_firm("jp_wafers");
  CHECK(r.wafer_supplier[5] == jp);
  for (int t = 2; t < 12; ++t) {
    CHECK(r.caught[t] == 1);
    CHECK(r.to_china[t] == policy::Verdict::denied);
  }
}

TEST_CASE("design-out off, or on with nobody caught, changes nothing", "[behaviour][design_out]") {
  const Run off = run(world(""));
  const Run zero_delay = run(world("  design_out: {delay: 0, probability: 1, cost: 5}\n"));
  // At a 50% threshold nobody is caught: design-out and recomputing are on and idle.
  const Run idle_off = run(world("", 0.5));
  const Run idle_on = run(world("  design_out: {delay: 1, probability: 1}\n", 0.5));
  for (std::size_t t = 0; t < off.states.size(); ++t) {
    INFO("step " << t);
    CHECK(off.caught[t] == -1);  // no control recomputes: the run keeps no sets of its own
    CHECK(zero_delay.states[t].output == off.states[t].output);
    CHECK(zero_delay.states[t].verdict == off.states[t].verdict);
    CHECK(idle_on.states[t].output == idle_off.states[t].output);
    CHECK(idle_on.states[t].supplier == idle_off.states[t].supplier);
    CHECK(idle_on.states[t].verdict == idle_off.states[t].verdict);
    CHECK(idle_on.states[t].share == idle_off.states[t].share);
  }
}

TEST_CASE("reach recomputed on an unchanged graph keeps the baseline's caught set", "[policy][reach]") {
  // recompute_every 1 re-reads reach every step; nothing in this world changes a
  // supplier or a share (single-supplier slots), so every verdict is as without it.
  auto yaml = world("");
  const std::string at = "reach: {de_minimis: 0.250000}";
  const auto where = yaml.find(at);
  REQUIRE(where != std::string::npos);
  yaml.replace(where, at.size(), "reach: {de_minimis: 0.250000, recompute_every: 1}");
  const Run every = run(yaml);
  const Run fixed = run(world(""));
  for (std::size_t t = 0; t < fixed.states.size(); ++t) {
    CHECK(every.caught[t] == 1);  // 30% content: caught throughout
    CHECK(every.states[t].verdict == fixed.states[t].verdict);
    CHECK(every.states[t].output == fixed.states[t].output);
  }
}

TEST_CASE("design-out: bad parameters are located errors", "[behaviour][design_out][load]") {
  auto message = [](const std::string& design_out) {
    try {
      load::load_scenario_text(world(design_out), "design-out.yaml");
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(message("  design_out: {delay: -1}\n"), Catch::Contains("design_out.delay"));
  CHECK_THAT(message("  design_out: {delay: 2, probability: 1.5}\n"), Catch::Contains("design_out.probability"));
  CHECK_THAT(message("  design_out: {delay: 2, cost: -1}\n"), Catch::Contains("design_out.cost"));
  CHECK_THAT(message("  design_out: {lag: 2}\n"), Catch::Contains("lag"));
}
