// The recorder stages a step's rows in a buffer it keeps and appends them to the run's
// rows in one copy (MetricRecorder::add, append_staged). Checked here against the plain
// way, a push_back per row: the production and world rows of each step are the plain
// loop's, in order and bit for bit, on a world whose steps outgrow the stage many times
// over; the run's rows regrow to the capacities push_back would have given them; and a
// step that throws leaves none of its rows behind.
#include <catch2/catch.hpp>

#include <bit>

#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "output/metrics.hpp"
#include "output/step_aggregates.hpp"
#include "policy/shipment_policy.hpp"

using namespace regimesim;
using output::Metric;
using output::MetricRow;

namespace {

double loss(double value, double baseline) { return baseline > 0 ? 1.0 - value / baseline : 0.0; }

// The rows a step's production and trade make (the first rows of each step: per state
// and item, per state, per item of the world, the world), one push_back at a time.
std::vector<MetricRow> plain_rows(int step, const output::StepAggregates& sc, const output::StepAggregates& bl) {
  std::vector<MetricRow> rows;
  auto add = [&](std::uint32_t s, std::uint32_t i, Metric m, double v, double base = 0) {
    rows.push_back(MetricRow{step, s, i, m, v, base});
  };
  const std::size_t S = sc.states, I = sc.items;
  std::vector<double> world_item(I, 0.0), world_item_base(I, 0.0);
  for (std::size_t s = 0; s < S; ++s)
    for (std::size_t i = 0; i < I; ++i) {
      world_item[i] += sc.output[sc.at(s, i)];
      world_item_base[i] += bl.output[bl.at(s, i)];
    }
  auto price_index = [](const output::StepAggregates& a, std::size_t k) {
    return a.ordered[k] > 0 ? a.ordered_value[k] / a.ordered[k] : 1.0;
  };
  double world_out = 0, world_base = 0, world_blocked = 0, world_blocked_exports = 0;
  for (std::uint32_t s = 0; s < S; ++s) {
    double out_sum = 0, base_sum = 0, blocked = 0, blocked_exports = 0;
    for (std::uint32_t i = 0; i < I; ++i) {
      const std::size_t k = sc.at(s, i);
      const double out = sc.output[k], base = bl.output[k];
      out_sum += out, base_sum += base;
      blocked += sc.blocked_imports[k], blocked_exports += sc.blocked_exports[k];
      if (base > 0) {
        add(s, i, Metric::gross_output, out, base);
        add(s, i, Metric::output_loss, loss(out, base), base);
        if (world_item[i] > 0) {
          const double share = out / world_item[i], base_share = base / world_item_base[i];
          add(s, i, Metric::market_share, share, base_share);
          add(s, i, Metric::market_share_shift, share - base_share, base_share);
        }
        add(s, i, Metric::blocked_exports, sc.blocked_exports[k], bl.blocked_exports[k]);
      }
      if (bl.purchases[k] > 0) {
        add(s, i, Metric::price_index, price_index(sc, k), price_index(bl, k));
        add(s, i, Metric::blocked_trade, sc.blocked_imports[k], bl.blocked_imports[k]);
      }
      if (bl.final_delivered[k] > 0)
        add(s, i, Metric::final_demand_shortfall, loss(sc.final_delivered[k], bl.final_delivered[k]),
            bl.final_delivered[k]);
    }
    add(s, output::kAllItems, Metric::gross_output, out_sum, base_sum);
    add(s, output::kAllItems, Metric::output_loss, loss(out_sum, base_sum), base_sum);
    add(s, output::kAllItems, Metric::blocked_trade, blocked);
    add(s, output::kAllItems, Metric::blocked_exports, blocked_exports);
    world_out += out_sum, world_base += base_sum, world_blocked += blocked, world_blocked_exports += blocked_exports;
  }
  for (std::uint32_t i = 0; i < I; ++i) {
    if (world_item_base[i] <= 0) continue;
    add(output::kWorld, i, Metric::gross_output, world_item[i], world_item_base[i]);
    add(output::kWorld, i, Metric::output_loss, loss(world_item[i], world_item_base[i]), world_item_base[i]);
  }
  add(output::kWorld, output::kAllItems, Metric::gross_output, world_out, world_base);
  add(output::kWorld, output::kAllItems, Metric::output_loss, loss(world_out, world_base), world_base);
  add(output::kWorld, output::kAllItems, Metric::blocked_trade, world_blocked);
  add(output::kWorld, output::kAllItems, Metric::blocked_exports, world_blocked_exports);
  return rows;
}

bool same_row(const MetricRow& a, const MetricRow& b) {
  return a.step == b.step && a.state == b.state && a.item == b.item && a.metric == b.metric &&
         std::bit_cast<std::uint64_t>(a.value) == std::bit_cast<std::uint64_t>(b.value) &&
         std::bit_cast<std::uint64_t>(a.baseline) == std::bit_cast<std::uint64_t>(b.baseline);
}

// A run and its baseline stepped side by side, as run_paired steps them, with the
// aggregates of the step just taken.
struct SteppedPair {
  explicit SteppedPair(const ensemble::PreparedScenario& p)
      : prepared(p), controls(&p.plan), run(p.scenario, p.network, p.equilibrium, controls),
        baseline(p.scenario, p.network, p.equilibrium, no_controls) {}
  void step(int t) {
    run.step();
    baseline.step();
    const auto* firms = &prepared.scenario.reported_firms;
    output::aggregate_step(sums, prepared.scenario.world, prepared.network, run.state(), run.roles(), t,
                           baseline.state(), firms);
    output::aggregate_step(baseline_sums, prepared.scenario.world, prepared.network, baseline.state(), run.roles(), t,
                           baseline.state(), firms);
  }
  const ensemble::PreparedScenario& prepared;
  const policy::ShipmentPolicy controls, no_controls;
  engine::Simulation run, baseline;
  output::StepAggregates sums, baseline_sums;
};

}  // namespace

