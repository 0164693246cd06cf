// Columns of one world step one baseline: the rows are exactly those of each column
// stepped with its own (run_paired, what `regimesim run` records), through changes set
// in place and replays, whatever the thread count.
#include <catch2/catch.hpp>
#include <tbb/global_control.h>

#include "same_rows.hpp"
#include "../policy/instrument_worlds.hpp"
#include "classroom/session.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"

using namespace regimesim;
using classroom::VariantRun;

namespace {

const char* kEmbargo =
    "controls:\n  - {id: eq, instrument: embargo, issuer: main_three, items: [equipment], destinations: [CHN], start: 2}\n";
// Licences drawn from the run's seed: the runs' random numbers must not move either.
const char* kLicensing =
    "controls:\n  - {id: eq, instrument: licence_requirement, issuer: main_three, items: [equipment], destinations: [CHN], "
    "licence: {approval_probability: 0.4, delay_steps: 1}, start: 1}\n";

Scenario four(const std::string& controls, const std::string& steps = "steps: 30") {
  std::string yaml = testing::four_suppliers_yaml(controls);
  yaml.replace(yaml.find("steps: 30"), 9, steps);
  return load::load_scenario_text(yaml, "four.yaml");
}

std::vector<output::MetricRow> first_rows(const Scenario& sc, int steps) {
  std::vector<output::MetricRow> rows;
  for (const auto& r : ensemble::run_paired(*ensemble::prepare(sc)).rows)
    if (r.step < steps) rows.push_back(r);
  return rows;
}

std::unique_ptr<classroom::Session> session_of(const std::vector<Scenario>& scenarios) {
  std::vector<std::unique_ptr<VariantRun>> runs;
  for (const Scenario& sc : scenarios) runs.push_back(std::make_unique<VariantRun>(sc.name, sc));
  return std::make_unique<classroom::Session>("s1", "teacher", std::move(runs));
}

}  // namespace

TEST_CASE("Columns that differ only in their controls share one baseline, and their rows do not move",
          "[classroom][baseline]") {
  const int threads = GENERATE(1, 2);
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  const Scenario embargo = four(kEmbargo), licensing = four(kLicensing), shorter = four(kEmbargo, "steps: 20");
  auto s = session_of({embargo, licensing, shorter});
  // The third runs 20 months, not 30: another baseline, stepped by its own column.
  REQUIRE(s->variant(0).shared_baseline() != nullptr);
  CHECK(s->variant(0).shared_baseline() == s->variant(1).shared_baseline());
  CHECK(s->variant(2).shared_baseline() == nullptr);
  s->step(12);
  for (std::size_t v = 0; v < 3; ++v) {
    INFO("column " << v);
    testing::check_same_rows(s->variant(v).rows(), first_rows(std::vector<Scenario>{embargo, licensing, shorter}[v], 12));
  }
}

TEST_CASE("A column keeps the shared baseline through changes set in place, and a replay gives it its own",
          "[classroom][baseline]") {
  const Scenario embargo = four(kEmbargo), licensing = four(kLicensing);
  auto s = session_of({embargo, licensing});
  s->step(3);
  // Set in place at month 3: the licences' approval and the buyers' diversion.
  s->change(1, {{"kind", "approval"}, {"value", 0.9}}, "teacher");
  s->change(1, {{"kind", "diversion"}, {"value", 0.5}}, "teacher");
  CHECK(s->variant(1).shared_baseline() == s->variant(0).shared_baseline());
  s->step(3);
  // The same changes on a column with its own baseline, stepped alone.
  VariantRun alone("alone", licensing);
  for (int m = 0; m < 3; ++m) alone.step();
  alone.apply(classroom::read_change({{"kind", "approval"}, {"value", 0.9}}, 3, alone.running()));
  alone.apply(classroom::read_change({{"kind", "diversion"}, {"value", 0.5}}, 3, alone.running()));
  for (int m = 3; m < 6; ++m) alone.step();
  REQUIRE(alone.shared_baseline() == nullptr);
  testing::check_same_rows(s->variant(1).rows(), alone.rows());
  testing::check_same_rows(s->variant(0).rows(), first_rows(embargo, 6));

  // Japan leaves the embargo at month 6: the column is replayed with a baseline of its
  // own, and the other goes on with the shared one.
  s->change(0, {{"kind", "leave"}, {"state", "JPN"}}, "teacher");
  CHECK(s->variant(0).shared_baseline() == nullptr);
  CHECK(s->variant(1).shared_baseline() != nullptr);
  s->step(2);
  alone.step();
  alone.step();
  testing::check_same_rows(s->variant(1).rows(), alone.rows());
  // A reset shares again.
  s->reset();
  CHECK(s->variant(0).shared_baseline() == s->variant(1).shared_baseline());
}
