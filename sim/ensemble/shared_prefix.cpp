#include "ensemble/shared_prefix.hpp"

#include "checkpoint/checkpoint_file.hpp"
#include "engine/finite_values.hpp"
#include "ensemble/each_point.hpp"
#include "ensemble/paired_run.hpp"
#include "ensemble/shared_baseline.hpp"
#include "load/world_size.hpp"
#include "output/step_aggregates.hpp"
#include "policy/shipment_policy.hpp"

namespace regimesim::ensemble {

double shared_prefix_bytes(const PreparedScenario& prepared) {
  // The run's state (about 70 bytes a link and 60 a slot, engine/run_state.hpp) and
  // the rows of its first steps, which are at most a few steps' worth.
  const double links = static_cast<double>(prepared.network.link_count());
  const double slots = static_cast<double>(prepared.network.slot_count());
  return 80 * links + 64 * slots + 128 * static_cast<double>(prepared.network.buyer_count());
}

std::shared_ptr<const SharedPrefix> step_shared_prefix(const PreparedScenario& prepared, const SharedBaseline& baseline,
                                                       const std::atomic<bool>* stop) {
  const Scenario& sc = prepared.scenario;
  const World& world = sc.world;
  const policy::ShipmentPolicy controls(&prepared.plan);
  // The scenario's own seed: any seed takes the same path until the first draw.
  engine::Simulation run(sc, prepared.network, prepared.equilibrium, controls);
  if (run.has_drawn()) return nullptr;
  const policy::ControlRoles* roles = run.roles();
  output::MetricRecorder recorder(world, roles);
  output::StepAggregates sums;
  auto prefix = std::make_shared<SharedPrefix>();
  // After each step that drew nothing, the state is kept; the step that first draws
  // is left to the replicates, each with its own seed. The same calls, in the same
  // order, as run_paired's against a shared baseline.
  for (int t = 0; t < sc.steps; ++t) {
    if (stop && stop->load()) return nullptr;
    run.step();
    if (run.has_drawn()) break;
    engine::check_step_finite(world, run.state(), "scenario");
    const auto step = static_cast<std::size_t>(t);
    output::aggregate_step(sums, world, prepared.network, run.state(), roles, t, baseline.flow[step],
                           &sc.reported_firms);
    recorder.record(t, sums, baseline.aggregates[step]);
    prefix->last_sums = sums;
    checkpoint::Writer kept(std::move(prefix->run));  // written over: the step before is not needed
    run.save(kept, "run.");
    prefix->run = kept.take_payload();
    prefix->steps = t + 1;
  }
  if (prefix->steps == 0) return nullptr;
  prefix->rows = recorder.take_rows();
  prefix->rows.shrink_to_fit();
  prefix->cumulative_output = recorder.cumulative_output();
  prefix->cumulative_baseline_output = recorder.cumulative_baseline_output();
  return prefix;
}

std::vector<std::shared_ptr<const SharedPrefix>> shared_prefixes(
    const std::vector<std::shared_ptr<const PreparedScenario>>& points,
    const std::vector<std::shared_ptr<const SharedBaseline>>& baselines, std::size_t runs_per_point, int threads,
    const std::atomic<bool>* stop) {
  std::vector<std::shared_ptr<const SharedPrefix>> out(points.size());
  if (runs_per_point < 3) return out;
  double bytes = 0;
  for (std::size_t p = 0; p < points.size(); ++p)
    if (baselines[p]) bytes += shared_prefix_bytes(*points[p]);
  if (bytes > load::memory_budget_bytes() / 8) return out;
  for_each_point(points.size(), threads, [&](std::size_t p) {
    if (baselines[p]) out[p] = step_shared_prefix(*points[p], *baselines[p], stop);
  });
  return out;
}

int restore_prefix(const SharedPrefix& prefix, const PreparedScenario& prepared, const SharedBaseline& baseline,
                   engine::Simulation& run, output::MetricRecorder& recorder) {
  checkpoint::Reader in(prefix.run, "the shared first steps of scenario '" + prepared.scenario.name + "'");
  run.restore(in, "run.");  // built with Start::restored (run_paired): the prefix is this scenario's own save
  recorder.restore(prefix.rows, prefix.cumulative_output, prefix.cumulative_baseline_output);
  // The aimed-at buyers' orders of the prefix's last step, which the next step's
  // receipts answer: the sums the prefix took of the state restored (restore_paired
  // takes them again from a checkpoint's).
  if (run.roles()) recorder.note_orders(prefix.last_sums, baseline.aggregates[static_cast<std::size_t>(prefix.steps - 1)]);
  return prefix.steps;
}

}  // namespace regimesim::ensemble
