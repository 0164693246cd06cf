#include "ensemble/paired_run.hpp"

#include <tbb/parallel_invoke.h>

#include "engine/finite_values.hpp"
#include "engine/simulation.hpp"
#include "ensemble/baseline_cycle.hpp"
#include "ensemble/paired_checkpoint.hpp"
#include "ensemble/shared_baseline.hpp"
#include "ensemble/shared_prefix.hpp"
#include "output/step_aggregates.hpp"
#include "policy/shipment_policy.hpp"

namespace regimesim::ensemble {

std::shared_ptr<const PreparedScenario> prepare(Scenario scenario, WorldLinks links, engine::Layout layout) {
  auto p = std::make_shared<PreparedScenario>();
  p->scenario = std::move(scenario);
  p->network = engine::compile_network(p->scenario.world, layout);
  p->equilibrium = engine::solve_equilibrium(p->scenario.world, p->network);
  engine::check_equilibrium_finite(p->scenario.world, p->network, p->equilibrium);
  p->plan = policy::ControlPlan(p->scenario.controls, p->scenario.world, p->network, p->equilibrium);
  if (links == WorldLinks::dropped) {
    std::vector<Link>().swap(p->scenario.world.links);
    std::vector<FinalDemandLink>().swap(p->scenario.world.final_demand_links);
  }
  return p;
}

RunResult run_paired(const PreparedScenario& prepared, const PairedRunOptions& options) {
  const std::atomic<bool>* stop = options.stop;
  std::optional<std::uint64_t> seed = options.seed;
  std::atomic<long>* steps_done = options.steps_done;
  const output::FlowItems flows = options.flows;
  const Checkpointing* checkpointing = options.checkpointing;
  const SharedBaseline* shared = options.shared;
  const SharedPrefix* prefix = options.prefix;
  const BaselineReplay replay = options.replay;
  if (checkpointing && checkpointing->resume) seed = checkpointing->resume->header().seed;
  const bool record_flows = flows != output::FlowItems::none;
  const bool checkpointed = checkpointing && (checkpointing->resume || checkpointing->save_at >= 0);
  // Flows and checkpoints read the whole baseline state: those runs step their own.
  if (record_flows || checkpointed) shared = nullptr;
  if (!shared) prefix = nullptr;  // a prefix is stepped against the shared baseline
  const Scenario& sc = prepared.scenario;
  const std::uint64_t run_seed = seed.value_or(sc.seed);
  const World& world = sc.world;
  const policy::ShipmentPolicy controls(&prepared.plan);
  const policy::ShipmentPolicy no_controls;
  // The run and its baseline are built side by side (each writes only its own
  // arrays, a few hundred megabytes apiece in a large world: 3.5 s one after the other
  // at 10.8M links). Restored from the shared first steps, the run's arrays are not
  // first set to the equilibrium.
  std::optional<engine::Simulation> scenario_built, baseline_run;
  tbb::parallel_invoke(
      [&] {
        scenario_built.emplace(sc, prepared.network, prepared.equilibrium, controls, run_seed,
                               prefix ? engine::Simulation::Start::restored : engine::Simulation::Start::at_equilibrium);
      },
      [&] {
        if (!shared)
          baseline_run.emplace(sc, prepared.network, prepared.equilibrium, no_controls, run_seed,
                               engine::Simulation::Start::at_equilibrium, engine::Simulation::LinkDecisions::none);
      });
  engine::Simulation& scenario_run = *scenario_built;
  // The run's roles: a state that joins in this run applies the control from its join.
  const policy::ControlRoles* roles = scenario_run.roles();
  output::MetricRecorder recorder(world, roles);
  RunResult result;
  int first_step = 0;
  if (checkpointing && checkpointing->resume)
    first_step = result.steps_completed = restore_paired(*checkpointing->resume, prepared, scenario_run, *baseline_run,
                                                         recorder, record_flows ? &result.flows : nullptr);
  if (prefix) {
    first_step = result.steps_completed = restore_prefix(*prefix, prepared, *shared, scenario_run, recorder);
    if (steps_done) steps_done->fetch_add(first_step, std::memory_order_relaxed);
  }
  const auto* firms = &sc.reported_firms;
  // The items whose flows the run keeps: what flows.csv will hold, of a world whose
  // every pair of states trades dozens of items (the default world's 120 steps kept a
  // gigabyte of rows for a file of 0.7 MB); every item where a branch may name others.
  const output::FlowItemFilter flow_items = output::flow_item_filter(
      world, output::flow_items_kept(sc, checkpointed && record_flows ? output::FlowItems::all : flows));
  // The inputs those rows come from, listed once: the network and the filter never change.
  const output::FlowSlots flow_slots =
      record_flows ? output::flow_slots(prepared.network, &flow_items) : output::FlowSlots{};
  // The scenario's sums, reused every step (the aggregates keep their memory from step
  // to step), and the baseline's of its last steps, with the roles they were taken
  // under: a replayed baseline's sums a cycle ago are its sums now, under the same roles.
  output::StepAggregates scenario_sums;
  constexpr std::size_t kKept = BaselineCycle::kLongest + 1;
  std::vector<output::StepAggregates> baseline_sums(kKept);
  std::vector<output::RolesAtStep> baseline_roles(kKept);
  const std::size_t S = world.states.size();
  const bool may_replay = baseline_run && replay == BaselineReplay::when_it_repeats && !checkpointed;
  BaselineCycle cycle;
  const std::size_t rows_before = recorder.rows().size();
  for (int t = first_step; t < sc.steps; ++t) {
    if (stop && stop->load()) {
      result.interrupted = true;
      break;
    }
    if (shared) {
      scenario_run.step();
      engine::check_step_finite(world, scenario_run.state(), "scenario");
      const auto step = static_cast<std::size_t>(t);
      output::aggregate_step(scenario_sums, world, prepared.network, scenario_run.state(), roles, t, shared->flow[step],
                             firms);
      recorder.record(t, scenario_sums, shared->aggregates[step]);
    } else if (!cycle.found()) {
      // The run and its baseline share only what neither writes (the scenario, the
      // network, the equilibrium): stepped side by side, and their sums side by side.
      // Each is the same whatever thread steps it, so the rows are the same bytes. On
      // two cores the one-thread parts of each step (the orders tallied by supplier,
      // the sums) overlap instead of following one another.
      tbb::parallel_invoke([&] { scenario_run.step(); }, [&] { baseline_run->step(); });
      engine::check_step_finite(world, scenario_run.state(), "scenario");
      engine::check_step_finite(world, baseline_run->state(), "baseline");
      output::StepAggregates& base_sums = baseline_sums[static_cast<std::size_t>(t) % kKept];
      tbb::parallel_invoke(
          [&] {
            output::aggregate_step(scenario_sums, world, prepared.network, scenario_run.state(), roles, t,
                                   baseline_run->state(), firms);
          },
          [&] {
            output::aggregate_step(base_sums, world, prepared.network, baseline_run->state(), roles, t,
                                   baseline_run->state(), firms);
          });
      recorder.record(t, scenario_sums, base_sums);
      if (record_flows)
        output::append_flows(t, prepared.network, scenario_run.state(),
                             output::links_of(baseline_run->state()),
                             flow_slots, result.flows, *firms);
      if (may_replay) {
        baseline_roles[static_cast<std::size_t>(t) % kKept] = output::roles_at_step(roles, t, S);
        cycle.watch(*baseline_run, t);
        if (cycle.found()) result.baseline_replayed_from = t + 1;
      }
    } else {
      // The baseline repeats the state a cycle before (ensemble/baseline_cycle.hpp): its
      // sums then are its sums now where the roles are the same. Where they are not (a
      // state joined: the roles say who applies each control, which a start or an end
      // leaves as it was) it takes the steps to this step's state around the cycle,
      // unless it holds it, and sums it.
      scenario_run.step();
      engine::check_step_finite(world, scenario_run.state(), "scenario");
      const auto here = static_cast<std::size_t>(t) % kKept;
      const auto cycle_ago = static_cast<std::size_t>(t - cycle.period()) % kKept;
      output::RolesAtStep roles_now = output::roles_at_step(roles, t, S);
      const bool same_sums = roles_now == baseline_roles[cycle_ago];
      if (!same_sums) {
        cycle.put_back(*baseline_run);  // its own flows, before it steps
        for (int n = cycle.steps_to(t); n > 0; --n) baseline_run->step();
        cycle.stepped_to(t);
      }
      const engine::RunState& base = baseline_run->state();
      const std::vector<double>& base_flow = cycle.flow(*baseline_run, t);
      tbb::parallel_invoke(
          [&] {
            output::aggregate_step(scenario_sums, world, prepared.network, scenario_run.state(), roles, t, base_flow,
                                   firms);
          },
          [&] {
            if (same_sums)
              baseline_sums[here] = baseline_sums[cycle_ago];
            else
              output::aggregate_step(baseline_sums[here], world, prepared.network, base, roles, t, base, firms);
          });
      baseline_roles[here] = std::move(roles_now);
      recorder.record(t, scenario_sums, baseline_sums[here]);
      if (record_flows)
        output::append_flows(t, prepared.network, scenario_run.state(), output::BaselineLinks{base_flow, base.supplier},
                             flow_slots, result.flows, *firms);
    }
    result.steps_completed = t + 1;
    // The first step's rows, times the steps to come and an eighth more (rows appear
    // as the answers act): the rest of the run's rows fit without regrowing, mostly.
    if (t == first_step) {
      const std::size_t per_step = recorder.rows().size() - rows_before;
      recorder.reserve_rows(per_step * static_cast<std::size_t>(sc.steps - t - 1) * 9 / 8);
    }
    if (checkpointing && checkpointing->save_at == t + 1)
      save_paired(checkpointing->save_path, prepared, run_seed, scenario_run, *baseline_run, recorder,
                  record_flows ? &result.flows : nullptr);
    if (steps_done) steps_done->fetch_add(1, std::memory_order_relaxed);
  }
  result.rows = recorder.take_rows();
  result.decisions = scenario_run.state_decisions();
  result.cumulative_output = recorder.cumulative_output();
  result.cumulative_baseline_output = recorder.cumulative_baseline_output();
  return result;
}

}  // namespace regimesim::ensemble
