// regimesim: an agent-based model of export-control regimes.
#include <unistd.h>

#include <charconv>
#include <csignal>
#include <iostream>

#include "cli/commands.hpp"
#include "model/scenario_error.hpp"
#include "output/result_directory.hpp"
#include "version.hpp"

namespace regimesim::cli {

CLI::Validator whole_seed() {
  return CLI::Validator(
      [](std::string& text) {
        std::uint64_t v = 0;
        auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (ec == std::errc() && p == text.data() + text.size() && !text.empty()) return std::string();
        return "a seed is a whole number from 0 to 18446744073709551615, not " + text;
      },
      "0..18446744073709551615", "seed");
}

std::atomic<bool> g_stop_requested{false};
std::atomic<bool> g_stop_polled{false};
std::string g_command_line;
}  // namespace regimesim::cli

namespace {
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
  add_analyze_command(app, action);
  add_report_command(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitBadInput;
  }
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
}
