// The baseline stepped once per world and design point and shared by its replicates:
// the proof that sharing changes nothing is that every replicate paired against the
// shared baseline gives the rows, bit for bit, of the same replicate paired against a
// baseline of its own, on scenarios where the replicates draw (fronts, enforcement,
// licence decisions, over-compliance, programmes at home).
#include <catch2/catch.hpp>

#include <bit>

#include "ensemble/paired_checkpoint.hpp"
#include "ensemble/replicates.hpp"
#include "ensemble/run_seeds.hpp"
#include "ensemble/shared_baseline.hpp"
#include "load/scenario_loader.hpp"
#include "tutorial_runs.hpp"

using namespace regimesim;
using testing::identical;
using testing::tutorial;

namespace {

void check_shared_equals_own(const ensemble::PreparedScenario& p) {
  REQUIRE(ensemble::baseline_is_seed_free(p.scenario));
  const auto shared = ensemble::step_shared_baseline(p);
  REQUIRE(shared);
  REQUIRE(shared->flow.size() == static_cast<std::size_t>(p.scenario.steps));
  bool replicates_differ = false;
  std::vector<output::MetricRow> first;
  for (std::uint64_t run : {0, 1, 7}) {
    const std::uint64_t seed = ensemble::run_seed(p.scenario.seed, run);
    const auto own = ensemble::run_paired(p, {.seed = seed});
    const auto with_shared =
        ensemble::run_paired(p, {.seed = seed, .shared = shared.get()});
    CHECK(identical(own.rows, with_shared.rows));
    CHECK(own.cumulative_output == with_shared.cumulative_output);
    CHECK(own.cumulative_baseline_output == with_shared.cumulative_baseline_output);
    if (run == 0) first = own.rows;
    else replicates_differ = replicates_differ || !identical(first, own.rows);
  }
  CHECK(replicates_differ);  // the seeds matter to the scenario run: the comparison is not vacuous
}

}  // namespace

TEST_CASE("A shared baseline gives each replicate the rows of a baseline of its own, bit for bit",
          "[ensemble][shared-baseline]") {
  SECTION("fronts and enforcement") { check_shared_equals_own(*tutorial("diversion-and-enforcement.yaml")); }
  SECTION("licence decisions, over-compliance and programmes at home") {
    check_shared_equals_own(*tutorial("licensing.yaml", {"responses.over_compliance.probability=0.3",
                                                         "responses.build_at_home.threshold=0.05"}));
  }
}

TEST_CASE("An ensemble pairs its replicates against the shared baseline and gives the rows of separate runs",
          "[ensemble][shared-baseline]") {
  const std::vector<std::shared_ptr<const ensemble::PreparedScenario>> points{tutorial("diversion-and-enforcement.yaml")};
  REQUIRE(ensemble::shared_baselines(points, 3, 2, nullptr).front());  // it is shared here
  const auto all = ensemble::run_replicates(points, {0, 1, 2}, 2, nullptr);
  for (const auto& r : all) {
    const auto alone = ensemble::run_paired(*points[0], {.seed = r.seed});  // steps its own baseline
    CHECK(identical(r.result.rows, alone.rows));
  }
}

TEST_CASE("The baseline is stepped per replicate where it could depend on the seed, or sharing gains nothing",
          "[ensemble][shared-baseline]") {
  const auto lax = tutorial("diversion-and-enforcement.yaml");
  // Starvation re-sourcing acts without controls and draws the new supplier from the seed.
  const auto starving = tutorial("diversion-and-enforcement.yaml", {"responses.resourcing.starved_delay=2"});
  CHECK_FALSE(ensemble::baseline_is_seed_free(starving->scenario));
  CHECK_FALSE(ensemble::shared_baselines({starving}, 4, 1, nullptr).front());
  CHECK_FALSE(ensemble::shared_baselines({lax}, 1, 1, nullptr).front());  // a single run
  ensemble::Checkpointing saving;
  saving.save_at = 3;
  CHECK_FALSE(ensemble::shared_baselines({lax}, 4, 1, nullptr, {}, false, &saving).front());
  CHECK_FALSE(ensemble::shared_baselines({lax}, 4, 1, nullptr, {}, true).front());  // flows read the whole state
  CHECK(ensemble::shared_baselines({lax, starving}, 4, 1, nullptr).front());
}
