// regimesim-mpi's team of ranks: MPI starts before main and ends after it, so the
// commands are the ordinary regimesim's (ensemble/ranks.hpp). Alone (no mpirun, or
// one rank) the process joins no team and behaves as regimesim.
#include <mpi.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <mutex>
#include <string>
#include <thread>

#include "ensemble/ranks.hpp"

namespace regimesim::ensemble {
namespace {

constexpr int kRunTag = 15;

class MpiTeam final : public RankTeam {
 public:
  MpiTeam() {
    int provided = 0;
    // Rank 0 receives on one thread while its workers run; other ranks send from their
    // workers, one at a time (the mutex): MPI must allow calls from any thread, one at a
    // time at least. More is asked for, as an error's MPI_Abort may come from another thread.
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_MULTIPLE, &provided);
    if (provided < MPI_THREAD_SERIALIZED) {
      std::fprintf(stderr, "error: this MPI does not allow calls from several threads (MPI_THREAD_SERIALIZED)\n");
      MPI_Abort(MPI_COMM_WORLD, 1);
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    if (size_ > 1) join_rank_team(this);
  }
  ~MpiTeam() override {
    join_rank_team(nullptr);
    MPI_Finalize();
  }
  int rank() const override { return rank_; }
  int size() const override { return size_; }
  void send_run(std::size_t k, const RunResult& result) override {
    const std::string bytes = pack_run(k, result);
    if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
      throw std::runtime_error("run " + std::to_string(k) + "'s rows are over 2 GiB, more than one MPI message holds; "
                               "send fewer rows (--detail, --metrics) or run it alone (--run-index)");
    std::lock_guard lock(sending_);
    MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, 0, kRunTag, MPI_COMM_WORLD);
  }
  std::optional<std::size_t> receive_run(RunResult& result, const std::atomic<bool>* stop) override {
    // Polled with pauses rather than MPI_Probe, which spins: rank 0's workers need the core.
    MPI_Status status;
    for (int arrived = 0;;) {
      MPI_Iprobe(MPI_ANY_SOURCE, kRunTag, MPI_COMM_WORLD, &arrived, &status);
      if (arrived) break;
      if (stop && stop->load()) return std::nullopt;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    int count = 0;
    MPI_Get_count(&status, MPI_BYTE, &count);
    std::string bytes(static_cast<std::size_t>(count), '\0');
    MPI_Recv(bytes.data(), count, MPI_BYTE, status.MPI_SOURCE, kRunTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    return unpack_run(bytes, result);
  }
  [[noreturn]] void abort_all(int exit_code) override {
    MPI_Abort(MPI_COMM_WORLD, exit_code);
    std::exit(exit_code);
  }

 private:
  int rank_ = 0, size_ = 1;
  std::mutex sending_;
};

MpiTeam g_mpi_team;

}  // namespace
}  // namespace regimesim::ensemble
