// A baseline keeps no licence, quota or outcome per link (Simulation::LinkDecisions::none):
// it steps to the same state, field for field and bit for bit, as one that keeps them;
// a link it hands to another supplier records the move and nothing more.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "behaviour/link_takeover.hpp"
#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "policy/shipment_policy.hpp"

using namespace regimesim;

namespace {

// Every array of `lean` equals `full`'s bit for bit, but the ones a lean run leaves empty.
void check_same_state(const engine::RunState& lean, const engine::RunState& full, int& compared, int& empty) {
  std::vector<std::pair<std::string, std::string>> bytes;  // name, bytes of full's fields
  full.for_each_field([&](const char* name, const auto& f) {
    using T = std::decay_t<decltype(f)>;
    if constexpr (engine::is_array_field<T> && !std::is_same_v<T, std::vector<bool>>)
      bytes.emplace_back(name, std::string(reinterpret_cast<const char*>(f.data()), f.size() * sizeof(f[0])));
  });
  std::size_t i = 0;
  lean.for_each_field([&](const char* name, const auto& f) {
    using T = std::decay_t<decltype(f)>;
    if constexpr (engine::is_array_field<T> && !std::is_same_v<T, std::vector<bool>>) {
      const auto& [full_name, full_bytes] = bytes[i++];
      REQUIRE(full_name == name);
      if (f.empty() && !full_bytes.empty()) {
        ++empty;
        return;
      }
      INFO(name);
      CHECK(std::string(reinterpret_cast<const char*>(f.data()), f.size() * sizeof(f[0])) == full_bytes);
      ++compared;
    }
  });
}

}  // namespace

TEST_CASE("A baseline that keeps no link decisions steps as one that keeps them", "[engine][baseline]") {
  for (const char* file : {"starved-buyers.yaml", "embargo.yaml", "qualification.yaml"}) {
    INFO(file);
    const auto p =
        ensemble::prepare(load::load_scenario(std::string(REGIMESIM_SOURCE_DIR "/scenarios/tutorial/") + file));
    const policy::ShipmentPolicy none;
    engine::Simulation full(p->scenario, p->network, p->equilibrium, none, 1);
    engine::Simulation lean(p->scenario, p->network, p->equilibrium, none, 1, engine::Simulation::Start::at_equilibrium,
                            engine::Simulation::LinkDecisions::none);
    CHECK(full.state().keeps_link_decisions());
    CHECK_FALSE(lean.state().keeps_link_decisions());
    for (int t = 0; t < p->scenario.steps; ++t) {
      full.step();
      lean.step();
      int compared = 0, empty = 0;
      check_same_state(lean.state(), full.state(), compared, empty);
      // The outcome: a run with no plan keeps no licence or quota either (the next case)
      CHECK(empty == 1);
      CHECK(compared > 30);
    }
  }
}

TEST_CASE("A run keeps the licences' fields only where its plan licenses, the quotas' only where it caps",
          "[engine][baseline]") {
  struct Case {
    const char* file;
    bool licences, quotas;
  };
  for (const Case& c : {Case{"embargo.yaml", false, false}, Case{"licensing.yaml", true, false},
                        Case{"export-quota.yaml", false, true}}) {
    INFO(c.file);
    const auto p =
        ensemble::prepare(load::load_scenario(std::string(REGIMESIM_SOURCE_DIR "/scenarios/tutorial/") + c.file));
    const policy::ShipmentPolicy controls(&p->plan);
    engine::Simulation run(p->scenario, p->network, p->equilibrium, controls, 1);
    run.step();
    const engine::RunState& s = run.state();
    const std::size_t L = p->network.link_count();
    CHECK(s.outcome.size() == L);
    for (std::size_t n : {s.licence_control.size(), s.licence_status.size(), s.licence_decided_at.size()})
      CHECK(n == (c.licences ? L : 0));
    for (std::size_t n : {s.quota_control.size(), s.quota_refused.size()}) CHECK(n == (c.quotas ? L : 0));
  }
}

TEST_CASE("A licence and a quota that never start change no field of a run that keeps none", "[engine][baseline]") {
  // The embargo tutorial, and the same with a licence requirement and a quota that start
  // after its last step: the second keeps their fields, the first does not; every other
  // field steps the same, bit for bit.
  const std::string path = REGIMESIM_SOURCE_DIR "/scenarios/tutorial/embargo.yaml";
  const auto lean = ensemble::prepare(load::load_scenario(path));
  Scenario more = load::load_scenario(path);
  for (Instrument instrument : {Instrument::licence_requirement, Instrument::quota}) {
    Control c = more.controls.front();
    c.id += instrument == Instrument::quota ? "-quota" : "-licence";
    c.instrument = instrument;
    c.start_step = more.steps + 5;
    c.end_step = -1;
    more.controls.push_back(c);
  }
  const auto full = ensemble::prepare(std::move(more));
  const policy::ShipmentPolicy lean_controls(&lean->plan), full_controls(&full->plan);
  engine::Simulation a(lean->scenario, lean->network, lean->equilibrium, lean_controls, 1);
  engine::Simulation b(full->scenario, full->network, full->equilibrium, full_controls, 1);
  for (int t = 0; t < lean->scenario.steps; ++t) {
    a.step();
    b.step();
    int compared = 0, empty = 0;
    check_same_state(a.state(), b.state(), compared, empty);
    CHECK(empty == 5);  // licence control, status and decision step; quota control and refusal
    CHECK(compared > 30);
  }
}