TEST_CASE("Staged rows are the plain push_back rows, in order and bit for bit", "[output][rows]") {
  // The bench world: about 17,000 rows a step, so the stage (1,024 rows at first)
  // grows five times within step 0 and must keep what it held each time.
  const auto p =
      ensemble::prepare(load::load_scenario(REGIMESIM_SOURCE_DIR "/scenarios/bench/ensemble.yaml", {"steps=5"}));
  SteppedPair pair(*p);
  output::MetricRecorder recorder(p->scenario.world, pair.run.roles());
  REQUIRE(pair.run.roles() != nullptr);
  std::size_t step_begin = 0;
  for (int t = 0; t < 5; ++t) {
    INFO("step " << t);
    pair.step(t);
    recorder.record(t, pair.sums, pair.baseline_sums);
    const auto& rows = recorder.rows();
    const auto plain = plain_rows(t, pair.sums, pair.baseline_sums);
    REQUIRE(plain.size() > 10000);
    // The step's rows follow the earlier steps' and are all of this step; the control
    // rows (denial, leakage, ...) come after the plain ones.
    REQUIRE(rows.size() > step_begin + plain.size());
    std::size_t differ = 0;
    for (std::size_t r = 0; r < plain.size(); ++r)
      if (!same_row(rows[step_begin + r], plain[r])) ++differ;
    CHECK(differ == 0);
    std::size_t other_step = 0;
    for (std::size_t r = step_begin; r < rows.size(); ++r)
      if (rows[r].step != t) ++other_step;
    CHECK(other_step == 0);
    step_begin = rows.size();
  }
}

TEST_CASE("The run's rows regrow to the capacities push_back gives them", "[output][rows]") {
  // A run's peak memory is its rows' capacity: appending a step's rows in one copy must
  // double the room when full, as push_back does, not fit it to the rows.
  const auto p = ensemble::prepare(
      load::load_scenario(REGIMESIM_SOURCE_DIR "/scenarios/tutorial/diversion-and-enforcement.yaml", {"steps=40"}));
  SteppedPair pair(*p);
  output::MetricRecorder recorder(p->scenario.world, pair.run.roles());
  std::vector<MetricRow> pushed;  // the same rows, one push_back at a time
  int regrown = 0;
  for (int t = 0; t < 40; ++t) {
    INFO("step " << t);
    pair.step(t);
    const std::size_t before = recorder.rows().capacity();
    recorder.record(t, pair.sums, pair.baseline_sums);
    for (std::size_t r = pushed.size(); r < recorder.rows().size(); ++r) pushed.push_back(recorder.rows()[r]);
    CHECK(recorder.rows().capacity() == pushed.capacity());
    if (recorder.rows().capacity() != before) ++regrown;
    // Room reserved midway, as a run reserves after its first step, is kept to.
    if (t == 9) {
      recorder.reserve_rows(10 * (pushed.size() / 10));
      pushed.reserve(pushed.size() + 10 * (pushed.size() / 10));
      CHECK(recorder.rows().capacity() == pushed.capacity());
    }
  }
  CHECK(regrown >= 3);  // the check above was met across several regrowths
}

TEST_CASE("A step that throws leaves none of its rows", "[output][rows]") {
  const auto p = ensemble::prepare(
      load::load_scenario(REGIMESIM_SOURCE_DIR "/scenarios/tutorial/diversion-and-enforcement.yaml", {"steps=12"}));
  SteppedPair pair(*p);
  for (int t = 0; t < 4; ++t) pair.step(t);
  // A run resumed at step 3 whose orders before were not noted: record refuses the step
  // after it has staged the step's production rows.
  output::MetricRecorder resumed(p->scenario.world, pair.run.roles());
  REQUIRE_THROWS_AS(resumed.record(3, pair.sums, pair.baseline_sums), std::logic_error);
  CHECK(resumed.rows().empty());
  // Noted, the same step gives exactly the rows a recorder that never threw gives.
  output::MetricRecorder fresh(p->scenario.world, pair.run.roles());
  resumed.note_orders(pair.sums, pair.baseline_sums);
  fresh.note_orders(pair.sums, pair.baseline_sums);
  resumed.record(3, pair.sums, pair.baseline_sums);
  fresh.record(3, pair.sums, pair.baseline_sums);
  REQUIRE(resumed.rows().size() == fresh.rows().size());
  REQUIRE(!fresh.rows().empty());
  std::size_t differ = 0;
  for (std::size_t r = 0; r < fresh.rows().size(); ++r)
    if (!same_row(resumed.rows()[r], fresh.rows()[r])) ++differ;
  CHECK(differ == 0);
}
