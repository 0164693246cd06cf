// The first steps every replicate of a point takes alike, stepped once: the proof
// that sharing them changes nothing is that a replicate restored from the prefix
// gives the rows, bit for bit, of the same replicate stepped from step 0, on
// scenarios whose replicates draw (fronts and enforcement; licence decisions,
// over-compliance and programmes at home); and that the prefix itself does not
// depend on the seed it was stepped with.
#include <catch2/catch.hpp>

#include <bit>

#include "engine/simulation.hpp"
#include "ensemble/replicates.hpp"
#include "ensemble/run_seeds.hpp"
#include "ensemble/shared_baseline.hpp"
#include "ensemble/shared_prefix.hpp"
#include "load/scenario_loader.hpp"
#include "tutorial_runs.hpp"

using namespace regimesim;
using testing::identical;
using testing::tutorial;

namespace {

// The step whose end first finds the run drawn (0: while it was built), or -1.
int first_drawing_step(const ensemble::PreparedScenario& p, bool with_controls) {
  const policy::ShipmentPolicy controls(&p.plan), none;
  engine::Simulation run(p.scenario, p.network, p.equilibrium, with_controls ? controls : none);
  if (run.has_drawn()) return 0;
  for (int t = 0; t < p.scenario.steps; ++t) {
    run.step();
    if (run.has_drawn()) return t;
  }
  return -1;
}

void check_prefix_equals_whole_run(const ensemble::PreparedScenario& p, int control_start) {
  const auto shared = ensemble::step_shared_baseline(p);
  REQUIRE(shared);
  const auto prefix = ensemble::step_shared_prefix(p, *shared);
  REQUIRE(prefix);
  // Nothing draws before a control is in force, and the prefix stops at the first draw.
  CHECK(prefix->steps >= control_start);
  CHECK(prefix->steps == first_drawing_step(p, true));
  bool replicates_differ = false;
  std::vector<output::MetricRow> first;
  for (std::uint64_t run : {0, 1, 7}) {
    const std::uint64_t seed = ensemble::run_seed(p.scenario.seed, run);
    std::atomic<long> steps_done{0};
    const auto whole = ensemble::run_paired(p, {.seed = seed, .shared = shared.get()});
    const auto restored =
        ensemble::run_paired(p, {.seed = seed, .steps_done = &steps_done, .shared = shared.get(),
                                 .prefix = prefix.get()});
    CHECK(identical(whole.rows, restored.rows));
    CHECK(whole.cumulative_output == restored.cumulative_output);
    CHECK(whole.cumulative_baseline_output == restored.cumulative_baseline_output);
    CHECK(whole.decisions.size() == restored.decisions.size());
    CHECK(restored.steps_completed == p.scenario.steps);
    CHECK(steps_done.load() == p.scenario.steps);  // progress counts the shared steps too
    if (run == 0) first = whole.rows;
    else replicates_differ = replicates_differ || !identical(first, whole.rows);
  }
  CHECK(replicates_differ);  // the seeds matter after the prefix: the comparison is not vacuous
}

}  // namespace

TEST_CASE("A run with no controls never draws; with them, not before one is in force", "[ensemble][shared-prefix]") {
  const auto p = tutorial("diversion-and-enforcement.yaml");
  CHECK(first_drawing_step(*p, false) == -1);
  const int first = first_drawing_step(*p, true);
  CHECK(first >= p->scenario.controls.front().start_step);
}

TEST_CASE("A replicate restored from the shared prefix gives the rows of one stepped from the start, bit for bit",
          "[ensemble][shared-prefix]") {
  SECTION("fronts and enforcement") { check_prefix_equals_whole_run(*tutorial("diversion-and-enforcement.yaml"), 4); }
  SECTION("licence decisions, over-compliance and programmes at home") {
    check_prefix_equals_whole_run(*tutorial("licensing.yaml", {"responses.over_compliance.probability=0.3",
                                                               "responses.build_at_home.threshold=0.05"}),
                                  6);
  }
}

TEST_CASE("The shared prefix is the same whatever the seed it is stepped with", "[ensemble][shared-prefix]") {
  const auto a = tutorial("diversion-and-enforcement.yaml");
  const auto b = tutorial("diversion-and-enforcement.yaml", {"seed=987654321"});
  REQUIRE(a->scenario.seed != b->scenario.seed);
  const auto shared = ensemble::step_shared_baseline(*a);
  const auto pa = ensemble::step_shared_prefix(*a, *shared);
  const auto pb = ensemble::step_shared_prefix(*b, *shared);
  REQUIRE(pa);
  REQUIRE(pb);
  CHECK(pa->steps == pb->steps);
  CHECK(pa->run == pb->run);
  CHECK(identical(pa->rows, pb->rows));
}

TEST_CASE("No prefix where the run draws as it is built or in its first step, or with fewer than 3 replicates",
          "[ensemble][shared-prefix]") {
  // A licence requirement from step 0, decided with no delay: the first licence is drawn in step 0.
  const auto drawn_at_once =
      tutorial("licensing.yaml", {"controls.chip-licence.start=0", "controls.chip-licence.licence.delay_steps=0"});
  CHECK(first_drawing_step(*drawn_at_once, true) == 0);
  const auto shared = ensemble::step_shared_baseline(*drawn_at_once);
  REQUIRE(shared);
  CHECK_FALSE(ensemble::step_shared_prefix(*drawn_at_once, *shared));

  const std::vector<std::shared_ptr<const ensemble::PreparedScenario>> points{tutorial("diversion-and-enforcement.yaml")};
  const auto baselines = ensemble::shared_baselines(points, 3, 1, nullptr);
  REQUIRE(baselines.front());
  CHECK(ensemble::shared_prefixes(points, baselines, 3, 1, nullptr).front());
  CHECK_FALSE(ensemble::shared_prefixes(points, baselines, 2, 1, nullptr).front());
}

TEST_CASE("An ensemble with a shared prefix gives each replicate the rows of a run of its own",
          "[ensemble][shared-prefix]") {
  const std::vector<std::shared_ptr<const ensemble::PreparedScenario>> points{
      tutorial("licensing.yaml", {"responses.over_compliance.probability=0.3"})};
  ensemble::Progress progress;
  const auto all = ensemble::run_replicates(points, {0, 1, 2, 3}, 2, nullptr, &progress);
  CHECK(progress.steps_done.load() == 4L * points[0]->scenario.steps);
  for (const auto& r : all) {
    const auto alone = ensemble::run_paired(*points[0], {.seed = r.seed});  // its own baseline, from step 0
    CHECK(identical(r.result.rows, alone.rows));
  }
}
