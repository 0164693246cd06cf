// A state that joins a control during the run counts as applying it from its join
// step, and not before, in every metric that splits controllers from the others
// (output/metrics.cpp, output/step_aggregates.cpp; docs/METRICS.md). Worked by hand
// on the Korea world (tests/sim/behaviour/state_decisions_worlds.hpp): China's fab
// takes 10 tools a step, 5 from a US maker and 5 from a Korean one; the US prohibits
// tools to China from step 2, and Korea joins from step 5, by event or by rule.
//
// Baseline run (no controls): each maker exports 5 a step, and China's tools input
// receives 5 from each.
// - controller_revenue_loss: a row for Korea only from step 5. The WORLD row's
//   baseline is the controllers' baseline exports: 5 (the US) before step 5, 10 (the
//   US and Korea) from step 5. Its value is 1 throughout from step 2: the US ships
//   nothing from step 2, Korea nothing from step 5.
// - substitution_share, (WORLD, all): in the baseline column, the share of China's
//   receipts from states applying no control: Korea's 5 of 10 before step 5, 0 from
//   step 5. In the scenario column at steps 3 and 4 everything China receives is
//   Korea's (the US shipped nothing from step 2), an outsider's: 1. At step 5 what
//   arrives was shipped by Korea at step 4, before its join; Korea is a controller at
//   step 5, so it is a controller's delivery (goods in transit): 0.
#include <catch2/catch.hpp>

#include <optional>

#include "../behaviour/state_decisions_worlds.hpp"
#include "ensemble/paired_run.hpp"
#include "ensemble/replicates.hpp"
#include "ensemble/shared_baseline.hpp"
#include "load/scenario_loader.hpp"

using namespace regimesim;
using output::Metric;
using state_decisions_worlds::korea_world;

namespace {

struct Cell {
  double value, baseline;
};

std::optional<Cell> row(const ensemble::RunResult& r, int step, std::uint32_t state, Metric m) {
  for (const auto& x : r.rows)
    if (x.step == step && x.state == state && x.item == output::kAllItems && x.metric == m)
      return Cell{x.value, x.baseline};
  return std::nullopt;
}

void check_korea_counts_from_step_5(const ensemble::RunResult& r, StateId kor) {
  for (int t = 0; t < 12; ++t) {
    INFO("step " << t);
    const auto korea = row(r, t, kor, Metric::controller_revenue_loss);
    CHECK(korea.has_value() == (t >= 5));
    if (korea) CHECK(korea->value == 1.0);
    const auto world = row(r, t, output::kWorld, Metric::controller_revenue_loss);
    REQUIRE(world);
    CHECK(world->baseline == Approx(t < 5 ? 5.0 : 10.0));
    if (t >= 2) CHECK(world->value == 1.0);
    const auto sub = row(r, t, output::kWorld, Metric::substitution_share);
    if (t <= 5) {
      REQUIRE(sub);
      CHECK(sub->baseline == Approx(t < 5 ? 0.5 : 0.0));
    }
    if (t == 3 || t == 4) CHECK(sub->value == 1.0);
    if (t == 5) CHECK(sub->value == 0.0);
  }
}

}  // namespace

TEST_CASE("A state joining by event counts as a controller from its join step, not before",
          "[output][accounting][joining]") {
  const auto p = ensemble::prepare(
      load::load_scenario_text(korea_world(", changes: [{at: 5, joins: [KOR]}]"), "joining.yaml"));
  check_korea_counts_from_step_5(ensemble::run_paired(*p), *p->scenario.world.find_state("KOR"));
}

TEST_CASE("A state joining by rule in the run counts as a controller from its join step, not before",
          "[output][accounting][joining]") {
  // Leakage through Korea is 1 from step 2: with steps 3 it joins from 2 + 3 = 5.
  const auto p = ensemble::prepare(load::load_scenario_text(
      korea_world(", candidates: [KOR], join_when: {leakage: 0.9, steps: 3}"), "joining.yaml"));
  const ensemble::RunResult r = ensemble::run_paired(*p);
  REQUIRE(r.decisions.size() == 1);
  REQUIRE(r.decisions[0].step == 5);
  check_korea_counts_from_step_5(r, *p->scenario.world.find_state("KOR"));
}

TEST_CASE("A leaver stops counting as a controller from the step it leaves", "[output][accounting][joining]") {
  // Korea a member from the start, leaving at step 5: the US's 5 and Korea's 5 make
  // the controllers' baseline exports 10 before step 5, the US's 5 from step 5; a row
  // for Korea until step 4.
  std::string yaml = korea_world(", changes: [{at: 5, leaves: [KOR]}]");
  const std::string us_alone = "members: [USA]";
  yaml.replace(yaml.find(us_alone), us_alone.size(), "members: [USA, KOR]");
  const auto p = ensemble::prepare(load::load_scenario_text(yaml, "leaving.yaml"));
  const ensemble::RunResult r = ensemble::run_paired(*p);
  const StateId kor = *p->scenario.world.find_state("KOR");
  for (int t = 0; t < 12; ++t) {
    INFO("step " << t);
    CHECK(row(r, t, kor, Metric::controller_revenue_loss).has_value() == (t < 5));
    const auto world = row(r, t, output::kWorld, Metric::controller_revenue_loss);
    REQUIRE(world);
    CHECK(world->baseline == Approx(t < 5 ? 10.0 : 5.0));
  }
}

TEST_CASE("Replicates of a run whose states join by rule each read their own roles, as one run does",
          "[output][accounting][joining][ensemble]") {
  // Two replicates: their baselines are not shared (a join in the run changes the
  // baseline column of substitution_share), so each equals run_paired with its seed.
  const auto p = ensemble::prepare(load::load_scenario_text(
      korea_world(", candidates: [KOR], join_when: {leakage: 0.9, steps: 3}"), "joining.yaml"));
  CHECK(ensemble::shared_baselines({p}, 2, 1, nullptr).front() == nullptr);
  const auto reps = ensemble::run_replicates({p}, {0, 1}, 1, nullptr);
  REQUIRE(reps.size() == 2);
  for (const auto& rep : reps) {
    const ensemble::RunResult alone = ensemble::run_paired(*p, {.seed = rep.seed});
    REQUIRE(rep.result.rows.size() == alone.rows.size());
    for (std::size_t i = 0; i < alone.rows.size(); ++i) {
      CHECK(rep.result.rows[i].value == alone.rows[i].value);
      CHECK(rep.result.rows[i].baseline == alone.rows[i].baseline);
    }
  }
}
