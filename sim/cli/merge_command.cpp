// regimesim merge DIR... --out OUT [--runs N] [--force] [--threads T]
// Joins results of single runs written with `run --run-index I` (a job array's tasks)
// into the result of `run --runs N` (output/result_merge.hpp).
#include <iostream>
#include <thread>

#include "cli/commands.hpp"
#include "output/result_merge.hpp"

namespace regimesim::cli {
namespace {

struct MergeOptions {
  std::vector<std::string> parts;
  std::string out;
  bool force = false;
  std::optional<int> runs;
  int threads = 0;
};

int merge(const MergeOptions& o) {
  std::vector<std::filesystem::path> parts(o.parts.begin(), o.parts.end());
  g_stop_polled = true;
  output::ResultDirectory dir(o.out, o.force);
  const int threads = o.threads > 0 ? o.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  output::merge_results(parts, o.runs, dir, g_command_line, threads);
  if (g_stop_requested) {
    std::cerr << "interrupted; no result was written\n";
    return kExitInterrupted;
  }
  dir.commit();
  std::cout << "Joined " << parts.size() << " runs into " << o.out << "\n";
  return kExitOk;
}

}  // namespace

void add_merge_command(CLI::App& app, Action& action) {
  auto opts = std::make_shared<MergeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "merge", "Join results of single runs (run --run-index I, one per job-array task) into one ensemble result");
  cmd->add_option("parts", opts->parts, "Result directories, one run each, in any order")
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--out", opts->out, "Write the joined result into DIR")->required();
  cmd->add_flag("--force", opts->force, "Replace DIR if it exists");
  cmd->add_option("--runs", opts->runs, "How many runs the parts must make up, 0 to N-1 (default: the largest index + 1)")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--threads", opts->threads, "Worker threads for the statistics; results do not depend on it")
      ->check(CLI::Range(1, 1024));
  cmd->callback([opts, &action] { action = [opts] { return merge(*opts); }; });
}

}  // namespace regimesim::cli
