// regimesim: an agent-based model of export-control regimes.
#include <unistd.h>

#include <charconv>
#include <csignal>
#include <iostream>

#include "cli/commands.hpp"
#include "ensemble/ranks.hpp"
#include "model/scenario_error.hpp"
#include "output/metric_dictionary.hpp"
#include "output/result_directory.hpp"
#include "version.hpp"

namespace regimesim::cli {

CLI::Validator whole_seed() {
  return CLI::Validator(
      [](std::string& text) {
        // The tables write seeds as 0x and hex digits (output::seed_text): take that back too.
        const bool hex = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
        const char* from = text.data() + (hex ? 2 : 0);
        std::uint64_t v = 0;
        auto [p, ec] = std::from_chars(from, text.data() + text.size(), v, hex ? 16 : 10);
        if (ec == std::errc() && p == text.data() + text.size() && !text.empty()) {
          text = std::to_string(v);
          return std::string();
        }
        return "a seed is a whole number from 0 to 18446744073709551615 (or 0x and up to 16 hex digits), not " + text;
      },
      "0..18446744073709551615", "seed");
}

void add_row_options(CLI::App* cmd, output::RowChoice& rows) {
  cmd->add_option("--detail", rows.detail,
                  "Rows of statistics.csv (and of a single run's timeseries.csv): world (the world and groups), state "
                  "(also each state, items together), item (= all, the default: every row)")
      ->check(CLI::IsMember({"world", "state", "item", "all"}));
  cmd->add_option("--metrics", rows.metrics, "Only these metrics, e.g. denial_effectiveness,output_loss (regimesim help metrics)");
  cmd->add_option("--states", rows.states, "Only these states' rows, e.g. USA,CHN (the world and groups stay)");
  cmd->add_option("--items", rows.items, "Only these items' rows, e.g. lithography_euv (rows over all items stay)");
}

std::atomic<bool> g_stop_requested{false};
std::atomic<bool> g_stop_polled{false};
std::string g_command_line;
}  // namespace regimesim::cli

namespace {

// CLI11 checks a subcommand's positional files before it reports an option the
// subcommand does not take, so `compare A.yaml --runs 5` said "File does not exist: 5".
// Naming the option first tells the user what is wrong. Returns the message, or "".
std::string option_not_taken(const CLI::App& app, int argc, char** argv) {
  if (argc < 2) return "";
  const CLI::App* cmd = nullptr;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    if (sub->get_name() == argv[1]) cmd = sub;
  if (!cmd) return "";
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") break;  // what follows is positional
    if (arg.size() < 2 || arg[0] != '-' || (arg[1] >= '0' && arg[1] <= '9') || arg[1] == '.') continue;
    const std::string name = arg.substr(0, arg.find('='));
    if (cmd->get_option_no_throw(name) || name == "-h" || name == "--help") continue;
    std::string taken;
    for (const CLI::Option* o : cmd->get_options())
      if (!o->get_lnames().empty() && o->get_lnames()[0] != "help") taken += (taken.empty() ? "" : ", ") + std::string("--") + o->get_lnames()[0];
    return cmd->get_name() + ": error: '" + name + "' is not an option of " + cmd->get_name() + "; it takes " + taken +
           " (regimesim " + cmd->get_name() + " --help)";
  }
  return "";
}

// regimesim help [COMMAND | metrics]: the program's help, a command's, or the metrics'
// data dictionary (the same words as metrics.csv).
void add_help_command(CLI::App& app, regimesim::cli::Action& action) {
  auto topic = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("help", "Print help: regimesim help [COMMAND], or regimesim help metrics");
  cmd->add_option("topic", *topic, "A command (run, compare, ...) or `metrics`");
  cmd->callback([&app, topic, &action] {
    action = [&app, topic] {
      if (topic->empty()) {  // app.help() would show the help of the selected subcommand, `help` itself
        std::cout << app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal);
        return regimesim::cli::kExitOk;
      }
      if (*topic == "metrics") {
        std::cout << "Every metric of the tables (metrics.csv in every result; formulas in docs/METRICS.md):\n\n"
                  << regimesim::output::metrics_markdown();
        return regimesim::cli::kExitOk;
      }
      std::string names;
      for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        if (sub->get_name() == *topic) {
          std::cout << sub->help(app.get_name());
          return regimesim::cli::kExitOk;
        }
        if (sub->get_name() != "help") names += (names.empty() ? "" : ", ") + sub->get_name();
      }
      std::cerr << "help: error: '" << *topic << "' is not a command; commands: " << names << "; or: metrics\n";
      return regimesim::cli::kExitBadInput;
    };
  });
}

// Only async-signal-safe calls here: write(2) and _exit(2).
extern "C" void on_signal(int) {
  regimesim::cli::g_stop_requested = true;
  if (!regimesim::cli::g_stop_polled) {
    static const char message[] = "interrupted while loading; nothing was written\n";
    [[maybe_unused]] const auto n = ::write(STDERR_FILENO, message, sizeof message - 1);
    ::_exit(regimesim::cli::kExitInterrupted);
  }
}
}  // namespace

int main(int argc, char** argv) {
  using namespace regimesim::cli;
  for (int i = 0; i < argc; ++i) g_command_line += (i ? " " : "") + std::string(argv[i]);
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);

  CLI::App app{"regimesim: export controls, regimes and supply chains, simulated"};
  app.set_version_flag("--version", std::string(regimesim::kVersion) + " (" + regimesim::kGitCommit + ")");
  app.require_subcommand(1);
  Action action;
  add_run_command(app, action);
  add_check_command(app, action);
  add_bench_command(app, action);
  add_compare_command(app, action);
  add_merge_command(app, action);
  add_analyze_command(app, action);
  add_plot_command(app, action);
  add_report_command(app, action);
  add_discover_command(app, action);
  add_help_command(app, action);
  add_serve_command(app, action);
  if (const std::string wrong = option_not_taken(app, argc, argv); !wrong.empty()) {
    std::cerr << wrong << "\n";
    return kExitBadInput;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitBadInput;
  }
  // Under MPI (regimesim-mpi) a failure on any rank ends every rank with its code.
  const int code = [&] {
    try {
      return action();
    } catch (const regimesim::ScenarioError& e) {
      std::cerr << e.what() << "\n";
      return kExitBadInput;
    } catch (const regimesim::output::OutputRefused& e) {
      std::cerr << "error: " << e.what() << "\n";
      return kExitBadInput;
    } catch (const std::exception& e) {
      std::cerr << "error: " << e.what() << "\n";
      return kExitFailure;
    }
  }();
  return regimesim::ensemble::finish_on_every_rank(code, code == kExitInterrupted);
}
