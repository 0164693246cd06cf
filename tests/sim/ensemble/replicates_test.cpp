// Ensembles: seeds per run, results independent of the thread count, a run redone
// alone equal to itself within the ensemble, and a baseline that draws nothing.
#include <catch2/catch.hpp>

#include <set>

#include "ensemble/replicates.hpp"
#include "ensemble/run_seeds.hpp"
#include "load/scenario_loader.hpp"

using namespace regimesim;

namespace {
// Diversion through fronts against imperfect enforcement: every run draws.
std::shared_ptr<const ensemble::PreparedScenario> lax() {
  return ensemble::prepare(load::load_scenario(REGIMESIM_SOURCE_DIR "/scenarios/tutorial/diversion-and-enforcement.yaml",
                                               {"steps=12"}));
}

bool same_rows(const std::vector<output::MetricRow>& a, const std::vector<output::MetricRow>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (a[k].step != b[k].step || a[k].state != b[k].state || a[k].item != b[k].item || a[k].metric != b[k].metric ||
        a[k].value != b[k].value)
      return false;
  return true;
}
}  // namespace

TEST_CASE("Run 0 keeps the base seed and other runs get distinct mixed seeds", "[ensemble][seeds]") {
  CHECK(ensemble::run_seed(42, 0) == 42);
  std::set<std::uint64_t> seeds;
  for (std::uint64_t i = 0; i < 1000; ++i) seeds.insert(ensemble::run_seed(42, i));
  CHECK(seeds.size() == 1000);
  CHECK(ensemble::run_seed(42, 1) == random::mix(random::mix(42) + 1));
  CHECK(ensemble::run_seed(43, 1) != ensemble::run_seed(42, 1));
}

TEST_CASE("An ensemble gives the same results on one thread and on two, in (point, run) order", "[ensemble][threads]") {
  const std::vector<std::shared_ptr<const ensemble::PreparedScenario>> points{lax(), lax()};
  const std::vector<int> runs{0, 1, 2};
  ensemble::Progress progress;
  const auto one = ensemble::run_replicates(points, runs, 1, nullptr);
  const auto two = ensemble::run_replicates(points, runs, 2, nullptr, &progress);
  REQUIRE(one.size() == 6);
  REQUIRE(two.size() == 6);
  CHECK(progress.runs_done == 6);
  CHECK(progress.steps_done == 6 * 12);
  for (std::size_t k = 0; k < 6; ++k) {
    CHECK(one[k].point == k / 3);
    CHECK(one[k].run == static_cast<int>(k % 3));
    CHECK(one[k].seed == ensemble::run_seed(points[0]->scenario.seed, k % 3));
    CHECK(same_rows(one[k].result.rows, two[k].result.rows));
  }
  // the runs are replicates, not copies: the draws differ between seeds
  CHECK(!same_rows(one[0].result.rows, one[1].result.rows));
  // the two points are the same scenario, so run i agrees across them
  CHECK(same_rows(one[1].result.rows, one[4].result.rows));
}

TEST_CASE("A run redone alone gives the rows it gave within the ensemble", "[ensemble][seeds]") {
  const std::vector<std::shared_ptr<const ensemble::PreparedScenario>> points{lax()};
  const auto all = ensemble::run_replicates(points, {0, 1, 2, 3}, 2, nullptr);
  const auto alone = ensemble::run_replicates(points, {2}, 1, nullptr);
  REQUIRE(alone.size() == 1);
  CHECK(alone[0].run == 2);
  CHECK(alone[0].seed == all[2].seed);
  CHECK(same_rows(alone[0].result.rows, all[2].result.rows));
}

TEST_CASE("The baseline draws no random numbers: common to every seed", "[ensemble][crn]") {
  const auto p = lax();
  const auto a = ensemble::run_paired(*p, {.seed = 1});
  const auto b = ensemble::run_paired(*p, {.seed = 987654321});
  CHECK(a.cumulative_baseline_output == b.cumulative_baseline_output);  // exactly: the same arithmetic
  CHECK(a.cumulative_output != b.cumulative_output);                     // while the scenario's draws differ
}

TEST_CASE("A stop request ends the runs and marks them interrupted", "[ensemble][interrupt]") {
  const std::vector<std::shared_ptr<const ensemble::PreparedScenario>> points{lax()};
  const std::atomic<bool> stop{true};
  const auto r = ensemble::run_replicates(points, {0, 1}, 2, &stop);
  for (const auto& x : r) CHECK(x.result.interrupted);
}
