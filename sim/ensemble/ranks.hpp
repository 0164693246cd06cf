// The processes of one ensemble spread over MPI ranks (regimesim-mpi under mpirun or
// srun). Rank r runs the replicates whose index k (in (point, run) order) has
// k % ranks == r and hands each finished run to rank 0, which feeds it to the same
// in-run-order handler as its own, so the result is byte for byte the single
// process's; only rank 0 writes. The core knows no MPI: regimesim-mpi joins a team
// (ensemble/mpi_ranks.cpp) before main, the ordinary regimesim never does.
#pragma once

#include <atomic>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "ensemble/paired_run.hpp"

namespace regimesim::ensemble {

class RankTeam {
 public:
  virtual ~RankTeam() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  // Rank > 0: hands the k-th run (finished or interrupted) to rank 0. Any worker may
  // call it; the team sends one at a time.
  virtual void send_run(std::size_t k, const RunResult& result) = 0;
  // Rank 0: the next run another rank handed over, and its index; or nothing, once
  // `stop` is set (Ctrl-C or SIGTERM) before one arrives: a rank that failed sends no
  // more, and rank 0 must not wait for it until mpirun kills it mid-cleanup.
  virtual std::optional<std::size_t> receive_run(RunResult& result, const std::atomic<bool>* stop) = 0;
  // Ends every rank with this exit code (a failure on one rank leaves no result).
  [[noreturn]] virtual void abort_all(int exit_code) = 0;
};

// The team this process belongs to, or null when it runs alone.
RankTeam* rank_team();
void join_rank_team(RankTeam* team);

// Whether this process writes the result and prints: rank 0, or a process alone.
bool writes_result();

// What main returns: a non-zero code on any rank ends all of them with it, so no rank
// waits for runs that will never come. Except an interruption on a rank other than 0
// (`interrupted`: Ctrl-C or SIGTERM, which mpirun and srun pass to every rank): that rank
// has sent its unfinished runs as interrupted, so rank 0 is waiting for none and ends
// the team itself once it has removed its staging directory. Ending the team from the
// other rank would kill rank 0 mid-cleanup and leave a partial directory behind.
int finish_on_every_rank(int exit_code, bool interrupted = false);

// A run as the bytes sent between ranks: what the in-run-order handler reads of it
// (rows, cumulative outputs, steps, whether interrupted).
std::string pack_run(std::size_t k, const RunResult& result);
std::size_t unpack_run(std::string_view bytes, RunResult& result);

}  // namespace regimesim::ensemble
