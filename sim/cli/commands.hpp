// The subcommands of `regimesim`, one file each. A command registers its options on
// the app and returns the action to run once the command line has been parsed.
#pragma once

#include <CLI/CLI.hpp>
#include <atomic>
#include <functional>
#include <string>

namespace regimesim::cli {

using Action = std::function<int()>;

// Exit codes every command keeps.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitInterrupted = 130;

// Set by SIGINT/SIGTERM; long work checks it between steps.
extern std::atomic<bool> g_stop_requested;
extern std::string g_command_line;

void add_run_command(CLI::App& app, Action& action);
void add_check_command(CLI::App& app, Action& action);
void add_bench_command(CLI::App& app, Action& action);
void add_compare_command(CLI::App& app, Action& action);
void add_analyze_command(CLI::App& app, Action& action);
void add_report_command(CLI::App& app, Action& action);

// Writes DIR/report.html (report_command.cpp); returns an exit code.
int write_report(const std::string& dir);

}  // namespace regimesim::cli
