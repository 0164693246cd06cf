#include "ensemble/replicates.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <exception>
#include <stdexcept>
#include <thread>

#include "ensemble/each_point.hpp"
#include "ensemble/paired_checkpoint.hpp"
#include "ensemble/ranks.hpp"
#include "ensemble/run_seeds.hpp"
#include "ensemble/shared_baseline.hpp"
#include "ensemble/shared_prefix.hpp"
#include "load/world_size.hpp"

namespace regimesim::ensemble {

std::vector<std::shared_ptr<const PreparedScenario>> prepare_all(std::vector<Scenario> points, int threads,
                                                                 WorldLinks links) {
  std::vector<std::shared_ptr<const PreparedScenario>> prepared(points.size());
  for_each_point(points.size(), threads, [&](std::size_t p) { prepared[p] = prepare(std::move(points[p]), links); });
  return prepared;
}

std::vector<std::shared_ptr<const SharedBaseline>> shared_baselines(
    const std::vector<std::shared_ptr<const PreparedScenario>>& points, std::size_t runs_per_point, int threads,
    const std::atomic<bool>* stop, const WorldForRun& world_for, bool record_flows, const Checkpointing* checkpointing) {
  std::vector<std::shared_ptr<const SharedBaseline>> out(points.size());
  // One run gains nothing; --vary world gives each run its own world (and baseline);
  // flows and checkpoints need the whole baseline state (run_paired).
  const bool checkpointed = checkpointing && (checkpointing->resume || checkpointing->save_at >= 0);
  if (runs_per_point < 2 || world_for || record_flows || checkpointed) return out;
  // A point's history of link flows must fit beside the runs: a quarter of the
  // memory budget for all of them, else each replicate steps its own baseline.
  double bytes = 0;
  for (const auto& p : points) bytes += shared_baseline_bytes(*p);
  if (bytes > load::memory_budget_bytes() / 4) return out;
  // A join decided in the run changes who counts as a controller in that run's
  // baseline rows too (substitution_share's baseline column): not shared then.
  for_each_point(points.size(), threads, [&](std::size_t p) {
    if (baseline_is_seed_free(points[p]->scenario) && !points[p]->plan.joins_in_run())
      out[p] = step_shared_baseline(*points[p], stop);
  });
  return out;
}

std::vector<Replicate> run_replicates(const std::vector<std::shared_ptr<const PreparedScenario>>& points,
                                      const std::vector<int>& runs, int threads, const std::atomic<bool>* stop,
                                      Progress* progress, const OnRunDone& on_done, const WorldForRun& world_for,
                                      output::FlowItems flows, const Checkpointing* checkpointing) {
  const bool record_flows = flows != output::FlowItems::none;
  std::vector<Replicate> out(points.size() * runs.size());
  for (std::size_t p = 0; p < points.size(); ++p)
    for (std::size_t k = 0; k < runs.size(); ++k) {
      Replicate& r = out[p * runs.size() + k];
      r.point = p;
      r.run = runs[k];
      r.seed = run_seed(points[p]->scenario.seed, static_cast<std::uint64_t>(runs[k]));
      const std::uint64_t base_world = points[p]->scenario.world.generation_seed;
      r.world_seed = world_for ? world_seed(base_world, static_cast<std::uint64_t>(runs[k])) : base_world;
    }
  // The baseline of each point, stepped once for all its replicates where it is the
  // same for every seed (shared_baseline.hpp); null where each replicate steps its own.
  const auto baselines = shared_baselines(points, runs.size(), threads, stop, world_for, record_flows, checkpointing);
  // And the steps every replicate of a point takes alike, before its first draw (shared_prefix.hpp).
  const auto prefixes = shared_prefixes(points, baselines, runs.size(), threads, stop);
  // Over MPI ranks (ensemble/ranks.hpp), this rank runs the k with k % ranks == rank;
  // rank 0 receives the others' runs on a thread of its own and hands them to
  // `on_done` as if its workers had run them.
  RankTeam* team = rank_team();
  const std::size_t ranks = team ? static_cast<std::size_t>(team->size()) : 1;
  const std::size_t rank = team ? static_cast<std::size_t>(team->rank()) : 0;
  auto mine = [&](std::size_t k) { return k % ranks == rank; };
  std::size_t own = 0;
  for (std::size_t k = 0; k < out.size(); ++k) own += mine(k) ? 1 : 0;
  std::exception_ptr receive_failed;
  std::thread receiver;
  if (team && rank == 0)
    receiver = std::thread([&, others = out.size() - own] {
      try {
        std::vector<char> received(out.size(), 0);
        for (std::size_t n = 0; n < others; ++n) {
          RunResult result;
          const std::optional<std::size_t> got = team->receive_run(result, stop);
          if (!got) {  // stopped: what has not arrived is interrupted, and nothing is written
            for (std::size_t k = 0; k < out.size(); ++k)
              if (!mine(k) && !received[k]) out[k].result.interrupted = true;
            return;
          }
          const std::size_t k = *got;
          if (k >= out.size() || mine(k) || received[k]) throw std::runtime_error("a rank sent a run it was not given");
          received[k] = 1;
          Replicate& r = out[k];
          r.result = std::move(result);
          if (r.result.interrupted) continue;
          if (on_done) on_done(k, r);
          if (progress) progress->runs_done.fetch_add(1, std::memory_order_relaxed);
        }
      } catch (...) {
        receive_failed = std::current_exception();
      }
    });
  // Each worker claims the next run in (point, run) order, so runs finish roughly
  // in that order and whoever writes them in order holds few finished runs back.
  const int workers = std::max(1, std::min<int>(threads, static_cast<int>(own)));
  std::atomic<std::size_t> next{0};
  auto claim = [&] {
    std::size_t k = next++;
    while (k < out.size() && !mine(k)) k = next++;
    return k;
  };
  // The arena holds every thread even when there are fewer runs than threads: a run's
  // step uses the idle ones for its pieces (engine/step_chunks.hpp).
  tbb::task_arena arena(std::max(1, threads));
  try {
    arena.execute([&] {
      tbb::parallel_for(0, workers, [&](int) {
        for (std::size_t k = claim(); k < out.size(); k = claim()) {
          Replicate& r = out[k];
          if (stop && stop->load()) {
            r.result.interrupted = true;
          } else {
            // Run 0 keeps the point's own world, so --vary world changes only the others.
            const auto world = world_for && r.world_seed != points[r.point]->scenario.world.generation_seed
                                   ? world_for(r.point, r.world_seed)
                                   : nullptr;
            r.result = run_paired(world ? *world : *points[r.point],
                                  {.stop = stop,
                                   .seed = r.seed,
                                   .steps_done = progress ? &progress->steps_done : nullptr,
                                   .flows = flows,
                                   .checkpointing = checkpointing,
                                   .shared = world ? nullptr : baselines[r.point].get(),
                                   .prefix = world ? nullptr : prefixes[r.point].get()});
          }
          // Another rank's run goes to rank 0 (interrupted ones too, so rank 0 waits for
          // none that will not come) and is let go here.
          if (team && rank != 0) {
            team->send_run(k, r.result);
            r.result.rows = {};
            continue;
          }
          if (r.result.interrupted) continue;
          if (on_done) on_done(k, r);
          if (progress) progress->runs_done.fetch_add(1, std::memory_order_relaxed);
        }
      });
    });
  } catch (...) {
    // The error ends every rank (finish_on_every_rank), the waiting receiver with them.
    if (receiver.joinable()) receiver.detach();
    throw;
  }
  if (receiver.joinable()) receiver.join();
  if (receive_failed) std::rethrow_exception(receive_failed);
  return out;
}

}  // namespace regimesim::ensemble
