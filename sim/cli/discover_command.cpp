// regimesim discover DIR --metric M --above X [--below Y] [--out FILE]: over the
// design points of a sweep's result directory, the boxes of input ranges in which
// the outcome holds, found by PRIM (analysis/discovery/prim.hpp, docs/DISCOVERY.md).
// Reads DIR, never writes there: the boxes go to stdout, and to FILE as JSON if asked.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/discovery_question.hpp"
#include "discovery/box_words.hpp"
#include "output/result_directory.hpp"

namespace regimesim::cli {
namespace {

namespace fs = std::filesystem;
using namespace regimesim::analysis::discovery;

struct DiscoverOptions {
  std::string dir, out;
  bool force = false;
  DiscoveryQuestion question;
};

// FILE appears whole or not at all (written under a hidden name, then renamed), is
// not put inside a result directory (which holds only what `run` wrote) and does not
// replace a file, unless --force.
void write_json_file(const DiscoverOptions& o, const std::string& text) {
  const fs::path target(o.out);
  const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!o.force && fs::exists(target))
    throw output::OutputRefused(o.out + " exists; give --force to replace it");
  if (!o.force && output::is_result_directory(parent))
    throw output::OutputRefused(o.out + " lies inside the result directory " + parent.string() +
                                ", which holds only what regimesim run wrote; write it elsewhere or give --force");
  if (fs::is_directory(target)) throw output::OutputRefused(o.out + " is a directory; --out names a file");
  const fs::path staging = parent / ("." + target.filename().string() + ".partial-" + std::to_string(::getpid()));
  {
    std::ofstream f(staging, std::ios::binary);
    f << text;
    if (!f) {
      std::error_code ignored;
      fs::remove(staging, ignored);
      throw std::runtime_error("cannot write " + o.out);
    }
  }
  fs::rename(staging, target);
}

int discover_boxes(const DiscoverOptions& o) {
  DiscoveryAnswer a;
  try {
    a = answer(o.dir, o.question);
  } catch (const std::invalid_argument& e) {
    std::cerr << "discover: error: " << e.what() << "\n";
    return kExitBadInput;
  }
  std::cout << describe_discovery(a.cases.table, a.found, a.cases.outcome_words);
  if (a.cases.points_without)
    std::cout << "(" << a.cases.points_without << " design points have no such statistic and were left out)\n";
  for (std::size_t b = 0; b < a.found.boxes.size(); ++b)
    std::cout << "\nPeeling trajectory of box " << b + 1 << " (alpha " << o.question.prim.alpha
              << "; choose another with --step):\n" << trajectory_table(a.found.boxes[b]);
  if (o.out.empty()) return kExitOk;
  write_json_file(o, a.json.dump(2) + "\n");
  std::cout << "\nWrote " << o.out << "\n";
  return kExitOk;
}

}  // namespace

void add_discover_command(CLI::App& app, Action& action) {
  auto o = std::make_shared<DiscoverOptions>();
  CLI::App* cmd = app.add_subcommand(
      "discover", "Scenario discovery: the input ranges of a sweep in which an outcome holds (PRIM)");
  cmd->add_option("dir", o->dir, "A sweep's result directory (regimesim run ... --sweep ... --out DIR)")
      ->required()
      ->check(CLI::ExistingDirectory);
  add_discovery_options(cmd, o->question, true);
  cmd->add_option("--out", o->out, "Also write the boxes as JSON into FILE (docs/DISCOVERY.md)");
  cmd->add_flag("--force", o->force, "Replace FILE, or write it inside a result directory");
  cmd->callback([o, &action] { action = [o] { return discover_boxes(*o); }; });
}

}  // namespace regimesim::cli