TEST_CASE("A run under controls cannot be told to keep no link decisions", "[engine][baseline]") {
  const auto p = ensemble::prepare(load::load_scenario(REGIMESIM_SOURCE_DIR "/scenarios/tutorial/embargo.yaml"));
  const policy::ShipmentPolicy controls(&p->plan);
  CHECK_THROWS_AS(engine::Simulation(p->scenario, p->network, p->equilibrium, controls, 1,
                                     engine::Simulation::Start::at_equilibrium,
                                     engine::Simulation::LinkDecisions::none),
                  std::logic_error);
}

TEST_CASE("A baseline's link taken over records its new supplier and yield, and no decision", "[engine][baseline]") {
  // Re-sourcing, design-out and the return to a recovered supplier hand a link over
  // through take_over_link: on a baseline's state it must not reach the empty arrays.
  engine::RunState lean, full;
  for (engine::RunState* s : {&lean, &full}) {
    s->supplier = {3, 4, 5};
    s->yield = {1, 1, 1};
    s->verdict.assign(3, policy::Verdict::allowed);
  }
  full.licence_control.assign(3, 0);
  full.licence_status.assign(3, engine::LicenceStatus::refused);
  full.licence_decided_at.assign(3, 7);
  full.quota_control.assign(3, 0);
  full.quota_refused.assign(3, 2.5);
  full.outcome.assign(3, engine::Outcome::denied);
  full.verdict[1] = policy::Verdict::denied;
  engine::SlotChanges changes;
  changes.reset(2, 0);
  behaviour::take_over_link(lean, changes, 1, 1, 9, 0.75);
  behaviour::take_over_link(full, changes, 1, 1, 9, 0.75);
  for (const engine::RunState* s : {&lean, &full}) {
    CHECK(s->supplier == std::vector<FirmId>{3, 9, 5});
    CHECK(s->yield == std::vector<double>{1, 0.75, 1});
    CHECK(s->verdict[1] == policy::Verdict::allowed);
  }
  CHECK_FALSE(lean.keeps_link_decisions());
  CHECK(lean.outcome.empty());
  CHECK(lean.licence_control.empty());
  CHECK(full.licence_control[1] == policy::kNoLicence);  // a link under no control: no licence, no quota
  CHECK(full.licence_status[1] == engine::LicenceStatus::none);
  CHECK(full.quota_control[1] == policy::kNoQuota);
  // Each kept the link as the decision point left it, for the step's accounting (read
  // once the step has put its moves in link order).
  lean.settle_moves();
  full.settle_moves();
  REQUIRE(lean.moved.size() == 1);
  REQUIRE(full.moved.size() == 1);
  for (const engine::RunState* s : {&lean, &full}) {
    REQUIRE(s->before_move(1) != nullptr);
    CHECK(s->before_move(1)->supplier == 4);
    CHECK(s->before_move(0) == nullptr);
  }
  CHECK(lean.before_move(1)->verdict == policy::Verdict::allowed);
  CHECK(lean.before_move(1)->quota_control == policy::kNoQuota);
  CHECK(full.before_move(1)->verdict == policy::Verdict::denied);
  CHECK(full.before_move(1)->outcome == engine::Outcome::denied);
  CHECK(full.before_move(1)->quota_control == 0);
  CHECK(full.before_move(1)->quota_refused == 2.5);
  // Moved again in the same step, it keeps its first record.
  behaviour::take_over_link(full, changes, 1, 1, 5, 1.0);
  full.settle_moves();
  REQUIRE(full.moved.size() == 1);
  CHECK(full.before_move(1)->supplier == 4);
  CHECK(full.quota_refused[1] == 0);
  CHECK(full.outcome[1] == engine::Outcome::shipped);
  CHECK(full.outcome[0] == engine::Outcome::denied);  // the others untouched
}

TEST_CASE("A step's moves, noted out of link order, are each found once settled", "[engine][baseline]") {
  // Searches come in buyer order, which in the item layout is not link order, and the
  // returns and design-out come after them: the list is sorted before it is read.
  engine::RunState s;
  s.supplier = {10, 11, 12, 13};
  s.yield = {1, 1, 1, 1};
  s.verdict = {policy::Verdict::denied, policy::Verdict::allowed, policy::Verdict::denied, policy::Verdict::allowed};
  s.via.assign(4, engine::kDirect);
  s.via[2] = 7;
  engine::SlotChanges changes;
  changes.reset(4, 0);
  for (std::uint32_t l : {2u, 0u, 3u}) behaviour::take_over_link(s, changes, l, l, 20 + l, 1.0);
  behaviour::take_over_link(s, changes, 2, 2, 30, 1.0);  // moved again: the first record stands
  s.settle_moves();
  REQUIRE(s.moved.size() == 3);
  CHECK(s.shipped_by(0) == 10);
  CHECK(s.shipped_by(1) == 11);  // not moved: its supplier now
  CHECK(s.shipped_by(2) == 12);
  CHECK(s.shipped_by(3) == 13);
  CHECK(s.supplier == std::vector<FirmId>{20, 11, 30, 23});
  CHECK(s.decided_verdict(0) == policy::Verdict::denied);
  CHECK(s.decided_verdict(2) == policy::Verdict::denied);
  CHECK(s.verdict[2] == policy::Verdict::allowed);
  CHECK(s.before_move(2)->via == 7);
  CHECK(s.decided_verdict(3) == policy::Verdict::allowed);
}
