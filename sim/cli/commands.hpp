// The subcommands of `regimesim`, one file each. A command registers its options on
// the app and returns the action to run once the command line has been parsed.
#pragma once

#include <CLI/CLI.hpp>
#include <atomic>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "output/row_filter.hpp"

namespace regimesim::cli {

using Action = std::function<int()>;

// Exit codes every command keeps.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitInterrupted = 130;

// Set by SIGINT/SIGTERM; long work checks it between steps.
extern std::atomic<bool> g_stop_requested;
// Until a command sets this (just before it creates its output directory and starts
// the work that polls g_stop_requested), SIGINT/SIGTERM exit at once with 130:
// loading and validation write nothing, and they do not poll.
extern std::atomic<bool> g_stop_polled;
extern std::string g_command_line;

void add_run_command(CLI::App& app, Action& action);
void add_check_command(CLI::App& app, Action& action);
void add_bench_command(CLI::App& app, Action& action);
void add_compare_command(CLI::App& app, Action& action);
void add_merge_command(CLI::App& app, Action& action);
void add_analyze_command(CLI::App& app, Action& action);
void add_plot_command(CLI::App& app, Action& action);
void add_report_command(CLI::App& app, Action& action);
void add_discover_command(CLI::App& app, Action& action);
void add_serve_command(CLI::App& app, Action& action);  // serve_command.cpp (sim/classroom/)

// --seed's check: a whole number from 0 to 2^64 - 1, the range the loader takes
// (CLI11 alone would let an out-of-range number wrap or saturate).
CLI::Validator whole_seed();

// --detail, --metrics, --states, --items: which rows the tables keep (output/row_filter.hpp).
void add_row_options(CLI::App* cmd, output::RowChoice& rows);

// Writes DIR/report.html (report_command.cpp); returns an exit code. `discovery`, when
// given, is the boxes the page draws (discovery.json's layout), found at `source`.
int write_report(const std::string& dir);
int write_report(const std::string& dir, const std::optional<nlohmann::json>& discovery, const std::string& source);

}  // namespace regimesim::cli
